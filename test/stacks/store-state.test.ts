// The engine state of a stack kept in the SQLite store (through the engine itself), its lock, two connections to
// one file, and what survives a process killed in the middle of its writes.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { GantryError } from "../../contract/diagnostics.js";
import { Engine } from "../../engine/engine.js";
import { newState } from "../../planner/state.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { aStack, anEvent, Clock, until } from "./store-fixtures.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "gantry-store-"));
const CHILD = new URL("./store-child.ts", import.meta.url).pathname;

async function storeWithStack(file = ":memory:") {
  const store = SqliteStackStore.open(file);
  const stack = aStack(new Clock(), { name: "s" });
  await store.insertStack(stack);
  return { store, stack, backend: store.stateBackend(stack.id) };
}

test("the engine applies a stack with its state in the store; each write keeps the one before as backup", async () => {
  const { store, stack, backend } = await storeWithStack();
  assert.is((await backend.read()).instances.size, 0);
  assert.is((await backend.read()).serial, 0);
  const engine = new Engine();
  const files = (input: string) => [
    {
      path: "main.gantry.yaml",
      content:
        `resources:\n  gantry_noop.a: { input: ${input} }\n` + `outputs:\n  a: { value: "\${gantry_noop.a.output}" }\n`,
    },
  ];
  const ws = () => engine.workspace({ dir: tempDir(), files: files("one"), state: backend });
  const first = await engine.apply(ws());
  assert.is(first.status, "applied");
  const s1 = await backend.read();
  assert.equal([...s1.instances.keys()], ["gantry_noop.a"]);
  assert.is(s1.outputs.a?.value, "one");
  assert.ok(s1.serial >= 1 && s1.lineage.length > 0);
  const again = await engine.apply(engine.workspace({ dir: tempDir(), files: files("two"), state: backend }));
  assert.is(again.status, "applied");
  const s2 = await backend.read();
  assert.is(s2.outputs.a?.value, "two");
  assert.is(s2.lineage, s1.lineage);
  assert.ok(s2.serial > s1.serial);
  // the version before this apply's first write
  assert.is(backend.readBackup()?.outputs.a?.value, "one");
  // the lock is free again
  assert.is(await backend.holder(), undefined);
  assert.match(backend.location, stack.id);
  await store.close();
});

test("writer and replace: every write in one transaction, serials as the file backend counts them", async () => {
  const { store, backend } = await storeWithStack();
  const state = newState("test");
  const writer = backend.writer(state);
  state.outputs.x = { value: 1 };
  writer.touch();
  await writer.flush();
  assert.is((await backend.read()).serial, 1);
  state.outputs.x = { value: 2 };
  writer.touch();
  await writer.flush();
  assert.is((await backend.read()).serial, 2);
  assert.is(backend.readBackup(), undefined, "nothing before the first write");
  assert.ok(writer.writes >= 2);
  const replaced = { ...(await backend.read()), serial: 40 };
  replaced.outputs = { y: { value: "z" } };
  await backend.replace(replaced);
  assert.is((await backend.read()).serial, 40);
  assert.equal((await backend.read()).outputs, { y: { value: "z" } });
  assert.equal(backend.readBackup()?.outputs, { x: { value: 2 } });
  await store.close();
});

test("a state write waits for a transaction open on the same connection instead of joining it", async () => {
  const { store, stack, backend } = await storeWithStack();
  const state = newState("test");
  const writer = backend.writer(state);
  await store
    .transaction(async () => {
      await store.updateStack(stack.id, { status: "FAILED" });
      state.outputs.x = { value: 1 };
      writer.touch();
      void writer.flush();
      await until(() => store.waitingForConnection() === 1, "the state write to wait for the transaction");
      throw new Error("rolled back");
    })
    .catch(() => undefined);
  await writer.flush();
  assert.is((await backend.read()).outputs.x?.value, 1);
  assert.is((await store.getStack(stack.id))?.status, "COMPLETE");
  await store.close();
});

test("lock: taken or refused naming the holder; waits for a release; force-unlock by id", async () => {
  const { store, backend } = await storeWithStack();
  const lease = await backend.lock("apply", 0);
  const holder = (await backend.holder())!;
  assert.is(holder.Operation, "apply");
  assert.is(holder.PID, process.pid);
  const err = await backend.lock("destroy", 0).catch((e) => e);
  assert.instance(err, GantryError);
  assert.match(err.message, "Error acquiring the state lock");
  const detail = (err as GantryError).diagnostics[0]!.detail ?? "";
  assert.match(detail, holder.ID);
  assert.match(detail, "Operation: apply");
  // a waiting lock is granted when the holder releases
  let granted = false;
  const waiting = backend.lock("refresh", 60_000).then((l) => {
    granted = true;
    return l;
  });
  await new Promise((r) => setTimeout(r, 30));
  assert.not.ok(granted);
  lease.release();
  const second = await waiting;
  assert.is((await backend.holder())?.Operation, "refresh");
  // releasing a lock that is no longer ours leaves the new holder's alone
  lease.release();
  assert.is((await backend.holder())?.Operation, "refresh");
  await rejectsWith(backend.forceUnlock("wrong-id"), /does not match the existing lock/);
  const removed = await backend.forceUnlock((await backend.holder())!.ID);
  assert.is(removed?.Operation, "refresh");
  assert.is(await backend.holder(), undefined);
  await rejectsWith(backend.forceUnlock("any"), /is not locked/);
  second.release();
  // locks are per stack
  const other = aStack(new Clock(), { name: "other" });
  await store.insertStack(other);
  const a = await backend.lock("apply", 0);
  const b = await store.stateBackend(other.id).lock("apply", 0);
  a.release();
  b.release();
  await store.close();
});

test("two connections to one file: the lock, reads and interleaved writes (WAL)", async () => {
  const file = join(tempDir(), "stacks.sqlite");
  const { store: one, stack } = await storeWithStack(file);
  const two = SqliteStackStore.open(file);
  const lease = await one.stateBackend(stack.id).lock("apply", 0);
  const refused = await two
    .stateBackend(stack.id)
    .lock("apply", 0)
    .catch((e) => e);
  assert.instance(refused, GantryError);
  lease.release();
  (await two.stateBackend(stack.id).lock("apply", 0)).release();
  // writes from both, interleaved: all kept, numbered in one sequence
  const clock = new Clock();
  const added = await Promise.all(
    Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).addEvent(anEvent(clock, stack.id))),
  );
  const listed = await one.listEvents({ stackId: stack.id, sortDir: "asc" });
  assert.is(listed.length, 60);
  assert.is(new Set(added.map((e) => e.seq)).size, 60);
  assert.equal(
    listed.map((e) => e.seq),
    [...added.map((e) => e.seq)].sort((x, y) => x - y),
  );
  // a reader sees what the other connection committed
  const s2 = aStack(clock, { name: "from-two" });
  await two.insertStack(s2);
  assert.is((await one.findStack("t1", "from-two"))?.id, s2.id);
  await one.close();
  await two.close();
});

function lines(child: ChildProcess): string[] {
  const out: string[] = [];
  let partial = "";
  child.stdout!.on("data", (d: Buffer) => {
    const parts = (partial + d.toString()).split("\n");
    partial = parts.pop()!;
    out.push(...parts);
  });
  return out;
}

function child(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { stdio: ["ignore", "pipe", "inherit"] });
}

test("another process's write transaction: readers go on (WAL), a writer waits for it (busy timeout)", async () => {
  const file = join(tempDir(), "stacks.sqlite");
  await SqliteStackStore.open(file).close();
  const go = join(tempDir(), "go");
  const proc = child(["hold", file, go]);
  const out = lines(proc);
  const exited = new Promise((r) => proc.on("exit", r));
  await until(() => out.includes("holding"), "the other process to hold its transaction", 60_000);
  const impatient = SqliteStackStore.open(file, { busyTimeoutMs: 0 });
  // reading does not wait, and does not see the uncommitted stack
  assert.is(await impatient.findStack("t1", "held"), undefined);
  // without a busy timeout a write fails at once while the other process holds its transaction
  const busy = await impatient.insertStack(aStack(new Clock(), { name: "mine" })).catch((e) => e);
  assert.match(String(busy?.message), /locked|busy/i);
  await impatient.close();
  // with one, the write waits for the other process to commit, then succeeds
  const store = SqliteStackStore.open(file, { busyTimeoutMs: 60_000 });
  writeFileSync(go, "");
  await store.insertStack(aStack(new Clock(), { name: "mine" }));
  await until(() => out.includes("committed"), "the other process to commit");
  assert.ok(await store.findStack("t1", "held"));
  assert.ok(await store.findStack("t1", "mine"));
  await exited;
  await store.close();
});

test("durability: a process killed amid its writes loses nothing committed, keeps nothing half-written", async () => {
  const file = join(tempDir(), "stacks.sqlite");
  await SqliteStackStore.open(file).close();
  const proc = child(["crash", file]);
  const out = lines(proc);
  const exited = new Promise((r) => proc.on("exit", r));
  await until(() => out.length >= 40, "forty commits", 120_000);
  proc.kill("SIGKILL");
  await exited;
  const acknowledged = Number(out.at(-1));
  const raw = new Sqlite(file);
  assert.is(raw.pragma("integrity_check", { simple: true }), "ok");
  raw.close();
  const store = SqliteStackStore.open(file);
  const stacks = await store.listStacks({ tenant: "t1", sortKeys: ["creation_time"] });
  // every commit the process reported is there
  assert.ok(stacks.length >= acknowledged + 1, `${stacks.length} stacks, ${acknowledged + 1} acknowledged`);
  // and each stack that is there is whole: its event and its state came with it
  for (const [i, s] of stacks.entries()) {
    assert.is(s.name, `crash-${i}`);
    const events = await store.listEvents({ stackId: s.id });
    assert.equal(
      events.map((e) => e.resourceName),
      [s.name],
    );
    const state = await store.stateBackend(s.id).read();
    assert.is(state.lineage, s.id);
    assert.is(state.serial, i);
  }
  const seqs = (await Promise.all(stacks.map((s) => store.listEvents({ stackId: s.id })))).flat().map((e) => e.seq);
  assert.equal(
    seqs,
    Array.from({ length: stacks.length }, (_, i) => i + 1),
  );
  // the store goes on from there
  const after = aStack(new Clock(), { name: "after" });
  await store.insertStack(after);
  assert.is((await store.addEvent(anEvent(new Clock(), after.id))).seq, stacks.length + 1);
  assert.equal((await store.interruptedStacks()).length, stacks.length);
  await store.close();
});

test.run();

async function rejectsWith(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  assert.ok(e instanceof Error, "expected a rejection");
  assert.match((e as Error).message, pattern);
}
