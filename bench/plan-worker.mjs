// One plan-benchmark step in its own process (so maxRSS is this case's alone).
//
//   node bench/plan-worker.mjs setup   <dir>   apply the configuration once, writing <dir>/gantry.tfstate
//   node bench/plan-worker.mjs measure <dir>   open the workspace + read state + load config + plan (with
//                                              refresh); fails when the plan is not a no-change plan
//
// Driven through the engine as the CLI drives it: engine.workspace({ dir }), engine.apply (setup) and
// engine.plan (measure), parallelism 10. The steps are timed from the engine's events (lib.mjs planSteps):
// read state = until the state is read; load config = opening the workspace (which reads the configuration's
// files for a backend block) + reading and parsing them + variables (terraform.tfvars and *.auto.tfvars looked
// for) + expanding modules and clusters (none here); plan = the rest (graph + refresh + diff). The engine reads
// the state before the configuration; the older wiring of this bench (planner modules called directly) loaded first
// and skipped the workspace's backend look-up and the tfvars look-up. Measured on the 2-core VM (load average 20),
// chain 10,000, 5 alternating pairs: median total 4.22 s before, 3.82 s through the engine; CPU 1.21 s, 1.09 s;
// peak RSS 129 MB, 130 MB: no overhead above the noise. Reports one JSON line (see lib.mjs report()).

import { actionCounts, checkApplied, gantry, peakRssMB, planSteps, profiled, report } from "./lib.mjs";

const [mode, dirArg] = process.argv.slice(2);
if (!["setup", "measure"].includes(mode) || !dirArg) {
  console.error("usage: plan-worker.mjs setup|measure <dir>");
  process.exit(2);
}
const { engine, planHasChanges } = await gantry(); // module loading is not part of the measurement
const PARALLELISM = 10;

if (mode === "setup") {
  const t0 = performance.now();
  const ws = engine.workspace({ dir: dirArg });
  const outcome = await engine.apply(ws, { parallelism: PARALLELISM });
  const result = checkApplied(outcome, "setup apply");
  const setupMs = performance.now() - t0;
  report({
    mode,
    planned: actionCounts(outcome.plan),
    added: result.added,
    instances: (await engine.readState(ws)).instances.size,
    setupMs,
    peakRssMB: peakRssMB(),
  });
} else {
  const { outcome, t0, opened, at, t3, cpuMs } = await profiled(async () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const steps = planSteps();
    const ws = engine.workspace({ dir: dirArg });
    const opened = performance.now();
    const outcome = await engine.plan(ws, { parallelism: PARALLELISM, onEvent: steps.onEvent });
    const t3 = performance.now();
    const cpu = process.cpuUsage(c0);
    return { outcome, t0, opened, at: steps.at, t3, cpuMs: (cpu.user + cpu.system) / 1000 };
  });
  const p = outcome.plan;
  const actions = actionCounts(p);
  const changed = p.changes.filter((c) => c.action !== "noop");
  if (changed.length || p.drift.length || planHasChanges(p)) {
    const sample = changed.slice(0, 3).map((c) => `${c.address}: ${c.action}${c.reason ? ` (${c.reason})` : ""}`);
    console.error(
      `NOT A NO-CHANGE PLAN: ${JSON.stringify(actions)}, ${p.drift.length} drift entries; e.g. ${sample.join("; ")}`,
    );
    process.exit(1);
  }
  report({
    mode,
    resources: outcome.config.resources.size,
    instances: outcome.state.instances.size,
    actions,
    loadMs: opened - t0 + (at.configurationExpanded - at.stateRead),
    readStateMs: at.stateRead - opened,
    planMs: t3 - at.configurationExpanded,
    totalMs: t3 - t0,
    cpuMs,
    peakRssMB: peakRssMB(),
  });
}
