// The configuration loading alone (templates/load.ts loadConfig: read, decode, scan, parse, build, merge), one fresh
// process per run, for the front ends' own work without the workspace, the state or the plan around it.
//
//   node bench/config-load.mjs DIR [--runs=5] [--baseline=/path/to/other/checkout] [--heap]
//
// Each run is `node bench/config-load.mjs --child ROOT DIR` (ROOT: this checkout, or the baseline's; its dist/ is
// imported, so build it first): the front end's modules are imported before the clock starts, then one loadConfig;
// it reports CPU ms (user + system, garbage collection's helper threads included), wall ms and, with --heap (run
// with --expose-gc), the heap still used once the configuration is loaded (what the plan then carries). With
// --baseline the two run in turn, A B A B ..., and the median of the per-pair CPU ratios (this / baseline) is given:
// on a shared machine absolute figures drift, the ratio holds better.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_DIR } from "./lib.mjs";

const args = process.argv.slice(2);

if (args[0] === "--child") {
  const [, root, dir, heap] = args;
  const dist = (p) => pathToFileURL(join(root, "dist", p)).href;
  const { loadConfig } = await import(dist("templates/load.js"));
  await Promise.all(
    ["terraform-json.js", "terraform-hcl.js", "native-yaml.js"].map((f) => import(dist(`templates/${f}`))),
  );
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const config = await loadConfig(dir);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  let heapMB;
  if (heap === "heap" && globalThis.gc) {
    globalThis.gc();
    heapMB = process.memoryUsage().heapUsed / 1e6;
  }
  console.log(JSON.stringify({ cpuMs: (c.user + c.system) / 1000, wallMs, heapMB, resources: config.resources.size }));
  process.exit(0);
}

const dir = args.find((a) => !a.startsWith("--"));
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const runs = Number(option("runs") ?? 5);
const baseline = option("baseline");
const heap = args.includes("--heap");
if (!dir) {
  console.error("usage: config-load.mjs DIR [--runs=5] [--baseline=/path/to/other/checkout] [--heap]");
  process.exit(2);
}

function once(root) {
  const nodeArgs = heap ? ["--expose-gc"] : [];
  const r = spawnSync(process.execPath, [...nodeArgs, process.argv[1], "--child", root, dir, heap ? "heap" : ""], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`loading ${dir} with ${root} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mine = [];
const theirs = [];
for (let i = 0; i < runs; i++) {
  if (baseline) theirs.push(once(baseline));
  mine.push(once(REPO_DIR));
}
const row = (label, rs) =>
  `${label.padEnd(10)} cpu ${rs.map((r) => r.cpuMs.toFixed(0)).join(" ")}` +
  ` (median ${median(rs.map((r) => r.cpuMs)).toFixed(0)} ms)` +
  `  wall median ${median(rs.map((r) => r.wallMs)).toFixed(0)} ms` +
  (heap ? `  heap after ${median(rs.map((r) => r.heapMB)).toFixed(1)} MB` : "");
console.log(`loadConfig ${dir} (${mine[0].resources} resources), ${runs} runs`);
console.log(row("this", mine));
if (baseline) {
  console.log(row("baseline", theirs));
  const ratios = mine.map((r, i) => r.cpuMs / theirs[i].cpuMs);
  console.log(
    `cpu ratio this / baseline: ${ratios.map((x) => x.toFixed(2)).join(" ")} (median ${median(ratios).toFixed(2)})`,
  );
}
