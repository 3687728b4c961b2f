// Updating stacks: in place (physical id kept) or by replacement (a new
// one), PUT and PATCH, previews, a failed update rolled back to the
// previous template, cancel_update and cancel_without_rollback.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { StackRecord } from "../../stacks/stack-records.js";
import { caller, probes, source, stackFixture } from "./stack-fixture.js";

type Fixture = ReturnType<typeof stackFixture>;

async function created(f: Fixture, name: string, template: Record<string, unknown>, disableRollback = true) {
  const s = await f.service.create(caller, { name, source: source(template), disableRollback });
  await f.service.idle();
  assert.is((await f.stack(s)).status, "COMPLETE");
  return s;
}

const status = async (f: Fixture, s: StackRecord) => {
  const r = await f.stack(s);
  return `${r.action}_${r.status}`;
};

test("update in place keeps the physical id; a replacement makes a new one (create first, then delete)", async () => {
  const f = stackFixture();
  const cbd = { lifecycle: { create_before_destroy: true } };
  const s = await created(f, "upd", probes({ a: { value: 1 }, r: { generation: "1", ...cbd } }));
  const a0 = (await f.resource(s, "a")).physicalId;
  const r0 = (await f.resource(s, "r")).physicalId;
  const next = probes({ a: { value: 2 }, r: { generation: "2", ...cbd }, n: {} });
  const preview = await f.service.previewUpdate(caller, s, { existing: false, template: next });
  assert.equal(
    Object.fromEntries(Object.entries(preview).map(([k, v]) => [k, v.map((r: { name: string }) => r.name)])),
    { unchanged: [], updated: ["a"], replaced: ["r"], added: ["n"], deleted: [] },
  );
  assert.is(preview.updated[0].properties.value, 2);
  await f.service.update(caller, s, { existing: false, template: next });
  assert.is(await status(f, s), "UPDATE_IN_PROGRESS");
  await f.service.idle();
  const u = await f.stack(s);
  assert.is(`${u.action}_${u.status}`, "UPDATE_COMPLETE");
  assert.is(u.statusReason, "Stack UPDATE completed successfully");
  const a = await f.resource(s, "a");
  assert.is(a.physicalId, a0);
  assert.is(`${a.action}_${a.status}`, "UPDATE_COMPLETE");
  assert.is(a.attributes.value, 2);
  const r = await f.resource(s, "r");
  assert.is.not(r.physicalId, r0);
  assert.is(`${r.action}_${r.status}`, "CREATE_COMPLETE");
  assert.ok(f.control.deleted.includes(r0));
  const events = await f.store.listEvents({ stackId: s.id, resourceName: "r" });
  assert.equal(
    events.map((e) => {
      const id = e.physicalResourceId === r0 ? "old" : e.physicalResourceId === r.physicalId ? "new" : "-";
      return `${e.action}_${e.status} ${id}`;
    }),
    [
      "CREATE_IN_PROGRESS -",
      "CREATE_COMPLETE old",
      // Heat tries the update first: it ends "requires replacement"
      "UPDATE_IN_PROGRESS old",
      "UPDATE_COMPLETE old",
      "CREATE_IN_PROGRESS -",
      "CREATE_COMPLETE new",
      "DELETE_IN_PROGRESS old",
      "DELETE_COMPLETE old",
    ],
  );
  const all = await f.events(s);
  assert.ok(all.includes("upd UPDATE_IN_PROGRESS Stack UPDATE started"));
  assert.ok(all.includes("a UPDATE_IN_PROGRESS state changed"));
  assert.ok(all.includes("a UPDATE_COMPLETE state changed"));
  assert.ok(all.includes("n CREATE_COMPLETE state changed"));
});

test("a replacement without create_before_destroy deletes first", async () => {
  const f = stackFixture();
  const s = await created(f, "dbc", probes({ r: { generation: "1" } }));
  const r0 = (await f.resource(s, "r")).physicalId;
  await f.service.update(caller, s, { existing: false, template: probes({ r: { generation: "2" } }) });
  await f.service.idle();
  const events = await f.store.listEvents({ stackId: s.id, resourceName: "r" });
  assert.equal(
    events.slice(2).map((e) => `${e.action}_${e.status}`),
    [
      "UPDATE_IN_PROGRESS",
      "UPDATE_COMPLETE",
      "DELETE_IN_PROGRESS",
      "DELETE_COMPLETE",
      "CREATE_IN_PROGRESS",
      "CREATE_COMPLETE",
    ],
  );
  assert.is(events[3].reason, "The Resource r requires replacement.");
  assert.is(events[5].physicalResourceId, r0);
  assert.is.not((await f.resource(s, "r")).physicalId, r0);
});

test("PATCH keeps the template and parameters not given; PUT replaces them", async () => {
  const f = stackFixture();
  // the parameters are declared: a PATCH keeps only those the template declares, as Heat does
  const template = { ...probes({ a: { value: 1 } }), variable: { p: { default: 0 }, q: { default: 0 } } };
  const s = await created(f, "patch", template);
  await f.store.updateStack(s.id, { source: { ...source(template), parameters: { p: 1, q: 2 } } });
  await f.service.update(caller, s, { existing: true, parameters: { q: 3 }, clearParameters: ["p"] });
  await f.service.idle();
  const u = await f.stack(s);
  assert.equal(u.source.template, template);
  assert.equal(u.source.parameters, { q: 3 });
  assert.is(`${u.action}_${u.status}`, "UPDATE_COMPLETE");
  assert.equal(u.previousSource?.parameters, { p: 1, q: 2 });
});

test("a failed update rolls back to the previous template; with rollback disabled: UPDATE_FAILED", async () => {
  const f = stackFixture();
  const first = probes({ a: { value: 1 } });
  const bad = probes({ a: { value: 2 }, b: { fail: "no room" } });
  const rb = await created(f, "rb", first, false);
  const keep = await created(f, "keep", first, true);
  const a0 = (await f.resource(rb, "a")).physicalId;
  await f.service.update(caller, rb, { existing: false, template: bad });
  await f.service.update(caller, keep, { existing: false, template: bad });
  await f.service.idle();
  const k = await f.stack(keep);
  assert.is(`${k.action}_${k.status}`, "UPDATE_FAILED");
  assert.match(k.statusReason, /^Resource CREATE failed: Error: resources\.b: .*no room/);

  const r = await f.stack(rb);
  assert.is(`${r.action}_${r.status}`, "ROLLBACK_COMPLETE");
  assert.equal(r.source.template, first);
  const a = await f.resource(rb, "a");
  assert.is(a.physicalId, a0);
  assert.is(a.attributes.value, 1);
  assert.is((await f.store.getResource(rb.id, "b")) ?? "gone", "gone");
  const stackEvents = (await f.events(rb)).filter((e) => e.startsWith("rb ")).slice(2);
  assert.equal(
    stackEvents.map((e) => e.replace(/no room.*/, "no room")),
    [
      "rb UPDATE_IN_PROGRESS Stack UPDATE started",
      "rb UPDATE_FAILED Resource CREATE failed: Error: resources.b: no room",
      "rb ROLLBACK_IN_PROGRESS Stack ROLLBACK started",
      "rb ROLLBACK_COMPLETE Stack ROLLBACK completed successfully",
    ],
  );
});

test("cancel_update: the resources in progress finish, then the stack rolls back", async () => {
  const f = stackFixture();
  const first = probes({ a: { value: 1 } });
  const s = await created(f, "cancel", first);
  await f.service.update(caller, s, { existing: false, template: probes({ a: { value: 2, gate: "g" } }) });
  await f.control.reached("g");
  await f.service.action(caller, s, "cancel_update");
  f.control.open("g");
  await f.service.idle();
  const r = await f.stack(s);
  assert.is(`${r.action}_${r.status}`, "ROLLBACK_COMPLETE");
  assert.is((await f.resource(s, "a")).attributes.value, 1);
  const stackEvents = (await f.events(s)).filter((e) => e.startsWith("cancel ")).slice(2);
  assert.equal(stackEvents, [
    "cancel UPDATE_IN_PROGRESS Stack UPDATE started",
    "cancel ROLLBACK_IN_PROGRESS Stack ROLLBACK started",
    "cancel ROLLBACK_COMPLETE Stack ROLLBACK completed successfully",
  ]);
  // not in progress any more: Heat refuses
  try {
    await f.service.action(caller, s, "cancel_update");
    assert.unreachable();
  } catch (err) {
    assert.is((err as { type: string }).type, "NotSupported");
    assert.is((err as Error).message, "Cancelling update when stack is ROLLBACK_COMPLETE is not supported.");
  }
});

test("cancel_without_rollback: UPDATE_FAILED 'Stack UPDATE cancelled'", async () => {
  const f = stackFixture();
  const s = await created(f, "stop", probes({ a: { value: 1 } }), false);
  await f.service.update(caller, s, {
    existing: false,
    template: probes({ a: { value: 2, gate: "g" }, later: { value: "${gantry_probe.a.id}" } }),
  });
  await f.control.reached("g");
  await f.service.action(caller, s, "cancel_without_rollback");
  f.control.open("g");
  await f.service.idle();
  const r = await f.stack(s);
  assert.is(`${r.action}_${r.status}`, "UPDATE_FAILED");
  assert.is(r.statusReason, "Stack UPDATE cancelled");
  assert.is((await f.resource(s, "later")).action, "INIT");
});

test("an update of a stack being created takes over (convergence): UPDATE_IN_PROGRESS at once", async () => {
  const f = stackFixture();
  const s = await f.service.create(caller, { name: "over", source: source(probes({ a: { value: 1, gate: "g" } })) });
  await f.control.reached("g");
  await f.service.update(caller, s, { existing: false, template: probes({ a: { value: 2 }, b: {} }) });
  assert.is(await status(f, s), "UPDATE_IN_PROGRESS");
  f.control.open("g");
  await f.service.idle();
  const r = await f.stack(s);
  assert.is(`${r.action}_${r.status}`, "UPDATE_COMPLETE", r.statusReason);
  assert.is((await f.resource(s, "a")).attributes.value, 2);
  assert.is((await f.resource(s, "b")).action, "CREATE");
  assert.equal(
    (await f.events(s)).filter((e) => e.startsWith("over ")),
    [
      "over CREATE_IN_PROGRESS Stack CREATE started",
      "over UPDATE_IN_PROGRESS Stack UPDATE started",
      "over UPDATE_COMPLETE Stack UPDATE completed successfully",
    ],
  );
});

test("an unhealthy resource is replaced by the next update", async () => {
  const f = stackFixture();
  const s = await created(f, "heal", probes({ a: { value: 1 } }));
  const a0 = (await f.resource(s, "a")).physicalId;
  await f.service.markUnhealthy(caller, s, "a", true, "");
  const a = await f.resource(s, "a");
  assert.is(`${a.action}_${a.status} ${a.statusReason}`, "CHECK_FAILED state changed by resource_mark_unhealthy api");
  await f.service.update(caller, s, { existing: true });
  await f.service.idle();
  assert.is(await status(f, s), "UPDATE_COMPLETE");
  assert.is.not((await f.resource(s, "a")).physicalId, a0);
});

test.run();
