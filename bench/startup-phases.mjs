// Where the start of a small `gantry plan` goes, in CPU time (user + sys) of whole processes and of the bundle's
// parts loaded in turn inside one process:
//
//   npm run build && node bench/startup-phases.mjs [--runs=15] [--baseline=/path/to/other/checkout]
//
// Rows: `node -e 0` (Node's own start, the floor under every figure), `gantry --help` and the no-change plan of one
// `gantry_noop` in `.tf.json` as whole processes; then, in one process started as the plan is, the CPU of loading
// dist/bundle/front.cjs (the entry with oclif), engine.cjs (every command's class and flags and everything they import
// statically: the planner, front ends, resource types, host drivers), both through dist/bundle/cli.cjs with V8's code
// cache, and of running the plan once they are loaded (oclif's configuration, parsing, the plan itself). A baseline
// built before the CommonJS bundles is split as its ES module chunks were: run.js, then commands.js and the engine
// chunk. Medians of --runs; with --baseline (a checkout with its own dist/, e.g. main's, built) each run is paired
// with one of the baseline, run in turn, and the median of the per-pair ratios (this / baseline) is given too: on a
// shared machine only ratios compare.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tfJsonConfig, timeCli } from "./cli-front-ends.mjs";
import { REPO_DIR, tempDir } from "./lib.mjs";

const ms = (c) => (c.user + c.system) / 1000;

/** In the child: load the bundle's parts in turn, then run the plan; print each part's CPU as JSON. */
async function child(root, dir) {
  const bundle = join(root, "dist/bundle");
  const out = {};
  let at = process.cpuUsage();
  const lap = (name) => {
    const now = process.cpuUsage();
    out[name] = ms(now) - ms(at);
    at = now;
  };
  out.before = ms(at);
  let run;
  if (existsSync(join(bundle, "cli.cjs"))) {
    // two CommonJS bundles loaded with V8's code cache (scripts/bundle-loader.cjs)
    const cli = createRequire(import.meta.url)(join(bundle, "cli.cjs"));
    run = cli.run;
    lap("entry");
    cli.commands();
    lap("engine");
  } else {
    // an older build: ES module chunks (run.js, commands.js, engine-<hash>.js)
    const engine = readdirSync(bundle).find((f) => /^engine-[A-Z0-9]+\.js$/.test(f));
    if (!engine) throw new Error(`${bundle}: neither cli.cjs nor an engine chunk; run npm run build`);
    ({ run } = await import(pathToFileURL(join(bundle, "run.js")).href));
    lap("entry");
    await import(pathToFileURL(join(bundle, "commands.js")).href);
    await import(pathToFileURL(join(bundle, engine)).href);
    lap("engine");
  }
  process.chdir(dir);
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true; // the plan's own output
  await run(["plan", "-no-color", "."], pathToFileURL(join(root, "bin/run.js")).href);
  process.stdout.write = write;
  lap("plan");
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function phases(root, dir) {
  const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, "--child", root, dir], {
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  const line = r.stdout.trim().split("\n").pop();
  if (r.status !== 0 || !line?.startsWith("{")) throw new Error(`phases of ${root}: ${r.stderr.trim().slice(0, 600)}`);
  return JSON.parse(line);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => `${x.toFixed(0)} ms`;

async function main() {
  const opt = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
  const runs = Number(opt("runs", "15"));
  const baseline = opt("baseline", undefined);
  const roots = baseline ? [REPO_DIR, baseline] : [REPO_DIR];
  const dir = tempDir("startup");
  writeFileSync(join(dir, "main.tf.json"), tfJsonConfig(1));
  const applied = await timeCli(join(REPO_DIR, "bin/run.js"), ["apply", "-auto-approve", "-no-color", dir]);
  if (applied.code !== 0) throw new Error(`apply: ${applied.stderr || applied.stdout}`);

  const rows = [
    ["node -e 0 (process)", () => timeCli(null, ["-e", "0"]).then((r) => r.cpuMs)],
    ["gantry --help (process)", (root) => timeCli(join(root, "bin/run.js"), ["--help"]).then((r) => r.cpuMs)],
    [
      "plan, 1 resource (process)",
      (root) => timeCli(join(root, "bin/run.js"), ["plan", "-no-color", dir]).then((r) => r.cpuMs),
    ],
  ];
  const parts = ["before", "entry", "engine", "plan"];
  const labels = {
    before: "  Node's start to the first import",
    entry: "  load the entry and oclif",
    engine: "  load every command and the engine's static imports",
    plan: "  run the plan (oclif's configuration, parse, plan)",
  };
  const figures = new Map(); // label -> per root: number[]
  const add = (label, i, v) => {
    if (!figures.has(label))
      figures.set(
        label,
        roots.map(() => []),
      );
    figures.get(label)[i].push(v);
  };
  for (let n = 0; n < runs; n++)
    for (const [i, root] of roots.entries()) {
      for (const [label, measure] of rows) add(label, i, await measure(root));
      const p = phases(root, dir);
      for (const k of parts) add(labels[k], i, p[k]);
    }
  const header = baseline ? ["", "CPU", "baseline CPU", "ratio (median of pairs)"] : ["", "CPU"];
  const lines = [...figures].map(([label, [mine, base]]) =>
    base
      ? [label, fmt(median(mine)), fmt(median(base)), median(mine.map((x, i) => x / base[i])).toFixed(2)]
      : [label, fmt(median(mine))],
  );
  const all = [header, ...lines];
  const w = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  console.log(`Start-up, CPU (user + sys), medians of ${runs} runs${baseline ? `, paired with ${baseline}` : ""}:`);
  for (const r of all) console.log(`  ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ")}`);
}

if (process.argv[2] === "--child") await child(process.argv[3], process.argv[4]);
else await main();
