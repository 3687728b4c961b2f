// `gantry token create`: the token on stdout and nothing else, in the store that `serve` reads.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { gantry } from "./cli-harness.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "gantry-token-"));
const TOKEN_LINE = /^gt_[A-Za-z0-9_-]{43}\n$/;

test("token create --store FILE: one line, the token, which authenticates with the tenant and roles", async () => {
  const file = join(tempDir(), "s.sqlite");
  const r = gantry(["token", "create", "--tenant", "demo", "--role", "admin", "--role", "member", "--store", file]);
  assert.is(r.stderr, "");
  assert.is(r.code, 0);
  assert.match(r.stdout, TOKEN_LINE);
  const store = SqliteStackStore.open(file);
  const record = await store.authenticate(r.stdout.trim());
  assert.is(record?.tenant, "demo");
  assert.equal(record?.roles, ["admin", "member"]);
  await store.close();
});

test("token create: GANTRY_STORE, else ./gantry-stacks.sqlite; Terraform-style single-dash flags", async () => {
  const dir = tempDir();
  const viaEnv = join(dir, "env.sqlite");
  const a = gantry(["token", "create", "-tenant=t1"], { cwd: dir, env: { GANTRY_STORE: viaEnv } });
  assert.is(a.code, 0, a.stderr);
  assert.match(a.stdout, TOKEN_LINE);
  assert.ok(existsSync(viaEnv));
  assert.not.ok(existsSync(join(dir, "gantry-stacks.sqlite")));
  const b = gantry(["token", "create", "--tenant", "t2"], { cwd: dir, env: { GANTRY_STORE: "" } });
  assert.is(b.code, 0, b.stderr);
  const store = SqliteStackStore.open(join(dir, "gantry-stacks.sqlite"));
  const record = await store.authenticate(b.stdout.trim());
  assert.is(record?.tenant, "t2");
  assert.equal(record?.roles, []);
  assert.is(await store.authenticate(a.stdout.trim()), undefined, "the other store's token is not known here");
  await store.close();
});

test("token create: a PostgreSQL store out of reach is an error naming it, no tenant too; nothing on stdout", () => {
  const pg = gantry(["token", "create", "--tenant", "t", "--store", "postgres://gantry:pw@127.0.0.1:1/stacks"]);
  assert.is(pg.code, 1);
  assert.is(pg.stdout, "");
  assert.match(pg.stderr, "cannot open the stack store postgres://gantry:***@127.0.0.1:1/stacks");
  assert.not.match(pg.stderr, "pw@", "the password is not shown");
  const none = gantry(["token", "create"], { cwd: tempDir() });
  assert.is.not(none.code, 0);
  assert.is(none.stdout, "");
  assert.match(none.stderr, "tenant");
});

test.run();
