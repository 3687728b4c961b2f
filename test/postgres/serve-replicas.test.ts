// Three `gantry serve` replicas (the built CLI, each on its own loopback port) sharing one PostgreSQL store: a stack
// made through one is seen and deleted through another; one replica killed with SIGKILL in the middle of 20
// concurrent stack creates leaves every stack CREATE_COMPLETE or CREATE_FAILED with a reason (none IN_PROGRESS), and
// every resource created at most once (each create appends a line to a log: no line twice), once for every stack
// that completed.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { PgStackStore } from "../../stacks/pg-stack-store.js";
import { type PostgresServer, startPostgres } from "../postgres-server.js";
import { freshPgDatabase } from "../stacks/store-under-test.js";
import { type Replica, startReplica, stopReplicas } from "./serve-replica.js";

const TENANT = "t1";
const RESOURCES = 4;

/** A stack whose resources each append "<stack> <name>" to `log` once, when created, then take a moment. */
function template(log: string): Record<string, unknown> {
  const resources: Record<string, unknown> = {
    host: { type: "Gantry::Host", properties: { driver: "local" } },
  };
  for (let i = 1; i <= RESOURCES; i++) {
    resources[`c${i}`] = {
      type: "Gantry::Command",
      properties: {
        host: { get_attr: ["host"] },
        command: {
          str_replace: {
            template: `echo "STACK c${i}" >> ${log}; sleep 0.3`,
            params: { STACK: { get_param: "OS::stack_name" } },
          },
        },
      },
      ...(i > 1 && { depends_on: [`c${i - 1}`] }),
    };
  }
  return { heat_template_version: "2021-04-16", resources };
}

async function api(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/v1/${TENANT}${path}`, {
    method,
    headers: { "X-Auth-Token": token, "Content-Type": "application/json", Accept: "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

type StackView = { stack_name: string; stack_status: string; stack_status_reason: string; id: string };

async function stackOf(base: string, token: string, name: string): Promise<StackView> {
  const r = await api(base, token, "GET", `/stacks/${name}`);
  if (r.status !== 200) throw new Error(`GET ${name}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.stack as StackView;
}

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let pg: PostgresServer;
let replicas: Replica[] = [];

test.before(async () => {
  pg = await startPostgres();
});

test.after.each(async () => {
  await stopReplicas(replicas);
  replicas = [];
});

test.after(async () => {
  await pg.stop();
});

async function setUp(leaseSeconds: number) {
  const url = await freshPgDatabase(pg.url);
  const store = await PgStackStore.open(url);
  const { token } = await store.issueToken(TENANT, ["admin"]);
  await store.close();
  const dir = mkdtempSync(join(tmpdir(), "gantry-replicas-"));
  const log = join(dir, "creates.log");
  // each replica its own working directory (its stacks' working data), as on separate machines
  replicas = await Promise.all(
    [0, 1, 2].map((i) => startReplica(url, mkdtempSync(join(dir, `replica-${i}-`)), leaseSeconds)),
  );
  return { url, token, log };
}

test("three replicas on one store: a stack made through one is shown and deleted through the others", async () => {
  const { token, log } = await setUp(3);
  const [a, b, c] = replicas as [Replica, Replica, Replica];
  const made = await api(a.url, token, "POST", "/stacks", { stack_name: "shared", template: template(log) });
  assert.is(made.status, 201, JSON.stringify(made.json));
  const done = await waitFor("CREATE_COMPLETE", 120_000, async () => {
    const s = await stackOf(b.url, token, "shared");
    return s.stack_status.endsWith("IN_PROGRESS") ? undefined : s;
  });
  assert.is(done.stack_status, "CREATE_COMPLETE", done.stack_status_reason);
  const listed = await api(c.url, token, "GET", "/stacks");
  assert.equal(
    (listed.json.stacks as StackView[]).map((s) => s.stack_name),
    ["shared"],
  );
  const del = await api(c.url, token, "DELETE", `/stacks/shared/${done.id}`);
  assert.is(del.status, 204, JSON.stringify(del.json));
  await waitFor("the stack gone", 120_000, async () => {
    const r = await api(a.url, token, "GET", `/stacks/shared/${done.id}`);
    return r.status === 404 || (r.json.stack as StackView | undefined)?.stack_status === "DELETE_COMPLETE"
      ? true
      : undefined;
  });
  const lines = readFileSync(log, "utf8").trim().split("\n");
  assert.is(lines.length, RESOURCES);
});

test("a replica killed amid 20 creates: every stack COMPLETE or FAILED, no resource made twice", async () => {
  const { token, log } = await setUp(2);
  const names = Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, "0")}`);
  // spread over the replicas as a balancer would
  const made = await Promise.all(
    names.map((name, i) =>
      api(replicas[i % 3]!.url, token, "POST", "/stacks", { stack_name: name, template: template(log) }),
    ),
  );
  for (const m of made) assert.is(m.status, 201, JSON.stringify(m.json));
  const victim = replicas[0]!;
  // kill it while its stacks are being created: once the log shows some of them under way
  const victimStacks = names.filter((_, i) => i % 3 === 0);
  await waitFor("the victim's creates under way", 60_000, async () => {
    let text = "";
    try {
      text = readFileSync(log, "utf8");
    } catch {
      return undefined;
    }
    return victimStacks.some((n) => text.includes(`${n} c1`)) ? true : undefined;
  });
  victim.child.kill("SIGKILL");
  await victim.exited;
  const survivor = replicas[1]!;
  const final = await waitFor("no stack in progress", 180_000, async () => {
    const all = await Promise.all(names.map((n) => stackOf(survivor.url, token, n)));
    return all.some((s) => s.stack_status.endsWith("IN_PROGRESS")) ? undefined : all;
  });
  const lines = readFileSync(log, "utf8").trim().split("\n");
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const [line, n] of counts) assert.is(n, 1, `${line} created ${n} times`);
  let failed = 0;
  for (const s of final) {
    if (s.stack_status === "CREATE_COMPLETE") {
      for (let i = 1; i <= RESOURCES; i++) assert.is(counts.get(`${s.stack_name} c${i}`), 1, `${s.stack_name} c${i}`);
    } else {
      failed++;
      assert.is(s.stack_status, "CREATE_FAILED");
      assert.is(s.stack_status_reason, "Engine went down during stack CREATE");
      assert.ok(victimStacks.includes(s.stack_name), `${s.stack_name} was the killed replica's`);
    }
  }
  // the killed replica had work under way: some of its stacks were taken over and marked failed
  assert.ok(failed >= 1, "at least one stack was taken over from the killed replica");
  assert.ok(failed <= victimStacks.length);
  assert.match(
    replicas
      .slice(1)
      .map((r) => r.stderr())
      .join(""),
    /GET|POST/,
  );
});

test.run();
