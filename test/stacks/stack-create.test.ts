// Creating and deleting stacks: statuses, events and their texts as Heat's
// convergence engine gives them, physical ids, requiredBy, outputs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { caller, probes, source, stackFixture } from "./stack-fixture.js";

test("create: the stack and its resources go IN_PROGRESS → COMPLETE with Heat's events", async () => {
  const f = stackFixture();
  const template = probes(
    { a: { value: "one" }, b: { value: "${gantry_probe.a.id}" } },
    { a_id: "${gantry_probe.a.id}" },
  );
  const created = await f.service.create(caller, { name: "web", source: source(template) });
  assert.is(`${created.action}_${created.status}`, "CREATE_IN_PROGRESS");
  assert.is(created.statusReason, "Stack CREATE started");
  await f.service.idle();
  const s = await f.stack(created);
  assert.is(`${s.action}_${s.status}`, "CREATE_COMPLETE");
  assert.is(s.statusReason, "Stack CREATE completed successfully");
  assert.equal(await f.events(created), [
    "web CREATE_IN_PROGRESS Stack CREATE started",
    "a CREATE_IN_PROGRESS state changed",
    "a CREATE_COMPLETE state changed",
    "b CREATE_IN_PROGRESS state changed",
    "b CREATE_COMPLETE state changed",
    "web CREATE_COMPLETE Stack CREATE completed successfully",
  ]);
  const a = await f.resource(created, "a");
  assert.is(a.type, "Gantry::Probe");
  assert.is(`${a.action}_${a.status}`, "CREATE_COMPLETE");
  assert.match(a.physicalId, /^[0-9a-f-]{36}$/);
  assert.equal(a.requiredBy, ["b"]);
  assert.is(a.attributes.value, "one");
  assert.is((await f.resource(created, "b")).attributes.value, a.physicalId);
  assert.equal(s.outputs, [{ key: "a_id", value: a.physicalId }]);
  assert.equal(await f.service.outputs(s), [{ key: "a_id", value: a.physicalId }]);
});

test("create fails: CREATE_FAILED with Heat's reason; with rollback, what was made is deleted", async () => {
  const f = stackFixture();
  const template = probes({ a: { value: 1 }, b: { value: "${gantry_probe.a.id}", fail: "boom" } });
  const kept = await f.service.create(caller, { name: "kept", source: source(template) });
  const rolled = await f.service.create(caller, { name: "rolled", source: source(template), disableRollback: false });
  await f.service.idle();
  const reason = "Resource CREATE failed: Error: resources.b: boom";
  const k = await f.stack(kept);
  assert.is(`${k.action}_${k.status}`, "CREATE_FAILED");
  assert.match(k.statusReason, /^Resource CREATE failed: Error: resources\.b: /);
  assert.match(k.statusReason, /boom/);
  const b = await f.resource(kept, "b");
  assert.is(`${b.action}_${b.status}`, "CREATE_FAILED");
  assert.match(b.statusReason, /^Error: resources\.b: .*boom/);
  assert.is(`${(await f.resource(kept, "a")).action}_${(await f.resource(kept, "a")).status}`, "CREATE_COMPLETE");

  const r = await f.stack(rolled);
  assert.is(`${r.action}_${r.status}`, "ROLLBACK_COMPLETE");
  assert.is(r.statusReason, "Stack ROLLBACK completed successfully");
  const texts = (await f.events(rolled)).map((e) => e.replace(/boom.*/, "boom"));
  assert.equal(texts, [
    "rolled CREATE_IN_PROGRESS Stack CREATE started",
    "a CREATE_IN_PROGRESS state changed",
    "a CREATE_COMPLETE state changed",
    "b CREATE_IN_PROGRESS state changed",
    `b CREATE_FAILED ${texts[4].slice("b CREATE_FAILED ".length)}`,
    `rolled CREATE_FAILED ${r && texts[5].slice("rolled CREATE_FAILED ".length)}`,
    "rolled ROLLBACK_IN_PROGRESS Stack ROLLBACK started",
    ...texts.slice(7, -1),
    "rolled ROLLBACK_COMPLETE Stack ROLLBACK completed successfully",
  ]);
  assert.match(texts[5], reason);
  assert.ok(texts.includes("a DELETE_IN_PROGRESS state changed"));
  assert.ok(texts.includes("a DELETE_COMPLETE state changed"));
  assert.equal(await f.store.listResources(rolled.id), []);
});

test("delete: DELETE_IN_PROGRESS → DELETE_COMPLETE, resources deleted, the stack soft-deleted", async () => {
  const f = stackFixture();
  const s = await f.service.create(caller, { name: "gone", source: source(probes({ a: {}, b: {} })) });
  await f.service.idle();
  const ids = (await f.store.listResources(s.id)).map((r) => r.physicalId).sort();
  await f.service.delete(caller, s);
  assert.is((await f.stack(s)).action, "DELETE");
  await f.service.idle();
  const d = await f.stack(s);
  assert.is(`${d.action}_${d.status}`, "DELETE_COMPLETE");
  assert.is(d.statusReason, "Stack DELETE completed successfully");
  assert.ok(d.deletedAt);
  assert.equal([...f.control.deleted].sort(), ids);
  assert.equal(await f.store.listResources(s.id), []);
  const ev = await f.events(s);
  assert.equal(ev.slice(-6)[0], "gone DELETE_IN_PROGRESS Stack DELETE started");
  assert.equal(ev.at(-1), "gone DELETE_COMPLETE Stack DELETE completed successfully");
  // deleted already: Heat's 404
  try {
    await f.service.delete(caller, s);
    assert.unreachable();
  } catch (err) {
    assert.is((err as { code: number }).code, 404);
    assert.is((err as { type: string }).type, "EntityNotFound");
    assert.is((err as Error).message, "The Stack (gone) could not be found.");
  }
});

test("delete of a stack in progress: the create is cancelled, then the stack deleted", async () => {
  const f = stackFixture();
  const s = await f.service.create(caller, { name: "busy", source: source(probes({ a: {}, w: { gate: "w" } })) });
  await f.control.reached("w");
  await f.service.delete(caller, s);
  await f.service.idle();
  const d = await f.stack(s);
  assert.is(`${d.action}_${d.status}`, "DELETE_COMPLETE");
  const stackEvents = (await f.events(s)).filter((e) => e.startsWith("busy "));
  assert.equal(stackEvents, [
    "busy CREATE_IN_PROGRESS Stack CREATE started",
    "busy CREATE_FAILED Stack CREATE cancelled",
    "busy DELETE_IN_PROGRESS Stack DELETE started",
    "busy DELETE_COMPLETE Stack DELETE completed successfully",
  ]);
});

test("two stacks at once: both in progress together, each completes on its own", async () => {
  const f = stackFixture();
  const one = await f.service.create(caller, { name: "one", source: source(probes({ a: { gate: "one" } })) });
  const two = await f.service.create(caller, { name: "two", source: source(probes({ a: { gate: "two" } })) });
  await Promise.all([f.control.reached("one"), f.control.reached("two")]);
  assert.is((await f.stack(one)).status, "IN_PROGRESS");
  assert.is((await f.stack(two)).status, "IN_PROGRESS");
  f.control.open("two");
  await f.service.idle(two.id);
  assert.is(`${(await f.stack(two)).action}_${(await f.stack(two)).status}`, "CREATE_COMPLETE");
  assert.is((await f.stack(one)).status, "IN_PROGRESS");
  f.control.open("one");
  await f.service.idle();
  assert.is(`${(await f.stack(one)).action}_${(await f.stack(one)).status}`, "CREATE_COMPLETE");
  assert.is.not((await f.resource(one, "a")).physicalId, (await f.resource(two, "a")).physicalId);
});

test("timeoutMins: the create fails 'Timed out'", async () => {
  const f = stackFixture({ minuteMs: 20 });
  const s = await f.service.create(caller, {
    name: "slow",
    source: source(probes({ a: { gate: "never" } })),
    timeoutMins: 1,
  });
  await f.service.idle();
  const d = await f.stack(s);
  assert.is(`${d.action}_${d.status}`, "CREATE_FAILED");
  assert.is(d.statusReason, "Timed out");
});

test("bad requests: Heat's errors", async () => {
  const f = stackFixture();
  const expect = async (p: Promise<unknown>, code: number, type: string, message?: RegExp) => {
    try {
      await p;
      assert.unreachable("no error");
    } catch (err) {
      const e = err as { code: number; type: string; message: string };
      assert.is(e.code, code, e.message);
      assert.is(e.type, type);
      if (message) assert.match(e.message, message);
    }
  };
  await expect(
    f.service.create(caller, { name: "1bad", source: source(probes({ a: {} })) }),
    400,
    "StackValidationFailed",
    /^Invalid stack name 1bad must contain only alphanumeric or "_-." characters, must start with alpha/,
  );
  await expect(
    f.service.create(caller, { name: "typo", source: source(probes({ a: { valu: 1 } })) }),
    400,
    "StackValidationFailed",
  );
  await f.service.create(caller, { name: "taken", source: source(probes({ a: {} })) });
  await expect(
    f.service.create(caller, { name: "taken", source: source(probes({ a: {} })) }),
    409,
    "StackExists",
    /^The Stack \(taken\) already exists\.$/,
  );
  await f.service.idle();
});

test("over the SQLite store: create, update in place, delete", async () => {
  const f = stackFixture({ sqlite: true });
  const s = await f.service.create(caller, {
    name: "db",
    source: source(probes({ a: { value: 1 } }, { v: "${gantry_probe.a.value}" })),
  });
  await f.service.idle();
  const a0 = (await f.resource(s, "a")).physicalId;
  assert.equal((await f.stack(s)).outputs, [{ key: "v", value: 1 }]);
  await f.service.update(caller, s, {
    existing: true,
    template: probes({ a: { value: 2 } }, { v: "${gantry_probe.a.value}" }),
  });
  await f.service.idle();
  const u = await f.stack(s);
  assert.is(`${u.action}_${u.status}`, "UPDATE_COMPLETE");
  assert.equal(u.outputs, [{ key: "v", value: 2 }]);
  assert.is((await f.resource(s, "a")).physicalId, a0);
  await f.service.delete(caller, s);
  await f.service.idle();
  const d = await f.store.getStack(s.id);
  assert.is(`${d?.action}_${d?.status}`, "DELETE_COMPLETE");
  assert.equal(f.control.deleted, [a0]);
  await f.service.close();
});

test.run();
