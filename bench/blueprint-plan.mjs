// One blueprint-plan step in its own process (so maxRSS is this case's alone).
//
//   node bench/blueprint-plan.mjs measure <dir>   load config + expand blueprints + read state + plan
//                                                 (with refresh); reports the action counts
//   node bench/blueprint-plan.mjs setup   <dir>   plan and apply once on the sim fabric (in this process),
//                                                 then plan again: the no-change plan must be empty
//
// Wired like the CLI (cli/workspace.ts loadWorkspaceConfig, cli/operations.ts):
// loadConfig, resolveVariables, expandBlueprints with the state's cluster records, plan().
// The sim fabric lives in the process, so a measured no-change plan after a setup
// in another process would see no hosts: `setup` therefore measures its own
// second plan (its peak RSS includes the apply). Reports one JSON line.

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { actionCounts, DIST, gantry, peakRssMB, profiled, report, STATE_FILE } from "./lib.mjs";

const [mode, dirArg] = process.argv.slice(2);
if (!["setup", "measure"].includes(mode) || !dirArg) {
  console.error("usage: blueprint-plan.mjs setup|measure <dir>");
  process.exit(2);
}
const dir = resolve(dirArg);
const statePath = join(dir, STATE_FILE);
const dataDir = join(dir, ".gantry");
const g = await gantry(); // module loading is not part of the measurement
const { expandBlueprints } = await import(join(DIST, "blueprints/expand.js"));
const { previousPlacementFromState } = await import(join(DIST, "blueprints/cluster-record.js"));

async function timedPlan() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const raw = await g.loadConfig(dir);
  const variables = g.resolveVariables(raw, new Map());
  const state = g.readState(statePath, g.GANTRY_VERSION);
  const t1 = performance.now();
  const { config, warnings } = expandBlueprints(raw, variables, {
    dataDir,
    previous: previousPlacementFromState(state),
  });
  const t2 = performance.now();
  const p = await g.plan({
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
  const t3 = performance.now();
  const cpu = process.cpuUsage(c0);
  return {
    config,
    state,
    p,
    warnings,
    loadMs: t1 - t0,
    expandMs: t2 - t1,
    planMs: t3 - t2,
    totalMs: t3 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

if (mode === "measure") {
  const r = await profiled(timedPlan);
  report({
    mode,
    blocks: r.config.resources.size,
    instances: r.p.changes.length,
    actions: actionCounts(r.p),
    warnings: r.warnings.length,
    loadMs: r.loadMs,
    expandMs: r.expandMs,
    planMs: r.planMs,
    totalMs: r.totalMs,
    cpuMs: r.cpuMs,
    peakRssMB: peakRssMB(),
  });
} else {
  const t0 = performance.now();
  const first = await timedPlan();
  mkdirSync(dataDir, { recursive: true });
  const writer = new g.StateWriter(statePath, first.state);
  const result = await g.apply({
    plan: first.p,
    config: first.config,
    writer,
    types: g.types,
    parallelism: 10,
    dataDir,
    hosts: g.hosts,
  });
  if (result.failed.length || result.skipped.length || result.cancelled.length)
    throw new Error(
      `setup apply failed: ${JSON.stringify(result.failed.slice(0, 3))}, ${result.skipped.length} ` +
        `skipped, ${result.cancelled.length} cancelled`,
    );
  const applyMs = performance.now() - t0 - first.totalMs;
  const again = await timedPlan();
  const changed = again.p.changes.filter((c) => c.action !== "noop");
  if (changed.length || again.p.drift.length || g.planHasChanges(again.p)) {
    const sample = changed.slice(0, 3).map((c) => `${c.address}: ${c.action}`);
    console.error(
      `NOT A NO-CHANGE PLAN after apply: ${JSON.stringify(actionCounts(again.p))}, ${again.p.drift.length} drift ` +
        `entries; e.g. ${sample.join("; ")}`,
    );
    process.exit(1);
  }
  report({
    mode,
    added: result.added,
    applyMs,
    instances: again.p.changes.length,
    actions: actionCounts(again.p),
    loadMs: again.loadMs,
    expandMs: again.expandMs,
    planMs: again.planMs,
    totalMs: again.totalMs,
    cpuMs: again.cpuMs,
    peakRssMB: peakRssMB(),
  });
}
