// Apply benchmark in its own process: N independent `gantry_file`s on one
// SIMULATED host (driver "sim", options.latency_ms), applied by engine.apply
// at a given parallelism, through the real resource types, sim driver and the
// workspace's state file in a temp dir (as the CLI applies).
//
//   node bench/apply-worker.mjs <dir> <files> <latency_ms> <parallelism>
//
// The host's options reach the fabric: the file's `host` attribute carries
// the host's attributes (options included), the engine's host connections build a SimDriver
// from them, and the driver sets the host's latency in the process-wide
// fabric. The host is applied first (setup, not measured); then the files:
// engine.apply plans (refresh of the host included, not measured) and walks
// the plan; only the walk is timed, from its apply-begin to its apply-end
// event (the same region as the older wiring's apply() call, so no overhead
// added). Driver operations are counted from the fabric's opCounts, at
// apply-begin and after the apply.

import { resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  actionCounts,
  checkApplied,
  gantry,
  peakRssMB,
  regionProfiler,
  report,
  simFilesConfig,
  writeConfig,
} from "./lib.mjs";

const [dirArg, filesArg, latencyArg, parArg] = process.argv.slice(2);
const dir = resolve(dirArg);
const files = Number(filesArg);
const latencyMs = Number(latencyArg);
const parallelism = Number(parArg);

const { engine } = await gantry();
const simFabric = () => engine.hosts.simFabric;
const CONFIG = "main.tf.json";

async function planApply(measure) {
  const ws = engine.workspace({ dir });

  // Count and time the state file writes (StateWriter.writeNow, private in TS) of the writer the engine takes for
  // this apply (wrapped on this workspace's backend and that writer only).
  const writes = { count: 0, ms: 0 };
  const writerOf = ws.state.writer.bind(ws.state);
  ws.state.writer = (state) => {
    const writer = writerOf(state);
    const writeNow = writer.writeNow;
    writer.writeNow = function () {
      const t = performance.now();
      try {
        return writeNow.call(this);
      } finally {
        writes.count++;
        writes.ms += performance.now() - t;
      }
    };
    return writer;
  };

  // the walk alone, from the engine's apply-begin to its apply-end event (the plan before it is not measured)
  let before;
  let t0;
  let applyMs;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const profile = regionProfiler();
  const onEvent = (e) => {
    if (e.type === "apply-begin") {
      before = new Map(simFabric().opCounts);
      loop.enable();
      if (measure) profile.start();
      t0 = performance.now();
    } else if (e.type === "apply-end") {
      applyMs = performance.now() - t0;
      profile.stop();
      loop.disable();
    }
  };
  const outcome = await engine.apply(ws, { parallelism, onEvent });
  const result = checkApplied(outcome, "apply");
  const ops = {};
  for (const [op, n] of simFabric().opCounts) if (n - (before.get(op) ?? 0) > 0) ops[op] = n - (before.get(op) ?? 0);
  return {
    planned: actionCounts(outcome.plan),
    added: result.added,
    applyMs,
    ops,
    stateWrites: writes.count,
    stateWriteMs: writes.ms,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
  };
}

// 1. setup: the host alone
writeConfig(dir, CONFIG, simFilesConfig(0, latencyMs));
const setup = await planApply(false);
if (setup.added !== 1) throw new Error(`setup: expected to create the host, got ${JSON.stringify(setup.planned)}`);

// 2. the files, on the host now in state
writeConfig(dir, CONFIG, simFilesConfig(files, latencyMs));
const run = await planApply(true);
if (run.added !== files || (run.planned.create ?? 0) !== files)
  throw new Error(`expected ${files} creates, planned ${JSON.stringify(run.planned)}, added ${run.added}`);
const host = simFabric().hosts.get("h");
const onHost = host ? [...host.files.keys()].filter((k) => k.startsWith("/bench/")).length : 0;
if (onHost !== files) throw new Error(`expected ${files} files on the simulated host, found ${onHost}`);
if ((host?.latencyMs ?? 0) !== latencyMs)
  throw new Error(
    `simulated host latency is ${host?.latencyMs} ms, expected ${latencyMs} (options not passed to the fabric?)`,
  );

report({ files, latencyMs, parallelism, hostLatencyMs: host.latencyMs, ...run, peakRssMB: peakRssMB() });
