// What gantry cannot do on the hosts, said once per package or service, outcome, reason and hosts; -verbose, the
// long form; -json, the groups and every limitation as data; an apply says it through the engine's event.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  type AddressedHostLimitation,
  limitationSentence,
  needsMissingPackage,
  packageWithoutCandidate,
} from "../../contract/host-limitation.js";
import { EventRenderer } from "../../cli/event-renderer.js";
import { hostLimitationsJson } from "../../cli/render-json.js";
import { renderHostLimitations } from "../../cli/render-host-limitations.js";
import { makeStyle } from "../../cli/style.js";
import { groupHostLimitations } from "../../engine/host-limitation-groups.js";

const s = makeStyle(false);
const hosts = ["node-10", "node-4", "node-5", "node-6"];
const on = (name: string, driver = "local") => ({ name, driver });
const limitations: AddressedHostLimitation[] = [
  ...hosts.map((h, i) => ({ address: `p.mesos[${i}]`, limitation: packageWithoutCandidate("mesos", on(h), true) })),
  ...hosts.flatMap((h, i) => [
    { address: `s.master[${i}]`, limitation: needsMissingPackage("service", "mesos-master", on(h, "ssh"), "mesos") },
    { address: `s.marathon[${i}]`, limitation: needsMissingPackage("service", "marathon", on(h, "ssh"), "marathon") },
  ]),
  { address: "p.docker[0]", limitation: needsMissingPackage("package", "docker.io", on("node-1", "sim"), "mesos") },
];
const other = [
  { address: "s.web", message: 'process "web" was already running on local host (pid 12); restarting it' },
];

test("the long form of each limitation", () => {
  assert.is(
    limitationSentence(needsMissingPackage("service", "chronos", on("n-1", "ssh"), "chronos")),
    "service chronos will not be started on host n-1 (ssh): it needs package chronos — no package in the reachable " +
      "repositories; its configuration is still written",
  );
  assert.match(limitationSentence(packageWithoutCandidate("x", on("h"), false)), /the apply will fail$/);
  assert.match(limitationSentence(packageWithoutCandidate("x", on("h"), true)), /does not install it/);
});

test("groups: one per outcome, reason and set of hosts, hosts in natural order, from every driver", () => {
  const groups = groupHostLimitations(limitations);
  assert.equal(
    groups.map((g) => [g.kind, g.names, g.outcome, g.hosts, g.missing]),
    [
      ["package", ["mesos"], "not installed", ["node-4", "node-5", "node-6", "node-10"], ["mesos"]],
      [
        "service",
        ["mesos-master", "marathon"],
        "not started",
        ["node-4", "node-5", "node-6", "node-10"],
        ["mesos", "marathon"],
      ],
      ["package", ["docker.io"], "not installed", ["node-1"], ["mesos"]],
    ],
  );
  assert.is(groups[1].addresses.length, 8);
  // a different reason is a different group
  const notYet = needsMissingPackage("service", "zookeeper", on("node-4"), "zookeeper", "a package it needs is not");
  assert.is(groupHostLimitations([...limitations, { address: "s.zk", limitation: notYet }]).length, 4);
});

test("the text: one line per group, then other warnings as they are", () => {
  const lines = renderHostLimitations(limitations, other, "What gantry cannot do on these hosts:", s);
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

test("-verbose: one line per resource", () => {
  const lines = renderHostLimitations(limitations, [], "H:", s, true);
  assert.is(lines.length, 2 + limitations.length);
  assert.is(lines[2], `  p.mesos[0]: ${limitationSentence(limitations[0].limitation)}`);
});

test("-json: the groups and every limitation", () => {
  const j = hostLimitationsJson(limitations) as {
    host_limitations: { groups: { names: string[] }[]; items: { address: string; host: string }[] };
  };
  assert.is(j.host_limitations.groups.length, 3);
  assert.is(j.host_limitations.items.length, limitations.length);
  assert.equal(j.host_limitations.items[0], { address: "p.mesos[0]", ...limitations[0].limitation });
  assert.equal(hostLimitationsJson([]), {});
});

function applyEnd(json: boolean, verbose: boolean): string[] {
  const out: string[] = [];
  const r = new EventRenderer(s, json, (t) => out.push(t), { dir: "." }, verbose);
  const result = {
    ...{ added: 3, changed: 0, destroyed: 0, failed: [], skipped: [], cancelled: [], diagnostics: [] },
    warnings: other,
    limitations: limitations.slice(0, 4),
  };
  const groups = groupHostLimitations(result.limitations);
  r.onEvent({ type: "host-limitations", phase: "apply", limitations: result.limitations, groups });
  r.onEvent({ type: "summary", mode: "normal", result, outputs: {}, statePath: "gantry.tfstate" });
  return out;
}

test("an apply: the engine's event, shown grouped with the summary; -verbose per resource; -json as data", () => {
  const grouped = applyEnd(false, false);
  assert.ok(grouped.includes("What gantry could not do on the hosts:"), grouped.join("\n"));
  assert.ok(
    grouped.includes(
      "  package mesos: not installed on node-4, node-5, node-6, node-10 — no package in the reachable repositories",
    ),
  );
  assert.is(applyEnd(false, true).filter((l) => l.includes("cannot be installed on host")).length, 4);
  const json = applyEnd(true, false).map((l) => JSON.parse(l));
  const said = json.find((l) => l.type === "host_limitations");
  assert.is(said.host_limitations.groups[0].hosts.length, 4);
  assert.is(json.at(-1).type, "change_summary");
});

test("nothing to say: no section", () => {
  assert.equal(renderHostLimitations([], [], "H:", s), []);
});

test.run();
