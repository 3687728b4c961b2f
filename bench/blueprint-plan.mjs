// One blueprint-plan step in its own process (so maxRSS is this case's alone).
//
//   node bench/blueprint-plan.mjs measure <dir>   read state + load config + expand blueprints + plan
//                                                 (with refresh); reports the action counts
//   node bench/blueprint-plan.mjs setup   <dir>   plan and apply once on the sim fabric (in this process),
//                                                 then plan again: the no-change plan must be empty
//
// Driven through the engine as the CLI drives it: engine.plan (measure, and the no-change plan of setup) and
// engine.apply (setup), parallelism 10; the engine passes the state's cluster records to the expansion. The steps
// are timed from the engine's events (lib.mjs planSteps): load = opening the workspace + reading the state + the
// configuration's files + variables (until the engine's configuration-read progress event); expand = the clusters'
// expansion (and the module expansion after it, none here: until the configuration event with the files); plan =
// the rest. The sim fabric belongs to the engine, which lives in this process, so a measured no-change plan after a
// setup in another process would see no hosts: `setup` therefore measures its own second plan (its peak RSS
// includes the apply). Reports one JSON line. Against the older wiring of this bench (planner and blueprint modules
// called directly; 300 agents, 3 alternating runs, load average 20): load about 25 ms instead of 10 ms (the
// workspace's backend and tfvars look-ups), expand and plan within the noise (CPU 0.71-0.80 s against 0.69-0.78 s).

import { actionCounts, checkApplied, gantry, peakRssMB, planSteps, profiled, report, warningCount } from "./lib.mjs";

const [mode, dirArg] = process.argv.slice(2);
if (!["setup", "measure"].includes(mode) || !dirArg) {
  console.error("usage: blueprint-plan.mjs setup|measure <dir>");
  process.exit(2);
}
const PARALLELISM = 10;
// module loading is not part of the measurement (the blueprint compiler is loaded for the first cluster)
const { engine, planHasChanges } = await gantry(["blueprints/expand.js"]);

async function timedPlan() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const events = [];
  const steps = planSteps((e) => events.push(e));
  const ws = engine.workspace({ dir: dirArg });
  const outcome = await engine.plan(ws, { parallelism: PARALLELISM, onEvent: steps.onEvent });
  const t3 = performance.now();
  const cpu = process.cpuUsage(c0);
  const { configurationRead, configurationExpanded } = steps.at;
  return {
    outcome,
    p: outcome.plan,
    warnings: warningCount(events),
    loadMs: configurationRead - t0,
    expandMs: configurationExpanded - configurationRead,
    planMs: t3 - configurationExpanded,
    totalMs: t3 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

if (mode === "measure") {
  const r = await profiled(timedPlan);
  report({
    mode,
    blocks: r.outcome.config.resources.size,
    instances: r.p.changes.length,
    actions: actionCounts(r.p),
    warnings: r.warnings,
    loadMs: r.loadMs,
    expandMs: r.expandMs,
    planMs: r.planMs,
    totalMs: r.totalMs,
    cpuMs: r.cpuMs,
    peakRssMB: peakRssMB(),
  });
} else {
  let walkStart;
  let applyMs;
  const onEvent = (e) => {
    if (e.type === "apply-begin") walkStart = performance.now();
    if (e.type === "apply-end") applyMs = performance.now() - walkStart;
  };
  const outcome = await engine.apply(engine.workspace({ dir: dirArg }), { parallelism: PARALLELISM, onEvent });
  const result = checkApplied(outcome, "setup apply");
  const again = await timedPlan();
  const changed = again.p.changes.filter((c) => c.action !== "noop");
  if (changed.length || again.p.drift.length || planHasChanges(again.p)) {
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
