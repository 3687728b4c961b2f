// Crash consistency on a fixed set of seeds: one run of each kill point (between and inside creates, inside a state
// write, inside a create_before_destroy replacement, inside a destroy, `reconcile --watch` mid-repair). The long run
// with more seeds is test/stress/crash-consistency.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { crashRun, KILL_KINDS } from "./crash-harness.js";
import { testAddress } from "../cli/cli-harness.js";

// seeds whose kill points land inside the operation on this machine's timings; each kind is run whatever lands
const SEEDS: Record<string, number> = { create: 1005, "state-write": 1001, replace: 1002, destroy: 1003, reconcile: 1004 };

for (const kind of KILL_KINDS) {
  test(`SIGKILL at a ${kind} point loses nothing and the next run converges`, async () => {
    const r = await crashRun(SEEDS[kind], testAddress(), kind);
    assert.equal(r.problems, [], `seed ${r.seed} ${r.kind} at ${r.point}:\n${r.problems.join("\n")}`);
  });
}

test("a state write killed before its rename leaves the previous state, and the next apply converges", async () => {
  // seed 1001 draws the first apply's first write; the check is the same whatever stage it stops at
  const r = await crashRun(1001, testAddress(), "state-write");
  assert.ok(r.point.includes("state-write:"), r.point);
  assert.not.ok(r.missed, `the crash point ${r.point} was not reached`);
  assert.equal(r.problems, []);
});

test.run();
