// Apply benchmark in its own process: N independent `gantry_file`s on one
// SIMULATED host (driver "sim", options.latency_ms), applied with apply() at
// a given parallelism, through the real resource types, sim driver and a
// StateWriter on a state file in a temp dir (as the CLI applies).
//
//   node bench/apply-worker.mjs <dir> <files> <latency_ms> <parallelism>
//
// The host's options reach the fabric: the file's `host` attribute carries
// the host's attributes (options included), the engine's host connections build a SimDriver
// from them, and the driver sets the host's latency in the process-wide
// fabric. The host is applied first (setup, not measured); then the plan
// for the files (refresh of the host included, not measured); then only the
// apply of the files is timed. Driver operations are counted from the
// fabric's opCounts, before and after the apply.

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { actionCounts, gantry, peakRssMB, profiled, report, simFilesConfig, STATE_FILE, writeConfig } from "./lib.mjs";

const [dirArg, filesArg, latencyArg, parArg] = process.argv.slice(2);
const dir = resolve(dirArg);
const files = Number(filesArg);
const latencyMs = Number(latencyArg);
const parallelism = Number(parArg);
const statePath = join(dir, STATE_FILE);
const dataDir = join(dir, ".gantry");
mkdirSync(dataDir, { recursive: true });

const g = await gantry();
const simFabric = () => g.hosts.simFabric;
const CONFIG = "main.tf.json";

async function planApply(measure) {
  const config = await g.loadConfig(dir);
  const variables = g.resolveVariables(config, new Map());
  const state = g.readState(statePath, g.GANTRY_VERSION);
  const p = await g.plan({
    config,
    state,
    types: g.types,
    knownTypes: g.knownTypes,
    variables,
    refresh: true,
    parallelism,
    dataDir,
    hosts: g.hosts,
  });
  const writer = new g.StateWriter(statePath, state);

  // Count and time the state file writes (StateWriter.writeNow, private in TS, wrapped here on this instance only).
  const writes = { count: 0, ms: 0 };
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

  const before = new Map(simFabric().opCounts);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const doApply = () => g.apply({ plan: p, config, writer, types: g.types, parallelism, dataDir, hosts: g.hosts });
  const result = await (measure ? profiled(doApply) : doApply());
  const applyMs = performance.now() - t0;
  loop.disable();
  if (result.failed.length || result.skipped.length || result.cancelled.length)
    throw new Error(
      `apply failed: ${JSON.stringify(result.failed.slice(0, 3))}, ${result.skipped.length} ` +
        `skipped, ${result.cancelled.length} cancelled`,
    );
  const ops = {};
  for (const [op, n] of simFabric().opCounts) if (n - (before.get(op) ?? 0) > 0) ops[op] = n - (before.get(op) ?? 0);
  return {
    planned: actionCounts(p),
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
