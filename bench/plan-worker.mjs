// One plan-benchmark step in its own process (so maxRSS is this case's alone).
//
//   node bench/plan-worker.mjs setup   <dir>   apply the configuration once, writing <dir>/gantry.tfstate
//   node bench/plan-worker.mjs measure <dir>   load config + read state + plan (with refresh);
//                                              fails when the plan is not a no-change plan
//
// Wired like the CLI (cli/workspace.ts, cli/operations.ts): loadConfig,
// resolveVariables with no provided values, readState, plan(), apply() with a
// StateWriter on the state file. Reports one JSON line (see lib.mjs report()).

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { actionCounts, gantry, peakRssMB, profiled, report, STATE_FILE } from "./lib.mjs";

const [mode, dirArg] = process.argv.slice(2);
if (!["setup", "measure"].includes(mode) || !dirArg) {
  console.error("usage: plan-worker.mjs setup|measure <dir>");
  process.exit(2);
}
const dir = resolve(dirArg);
const statePath = join(dir, STATE_FILE);
const dataDir = join(dir, ".gantry");
const g = await gantry(); // module loading is not part of the measurement

const planOpts = (config, variables, state) => ({
  config,
  state,
  types: g.types,
  knownTypes: g.knownTypes,
  variables,
  mode: "normal",
  refresh: true,
  parallelism: 10,
  dataDir,
  hosts: g.hosts,
});

if (mode === "setup") {
  const t0 = performance.now();
  const config = await g.loadConfig(dir);
  const variables = g.resolveVariables(config, new Map());
  const state = g.readState(statePath, g.GANTRY_VERSION);
  const p = await g.plan(planOpts(config, variables, state));
  const planned = actionCounts(p);
  mkdirSync(dataDir, { recursive: true });
  const writer = new g.StateWriter(statePath, state);
  const result = await g.apply({ plan: p, config, writer, types: g.types, parallelism: 10, dataDir, hosts: g.hosts });
  if (result.failed.length || result.skipped.length || result.cancelled.length)
    throw new Error(
      `setup apply failed: ${JSON.stringify(result.failed.slice(0, 3))}, ${result.skipped.length} ` +
        `skipped, ${result.cancelled.length} cancelled`,
    );
  report({
    mode,
    planned,
    added: result.added,
    instances: state.instances.size,
    setupMs: performance.now() - t0,
    peakRssMB: peakRssMB(),
  });
} else {
  const { config, state, p, t0, t1, t2, t3, cpuMs } = await profiled(async () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const config = await g.loadConfig(dir);
    const variables = g.resolveVariables(config, new Map());
    const t1 = performance.now();
    const state = g.readState(statePath, g.GANTRY_VERSION);
    const t2 = performance.now();
    const p = await g.plan(planOpts(config, variables, state));
    const t3 = performance.now();
    const cpu = process.cpuUsage(c0);
    return { config, state, p, t0, t1, t2, t3, cpuMs: (cpu.user + cpu.system) / 1000 };
  });
  const actions = actionCounts(p);
  const changed = p.changes.filter((c) => c.action !== "noop");
  if (changed.length || p.drift.length || g.planHasChanges(p)) {
    const sample = changed.slice(0, 3).map((c) => `${c.address}: ${c.action}${c.reason ? ` (${c.reason})` : ""}`);
    console.error(
      `NOT A NO-CHANGE PLAN: ${JSON.stringify(actions)}, ${p.drift.length} drift entries; e.g. ${sample.join("; ")}`,
    );
    process.exit(1);
  }
  report({
    mode,
    resources: config.resources.size,
    instances: state.instances.size,
    actions,
    loadMs: t1 - t0,
    readStateMs: t2 - t1,
    planMs: t3 - t2,
    totalMs: t3 - t0,
    cpuMs,
    peakRssMB: peakRssMB(),
  });
}
