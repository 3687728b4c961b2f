// A signal's defaults and checks, and a wait condition's outcome, as Heat 19's
// wait_condition_handle.py and resources/wait_condition.py make them (the
// served flow is in wait-condition-stack.test.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { waitOutcome } from "../../provider/types/heat/heat-wait-condition.js";
import { HandleSignalBoard, normalisedSignal } from "../../stacks/handle-signals.js";

test("a signal's defaults: SUCCESS, 'Signal N received', data null, id N; given keys first, in their order", () => {
  assert.equal(normalisedSignal(null, 0), {
    id: "1",
    entry: { reason: "Signal 1 received", data: null, status: "SUCCESS" },
  });
  const given = normalisedSignal({ data: { x: 1 }, reason: "second", id: "two" }, 1);
  assert.equal(given, { id: "two", entry: { data: { x: 1 }, reason: "second", status: "SUCCESS" } });
  assert.equal("entry" in given && Object.keys(given.entry), ["data", "reason", "status"]);
  assert.equal(normalisedSignal([1], 2), {
    id: "3",
    entry: { reason: "Signal 3 received", data: null, status: "SUCCESS" },
  });
  assert.equal(normalisedSignal("text", 3), {
    id: "4",
    entry: { reason: "Signal 4 received", data: null, status: "SUCCESS" },
  });
  const seven = normalisedSignal({ id: 7 }, 0);
  assert.is("id" in seven && seven.id, "7");
});

test("a signal with another status or other keys is dropped, with Heat's reason", () => {
  assert.match(dropped(normalisedSignal({ status: "BOGUS" }, 0)), /^Metadata format invalid: status must be/);
  assert.match(dropped(normalisedSignal({ extra: 1 }, 0)), /^Metadata format invalid: unknown keys extra/);
});

function dropped(s: ReturnType<typeof normalisedSignal>): string {
  if (!("dropped" in s)) throw new Error(`kept: ${JSON.stringify(s)}`);
  return s.dropped;
}

const handle = (...signals: [string, string][]) => ({
  name: "h",
  signals: signals.map(([status, reason], i) => ({ id: String(i + 1), status, reason })),
  data: "{}",
});

test("a wait condition's outcome: waiting, done, failed, timed out, as Heat words them", () => {
  assert.is(waitOutcome(handle(["SUCCESS", "a"]), 2, false), "waiting");
  assert.equal(waitOutcome(handle(["SUCCESS", "a"], ["SUCCESS", "b"]), 2, false), { data: "{}" });
  const failed = waitOutcome(handle(["FAILURE", "x"], ["SUCCESS", "a"], ["FAILURE", "y"]), 5, false);
  assert.ok(typeof failed === "object" && "failed" in failed);
  assert.is(failed.failed.name, "WaitConditionFailure");
  assert.is(failed.failed.message, "x;y");
  const late = waitOutcome(handle(["SUCCESS", "Signal 1 received"], ["SUCCESS", "b"]), 3, true);
  assert.ok(typeof late === "object" && "failed" in late);
  assert.is(late.failed.name, "WaitConditionTimeout");
  assert.is(late.failed.message, "2 of 3 received - Signal 1 received;b");
  const none = waitOutcome(handle(), 2, true);
  assert.ok(typeof none === "object" && "failed" in none);
  assert.is(none.failed.message, "0 of 2 received");
});

test("a service forgets the handle signals it kept when the stack is deleted; the store stays the record", async () => {
  const signal = (reason: string) => ({ reason, data: null, status: "SUCCESS" });
  let metadata: Record<string, unknown> = { "1": signal("a") };
  const store = {
    getResource: async (_stack: string, name: string) => ({ name, metadata }),
    putResource: async () => {},
  };
  const board = new HandleSignalBoard({ store, recorder: {} } as never);
  assert.is((await board.signalsOf("s1", "h")).signals.length, 1);
  metadata = { "1": signal("a"), "2": signal("b") };
  assert.is((await board.signalsOf("s1", "h")).signals.length, 1, "kept while the stack lives");
  board.forget("s1");
  assert.equal(
    (await board.signalsOf("s1", "h")).signals.map((x) => x.reason),
    ["a", "b"],
  );
});

test.run();
