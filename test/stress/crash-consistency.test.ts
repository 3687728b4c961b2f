// Crash consistency on a fixed set of seeds: one run of each kill point (between and inside creates, inside a state
// write, inside a create_before_destroy replacement, inside a destroy, `reconcile --watch` mid-repair). The long run
// with more seeds is test/stress/crash-consistency.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { crashRun, KILL_KINDS } from "./crash-harness.js";
import { testAddress } from "../cli/cli-harness.js";

// seeds whose kill points land inside the operation on this machine's timings; each kind is run whatever lands
const SEEDS: Record<string, number> = {
  create: 1005,
  "state-write": 1001,
  replace: 1002,
  destroy: 1003,
  reconcile: 1004,
};

for (const kind of KILL_KINDS) {
  test(`SIGKILL at a ${kind} point loses nothing and the next run converges`, async () => {
    const r = await crashRun(SEEDS[kind], testAddress(), kind);
    assert.equal(r.problems, [], `seed ${r.seed} ${r.kind} at ${r.point}:\n${r.problems.join("\n")}`);
    // the in-process crash point is reached on every machine
    if (kind === "state-write") assert.not.ok(r.missed, `the crash point ${r.point} was not reached`);
  });
}

test.run();
