// The other stack actions: check (drift found by refresh), suspend and
// resume, abandon, previews and validation, and recovery at start of the
// stacks a stopped server left in progress.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { caller, probes, source, stackFixture } from "./stack-fixture.js";

test("check: CHECK_COMPLETE, then CHECK_FAILED naming the resource that vanished", async () => {
  const f = stackFixture();
  const s = await f.service.create(caller, { name: "chk", source: source(probes({ a: {}, b: {} })) });
  await f.service.idle();
  await f.service.action(caller, s, "check");
  await f.service.idle();
  let r = await f.stack(s);
  assert.is(`${r.action}_${r.status} ${r.statusReason}`, "CHECK_COMPLETE Stack CHECK completed successfully");
  assert.is(`${(await f.resource(s, "a")).action}_${(await f.resource(s, "a")).status}`, "CHECK_COMPLETE");
  const b = await f.resource(s, "b");
  f.control.vanished.add(b.physicalId);
  await f.service.action(caller, s, "check");
  await f.service.idle();
  r = await f.stack(s);
  assert.is(`${r.action}_${r.status}`, "CHECK_FAILED");
  assert.is(
    r.statusReason,
    `Resource CHECK failed: Error: resources.b: The resource b (${b.physicalId}) could not be found.`,
  );
  const b2 = await f.resource(s, "b");
  assert.is(`${b2.action}_${b2.status}`, "CHECK_FAILED");
  assert.is(`${(await f.resource(s, "a")).action}_${(await f.resource(s, "a")).status}`, "CHECK_COMPLETE");
  assert.ok(f.control.calls.includes("check a"));
});

test("check: the type's own check fails the resource with its error's class", async () => {
  const f = stackFixture();
  const s = await f.service.create(caller, { name: "own", source: source(probes({ a: {} })) });
  await f.service.idle();
  f.control.broken.add((await f.resource(s, "a")).physicalId);
  await f.service.action(caller, s, "check");
  await f.service.idle();
  const r = await f.stack(s);
  assert.is(
    `${r.action}_${r.status} ${r.statusReason}`,
    "CHECK_FAILED Resource CHECK failed: ValueError: resources.a: out of order",
  );
});

test("suspend and resume: statuses of the stack and each resource", async () => {
  const f = stackFixture();
  const s = await f.service.create(caller, {
    name: "sus",
    source: source(probes({ a: {}, b: { value: "${gantry_probe.a.id}" } })),
  });
  await f.service.idle();
  await f.service.action(caller, s, "suspend");
  await f.service.idle();
  assert.is((await f.stack(s)).statusReason, "Stack SUSPEND completed successfully");
  const events = await f.events(s);
  assert.equal(events.slice(-6), [
    "sus SUSPEND_IN_PROGRESS Stack SUSPEND started",
    "b SUSPEND_IN_PROGRESS state changed",
    "b SUSPEND_COMPLETE state changed",
    "a SUSPEND_IN_PROGRESS state changed",
    "a SUSPEND_COMPLETE state changed",
    "sus SUSPEND_COMPLETE Stack SUSPEND completed successfully",
  ]);
  try {
    await f.service.update(caller, s, { existing: true });
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, "Updating a stack when it is suspended is not supported.");
  }
  await f.service.action(caller, s, "resume");
  await f.service.idle();
  const r = await f.stack(s);
  assert.is(`${r.action}_${r.status}`, "RESUME_COMPLETE");
  assert.equal((await f.events(s)).slice(-3, -1), [
    "b RESUME_IN_PROGRESS state changed",
    "b RESUME_COMPLETE state changed",
  ]);
});

test("recovery: stacks and resources left IN_PROGRESS are marked FAILED as Heat marks them", async () => {
  const f = stackFixture();
  const s = await f.service.create(caller, { name: "crash", source: source(probes({ a: { gate: "g" } })) });
  await f.control.reached("g");
  // a new server over the same store, the first one having stopped mid-create
  const g = stackFixture();
  const fresh = new (f.service.constructor as typeof import("../../stacks/stack-service.js").StackService)({
    engine: g.engine,
    store: f.store,
    dataRoot: `${g.root}/data`,
  });
  const recovered = await fresh.recover();
  assert.equal(
    recovered.map((r) => r.name),
    ["crash"],
  );
  const r = await f.stack(s);
  assert.is(`${r.action}_${r.status} ${r.statusReason}`, "CREATE_FAILED Engine went down during stack CREATE");
  const a = await f.resource(s, "a");
  assert.is(`${a.action}_${a.status} ${a.statusReason}`, "CREATE_FAILED Worker went down during resource CREATE");
  assert.equal(await f.store.interruptedStacks(), []);
  f.control.open("g");
  await f.service.idle();
});

test("recovery over the SQLite store lets go of the stopped server's state lock", async () => {
  const f = stackFixture({ sqlite: true });
  const s = await f.service.create(caller, { name: "locked", source: source(probes({ a: {} })) });
  await f.service.idle();
  // as a server stopped mid-update leaves it: the stack UPDATE_IN_PROGRESS, its state locked
  await f.store.updateStack(s.id, { action: "UPDATE", status: "IN_PROGRESS", statusReason: "Stack UPDATE started" });
  await (await f.store.stateBackend(s.id)).lock("apply", 0);
  await f.service.recover();
  const r = await f.stack(s);
  assert.is(`${r.action}_${r.status} ${r.statusReason}`, "UPDATE_FAILED Engine went down during stack UPDATE");
  await f.service.delete(caller, r);
  await f.service.idle();
  const d = await f.stack(s);
  assert.is(`${d.action}_${d.status}`, "DELETE_COMPLETE", d.statusReason);
  await f.service.close();
});

test("validate, previewCreate and abandon", async () => {
  const f = stackFixture();
  const template = { description: "two probes", ...probes({ a: {}, b: { value: "${gantry_probe.a.id}" } }) };
  const v = await f.service.validate(caller, source(template));
  assert.is(v.Description, "two probes");
  const bad = await f.service.validate(caller, source(probes({ a: { nope: 1 } })));
  assert.type(bad.Error, "string");
  assert.match(bad.Error as string, /nope/);
  const preview = await f.service.previewCreate(caller, { name: "pre", source: source(template) });
  assert.equal(
    preview.resources.map((r) => [r.name, r.type, r.requiredBy]),
    [
      ["a", "Gantry::Probe", ["b"]],
      ["b", "Gantry::Probe", []],
    ],
  );
  assert.equal(await f.store.listStacks({}), []);

  const s = await f.service.create(caller, { name: "left", source: source(template) });
  await f.service.idle();
  const ids = Object.fromEntries((await f.store.listResources(s.id)).map((r) => [r.name, r.physicalId]));
  const data = await f.service.abandon(caller, s);
  assert.is(data.name, "left");
  assert.equal(
    Object.fromEntries(
      Object.entries(data.resources as Record<string, { resource_id: string }>).map(([k, v]) => [k, v.resource_id]),
    ),
    ids,
  );
  assert.equal(f.control.deleted, []);
  assert.ok((await f.stack(s)).deletedAt);
});

test.run();
