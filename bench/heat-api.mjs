// The Heat API as users run it: `gantry serve` as a whole process, driven over HTTP.
//
//   npm run build && node bench/heat-api.mjs [--stacks=50] [--create-concurrency=1,8] [--connections=10]
//                                            [--duration=10] [--memory-stacks=1000] [--poll-ms=50] [--keep]
//
// Starts `node bin/run.js serve --listen 127.0.0.1:0 --store <temp>/stacks.sqlite` (the port the server
// chose is read from its start-up line) with a token from `node bin/run.js token create`; builds nothing
// (expects `npm run build`). Three figures (issue #9):
//
//   1. Stacks created per second: --stacks stacks, each of 10 OS::Heat::RandomString + 10
//      OS::Heat::TestResource (no waits; TestResource i takes RandomString i's value through get_attr),
//      created by C workers for each C of --create-concurrency (a fresh set of --stacks stacks each): a
//      worker POSTs a stack and polls it (GET, every --poll-ms) until CREATE_COMPLETE before taking the
//      next, so at most C stacks are in progress. Timed from the first POST to the last CREATE_COMPLETE;
//      stacks/s and resources/s. One stack of the same template is created first, untimed (warm-up).
//   2. API latency under a bounded local load: autocannon, --connections connections (each one request
//      at a time: a closed loop) for --duration seconds per route, against GET /v1/{tenant}/stacks (every
//      stack of case 1 in the store), GET .../stacks/{name}/{id} and GET .../{name}/{id}/resources
//      of one of them; p50 / p99 / max and requests/s. The load generator runs on the same machine.
//   3. Server memory at --memory-stacks stacks: the stacks of case 1 plus small ones (one
//      OS::Heat::RandomString each) up to that count, created as in case 1 (the largest C); then VmRSS of
//      the server process from /proc/PID/status (VmHWM: its peak so far). The server's CPU time comes from
//      /proc/PID/stat.
//
// Prints one table; exit code 0 unless a case failed to run. The server is stopped (SIGTERM) and the temp
// directory removed at the end (--keep keeps it). Exported as runHeatApiBench() for bench/run.mjs (group
// "heat").

import { execFile, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_DIR, tempDir } from "./lib.mjs";

const TENANT = "bench";
const CLI = join(REPO_DIR, "bin/run.js");
const START_TIMEOUT_MS = 60_000;
const STACK_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

const fmtInt = (n) => n.toLocaleString("en-US");
const ms = (x) =>
  x >= 10000
    ? `${(x / 1000).toFixed(1)} s`
    : x >= 1000
      ? `${(x / 1000).toFixed(2)} s`
      : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const mb = (kib) => `${(kib / 1024).toFixed(0)} MB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (t) => new Promise((r) => setTimeout(r, t));

/** A table with every column left-aligned (the values are phrases, not bare numbers). */
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const w = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `  ${r.map((c, i) => c.padEnd(w[i])).join("  ")}`.trimEnd();
  return [line(all[0]), `  ${w.map((n) => "-".repeat(n)).join("  ")}`, ...all.slice(1).map(line)].join("\n");
}

/** The template of case 1: 10 RandomString + 10 TestResource, TestResource i holding RandomString i's value. */
export function twentyResourceTemplate() {
  const resources = {};
  for (let i = 0; i < 10; i++) {
    resources[`random${i}`] = { type: "OS::Heat::RandomString", properties: { length: 16 } };
    resources[`test${i}`] = {
      type: "OS::Heat::TestResource",
      properties: { value: { get_attr: [`random${i}`, "value"] } },
    };
  }
  return { heat_template_version: "2021-04-16", description: "bench: 10 RandomString + 10 TestResource", resources };
}

/** The template of the stacks case 3 adds: one RandomString. */
export function smallTemplate() {
  return { heat_template_version: "2021-04-16", resources: { random: { type: "OS::Heat::RandomString" } } };
}

/** `node bin/run.js ...args` to completion; resolves stdout (rejects with stderr on a non-zero exit). */
function runCli(args, cwd) {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } }, (err, out, errOut) =>
      err ? reject(new Error(`gantry ${args.join(" ")}: ${(errOut || err.message).trim()}`)) : resolvePromise(out),
    );
  });
}

/** /proc/PID/status fields in KiB (VmRSS, VmHWM) and the process's CPU ms (/proc/PID/stat utime + stime). */
function procFigures(pid, clockTicks) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  // the fields after the command name (which may hold spaces) start at field 3, state
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpuMs = ((Number(after[11]) + Number(after[12])) * 1000) / clockTicks; // utime, stime: fields 14 and 15
  return { rssKiB: kib("VmRSS"), hwmKiB: kib("VmHWM"), cpuMs };
}

/** `gantry serve` as a child process; its request log goes to a file in dir. */
async function startServer(dir, store) {
  const logFile = join(dir, "serve.log");
  const fd = openSync(logFile, "w");
  const child = spawn(process.execPath, [CLI, "serve", "--listen", "127.0.0.1:0", "--store", store], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  let exited = null;
  const exit = new Promise((r) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      r(exited);
    }),
  );
  const log = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  const deadline = performance.now() + START_TIMEOUT_MS;
  let url;
  while (!url) {
    if (exited) throw new Error(`gantry serve exited (${exited.signal ?? exited.code}) before listening:\n${log()}`);
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`gantry serve did not listen within ${START_TIMEOUT_MS / 1000} s:\n${log()}`);
    }
    url = /Heat API v1 on (http:\/\/[^/\s]+)/.exec(log())?.[1];
    if (!url) await sleep(50);
  }
  return {
    url,
    pid: child.pid,
    logFile,
    log,
    /** SIGTERM, and SIGKILL if it has not stopped within STOP_TIMEOUT_MS; resolves how it ended. */
    async stop() {
      if (exited) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      const how = await exit;
      clearTimeout(timer);
      return how;
    },
  };
}

/** A small client of the server's Heat API for one tenant. */
function heatClient(url, token) {
  const base = `${url}/v1/${TENANT}`;
  const headers = { "x-auth-token": token, "content-type": "application/json", accept: "application/json" };
  async function call(method, path, body) {
    const res = await fetch(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 400)}`);
    return text ? JSON.parse(text) : {};
  }
  return { base, headers, call };
}

/**
 * Creates the named stacks from `template` with `concurrency` workers, each waiting for its stack to be
 * CREATE_COMPLETE before the next; resolves { wallMs, stackMs: [...], stacks: [{ name, id }] }.
 */
async function createStacks(client, names, template, concurrency, pollMs) {
  const queue = [...names];
  const stacks = [];
  const stackMs = [];
  const t0 = performance.now();
  async function worker() {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const s0 = performance.now();
      const { stack } = await client.call("POST", "/stacks", { stack_name: name, template, disable_rollback: true });
      for (;;) {
        const { stack: shown } = await client.call("GET", `/stacks/${name}/${stack.id}`);
        if (shown.stack_status === "CREATE_COMPLETE") break;
        if (shown.stack_status !== "CREATE_IN_PROGRESS")
          throw new Error(`stack ${name}: ${shown.stack_status}: ${shown.stack_status_reason}`);
        if (performance.now() - s0 > STACK_TIMEOUT_MS)
          throw new Error(`stack ${name}: still ${shown.stack_status} after ${STACK_TIMEOUT_MS / 1000} s`);
        await sleep(pollMs);
      }
      stackMs.push(performance.now() - s0);
      stacks.push({ name, id: stack.id });
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return { wallMs: performance.now() - t0, stackMs, stacks };
}

/** autocannon against one GET path; the figures of the run. */
async function loadRoute(autocannon, client, path, connections, duration) {
  const r = await autocannon({ url: `${client.base}${path}`, headers: client.headers, connections, duration });
  const failed = r.non2xx + r.errors + r.timeouts;
  if (failed) throw new Error(`GET ${path}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    perSecond: r.requests.total / r.duration,
  };
}

/**
 * The whole benchmark; returns { failures } (a failure is a case that did not run). Options: stacks,
 * createConcurrency, connections, duration (s per route), memoryStacks, pollMs, keep, log, heading.
 */
export async function runHeatApiBench(opts = {}) {
  const nStacks = opts.stacks ?? 50;
  const concurrencies = opts.createConcurrency ?? [1, 8];
  const connections = opts.connections ?? 10;
  const duration = opts.duration ?? 10;
  const memoryStacks = opts.memoryStacks ?? 1000;
  const pollMs = opts.pollMs ?? 50;
  const log = opts.log ?? console.log;
  const failures = [];
  const rows = [];
  const dir = tempDir("heat-api");
  const store = join(dir, "stacks.sqlite");
  let server;
  const started = performance.now();

  log(`${opts.heading ?? "Heat API"}: \`gantry serve\` as a whole process (store ${store}), driven over HTTP`);
  try {
    if (!existsSync(join(REPO_DIR, "dist/bundle/cli.cjs"))) throw new Error("dist/ is missing: run npm run build");
    const clockTicks = Number((await new Promise((r) => execFile("getconf", ["CLK_TCK"], (_e, out) => r(out)))) || 100);
    const token = (await runCli(["token", "create", "--tenant", TENANT, "--store", store], dir)).trim();
    server = await startServer(dir, store);
    const client = heatClient(server.url, token);
    const proc = () => procFigures(server.pid, clockTicks);
    const idle = proc();
    rows.push(["server idle, empty store: RSS", mb(idle.rssKiB), `listening on ${server.url}`]);

    // ------------------------------------------------------------ 1. stacks created per second
    // one stack first, not timed: the server's code paths compiled, its caches warm
    let created = 0;
    let sample;
    try {
      sample = (await createStacks(client, ["bench-warm-up"], twentyResourceTemplate(), 1, pollMs)).stacks[0];
      created = 1;
    } catch (e) {
      failures.push(`stack creation (warm-up): ${e.message}`);
    }
    for (const concurrency of concurrencies) {
      try {
        const prefix = `bench-c${concurrency}`;
        const names = Array.from({ length: nStacks }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}`);
        const cpu0 = proc().cpuMs;
        const r = await createStacks(client, names, twentyResourceTemplate(), concurrency, pollMs);
        const cpu = proc().cpuMs - cpu0;
        created += nStacks;
        const perS = (nStacks * 1000) / r.wallMs;
        rows.push(
          [
            `stacks created, ${concurrency} at a time`,
            `${perS.toFixed(1)} stacks/s, ${(perS * 20).toFixed(0)} resources/s`,
            `${fmtInt(nStacks)} stacks of 10 RandomString + 10 TestResource in ${ms(r.wallMs)}`,
          ],
          [
            "  one stack, POST to CREATE_COMPLETE",
            `${ms(median(r.stackMs))} median, max ${ms(Math.max(...r.stackMs))}`,
            `polled every ${pollMs} ms; server CPU ${((cpu / r.wallMs) * 100).toFixed(0)} % of one core`,
          ],
        );
      } catch (e) {
        failures.push(`stack creation, ${concurrency} at a time: ${e.message}`);
        rows.push([`stacks created, ${concurrency} at a time`, "FAILED", e.message.split("\n")[0].slice(0, 100)]);
      }
    }

    // ------------------------------------------------------------ 2. latency under load
    if (sample) {
      try {
        const { default: autocannon } = await import("autocannon");
        const routes = [
          [`GET /v1/{tenant}/stacks (${fmtInt(created)} stacks)`, "/stacks"],
          ["GET .../stacks/{name}/{id}", `/stacks/${sample.name}/${sample.id}`],
          ["GET .../stacks/{name}/{id}/resources (20)", `/stacks/${sample.name}/${sample.id}/resources`],
        ];
        for (const [label, path] of routes) {
          const cpu0 = proc().cpuMs;
          const r = await loadRoute(autocannon, client, path, connections, duration);
          const cpu = proc().cpuMs - cpu0;
          rows.push([
            label,
            `p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${ms(r.max)}`,
            `${r.perSecond.toFixed(0)} requests/s (${fmtInt(r.total)} in ${duration} s, ${connections} connections; ` +
              `server CPU ${((cpu / (duration * 1000)) * 100).toFixed(0)} % of one core)`,
          ]);
        }
      } catch (e) {
        failures.push(`latency: ${e.message}`);
        rows.push(["API latency under load", "FAILED", e.message.split("\n")[0].slice(0, 100)]);
      }
    }
    const afterLoad = proc();
    rows.push(["server RSS after cases 1 and 2", mb(afterLoad.rssKiB), `peak so far ${mb(afterLoad.hwmKiB)}`]);

    // ------------------------------------------------------------ 3. memory at memoryStacks stacks
    try {
      const have = created;
      const more = Math.max(0, memoryStacks - have);
      const names = Array.from({ length: more }, (_, i) => `small-${String(i).padStart(5, "0")}`);
      const r = await createStacks(client, names, smallTemplate(), Math.max(...concurrencies), pollMs);
      const { stacks } = await client.call("GET", "/stacks");
      if (stacks.length !== have + more) throw new Error(`the store lists ${stacks.length} stacks, not ${have + more}`);
      const at = proc();
      const storeKiB = ["", "-wal", "-shm"]
        .map((s) => (existsSync(store + s) ? statSync(store + s).size / 1024 : 0))
        .reduce((a, b) => a + b, 0);
      rows.push(
        [
          `server RSS at ${fmtInt(stacks.length)} stacks`,
          mb(at.rssKiB),
          `${fmtInt(have)} of case 1 + ${fmtInt(more)} of one RandomString each (created in ${ms(r.wallMs)}); ` +
            `peak ${mb(at.hwmKiB)}; store file ${mb(storeKiB)}`,
        ],
        [
          "  per stack, over the idle server",
          `${((at.rssKiB - idle.rssKiB) / stacks.length).toFixed(1)} KiB`,
          "RSS includes V8 heap not yet collected",
        ],
      );
    } catch (e) {
      failures.push(`memory: ${e.message}`);
      rows.push(["server RSS at many stacks", "FAILED", e.message.split("\n")[0].slice(0, 100)]);
    }

    const errorLines = server
      .log()
      .split("\n")
      .filter((l) => / 5\d\d \d+ms$|^error: /.test(l));
    if (errorLines.length) failures.push(`the server logged ${errorLines.length} errors, first: ${errorLines[0]}`);
  } catch (e) {
    failures.push(e.message);
  } finally {
    if (server) {
      const how = await server.stop();
      if (how.code !== 0)
        failures.push(`gantry serve ended with ${how.signal ?? how.code}: ${server.log().slice(-400)}`);
    }
    if (opts.keep) log(`  kept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  log(table(["figure", "value", "how"], rows));
  for (const f of failures) log(`  FAILED TO RUN: ${f}`);
  log(`  (took ${ms(performance.now() - started)})`);
  return { failures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => args.find((x) => x.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
  const whole = (name, text) => {
    const v = Number(text);
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: a whole number of at least 1, not "${text}"`);
    return v;
  };
  const num = (name, dflt) => whole(name, opt(name, String(dflt)));
  const { failures } = await runHeatApiBench({
    stacks: num("stacks", 50),
    createConcurrency: opt("create-concurrency", "1,8")
      .split(",")
      .map((c) => whole("create-concurrency", c)),
    connections: num("connections", 10),
    duration: num("duration", 10),
    memoryStacks: num("memory-stacks", 1000),
    pollMs: num("poll-ms", 50),
    keep: args.includes("--keep"),
  });
  process.exitCode = failures.length ? 1 : 0;
}
