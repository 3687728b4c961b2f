// The pg backend against a real PostgreSQL 15: migrations once, the engine's apply into rows, every version kept,
// a write refused when another wrote since it read, the lock's holder shown and released with its session.
import pg from "pg";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { GantryError } from "../../contract/diagnostics.js";
import { Engine } from "../../engine/engine.js";
import { PgStateBackend } from "../../engine/pg-state/pg-state-backend.js";
import { PgStateStore } from "../../engine/pg-state/pg-state-store.js";
import { pgBackendSettings } from "../../engine/pg-state/pg-backend-settings.js";
import { tempConfig } from "../cli/cli-harness.js";
import { type PostgresServer, startPostgres } from "../postgres-server.js";

let server: PostgresServer;
let url: string;
const stores: PgStateStore[] = [];

function store(schema = "terraform_remote_state"): PgStateStore {
  const s = new PgStateStore(pgBackendSettings({ conn_str: url, schema_name: schema }, undefined, {}));
  stores.push(s);
  return s;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  assert.ok(e instanceof Error, "expected a rejection");
  return e as Error;
}

test.before(async () => {
  server = await startPostgres();
  url = await server.createDatabase("pgstate");
});

test.after(async () => {
  for (const s of stores) await s.close();
  await server.stop();
});

test("the engine applies into PostgreSQL; each write is a kept version; pull by serial", async () => {
  const dir = tempConfig({
    "main.gantry.yaml": "resources:\n  noop.a:\n    input: one\noutputs:\n  a:\n    value: ${noop.a.output}\n",
  });
  const engine = new Engine();
  const backend = new PgStateBackend(store(), "default");
  const ws = engine.workspace({ dir, state: backend });
  const first = await engine.apply(ws, {});
  assert.is(first.status, "applied");
  const s1 = await backend.read();
  assert.equal([...s1.instances.keys()], ["gantry_noop.a"]);
  assert.ok(s1.serial >= 1 && s1.lineage.length > 0);
  const history = await backend.history();
  assert.is(history.at(-1)!.serial, s1.serial);
  assert.ok(history.at(-1)!.current);
  assert.match(history.at(-1)!.operation, /apply/);
  const old = await backend.readVersion(history[0]!.serial);
  assert.ok(old, "the first version is kept");
  assert.ok(old!.body.length > 0);
});

test("migrations run once, in a transaction, also when two processes start together", async () => {
  const [a, b] = [store("together"), store("together")];
  await Promise.all([a.workspaceNames(), b.workspaceNames()]);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query('SELECT version FROM "together".gantry_state_migrations');
  await c.end();
  assert.equal(
    rows.map((r) => r.version),
    [1],
  );
});

test("a write expects the serial and lineage it read: a conflict is refused, nothing overwritten", async () => {
  const s = store("conflicts");
  const one = new PgStateBackend(s, "default");
  const two = new PgStateBackend(s, "default");
  const state = await one.read();
  await two.read();
  const w1 = one.writer(state);
  w1.touch();
  await w1.flush();
  const theirs = await two.read();
  const mine = { ...(await new PgStateBackend(s, "default").read()) };
  // `one` writes again; `two` read before that write and is now behind
  const w1b = one.writer(state);
  state.outputs = { x: { value: 1 } };
  w1b.touch();
  await w1b.flush();
  const w2 = two.writer({ ...theirs, outputs: { y: { value: 2 } } });
  w2.touch();
  const e = await rejection(w2.flush());
  assert.match(e.message, /State conflict/);
  assert.match((e as GantryError).diagnostics[0]!.detail ?? "", /Nothing was written/);
  const now = await new PgStateBackend(s, "default").read();
  assert.equal(now.outputs, { x: { value: 1 } });
  assert.is(now.serial, mine.serial + 1);
  // a state of another lineage read nowhere: refused too
  const stranger = { ...now, lineage: "another", serial: 1 };
  const fresh = new PgStateBackend(s, "default");
  const e2 = await rejection(
    (async () => {
      const w = fresh.writer(stranger);
      w.touch();
      await w.flush();
    })(),
  );
  assert.match(e2.message, /State conflict/);
});

test("lock: the holder is shown to who is refused; -lock-timeout waits; the lock ends with its session", async () => {
  const s = store("locks");
  const a = new PgStateBackend(s, "default");
  const b = new PgStateBackend(s, "default");
  const lease = await a.lock("apply", 0);
  const holder = await b.holder();
  assert.is(holder?.Operation, "apply");
  assert.is(holder?.PID, process.pid);
  const refused = await rejection(b.lock("plan", 0));
  const detail = (refused as GantryError).diagnostics[0]!.detail ?? "";
  assert.match(refused.message, /Error acquiring the state lock/);
  assert.match(detail, holder!.ID);
  assert.match(detail, /Operation: apply/);
  // a waiting lock gets it once released
  const waiting = b.lock("plan", 30_000);
  await lease.release();
  const second = await waiting;
  assert.is((await a.holder())?.Operation, "plan");
  await second.release();
  assert.is(await a.holder(), undefined);
  // the lock's session dies (as when its process is killed): no stale lock
  const third = await a.lock("apply", 0);
  const pid = await s.withClient(async (c) => {
    const { rows } = await c.query('SELECT backend_pid FROM "locks".gantry_state_locks');
    return rows[0].backend_pid as number;
  });
  await s.withClient((c) => c.query("SELECT pg_terminate_backend($1)", [pid]));
  const taken = await b.lock("refresh", 30_000);
  assert.is((await a.holder())?.Operation, "refresh");
  await taken.release();
  await third.release();
});

test("force-unlock ends the holder's session: its later writes are refused", async () => {
  const s = store("force");
  const a = new PgStateBackend(s, "default");
  const b = new PgStateBackend(s, "default");
  const state = await a.read();
  const lease = await a.lock("apply", 0);
  const id = (await b.holder())!.ID;
  assert.match((await rejection(b.forceUnlock("wrong"))).message, /does not match/);
  const removed = await b.forceUnlock(id);
  assert.is(removed?.Operation, "apply");
  assert.is(await b.holder(), undefined);
  // the holder learns it when its session's end reaches it
  for (
    let i = 0;
    i < 200 &&
    !(await (async () => {
      const w = a.writer(state);
      w.touch();
      return w.flush().then(
        () => false,
        (e: Error) => /taken away/.test(e.message),
      );
    })());
    i++
  )
    await new Promise((r) => setTimeout(r, 25));
  const w = a.writer(state);
  w.touch();
  assert.match((await rejection(w.flush())).message, /taken away/);
  await lease.release();
  assert.match((await rejection(b.forceUnlock("any"))).message, /is not locked/);
});

test("a bad conn_str or an unreachable server: a clear error naming the setting", async () => {
  const unreachable = new PgStateStore(
    pgBackendSettings({ conn_str: "postgres://nobody@127.0.0.1:1/none" }, undefined, {}),
  );
  const e = await rejection(new PgStateBackend(unreachable, "default").read());
  assert.ok(e instanceof GantryError);
  assert.match(e.message, /backend "pg": cannot connect to PostgreSQL with the conn_str from -backend-config conn_str/);
  assert.throws(
    () => pgBackendSettings({}, { settings: { conn_str: "mysql://x" }, file: "main.tf" }, {}),
    /conn_str \(from conn_str of backend "pg" in main.tf\) is not a PostgreSQL connection string/,
  );
  assert.throws(() => pgBackendSettings({}, undefined, {}), /no conn_str/);
  assert.is(pgBackendSettings({}, undefined, { GANTRY_PG_CONN: url }).connSource, "GANTRY_PG_CONN");
  assert.throws(() => pgBackendSettings({ conn_sting: url }, undefined, {}), /has no setting "conn_sting"/);
});

test.run();
