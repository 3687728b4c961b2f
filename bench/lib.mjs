// Shared helpers of the benchmark scripts: configuration generators, the
// planner wiring (as cli/workspace.ts + cli/operations.ts do it), and a
// child-process runner that reads one JSON result line from the child.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = dirname(BENCH_DIR);
export const DIST = join(REPO_DIR, "dist");
export const STATE_FILE = "gantry.tfstate"; // cli/workspace.ts STATE_FILE_NAME

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

/** The compiled gantry modules (dist/), imported lazily so a worker's timing includes only what it measures. */
export async function gantry() {
  const [load, variables, state, plan, apply, engineModule, version] = await Promise.all([
    import(join(DIST, "templates/load.js")),
    import(join(DIST, "planner/variables.js")),
    import(join(DIST, "planner/state.js")),
    import(join(DIST, "planner/plan.js")),
    import(join(DIST, "planner/apply.js")),
    import(join(DIST, "engine/engine.js")),
    import(join(DIST, "engine/gantry-version.js")),
    // the front ends load when a file needs them; loaded here, outside what is measured, as before
    import(join(DIST, "templates/terraform-json.js")),
    import(join(DIST, "templates/native-yaml.js")),
  ]);
  // one engine owns the resource types and the host drivers (and so the sim fabric) of a run
  const engine = new engineModule.Engine();
  return {
    loadConfig: load.loadConfig,
    resolveVariables: variables.resolveVariables,
    readState: state.readState,
    StateWriter: state.StateWriter,
    plan: plan.plan,
    planHasChanges: plan.planHasChanges,
    apply: apply.apply,
    engine,
    types: engine.resolveType,
    knownTypes: engine.types.names(),
    hosts: engine.hosts,
    GANTRY_VERSION: version.GANTRY_VERSION,
  };
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
  const out = process.env.BENCH_CPU_PROF;
  if (!out) return fn();
  const { Session } = await import("node:inspector/promises");
  const { writeFileSync } = await import("node:fs");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", {
    interval: Number(process.env.BENCH_CPU_PROF_INTERVAL_US ?? 1000),
  });
  await session.post("Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(out, JSON.stringify(profile));
    session.disconnect();
  }
}
