// cancel_without_rollback as the real Heat 19 does it (asked on 2 December
// 2026): the stack is CREATE_FAILED (UPDATE_FAILED) "Stack CREATE cancelled"
// at once, in the answer to the action, with one event saying so; the
// resource in progress is not stopped and finishes on its own.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { caller, probes, source, stackFixture } from "./stack-fixture.js";

test("cancel_without_rollback of a create: CREATE_FAILED at once, one event, the resource finishes", async () => {
  const f = stackFixture();
  const s = await f.service.create(caller, {
    name: "cw",
    source: source(probes({ slow: { value: 1, gate: "g" }, after: { value: "${gantry_probe.slow.id}" } })),
  });
  await f.control.reached("g");
  await f.service.action(caller, s, "cancel_without_rollback");
  const now = await f.stack(s);
  assert.is(`${now.action}_${now.status}`, "CREATE_FAILED", "failed in the answer to the action");
  assert.is(now.statusReason, "Stack CREATE cancelled");
  f.control.open("g");
  await f.service.idle();
  const after = await f.stack(s);
  assert.is(`${after.action}_${after.status}`, "CREATE_FAILED");
  assert.is(after.statusReason, "Stack CREATE cancelled");
  const events = await f.events(s);
  assert.equal(
    events.filter((e) => e.startsWith("cw ")),
    ["cw CREATE_IN_PROGRESS Stack CREATE started", "cw CREATE_FAILED Stack CREATE cancelled"],
  );
  assert.is((await f.resource(s, "slow")).action, "CREATE");
  assert.is((await f.resource(s, "after")).action, "INIT", "nothing new starts after the cancel");
});

test("cancel_without_rollback of an update: UPDATE_FAILED at once", async () => {
  const f = stackFixture();
  const s = await f.service.create(caller, { name: "cu", source: source(probes({ a: { value: 1 } })) });
  await f.service.idle();
  await f.service.update(caller, s, { existing: false, template: probes({ a: { value: 2, gate: "g" } }) });
  await f.control.reached("g");
  await f.service.action(caller, s, "cancel_without_rollback");
  assert.is((await f.stack(s)).status, "FAILED");
  f.control.open("g");
  await f.service.idle();
  const r = await f.stack(s);
  assert.is(`${r.action}_${r.status}`, "UPDATE_FAILED");
  assert.is(r.statusReason, "Stack UPDATE cancelled");
  const told = (await f.events(s)).filter((e) => e === "cu UPDATE_FAILED Stack UPDATE cancelled");
  assert.is(told.length, 1);
});

test.run();
