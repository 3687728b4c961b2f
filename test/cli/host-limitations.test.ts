// What gantry cannot do on the hosts, said once per package or service, outcome and hosts; -verbose and other
// warnings keep the long form.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  packageNeedsMissing,
  packageWithoutCandidate,
  parseHostLimitation,
  serviceNeedsMissing,
} from "../../contract/host-limitation.js";
import { renderApplySummary } from "../../cli/render-apply-summary.js";
import { renderHostLimitations } from "../../cli/render-host-limitations.js";
import { makeStyle } from "../../cli/style.js";

const s = makeStyle(false);
const hosts = ["node-10", "node-4", "node-5", "node-6"];
const warnings = [
  ...hosts.map((h, i) => ({ address: `p.mesos[${i}]`, message: packageWithoutCandidate("mesos", h, "local", true) })),
  ...hosts.flatMap((h, i) => [
    { address: `s.master[${i}]`, message: serviceNeedsMissing("mesos-master", h, "ssh", "mesos") },
    { address: `s.marathon[${i}]`, message: serviceNeedsMissing("marathon", h, "ssh", "marathon") },
  ]),
  { address: "p.docker[0]", message: packageNeedsMissing("docker.io", "node-1", "local", "mesos") },
  { address: "s.web", message: 'process "web" was already running on local host (pid 12); restarting it' },
];

test("every sentence a type writes is read back", () => {
  assert.equal(parseHostLimitation(packageNeedsMissing("docker.io", "n-1", "sim", "mesos")), {
    kind: "package",
    name: "docker.io",
    host: "n-1",
    driver: "sim",
    outcome: "not installed",
    missing: ["mesos"],
  });
  assert.equal(parseHostLimitation(packageWithoutCandidate("x", "h", "local", false))?.outcome, "cannot be installed");
  assert.equal(parseHostLimitation(serviceNeedsMissing("chronos", "h", "ssh", "chronos"))?.outcome, "not started");
  assert.is(parseHostLimitation("something else happened"), null);
});

test("grouped: one line per outcome and set of hosts, hosts in natural order, other warnings as they are", () => {
  const lines = renderHostLimitations(warnings, "What gantry cannot do on these hosts:", s);
  assert.equal(lines.slice(0, 6), [
    "",
    "What gantry cannot do on these hosts:",
    "  package mesos: not installed on node-4, node-5, node-6, node-10 — no package in the reachable repositories",
    "  services mesos-master, marathon: not started on node-4, node-5, node-6, node-10 — no package in the " +
      "reachable repositories (missing mesos, marathon)",
    "  package docker.io: not installed on node-1 — no package in the reachable repositories (missing mesos)",
    '  s.web: process "web" was already running on local host (pid 12); restarting it',
  ]);
  assert.match(lines[6], /-verbose lists every resource/);
  assert.is(lines.length, 7);
});

test("-verbose: one line per resource, as written", () => {
  const lines = renderHostLimitations(warnings, "H:", s, true);
  assert.is(lines.length, 2 + warnings.length);
  assert.is(lines[2], `  p.mesos[0]: ${warnings[0].message}`);
});

test("apply's summary says it grouped, and one line per resource with -verbose; -json leaves them out", () => {
  const result = {
    added: 3,
    changed: 0,
    destroyed: 0,
    failed: [],
    skipped: [],
    cancelled: [],
    warnings: warnings.slice(0, 4),
    diagnostics: [],
  };
  const e = { type: "summary" as const, mode: "normal" as const, result, outputs: {}, statePath: "gantry.tfstate" };
  const grouped = renderApplySummary(e, s, false);
  assert.ok(grouped.includes("What gantry could not do on the hosts:"), grouped.join("\n"));
  assert.ok(
    grouped.includes(
      "  package mesos: not installed on node-4, node-5, node-6, node-10 — no package in the reachable repositories",
    ),
  );
  assert.is(renderApplySummary(e, s, false, true).filter((l) => l.includes("cannot be installed on host")).length, 4);
  assert.not.match(renderApplySummary(e, s, true).join("\n"), "not installed");
});

test("no warnings: no section", () => {
  assert.equal(renderHostLimitations([], "H:", s), []);
});

test.run();
