// examples/mesos-cluster on simulated hosts whose repositories have no Mesos, Marathon or Chronos (as on this
// machine): the plan and the apply say what gantry cannot do in the same grouped lines, one per set of packages or
// services, outcome, reason and hosts ("services chronos, marathon, mesos-master: not started on node-4, node-5,
// node-6 — ..."), in the same order; -verbose gives one line per resource and host.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { renderHostLimitations } from "../../cli/render-host-limitations.js";
import { makeStyle } from "../../cli/style.js";
import type { AddressedHostLimitation } from "../../contract/host-limitation.js";
import type { EngineEvent } from "../../engine/events.js";
import { exampleCopy } from "../blueprints/harness.js";
import { resetTestEngine, testEngine } from "../engine-fixture.js";

const s = makeStyle(false);
const values = { driver: "sim", ssh: { unavailable: ["mesos", "marathon", "chronos"] } };
const NO_PACKAGE = "no package in the reachable repositories";
const expected = [
  `  package docker.io: not installed on node-1, node-2, node-3 — ${NO_PACKAGE} (missing mesos)`,
  `  package mesos: not installed on node-1, node-2, node-3, node-4, node-5, node-6 — ${NO_PACKAGE}`,
  `  packages chronos, marathon: not installed on node-4, node-5, node-6 — ${NO_PACKAGE}`,
  `  services dockerd, mesos-slave: not started on node-1, node-2, node-3 — ${NO_PACKAGE} (missing mesos)`,
  "  services chronos, marathon, mesos-master: not started on node-4, node-5, node-6 — " +
    `${NO_PACKAGE} (missing chronos, marathon, mesos)`,
];

function said(events: EngineEvent[], phase: "plan" | "apply"): AddressedHostLimitation[] {
  const e = events.find((x) => x.type === "host-limitations" && x.phase === phase);
  assert.ok(e, `a host-limitations event at ${phase}`);
  return (e as Extract<EngineEvent, { type: "host-limitations" }>).limitations;
}

const grouped = (l: AddressedHostLimitation[], verbose = false) =>
  renderHostLimitations(l, [], "H:", s, verbose).filter((line) => line.startsWith("  ") && !line.startsWith("  ("));

test("plan and apply: one line per package or service set and reason, the same lines; -verbose: one each", async () => {
  resetTestEngine();
  const dir = exampleCopy();
  const ws = () => testEngine().workspace({ dir, values });
  const events: EngineEvent[] = [];
  await testEngine().plan(ws(), { onEvent: (e) => events.push(e) });
  const planned = said(events, "plan");
  assert.equal(grouped(planned), expected);

  const out = await testEngine().apply(ws(), { onEvent: (e) => events.push(e) });
  if (out.status !== "applied") throw new Error("not applied");
  assert.equal(out.result.failed, []);
  const applied = said(events, "apply");
  assert.equal(grouped(applied), expected, grouped(applied).join("\n"));

  // the long form: one line per resource and host (6 + 6 + 3 packages, 3 × 2 + 3 × 3 services)
  const long = grouped(applied, true);
  assert.is(long.length, 30);
  assert.ok(long.some((l) => /gantry_service\.mesos_agent_dockerd\["agent-1"\]: service dockerd will not be/.test(l)));
});

test.run();
