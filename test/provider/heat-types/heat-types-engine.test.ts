// Heat's types through the engine: a workspace of in-memory .tf.json files.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { EngineEvent } from "../../../engine/events.js";
import { testEngine } from "../../engine-fixture.js";
import { HeatTypesStack } from "./heat-stack-fixture.js";

async function rejects(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.match((e as Error).message, pattern);
    return;
  }
  assert.unreachable("expected a rejection");
}

const SHORT_NAME = /^[a-z0-9_.-]+-[a-z2-7]{12}$/;

/** An abort controller that aborts once `address` has started (so the type is waiting). */
function abortWhenStarted(address: string) {
  const ac = new AbortController();
  const onEvent = (e: EngineEvent) => {
    if (e.type === "resource" && e.event.kind === "start" && e.event.address === address)
      setImmediate(() => ac.abort());
  };
  return { signal: ac.signal, cancelSignal: ac.signal, onEvent };
}

test("heat_value: converts to its type; updates in place keep the physical id", async () => {
  const s = new HeatTypesStack(testEngine());
  const r1 = await s.apply({
    heat_value: { v: { value: "3", type: "number" }, b: { value: "TRUE", type: "boolean" } },
  });
  assert.equal(r1.result.failed, []);
  const v1 = s.attrs("heat_value.v");
  assert.is(v1?.value, 3);
  assert.match(String(v1?.id), SHORT_NAME);
  assert.is(s.attrs("heat_value.b")?.value, true);

  const r2 = await s.apply({ heat_value: { v: { value: 7, type: "string" }, b: { value: "TRUE", type: "boolean" } } });
  assert.equal([r2.result.added, r2.result.changed, r2.result.destroyed], [0, 1, 0]);
  assert.is(s.attrs("heat_value.v")?.value, "7");
  assert.is(s.attrs("heat_value.v")?.id, v1?.id, "updated in place: same physical id");

  const same = await s.apply({
    heat_value: { v: { value: 7, type: "string" }, b: { value: "TRUE", type: "boolean" } },
  });
  assert.equal(
    [same.result.added, same.result.changed, same.result.destroyed],
    [0, 0, 0],
    "converted value is no drift",
  );

  await rejects(
    s.apply({ heat_value: { v: { value: "abc", type: "number" }, b: { value: "yes", type: "boolean" } } }),
    /is not a valid boolean|could not convert/,
  );
});

test("heat_test_resource: value updates in place; update_replace and update_replace_value replace", async () => {
  const s = new HeatTypesStack(testEngine());
  await s.apply({ heat_test_resource: { t: { value: "one" } } });
  const a = s.attrs("heat_test_resource.t");
  assert.is(a?.output, "one");
  assert.match(String(a?.id), SHORT_NAME);

  const r2 = await s.apply({ heat_test_resource: { t: { value: "two" } } });
  assert.equal([r2.result.added, r2.result.changed, r2.result.destroyed], [0, 1, 0]);
  assert.is(s.attrs("heat_test_resource.t")?.output, "two");
  assert.is(s.attrs("heat_test_resource.t")?.id, a?.id);

  // update_replace alone changes in place; with it, a changed value replaces
  const r3 = await s.apply({ heat_test_resource: { t: { value: "two", update_replace: true } } });
  assert.equal([r3.result.added, r3.result.changed, r3.result.destroyed], [0, 1, 0]);
  assert.is(s.attrs("heat_test_resource.t")?.id, a?.id);
  const r4 = await s.apply({ heat_test_resource: { t: { value: "three", update_replace: true } } });
  assert.equal([r4.result.added, r4.result.destroyed], [1, 1]);
  const b = s.attrs("heat_test_resource.t");
  assert.is(b?.output, "three");
  assert.is.not(b?.id, a?.id, "replaced: a new physical id");

  const r5 = await s.apply({
    heat_test_resource: { t: { value: "three", update_replace: true, update_replace_value: "x" } },
  });
  assert.equal([r5.result.added, r5.result.destroyed], [1, 1]);
  assert.is.not(s.attrs("heat_test_resource.t")?.id, b?.id);
});

test("heat_test_resource: fail fails create and update with Heat's reason, never delete", async () => {
  const s = new HeatTypesStack(testEngine());
  const r1 = await s.apply({ heat_test_resource: { bad: { fail: true } } });
  assert.equal(r1.result.failed, [
    { address: "heat_test_resource.bad", error: "Test Resource failed bad", errorType: "ValueError" },
  ]);
  // recorded failed (tainted), without a physical id, as Heat keeps a CREATE_FAILED resource with none
  assert.ok(s.tainted("heat_test_resource.bad"));
  assert.is(s.attrs("heat_test_resource.bad")?.id ?? null, null);

  await s.apply({ heat_test_resource: { t: { value: "a" } } });
  const r2 = await s.apply({ heat_test_resource: { t: { value: "b", fail: true } } });
  assert.equal(
    r2.result.failed.map((f) => [f.errorType, f.error]),
    [["ValueError", "Test Resource failed t"]],
  );
  assert.is(s.attrs("heat_test_resource.t")?.output, "a", "the failed update kept the old value");

  const d = await s.destroy({ heat_test_resource: { t: { value: "b", fail: true } } });
  assert.equal(d.result.failed, []);
  assert.is(s.attrs("heat_test_resource.t"), undefined);
});

test("heat_test_resource: waits really wait, per action, and cancelling ends them", async () => {
  const s = new HeatTypesStack(testEngine());
  const t0 = Date.now();
  await s.apply({ heat_test_resource: { w: { wait_secs: 0.3, action_wait_secs: { delete: 0 } } } });
  assert.ok(Date.now() - t0 >= 300, "create waited wait_secs");
  const t1 = Date.now();
  await s.destroy({ heat_test_resource: { w: { wait_secs: 0.3, action_wait_secs: { delete: 0 } } } });
  assert.ok(s.attrs("heat_test_resource.w") === undefined);
  // an infinite wait (-1) ends only by cancellation
  const stop = abortWhenStarted("heat_test_resource.forever");
  const r = await s.apply({ heat_test_resource: { forever: { wait_secs: -1 } } }, stop);
  assert.ok(stop.signal.aborted);
  assert.ok(r.result.failed.length + r.result.cancelled.length >= 1, JSON.stringify(r.result));
  assert.is(s.attrs("heat_test_resource.forever")?.id ?? null, null, "never created");
  assert.ok(Date.now() - t1 >= 0);
});

test("heat_random_string: meets every minimum; a new salt replaces it with a new string", async () => {
  const s = new HeatTypesStack(testEngine());
  const config = (salt: string) => ({
    heat_random_string: {
      r: {
        length: 12,
        salt,
        character_classes: [
          { class: "digits", min: 3 },
          { class: "uppercase", min: 2 },
        ],
        character_sequences: [{ sequence: "!@#", min: 4 }],
      },
    },
  });
  await s.apply(config("a"));
  const a = s.attrs("heat_random_string.r");
  const v = String(a?.value);
  assert.is(v.length, 12);
  assert.ok((v.match(/[0-9]/g) ?? []).length >= 3, v);
  assert.ok((v.match(/[A-Z]/g) ?? []).length >= 2, v);
  assert.ok((v.match(/[!@#]/g) ?? []).length >= 4, v);
  assert.ok(/^[0-9A-Z!@#]+$/.test(v), v);
  assert.match(String(a?.id), SHORT_NAME);

  const same = await s.apply(config("a"));
  assert.equal([same.result.added, same.result.changed], [0, 0]);
  assert.is(s.attrs("heat_random_string.r")?.value, v);

  const r = await s.apply(config("b"));
  assert.equal([r.result.added, r.result.destroyed], [1, 1]);
  assert.is.not(s.attrs("heat_random_string.r")?.id, a?.id);

  await rejects(
    s.apply({ heat_random_string: { short: { length: 3, character_classes: [{ class: "digits", min: 4 }] } } }),
    /Length property cannot be smaller than combined character class and character sequence minimums/,
  );
  await s.apply({ heat_random_string: { d: {} } });
  assert.match(String(s.attrs("heat_random_string.d")?.value), /^[A-Za-z0-9]{32}$/);
});

test("heat_none: takes any properties, keeps none, never updates", async () => {
  const s = new HeatTypesStack(testEngine());
  await s.apply({ heat_none: { n: { properties: { flavor: "m1.small" } } } });
  const id = s.attrs("heat_none.n")?.id;
  assert.match(String(id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const r = await s.apply({ heat_none: { n: { properties: { flavor: "m1.large", image: "x" } } } });
  assert.equal([r.result.added, r.result.changed, r.result.destroyed], [0, 0, 0]);
  assert.is(s.attrs("heat_none.n")?.id, id);
});

test("heat_delay: pauses during create; cancelling ends the pause; no pause on update", async () => {
  const s = new HeatTypesStack(testEngine());
  const t0 = Date.now();
  await s.apply({ heat_delay: { d: { min_wait: 0.3 } } });
  assert.ok(Date.now() - t0 >= 300);
  assert.is(s.attrs("heat_delay.d")?.id, "", "Heat gives a delay no physical id");
  const r = await s.apply({ heat_delay: { d: { min_wait: 3600 } } });
  assert.equal([r.result.changed], [1], "an update in place, without a pause");
  const stop = abortWhenStarted("heat_delay.long");
  const r2 = await s.apply({ heat_delay: { d: { min_wait: 3600 }, long: { min_wait: 3600 } } }, stop);
  assert.ok(r2.result.failed.length + r2.result.cancelled.length >= 1);
  assert.is(s.attrs("heat_delay.long")?.id ?? null, null, "never created");
});

test.run();
