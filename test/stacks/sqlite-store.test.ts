// The stack store: tokens, stacks (filters, sorting, pagination as Heat does them), resources, events, transactions
// and the schema's migrations. SQLite here; test/postgres/pg-store.test.ts runs the same tests on PostgreSQL.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { GantryError } from "../../contract/diagnostics.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import type { EventRecord, StackRecord } from "../../stacks/stack-records.js";
import { StackNameTakenError, type StackStore } from "../../stacks/stack-store.js";
import { MIGRATIONS } from "../../stacks/store-schema.js";
import { newTokenSecret } from "../../stacks/token-secret.js";
import { aStack, anEvent, Clock } from "./store-fixtures.js";
import { openStore } from "./store-under-test.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const names = (stacks: StackRecord[]) => stacks.map((s) => s.name);
const tempFile = () => join(mkdtempSync(join(tmpdir(), "gantry-store-")), "stacks.sqlite");

test("a token is 256 random bits of URL-safe text, stored only as its SHA-256, and authenticates", async () => {
  const file = tempFile();
  const store = SqliteStackStore.open(file);
  const { token, record } = await store.issueToken("t1", ["admin", "member"]);
  assert.match(token, /^gt_[A-Za-z0-9_-]{43}$/);
  assert.match(record.id, UUID);
  assert.equal(await store.authenticate(token), record);
  assert.equal(await store.authenticate(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`), undefined);
  assert.equal(await store.authenticate(""), undefined);
  const other = await store.issueToken("t2", []);
  assert.is.not(other.token, token);
  assert.equal((await store.authenticate(other.token))?.tenant, "t2");
  await store.close();
  // nothing in the file gives the secret back
  const raw = new Sqlite(file, { readonly: true });
  const rows = raw.prepare("SELECT * FROM tokens").all() as Record<string, unknown>[];
  raw.close();
  assert.is(rows.length, 2);
  for (const row of rows) for (const v of Object.values(row)) assert.not.ok(String(v).includes(token));
  assert.ok(rows.some((r) => /^[0-9a-f]{64}$/.test(String(r.secret_sha256))));
});

test("a token never begins with '-' (command lines would take it for an option), whatever the random bytes", () => {
  // 0xF8 makes base64url's first character "-"; 0xFF makes it "_"
  for (const first of [0xf8, 0xfb, 0xff, 0x00]) {
    const bytes = Buffer.alloc(32, first);
    assert.is(bytes.toString("base64url")[0], first === 0 ? "A" : first < 0xfc ? "-" : "_");
    assert.match(newTokenSecret(bytes), /^gt_[A-Za-z0-9_-]{43}$/);
  }
});

test("a stack round-trips with its source, environment, outputs and tags", async () => {
  const clock = new Clock();
  const store = await openStore();
  const s = aStack(clock, {
    name: "web",
    tags: ["b", "a", "b2"],
    timeoutMins: 30,
    disableRollback: false,
    outputs: [
      { key: "o", value: { x: [1, "two"] }, description: "d" },
      { key: "bad", value: null, error: "no" },
    ],
    source: {
      template: { heat_template_version: "2021-04-16", resources: { r: { type: "OS::Heat::RandomString" } } },
      environments: [{ parameters: { p: 1 } }],
      files: { "a.yaml": "x: 1\n" },
      parameters: { q: "v" },
    },
    previousSource: { template: {}, environments: [], files: {}, parameters: {} },
    environment: { parameters: { p: 1, q: "v" }, resource_registry: {} },
  });
  await store.insertStack(s);
  assert.equal(await store.getStack(s.id), s);
  assert.equal(await store.getStack("nope"), undefined);
  await store.close();
});

test("names are unique among a tenant's live stacks; a deleted stack's name can be used again", async () => {
  const clock = new Clock();
  const store = await openStore();
  const first = aStack(clock, { name: "web" });
  await store.insertStack(first);
  const err = await store.insertStack(aStack(clock, { name: "web" })).catch((e) => e);
  assert.instance(err, StackNameTakenError);
  assert.is(err.message, "The Stack (web) already exists.");
  await store.insertStack(aStack(clock, { name: "web", tenant: "t2" }));
  await store.updateStack(first.id, { deletedAt: clock.tick(), action: "DELETE" });
  const second = aStack(clock, { name: "web" });
  await store.insertStack(second);
  // renaming onto a live name is refused too
  const third = aStack(clock, { name: "api" });
  await store.insertStack(third);
  assert.instance(await store.updateStack(third.id, { name: "web" }).catch((e) => e), StackNameTakenError);
  assert.is((await store.getStack(third.id))?.name, "api");
  await store.close();
});

test("findStack: by id or name within the tenant; deleted stacks only when asked", async () => {
  const clock = new Clock();
  const store = await openStore();
  const a = aStack(clock, { name: "a" });
  const b = aStack(clock, { name: "b", tenant: "t2" });
  await store.insertStack(a);
  await store.insertStack(b);
  assert.is((await store.findStack("t1", "a"))?.id, a.id);
  assert.is((await store.findStack("t1", a.id))?.id, a.id);
  assert.is(await store.findStack("t1", "b"), undefined);
  assert.is(await store.findStack("t1", b.id), undefined);
  assert.is((await store.findStack(undefined, b.id))?.id, b.id);
  assert.is((await store.findStack(undefined, "b"))?.id, b.id);
  await store.updateStack(a.id, { deletedAt: clock.tick() });
  assert.is(await store.findStack("t1", "a"), undefined);
  assert.is(await store.findStack("t1", a.id), undefined);
  assert.is((await store.findStack("t1", a.id, { showDeleted: true }))?.id, a.id);
  assert.is((await store.findStack("t1", "a", { showDeleted: true }))?.id, a.id);
  // a live stack of the name wins over a deleted one
  const again = aStack(clock, { name: "a" });
  await store.insertStack(again);
  assert.is((await store.findStack("t1", "a", { showDeleted: true }))?.id, again.id);
  await store.close();
});

test("updateStack changes the fields given, clears those given as undefined, replaces the tags", async () => {
  const clock = new Clock();
  const store = await openStore();
  const s = aStack(clock, { name: "s", tags: ["x"], timeoutMins: 5 });
  await store.insertStack(s);
  const updatedAt = clock.tick();
  await store.updateStack(s.id, {
    action: "UPDATE",
    status: "IN_PROGRESS",
    statusReason: "Stack UPDATE started",
    outputs: [{ key: "k", value: 1 }],
    tags: ["y", "z"],
    timeoutMins: undefined,
    updatedAt,
  });
  const got = await store.getStack(s.id);
  const { timeoutMins: _, ...rest } = s;
  assert.equal(got, {
    ...rest,
    action: "UPDATE",
    status: "IN_PROGRESS",
    statusReason: "Stack UPDATE started",
    outputs: [{ key: "k", value: 1 }],
    tags: ["y", "z"],
    updatedAt,
  });
  assert.not.ok("timeoutMins" in (got ?? {}));
  const err = await store.updateStack("missing", { status: "FAILED" }).catch((e) => e);
  assert.instance(err, GantryError);
  await store.close();
});

test("interruptedStacks: the live stacks left IN_PROGRESS, oldest first", async () => {
  const clock = new Clock();
  const store = await openStore();
  await store.insertStack(aStack(clock, { name: "done" }));
  const a = aStack(clock, { name: "a", status: "IN_PROGRESS" });
  const b = aStack(clock, { name: "b", status: "IN_PROGRESS", action: "DELETE" });
  const gone = aStack(clock, { name: "gone", status: "IN_PROGRESS" });
  const nested = aStack(clock, { name: "a-child", status: "IN_PROGRESS", parentId: a.id });
  for (const s of [a, b, gone, nested]) await store.insertStack(s);
  await store.updateStack(gone.id, { deletedAt: clock.tick() });
  assert.equal(names(await store.interruptedStacks()), ["a", "b", "a-child"]);
  await store.close();
});

/** Six stacks of tenant t1 (one deleted, one nested), one of t2. */
async function sampleStacks(store: StackStore, clock: Clock): Promise<Record<string, StackRecord>> {
  const s: Record<string, StackRecord> = {};
  const add = async (r: StackRecord) => {
    s[r.name] = r;
    await store.insertStack(r);
  };
  await add(aStack(clock, { name: "alpha", tags: ["web", "prod"], status: "COMPLETE" }));
  await add(aStack(clock, { name: "beta", tags: ["web"], status: "FAILED", updatedAt: clock.tick() }));
  await add(aStack(clock, { name: "gamma", tags: ["db", "prod"], status: "COMPLETE", action: "UPDATE" }));
  await add(aStack(clock, { name: "delta", tags: [], status: "IN_PROGRESS", updatedAt: clock.tick() }));
  await add(aStack(clock, { name: "old", tags: ["web"], deletedAt: clock.tick(), action: "DELETE" }));
  await add(aStack(clock, { name: "alpha-nested", parentId: s.alpha!.id }));
  await add(aStack(clock, { name: "other", tenant: "t2", tags: ["web"] }));
  return s;
}

test("listStacks: the tenant's live top-level stacks, newest first (Heat's default order)", async () => {
  const clock = new Clock();
  const store = await openStore();
  await sampleStacks(store, clock);
  assert.equal(names(await store.listStacks({ tenant: "t1" })), ["delta", "gamma", "beta", "alpha"]);
  assert.equal(names(await store.listStacks({ tenant: "t1", sortDir: "asc" })), ["alpha", "beta", "gamma", "delta"]);
  assert.equal(names(await store.listStacks({})), ["other", "delta", "gamma", "beta", "alpha"]);
  assert.equal(names(await store.listStacks({ tenant: "t1", showDeleted: true })), [
    "old",
    "delta",
    "gamma",
    "beta",
    "alpha",
  ]);
  assert.equal(names(await store.listStacks({ tenant: "t1", showNested: true })), [
    "alpha-nested",
    "delta",
    "gamma",
    "beta",
    "alpha",
  ]);
  await store.close();
});

test("listStacks: exact filters on name, status, action and id (any of the values given)", async () => {
  const clock = new Clock();
  const store = await openStore();
  const s = await sampleStacks(store, clock);
  const list = async (q: object) => names(await store.listStacks({ tenant: "t1", sortDir: "asc", ...q }));
  assert.equal(await list({ name: ["alpha", "gamma", "nope"] }), ["alpha", "gamma"]);
  assert.equal(await list({ name: ["alph"] }), []);
  assert.equal(await list({ status: ["COMPLETE"] }), ["alpha", "gamma"]);
  assert.equal(await list({ status: ["FAILED", "IN_PROGRESS"] }), ["beta", "delta"]);
  assert.equal(await list({ action: ["UPDATE"] }), ["gamma"]);
  assert.equal(await list({ id: [s.beta!.id, s.other!.id] }), ["beta"]);
  assert.equal(await list({ status: ["COMPLETE"], action: ["CREATE"] }), ["alpha"]);
  assert.equal(await list({ name: [] }), []);
  await store.close();
});

test("listStacks: Heat's tag filters (tags: all, tags_any: any, not_tags: not all, not_tags_any: none)", async () => {
  const clock = new Clock();
  const store = await openStore();
  await sampleStacks(store, clock);
  const list = async (q: object) => names(await store.listStacks({ tenant: "t1", sortDir: "asc", ...q }));
  assert.equal(await list({ tags: ["web"] }), ["alpha", "beta"]);
  assert.equal(await list({ tags: ["web", "prod"] }), ["alpha"]);
  assert.equal(await list({ tags: ["web", "db"] }), []);
  assert.equal(await list({ tagsAny: ["web", "db"] }), ["alpha", "beta", "gamma"]);
  assert.equal(await list({ notTags: ["web", "prod"] }), ["beta", "gamma", "delta"]);
  assert.equal(await list({ notTags: ["web"] }), ["gamma", "delta"]);
  assert.equal(await list({ notTagsAny: ["web", "db"] }), ["delta"]);
  assert.equal(await list({ tags: ["prod"], notTagsAny: ["db"] }), ["alpha"]);
  assert.equal(await list({ tags: [] }), ["alpha", "beta", "gamma", "delta"]);
  await store.close();
});

test("listStacks: Heat's sort keys, ascending unless told; unknown keys ignored; ties broken by id", async () => {
  const clock = new Clock();
  const store = await openStore();
  await sampleStacks(store, clock);
  const list = async (q: object) => names(await store.listStacks({ tenant: "t1", ...q }));
  assert.equal(await list({ sortKeys: ["stack_name"] }), ["alpha", "beta", "delta", "gamma"]);
  assert.equal(await list({ sortKeys: ["stack_name"], sortDir: "desc" }), ["gamma", "delta", "beta", "alpha"]);
  assert.equal(await list({ sortKeys: ["creation_time"] }), ["alpha", "beta", "gamma", "delta"]);
  // stacks never updated come first ascending (as NULL does in SQLite and MySQL)
  assert.equal((await list({ sortKeys: ["updated_time"] })).slice(2), ["beta", "delta"]);
  assert.equal(await list({ sortKeys: ["stack_status", "stack_name"] }), ["alpha", "gamma", "beta", "delta"]);
  assert.equal(await list({ sortKeys: ["nonsense"] }), ["delta", "gamma", "beta", "alpha"]);
  assert.equal(await list({ sortKeys: ["nonsense"], sortDir: "asc" }), ["alpha", "beta", "gamma", "delta"]);
  await store.close();
});

test("listStacks: limit and marker page through every order without loss or repeat", async () => {
  const clock = new Clock();
  const store = await openStore();
  // many stacks sharing statuses and times, so that the id must break ties
  const createdAt = clock.tick();
  for (let i = 0; i < 23; i++)
    await store.insertStack(
      aStack(clock, {
        name: `s${String(i % 7).padStart(2, "0")}-${i}`,
        status: (["COMPLETE", "FAILED", "IN_PROGRESS"] as const)[i % 3],
        createdAt: i % 2 ? createdAt : clock.tick(),
        ...(i % 4 ? { updatedAt: clock.tick() } : {}),
      }),
    );
  const orders = [
    {},
    { sortDir: "asc" as const },
    { sortKeys: ["stack_status"] },
    { sortKeys: ["stack_status", "creation_time"], sortDir: "desc" as const },
    { sortKeys: ["updated_time"] },
    { sortKeys: ["updated_time"], sortDir: "desc" as const },
    { sortKeys: ["stack_name"] },
  ];
  for (const order of orders) {
    const all = await store.listStacks({ tenant: "t1", ...order });
    assert.is(all.length, 23);
    for (const limit of [1, 4, 10]) {
      const paged: StackRecord[] = [];
      let marker: string | undefined;
      for (;;) {
        const page = await store.listStacks({ tenant: "t1", ...order, limit, marker });
        assert.ok(page.length <= limit);
        if (!page.length) break;
        paged.push(...page);
        marker = page.at(-1)!.id;
      }
      assert.equal(
        paged.map((s) => s.id),
        all.map((s) => s.id),
        `${JSON.stringify(order)} limit ${limit}`,
      );
    }
  }
  // Heat ignores a marker it cannot find: the first page
  const first = await store.listStacks({ tenant: "t1", limit: 3 });
  assert.equal(await store.listStacks({ tenant: "t1", limit: 3, marker: "no-such-stack" }), first);
  await store.close();
});

test("resources: put creates or replaces by stack and name; get, list and delete", async () => {
  const clock = new Clock();
  const store = await openStore();
  const s = aStack(clock, { name: "s" });
  await store.insertStack(s);
  const r = {
    stackId: s.id,
    name: "pw",
    type: "OS::Heat::RandomString",
    physicalId: "",
    action: "CREATE" as const,
    status: "IN_PROGRESS" as const,
    statusReason: "state changed",
    requiredBy: ["app"],
    attributes: {},
    metadata: { m: 1 },
    createdAt: clock.tick(),
  };
  await store.putResource(r);
  await store.putResource({ ...r, name: "app", requiredBy: [], metadata: undefined, createdAt: clock.tick() });
  const done = {
    ...r,
    physicalId: "s-pw-abc",
    status: "COMPLETE" as const,
    attributes: { value: "xyz" },
    nestedStackId: "n1",
    updatedAt: clock.tick(),
  };
  await store.putResource(done);
  assert.equal(await store.getResource(s.id, "pw"), done);
  assert.equal(
    (await store.listResources(s.id)).map((x) => x.name),
    ["pw", "app"],
  );
  assert.is((await store.getResource(s.id, "app"))?.metadata, undefined);
  await store.deleteResource(s.id, "pw");
  assert.is(await store.getResource(s.id, "pw"), undefined);
  assert.equal(
    (await store.listResources(s.id)).map((x) => x.name),
    ["app"],
  );
  // a resource belongs to a stack that exists
  assert.ok(await store.putResource({ ...r, stackId: "missing" }).catch((e) => e));
  await store.close();
});

test("events: UUIDs and a store-wide increasing seq; filters; Heat's sort keys; marker paging", async () => {
  const clock = new Clock();
  const store = await openStore();
  const s = aStack(clock, { name: "s" });
  const t = aStack(clock, { name: "t" });
  await store.insertStack(s);
  await store.insertStack(t);
  const added: EventRecord[] = [];
  for (const [name, type, action, status] of [
    ["s", "OS::Heat::Stack", "CREATE", "IN_PROGRESS"],
    ["b", "OS::Heat::RandomString", "CREATE", "IN_PROGRESS"],
    ["a", "OS::Heat::None", "CREATE", "IN_PROGRESS"],
    ["b", "OS::Heat::RandomString", "CREATE", "COMPLETE"],
    ["a", "OS::Heat::None", "CREATE", "FAILED"],
    ["s", "OS::Heat::Stack", "CREATE", "FAILED"],
  ] as const) {
    added.push(await store.addEvent(anEvent(clock, s.id, { resourceName: name, resourceType: type, action, status })));
    await store.addEvent(anEvent(clock, t.id));
  }
  const seqs = added.map((e) => e.seq);
  assert.equal(
    seqs,
    [...seqs].sort((x, y) => x - y),
  );
  assert.is(new Set(seqs).size, 6);
  assert.ok(seqs[1]! - seqs[0]! === 2, "seq counts the other stack's events too");
  for (const e of added) assert.match(e.id, UUID);
  const ids = (es: { id: string }[]) => es.map((e) => added.findIndex((a) => a.id === e.id));
  // Heat's default: newest first
  assert.equal(ids(await store.listEvents({ stackId: s.id })), [5, 4, 3, 2, 1, 0]);
  assert.equal(ids(await store.listEvents({ stackId: s.id, sortDir: "asc" })), [0, 1, 2, 3, 4, 5]);
  assert.equal(ids(await store.listEvents({ stackId: s.id, resourceName: "a", sortDir: "asc" })), [2, 4]);
  assert.equal(ids(await store.listEvents({ stackId: s.id, resourceStatus: ["FAILED"], sortDir: "asc" })), [4, 5]);
  assert.equal(ids(await store.listEvents({ stackId: s.id, resourceAction: ["DELETE"] })), []);
  assert.equal(
    ids(await store.listEvents({ stackId: s.id, resourceType: ["OS::Heat::None", "OS::Heat::Stack"], sortDir: "asc" })),
    [0, 2, 4, 5],
  );
  assert.equal(ids(await store.listEvents({ stackId: s.id, sortKeys: ["resource_type"] })), [2, 4, 1, 3, 0, 5]);
  assert.equal(ids(await store.listEvents({ stackId: s.id, sortKeys: ["event_time"] })), [0, 1, 2, 3, 4, 5]);
  // the sort keys Heat's database does not know are ignored there, and here
  assert.equal(ids(await store.listEvents({ stackId: s.id, sortKeys: ["resource_name"] })), [5, 4, 3, 2, 1, 0]);
  // pages
  const page1 = await store.listEvents({ stackId: s.id, sortKeys: ["resource_type"], limit: 4 });
  const page2 = await store.listEvents({
    stackId: s.id,
    sortKeys: ["resource_type"],
    limit: 4,
    marker: page1.at(-1)!.id,
  });
  assert.equal([...ids(page1), ...ids(page2)], [2, 4, 1, 3, 0, 5]);
  assert.equal(ids(await store.listEvents({ stackId: s.id, limit: 2, marker: "unknown" })), [5, 4]);
  assert.equal(added[3], (await store.listEvents({ stackId: s.id, limit: 1, marker: added[4]!.id }))[0]);
  await store.close();
});

test("events of nested stacks, down to nestedDepth levels", async () => {
  const clock = new Clock();
  const store = await openStore();
  const root = aStack(clock, { name: "root" });
  const child = aStack(clock, { name: "child", parentId: root.id });
  const grandchild = aStack(clock, { name: "grandchild", parentId: child.id });
  const unrelated = aStack(clock, { name: "unrelated" });
  for (const s of [root, child, grandchild, unrelated]) {
    await store.insertStack(s);
    await store.addEvent(anEvent(clock, s.id, { resourceName: s.name }));
  }
  const list = async (nestedDepth?: number) =>
    (await store.listEvents({ stackId: root.id, nestedDepth, sortDir: "asc" })).map((e) => e.resourceName);
  assert.equal(await list(), ["root"]);
  assert.equal(await list(0), ["root"]);
  assert.equal(await list(1), ["root", "child"]);
  assert.equal(await list(5), ["root", "child", "grandchild"]);
  await store.close();
});

test("transaction: all of its writes or none; other callers wait for its end and are not undone with it", async () => {
  const clock = new Clock();
  const store = await openStore();
  const s = aStack(clock, { name: "s" });
  await store.insertStack(s);
  // another caller (say, another request) writes while the transaction is open; then the transaction fails
  let go!: () => void;
  const signal = new Promise<void>((r) => {
    go = r;
  });
  let outsideDone = false;
  const outside = signal
    .then(() => store.addEvent(anEvent(clock, s.id, { resourceName: "outside" })))
    .then(() => {
      outsideDone = true;
    });
  const err = await store
    .transaction(async () => {
      await store.updateStack(s.id, { status: "FAILED" });
      await store.addEvent(anEvent(clock, s.id, { resourceName: "inside" }));
      go();
      await new Promise((r) => setTimeout(r, 1));
      assert.not.ok(outsideDone, "the other caller waits for the transaction's end");
      throw new Error("boom");
    })
    .catch((e) => e);
  assert.is(err.message, "boom");
  await outside;
  assert.is((await store.getStack(s.id))?.status, "COMPLETE");
  assert.equal(
    (await store.listEvents({ stackId: s.id })).map((e) => e.resourceName),
    ["outside"],
  );
  const result = await store.transaction(async () => {
    await store.updateStack(s.id, { status: "FAILED" });
    // a nested transaction that fails undoes its own part only
    await store
      .transaction(async () => {
        await store.updateStack(s.id, { statusReason: "nested" });
        throw new Error("inner");
      })
      .catch(() => undefined);
    return 42;
  });
  assert.is(result, 42);
  const after = await store.getStack(s.id);
  assert.is(after?.status, "FAILED");
  assert.is.not(after?.statusReason, "nested");
  await store.close();
});

test("schema: migrations are numbered, applied at open and recorded; a newer store is refused", async () => {
  const file = tempFile();
  const old = SqliteStackStore.open(file, { migrations: MIGRATIONS.slice(0, 1) });
  assert.is(old.schemaVersion(), 1);
  await old.close();
  const later = [
    ...MIGRATIONS,
    { version: MIGRATIONS.at(-1)!.version + 1, name: "test", statements: ["CREATE TABLE extra (x TEXT)"] },
  ];
  const upgraded = SqliteStackStore.open(file, { migrations: later });
  assert.is(upgraded.schemaVersion(), later.at(-1)!.version);
  await upgraded.close();
  // opening again applies nothing twice
  const again = SqliteStackStore.open(file, { migrations: later });
  await again.close();
  const err = (() => {
    try {
      SqliteStackStore.open(file);
    } catch (e) {
      return e as Error;
    }
  })();
  assert.instance(err, GantryError);
  const known = MIGRATIONS.at(-1)!.version;
  assert.ok(err!.message.includes(`schema version ${known + 1}; this gantry knows up to ${known}`), err!.message);
  const raw = new Sqlite(file, { readonly: true });
  assert.is(raw.pragma("journal_mode", { simple: true }), "wal");
  raw.close();
});

test.run();
