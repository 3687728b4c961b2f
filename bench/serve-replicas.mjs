// Stack creates per second with 1, 2 and 3 `gantry serve` replicas on one PostgreSQL store.
//
//   npm run build && node bench/serve-replicas.mjs [--stacks=30] [--concurrency=8] [--replicas=1,2,3]
//                                                  [--resources=5] [--poll-ms=50]
//
// Starts a PostgreSQL 15 of its own (test/postgres-server.ts: a temporary cluster on a loopback port), then for each
// replica count N: a fresh database, N `node bin/run.js serve --store postgres://… --listen 127.0.0.1:PORT`
// processes (each in its own working directory) and a token from the store; --concurrency workers each POST a
// stack to the replicas in turn (as a round-robin balancer would) and poll it until CREATE_COMPLETE before taking
// the next, --stacks stacks in all, each of --resources OS::Heat::RandomString. Timed from the first POST to the
// last CREATE_COMPLETE; prints one row per N. The load generator shares the machine with the servers and the
// database, so on a small machine more replicas mostly share the same cores.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { REPO_DIR } from "./lib.mjs";

register();
const { startPostgres } = await import("../test/postgres-server.ts");
const { PgStackStore } = await import("../stacks/pg-stack-store.ts");

const CLI = join(REPO_DIR, "bin/run.js");
const TENANT = "bench";

function arg(name, dflt) {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
}

const STACKS = Number(arg("stacks", "30"));
const CONCURRENCY = Number(arg("concurrency", "8"));
const REPLICAS = arg("replicas", "1,2,3").split(",").map(Number);
const RESOURCES = Number(arg("resources", "5"));
const POLL_MS = Number(arg("poll-ms", "50"));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startReplica(store, cwd) {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, "serve", "--listen", `127.0.0.1:${port}`, "--store", store], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let err = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gantry serve did not start:\n${err}`)), 120_000);
    child.stderr.on("data", (d) => {
      // keep only the start-up line: the request log is not needed
      if (err.length < 10_000) err += d;
      if (err.includes("Heat API v1 on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`gantry serve exited (${code}):\n${err}`));
    });
  });
  const exited = new Promise((r) => child.on("exit", r));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

function template() {
  const resources = {};
  for (let i = 0; i < RESOURCES; i++) resources[`r${i}`] = { type: "OS::Heat::RandomString" };
  return { heat_template_version: "2021-04-16", resources };
}

async function call(base, token, method, path, body) {
  const res = await fetch(`${base}/v1/${TENANT}${path}`, {
    method,
    headers: { "X-Auth-Token": token, "Content-Type": "application/json" },
    ...(body && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

async function createAndWait(base, token, name) {
  const made = await call(base, token, "POST", "/stacks", { stack_name: name, template: template() });
  const id = made.stack.id;
  for (;;) {
    const { stack } = await call(base, token, "GET", `/stacks/${name}/${id}`);
    if (stack.stack_status === "CREATE_COMPLETE") return;
    if (!stack.stack_status.endsWith("IN_PROGRESS")) throw new Error(`${name}: ${stack.stack_status_reason}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function run(pg, n) {
  const dir = mkdtempSync(join(tmpdir(), "gantry-bench-replicas-"));
  const url = await pg.createDatabase(`bench_${n}_${process.pid}`);
  const store = await PgStackStore.open(url);
  const { token } = await store.issueToken(TENANT, []);
  await store.close();
  const replicas = await Promise.all(
    Array.from({ length: n }, (_, i) => startReplica(url, mkdtempSync(join(dir, `replica-${i}-`)))),
  );
  try {
    await createAndWait(replicas[0].url, token, "warm-up");
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (;;) {
          const i = next++;
          if (i >= STACKS) return;
          await createAndWait(replicas[i % n].url, token, `s${i}`);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { n, seconds, perSecond: STACKS / seconds };
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

const pg = await startPostgres();
try {
  const rows = [];
  for (const n of REPLICAS) rows.push(await run(pg, n));
  console.log(
    `stack creates on PostgreSQL: ${STACKS} stacks of ${RESOURCES} OS::Heat::RandomString, ${CONCURRENCY} at a time`,
  );
  console.log("  replicas  stacks/s  resources/s  wall");
  for (const r of rows) {
    const perSecond = r.perSecond.toFixed(1).padEnd(8);
    const resources = (r.perSecond * RESOURCES).toFixed(0).padEnd(11);
    console.log(`  ${String(r.n).padEnd(8)}  ${perSecond}  ${resources}  ${r.seconds.toFixed(1)} s`);
  }
} finally {
  await pg.stop();
}
