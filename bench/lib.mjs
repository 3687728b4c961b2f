// Shared helpers of the benchmark scripts: configuration generators, an
// engine (the API every door calls) with timings read from its events, and a
// child-process runner that reads one JSON result line from the child.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// the inspector only when profiling (BENCH_CPU_PROF): a measured run loads nothing it does not use
const inspector = process.env.BENCH_CPU_PROF ? await import("node:inspector") : undefined;

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = dirname(BENCH_DIR);
export const DIST = join(REPO_DIR, "dist");

/** A fresh temporary directory for one case. */
export function tempDir(label) {
  return mkdtempSync(join(tmpdir(), `gantry-bench-${label}-`));
}

/**
 * `gantry_noop` graph as Terraform JSON. chain: r<i> references r<i-1>;
 * fan: every r<i> (i > 0) references r0. r0 holds a plain value.
 */
export function noopGraphConfig(n, shape) {
  const resources = {};
  resources.r0 = { input: "root" };
  for (let i = 1; i < n; i++) {
    const ref = shape === "chain" ? `r${i - 1}` : "r0";
    resources[`r${i}`] = { input: `\${gantry_noop.${ref}.output}` };
  }
  return { resource: { gantry_noop: resources } };
}

/** One SIMULATED host (driver "sim", latency_ms) and, optionally, `files` independent files on it. */
export function simFilesConfig(files, latencyMs) {
  const resource = {
    gantry_host: { h: { driver: "sim", options: { latency_ms: latencyMs } } },
  };
  if (files > 0) {
    const f = {};
    for (let i = 0; i < files; i++)
      f[`f${i}`] = { host: "${gantry_host.h}", path: `/bench/f${i}.txt`, content: `file ${i}\n` };
    resource.gantry_file = f;
  }
  return { resource };
}

export function writeConfig(dir, name, body) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), JSON.stringify(body));
}

/**
 * A new engine from the compiled modules (dist/), as every door makes one, and the plan predicate the CLI uses.
 * Imported before anything is measured, with what the engine would load lazily on first use: the two front ends
 * the benches write (and `preload`, paths under dist/), so a worker's timing includes only what it measures.
 */
export async function gantry(preload = []) {
  const [engineModule, plan] = await Promise.all([
    import(join(DIST, "engine/engine.js")),
    import(join(DIST, "planner/plan.js")),
    import(join(DIST, "templates/terraform-json.js")),
    import(join(DIST, "templates/native-yaml.js")),
    ...preload.map((p) => import(join(DIST, p))),
  ]);
  // one engine owns the resource types and the host drivers (and so the sim fabric) of a run
  return { engine: new engineModule.Engine(), planHasChanges: plan.planHasChanges };
}

/**
 * When the steps of an engine plan ended, from its events (performance.now() of the first of each): `stateRead`,
 * `configurationRead` (files parsed, variables resolved), `configurationExpanded` (clusters and modules expanded:
 * the `configuration` event with the files). `onEvent` is passed every event too.
 */
export function planSteps(onEvent) {
  const at = {};
  const mark = (name) => {
    at[name] ??= performance.now();
  };
  return {
    at,
    onEvent: (e) => {
      if (e.type === "progress" && e.step === "state-read") mark("stateRead");
      if (e.type === "progress" && e.step === "configuration-read") mark("configurationRead");
      if (e.type === "configuration" && e.files) mark("configurationExpanded");
      onEvent?.(e);
    },
  };
}

/** The warnings an operation reported (front ends, blueprints, plan). */
export function warningCount(events) {
  return events.filter((e) => e.type === "warnings").reduce((n, e) => n + e.diagnostics.length, 0);
}

/** Throws unless an engine apply applied everything it planned. */
export function checkApplied(outcome, what) {
  if (outcome.status !== "applied") throw new Error(`${what}: ${outcome.status}`);
  const result = outcome.result;
  if (result.failed.length || result.skipped.length || result.cancelled.length)
    throw new Error(
      `${what} failed: ${JSON.stringify(result.failed.slice(0, 3))}, ${result.skipped.length} ` +
        `skipped, ${result.cancelled.length} cancelled`,
    );
  return result;
}

/** Summary of a plan's actions: { create: n, noop: n, ... }. */
export function actionCounts(p) {
  const out = {};
  for (const c of p.changes) out[c.action] = (out[c.action] ?? 0) + 1;
  return out;
}

export function peakRssMB() {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

/** Prints the worker's result as the last stdout line (what runChild reads). */
export function report(obj) {
  process.stdout.write(`\n@@RESULT ${JSON.stringify(obj)}\n`);
}

/**
 * Runs `node [nodeArgs] script ...args` and resolves to the JSON object the
 * child reported, plus wallMs. Rejects (with stderr) when the child fails.
 */
export function runChild(script, args, { nodeArgs = [], env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, join(BENCH_DIR, script), ...args.map(String)], {
      cwd: REPO_DIR,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const wallMs = performance.now() - t0;
      const line = out
        .split("\n")
        .reverse()
        .find((l) => l.startsWith("@@RESULT "));
      if (code !== 0 || !line) {
        const tail = (err || out).trim().split("\n").slice(-15).join("\n");
        reject(
          new Error(`${script} ${args.join(" ")} exited with ${signal ?? code}${line ? "" : " (no result)"}:\n${tail}`),
        );
        return;
      }
      resolve({ ...JSON.parse(line.slice("@@RESULT ".length)), wallMs });
    });
  });
}

/**
 * Runs fn; when BENCH_CPU_PROF names a file, under the V8 CPU profiler (the
 * same sampler as `node --cpu-prof`, started through node:inspector so the
 * profile covers only the measured region) and writes the .cpuprofile there.
 */
export async function profiled(fn) {
  const profile = regionProfiler();
  profile.start();
  try {
    return await fn();
  } finally {
    profile.stop();
  }
}

/**
 * The profiler of profiled(), for a region that begins and ends inside event handlers (an apply's walk, between
 * its apply-begin and apply-end events): start() and stop() act at once (an in-process inspector session answers
 * synchronously). Does nothing unless BENCH_CPU_PROF names a file.
 */
export function regionProfiler() {
  const out = process.env.BENCH_CPU_PROF;
  const { Session } = inspector ?? {};
  let session;
  const post = (method, params) => {
    let answer;
    session.post(method, params, (err, r) => {
      if (err) throw err;
      answer = r;
    });
    return answer;
  };
  return {
    start() {
      if (!out || session) return;
      session = new Session();
      session.connect();
      post("Profiler.enable");
      post("Profiler.setSamplingInterval", { interval: Number(process.env.BENCH_CPU_PROF_INTERVAL_US ?? 1000) });
      post("Profiler.start");
    },
    stop() {
      if (!session) return;
      const { profile } = post("Profiler.stop");
      writeFileSync(out, JSON.stringify(profile));
      session.disconnect();
      session = undefined;
    },
  };
}
