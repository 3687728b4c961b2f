// The built CLI with its state in PostgreSQL: two applies at once (one runs, the other is told the holder), an
// apply killed with SIGKILL leaves no lock, history and pull -serial, migrate there and back unchanged, workspaces
// as rows, and a clear error for an unreachable server.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry, tempConfig } from "../cli/cli-harness.js";
import { type PostgresServer, startPostgres } from "../postgres-server.js";

const BIN = new URL("../../bin/run.js", import.meta.url).pathname;
let server: PostgresServer;
let url: string;

test.before(async () => {
  server = await startPostgres();
  url = await server.createDatabase("pgcli");
});

test.after(async () => {
  await server.stop();
});

/** A configuration whose apply waits (in a local-exec) until the file `go` exists, after touching `started`. */
function blockingConfig(schema: string): string {
  const dir = tempConfig({});
  writeFileSync(
    join(dir, "main.tf"),
    `terraform {\n  backend "pg" {\n    conn_str    = "${url}"\n    schema_name = "${schema}"\n  }\n}\n` +
      'resource "null_resource" "slow" {\n  provisioner "local-exec" {\n' +
      `    command = "touch ${dir}/started; while [ ! -f ${dir}/go ]; do sleep 0.05; done"\n  }\n}\n`,
  );
  return dir;
}

function startApply(dir: string) {
  const child = spawn(process.execPath, [BIN, "apply", "-auto-approve", dir], {
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const done = new Promise<number>((r) => child.on("close", (c, sig) => r(c ?? (sig ? -1 : -2))));
  return { child, done, output: () => out };
}

async function until(cond: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test("two applies on one pg state: one runs, the other is told who holds the lock", async () => {
  const dir = blockingConfig("concurrent");
  const first = startApply(dir);
  await until(() => existsSync(join(dir, "started")), "the first apply to run its provisioner");
  const second = gantry(["apply", "-auto-approve", dir]);
  assert.is(second.code, 1, second.stdout + second.stderr);
  assert.match(second.stderr, /Error acquiring the state lock/);
  assert.match(second.stderr, /Operation: apply/);
  assert.match(second.stderr, /Who:/);
  assert.not.match(second.stderr, /\n\s+at /, "no stack trace");
  writeFileSync(join(dir, "go"), "");
  assert.is(await first.done, 0, first.output());
  const list = gantry(["state", "list", "-dir", dir]);
  assert.is(list.stdout.trim(), "null_resource.slow", list.stderr);
});

test("kill -9 of an apply mid-run leaves no lock: the next apply proceeds", async () => {
  const dir = blockingConfig("killed");
  const run = startApply(dir);
  await until(() => existsSync(join(dir, "started")), "the apply to hold the lock");
  run.child.kill("SIGKILL");
  await run.done;
  writeFileSync(join(dir, "go"), "");
  const next = gantry(["apply", "-auto-approve", "-lock-timeout=30s", dir]);
  assert.is(next.code, 0, next.stdout + next.stderr);
  // the killed run may or may not have recorded the resource before it died (state writes are coalesced): either
  // way the next apply is not refused a lock, and ends with the resource in the state
  assert.match(next.stdout, /Apply complete!/);
  const list = gantry(["state", "list", "-dir", dir]);
  assert.is(list.stdout.trim(), "null_resource.slow", list.stderr);
});

test("history and pull -serial; migrate to a file and back, byte for byte", async () => {
  const dir = tempConfig({ "main.gantry.yaml": "resources:\n  noop.a:\n    input: one\n" });
  const env = { GANTRY_PG_CONN: url };
  assert.is(gantry(["apply", "-auto-approve", dir], { env }).code, 0);
  writeFileSync(join(dir, "main.gantry.yaml"), "resources:\n  noop.a:\n    input: two\n");
  const second = gantry(["apply", "-auto-approve", dir], { env });
  assert.is(second.code, 0, second.stderr);
  const history = gantry(["state", "history", "-json", "-dir", dir], { env });
  assert.is(history.code, 0, history.stderr);
  const versions = JSON.parse(history.stdout).versions as { serial: number; current: boolean; size: number }[];
  assert.ok(versions.length >= 2, history.stdout);
  assert.ok(versions.at(-1)!.current);
  const table = gantry(["state", "history", "-dir", dir], { env });
  assert.match(table.stdout, /SERIAL\s+LINEAGE\s+WRITTEN/);
  const firstSerial = versions[0]!.serial;
  const old = gantry(["state", "pull", "-serial", String(firstSerial), "-dir", dir], { env });
  assert.is(old.code, 0, old.stderr);
  assert.match(old.stdout, /"input":"one"/);
  const now = gantry(["state", "pull", "-dir", dir], { env });
  assert.match(now.stdout, /"input":"two"/);
  // as the current one, printed with a newline after the stored text
  assert.is(Buffer.byteLength(old.stdout), versions[0]!.size + 1);
  // out to a local file and back into another schema: unchanged
  const out = gantry(["state", "migrate", "-to", "local", "-dir", dir], { env });
  assert.is(out.code, 0, out.stderr);
  const file = readFileSync(join(dir, "gantry.tfstate"), "utf8");
  assert.is(`${file}\n`, now.stdout);
  const env2 = { GANTRY_PG_CONN: url };
  const back = gantry(["state", "migrate", "-to", "pg", "-dir", dir, "-backend-config", "schema_name=elsewhere"], {
    env: env2,
  });
  assert.is(back.code, 0, back.stderr);
  const again = gantry(["state", "pull", "-dir", dir, "-backend-config", "schema_name=elsewhere"], { env: env2 });
  assert.is(again.stdout, `${file}\n`, "the same state after the round trip");
  const home = gantry(
    [
      "state",
      "migrate",
      "-to",
      "local",
      "-state",
      join(dir, "home.tfstate"),
      "-dir",
      dir,
      "-backend-config",
      "schema_name=elsewhere",
    ],
    { env: env2 },
  );
  assert.is(home.code, 0, home.stderr);
  assert.ok(readFileSync(join(dir, "home.tfstate")).equals(Buffer.from(file)), "byte for byte after the round trip");
  const refused = gantry(["state", "migrate", "-to", "pg", "-dir", dir, "-backend-config", "schema_name=elsewhere"], {
    env: env2,
  });
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /already holds a state/);
});

test("workspaces are rows: new, select, list, delete", async () => {
  const dir = tempConfig({ "main.gantry.yaml": "resources:\n  noop.a:\n    input: one\n" });
  const other = tempConfig({ "main.gantry.yaml": "resources:\n  noop.a:\n    input: one\n" });
  const env = { GANTRY_PG_CONN: url };
  const init = gantry(["init", dir, "-backend-config", "schema_name=spaces"], { env });
  assert.is(init.code, 0, init.stderr);
  assert.match(init.stdout, /backend "pg"/);
  assert.is(gantry(["workspace", "new", "staging", dir], { env }).code, 0);
  assert.is(gantry(["apply", "-auto-approve", dir], { env }).code, 0);
  // another directory using the same schema sees the workspace
  const listed = gantry(["workspace", "list", other, "-backend-config", "schema_name=spaces"], { env });
  assert.equal(
    listed.stdout
      .trim()
      .split("\n")
      .map((l) => l.trim()),
    ["* default", "staging"],
  );
  const sel = gantry(["workspace", "select", "staging", other, "-backend-config", "schema_name=spaces"], { env });
  assert.is(sel.code, 0, sel.stderr);
  const list = gantry(["state", "list", "-dir", other, "-backend-config", "schema_name=spaces"], { env });
  assert.is(list.stdout.trim(), "gantry_noop.a");
  assert.is(gantry(["workspace", "select", "default", dir], { env }).code, 0);
  const refused = gantry(["workspace", "delete", "staging", dir], { env });
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /Workspace is not empty/);
  assert.is(gantry(["workspace", "delete", "-force", "staging", dir], { env }).code, 0);
  const after = gantry(["workspace", "list", dir], { env });
  assert.equal(
    after.stdout
      .trim()
      .split("\n")
      .map((l) => l.trim()),
    ["* default"],
  );
});

test("an unreachable server or a bad conn_str: a clear error naming the setting, no stack trace", () => {
  const dir = tempConfig({ "main.gantry.yaml": "resources:\n  noop.a:\n    input: one\n" });
  const r = gantry(["plan", dir, "-backend-config", "conn_str=postgres://nobody@127.0.0.1:1/none"]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /backend "pg": cannot connect to PostgreSQL with the conn_str from -backend-config conn_str/);
  assert.not.match(r.stderr, /\n\s+at /);
  const bad = gantry(["plan", dir], { env: { GANTRY_PG_CONN: "mysql://x" } });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /conn_str \(from GANTRY_PG_CONN\) is not a PostgreSQL connection string/);
});

test.run();
