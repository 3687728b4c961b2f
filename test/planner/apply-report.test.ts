// What an apply tells about a deposed object: every event of its change carries the typed id
// ({ address, deposed }) beside the display address, so a door never parses "(deposed N)" back.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { HostLimitation } from "../../contract/host-limitation.js";
import { type ApplyEvent, ApplyReport } from "../../planner/apply-report.js";
import type { ResourceChange } from "../../planner/changes.js";
import { type DeposedRef, deposedDisplayAddress, instanceAddressOf } from "../../planner/deposed-ref.js";

const change = (over: Partial<ResourceChange>): ResourceChange => ({
  address: "gantry_noop.a",
  resourceKey: "gantry_noop.a",
  type: "gantry_noop",
  name: "a",
  action: "delete",
  before: { id: "x" },
  after: null,
  requiresReplace: [],
  dependsOn: [],
  deferred: false,
  ...over,
});

const deposedChange = (deposed: number): ResourceChange => {
  const ref: DeposedRef = { address: "gantry_noop.a", deposed };
  return change({ address: deposedDisplayAddress(ref), deposed: ref, reason: "deposed" });
};

test("a deposed object's events carry its typed id; the instance's own events carry none", () => {
  const events: ApplyEvent[] = [];
  const report = new ApplyReport((e) => events.push(e));
  const [d0, d1, d2, d3] = [0, 1, 2, 3].map(deposedChange);
  const current = change({ action: "update", after: { id: "x" } });
  report.started(d0!);
  report.identified(d0!, "x");
  const limitation: HostLimitation = {
    kind: "package",
    name: "p",
    host: "h",
    driver: "sim",
    outcome: "not installed",
    reason: "no repository has it",
    missing: ["p"],
  };
  report.completed(d0!, 1, "x", { warnings: ["careful"], limitations: [limitation] });
  report.started(d1!, "delete");
  report.failed(d1!, 1, "boom", "ValueError");
  report.skipped(d2!, "gantry_noop.b");
  report.cancelled(d3!);
  report.started(current);
  report.identified(current, "x");
  report.failed(current, 1, "boom");

  const ofDeposed = events.filter((e) => e.address !== "gantry_noop.a");
  assert.equal(
    ofDeposed.map((e) => `${e.kind} ${e.address}`),
    [
      "start gantry_noop.a (deposed 0)",
      "identified gantry_noop.a (deposed 0)",
      "warning gantry_noop.a (deposed 0)",
      "limitation gantry_noop.a (deposed 0)",
      "complete gantry_noop.a (deposed 0)",
      "start gantry_noop.a (deposed 1)",
      "error gantry_noop.a (deposed 1)",
      "skipped gantry_noop.a (deposed 2)",
      "cancelled gantry_noop.a (deposed 3)",
    ],
  );
  for (const e of ofDeposed) {
    assert.ok("deposed" in e && e.deposed, `${e.kind} ${e.address} carries its deposed id`);
    assert.is(instanceAddressOf(e), "gantry_noop.a");
    assert.is(deposedDisplayAddress(e.deposed), e.address);
  }
  const own = events.filter((e) => e.address === "gantry_noop.a");
  assert.equal(
    own.map((e) => e.kind),
    ["start", "identified", "error"],
  );
  for (const e of own) assert.not.ok("deposed" in e, `${e.kind}: no deposed key on the instance's own event`);
  assert.is(instanceAddressOf(own[0]!), "gantry_noop.a");
});

test.run();
