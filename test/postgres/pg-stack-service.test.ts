// The stack service over the PostgreSQL store, in one process: migrations applied once when replicas open the store
// together; the engine's state and its lock in the store; a stack created, updated and deleted with Heat's events;
// two replicas on one store: a delete through one stops the create the other runs, then deletes the stack.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { PgStackStore } from "../../stacks/pg-stack-store.js";
import { MIGRATIONS } from "../../stacks/store-schema.js";
import { WORK_MIGRATIONS } from "../../stacks/store-work-schema.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type PostgresServer, startPostgres } from "../postgres-server.js";
import { caller, probes, source, stackFixture } from "../stacks/stack-fixture.js";
import type { StackRecord } from "../../stacks/stack-records.js";
import type { StackStore } from "../../stacks/stack-store.js";
import { aStack, Clock } from "../stacks/store-fixtures.js";
import { freshPgDatabase } from "../stacks/store-under-test.js";
import { ProbeControl } from "../stacks/probe-type.js";

/** The stack's events, oldest first. */
async function events(store: StackStore, stack: StackRecord): Promise<string[]> {
  const all = await store.listEvents({ stackId: stack.id, sortKeys: ["event_time"], sortDir: "asc" });
  return all.map((e) => `${e.resourceName} ${e.action}_${e.status} ${e.reason}`);
}

let server: PostgresServer;
test.before(async () => {
  server = await startPostgres();
});
test.after(() => server.stop());

test("replicas opening one new database together apply each migration once (advisory lock)", async () => {
  const url = await freshPgDatabase(server.url);
  const stores = await Promise.all([1, 2, 3, 4].map(() => PgStackStore.open(url)));
  for (const s of stores) assert.is(await s.schemaVersion(), MIGRATIONS.at(-1)!.version);
  await Promise.all(stores.map((s) => s.close()));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = await client.query("SELECT version FROM schema_migrations ORDER BY version");
  const work = await client.query("SELECT version FROM work_migrations ORDER BY version");
  await client.end();
  assert.equal(
    schema.rows.map((r) => r.version),
    MIGRATIONS.map((m) => m.version),
  );
  assert.equal(
    work.rows.map((r) => r.version),
    WORK_MIGRATIONS.map((m) => m.version),
  );
});

test("the engine applies a stack with its state in PostgreSQL; the lock refused to another replica", async () => {
  const url = await freshPgDatabase(server.url);
  const one = await PgStackStore.open(url);
  const two = await PgStackStore.open(url);
  const stack = aStack(new Clock(), { name: "s" });
  await one.insertStack(stack);
  const engine = new Engine();
  const files = (input: string) => [
    { path: "main.gantry.yaml", content: `resources:\n  gantry_noop.a: { input: ${input} }\n` },
  ];
  const dir = mkdtempSync(join(tmpdir(), "gantry-pg-"));
  const first = await engine.apply(
    engine.workspace({ dir, files: files("one"), state: await one.stateBackend(stack.id) }),
  );
  assert.is(first.status, "applied");
  const again = await engine.apply(
    engine.workspace({ dir, files: files("two"), state: await two.stateBackend(stack.id) }),
  );
  assert.is(again.status, "applied");
  // the lock's release is sent in the background: a replica waits for it before letting the stack go
  await two.settleState(stack.id);
  const seen = await one.stateBackend(stack.id);
  assert.equal([...seen.readSync().instances.keys()], ["gantry_noop.a"]);
  assert.is(seen.readSync().instances.get("gantry_noop.a")?.attributes.input, "two");
  assert.is(seen.readBackup()?.instances.get("gantry_noop.a")?.attributes.input, "one");
  assert.is(await seen.holder(), undefined, "the lock was let go");
  const lease = await seen.lock("apply", 0);
  const err = await (await two.stateBackend(stack.id)).lock("apply", 0).catch((e) => e as Error);
  assert.instance(err, Error);
  assert.match(String((err as { diagnostics?: unknown }).diagnostics ? JSON.stringify(err) : err), "apply");
  await lease.release();
  await one.settleState(stack.id);
  (await (await two.stateBackend(stack.id)).lock("apply", 0)).release();
  await two.settleState(stack.id);
  await one.close();
  await two.close();
});

test("create, update and delete over PostgreSQL: Heat's statuses and events", async () => {
  const store = await PgStackStore.open(await freshPgDatabase(server.url));
  const f = stackFixture({ store, replica: { owner: "r1", leaseMs: 2000 } });
  const template = probes({ a: { value: "one" }, b: { value: "${gantry_probe.a.id}" } });
  const created = await f.service.create(caller, { name: "web", source: source(template) });
  await f.service.idle();
  assert.is(`${(await f.stack(created)).action}_${(await f.stack(created)).status}`, "CREATE_COMPLETE");
  assert.equal(await events(store, created), [
    "web CREATE_IN_PROGRESS Stack CREATE started",
    "a CREATE_IN_PROGRESS state changed",
    "a CREATE_COMPLETE state changed",
    "b CREATE_IN_PROGRESS state changed",
    "b CREATE_COMPLETE state changed",
    "web CREATE_COMPLETE Stack CREATE completed successfully",
  ]);
  await f.service.update(caller, await f.stack(created), {
    existing: false,
    template: probes({ a: { value: "two" } }),
  });
  await f.service.idle();
  const updated = await f.stack(created);
  assert.is(`${updated.action}_${updated.status}`, "UPDATE_COMPLETE", updated.statusReason);
  assert.equal(
    (await store.listResources(created.id)).map((r) => r.name),
    ["a"],
  );
  await f.service.delete(caller, updated);
  await f.service.idle();
  const deleted = await f.stack(created);
  assert.is(`${deleted.action}_${deleted.status}`, "DELETE_COMPLETE", deleted.statusReason);
  await f.service.close();
});

test("two replicas: a delete through one stops the create the other runs, then deletes the stack", async () => {
  const url = await freshPgDatabase(server.url);
  const control = new ProbeControl();
  const a = stackFixture({ store: await PgStackStore.open(url), replica: { owner: "a", leaseMs: 1500 }, control });
  const b = stackFixture({ store: await PgStackStore.open(url), replica: { owner: "b", leaseMs: 1500 }, control });
  const s = await a.service.create(caller, {
    name: "long",
    source: source(probes({ slow: { value: 1, gate: "g" }, after: { value: "${gantry_probe.slow.id}" } })),
  });
  await control.reached("g");
  await b.service.delete(caller, await b.stack(s));
  await b.service.idle();
  await a.service.idle();
  const r = await b.stack(s);
  assert.is(`${r.action}_${r.status}`, "DELETE_COMPLETE", r.statusReason);
  const told = (await events(b.store, s)).filter((e) => e.startsWith("long "));
  assert.equal(told, [
    "long CREATE_IN_PROGRESS Stack CREATE started",
    "long CREATE_FAILED Stack CREATE cancelled",
    "long DELETE_IN_PROGRESS Stack DELETE started",
    "long DELETE_COMPLETE Stack DELETE completed successfully",
  ]);
  await a.service.close();
  await b.service.close();
});

test.run();
