// Whole-process timings of the REAL CLI on the configuration front ends.
//
//   node bench/cli-front-ends.mjs [--sizes=1,2000,10000,100000] [--front-ends=tf-json,tf,tf-modules,yaml]
//                                 [--runs=3] [--cli=/path/to/bin/run.js] [--baseline=/path/to/bin/run.js] [--keep]
//                                 [--startup] [--without-extra-ca-certs]
//
// For each size N and front end, a temp dir gets N `gantry_noop` (.tf.json, .tf
// in HCL, .tf over modules) or `noop` (*.gantry.yaml) resources laid out as min(N, 1,000) lanes of chains
// (each resource's `input` references the previous one's output in its lane),
// is applied once (through the CLI: state only, noop resources),
// and then `node bin/run.js plan -no-color DIR` and `validate -no-color DIR`
// are timed as whole processes, as is `node bin/run.js --help`. Every figure is
// the median of --runs runs (after one unmeasured warm-up for --help);
// wall ms and peak RSS come from /usr/bin/time (the child's own rusage).
//
// --cli times another build's bin/run.js (e.g. a baseline checkout) on the same
// configurations; the apply step always uses this checkout's dist/.
// --baseline pairs every figure with another build's bin/run.js (e.g. main's, built in a
// copy of the checkout): the two run in turn, A B A B …, and each row adds the baseline's
// median and the median of the per-pair ratios (this / baseline), which holds when the
// machine's speed drifts (a shared machine's absolute figures do not). The first table also
// gives Node's own start (`node -e 0`), the floor under every figure; with
// NODE_EXTRA_CA_CERTS set (Node 20 reads and parses that file at every start) it is
// given without the variable too.
// --startup is the start-up figures alone: --help and the no-change plan of 1 and 2,000
// resources of .tf.json (--sizes=1,2000 --front-ends=tf-json, unless given).
// --without-extra-ca-certs runs every timed process without NODE_EXTRA_CA_CERTS (users seldom
// set it; Node 20 reads and parses the file at every start), to give the figures both ways.
// Exported as runCliFrontEnds() for bench/run.mjs (group "cli").

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_DIR, tempDir } from "./lib.mjs";

const TIME_BIN = "/usr/bin/time";
const LANES = 1000;

/** Targets from the start-up issue: wall ms (and MB) of a whole process. */
const TARGETS = {
  plan: { 1: { ms: 200 }, 2000: { ms: 400 }, 100000: { ms: 3000, mb: 600 } },
  help: { ms: 150 },
};

/** Resource names of lane `l`, position `i` in its chain. */
const nameOf = (l, i) => `l${l}_${i}`;

/** The lanes x length layout of n resources: min(n, LANES) lanes, the remainder spread over the first ones. */
function layout(n) {
  const lanes = Math.min(n, LANES);
  return Array.from({ length: lanes }, (_, l) => Math.floor(n / lanes) + (l < n % lanes ? 1 : 0));
}

export function tfJsonConfig(n) {
  const noop = {};
  layout(n).forEach((len, l) => {
    for (let i = 0; i < len; i++)
      noop[nameOf(l, i)] = { input: i === 0 ? `lane ${l}` : `\${gantry_noop.${nameOf(l, i - 1)}.output}` };
  });
  return JSON.stringify({ resource: { gantry_noop: noop } }, null, 1);
}

export function tfHclConfig(n) {
  const blocks = [];
  layout(n).forEach((len, l) => {
    for (let i = 0; i < len; i++) {
      const input = i === 0 ? `"lane ${l}"` : `gantry_noop.${nameOf(l, i - 1)}.output`;
      blocks.push(`resource "gantry_noop" "${nameOf(l, i)}" {\n  input = ${input}\n}\n`);
    }
  });
  return blocks.join("\n");
}

export function nativeYamlConfig(n) {
  const lines = ["resources:"];
  layout(n).forEach((len, l) => {
    for (let i = 0; i < len; i++) {
      lines.push(`  noop.${nameOf(l, i)}:`);
      lines.push(`    input: ${i === 0 ? `"lane ${l}"` : `"\${noop.${nameOf(l, i - 1)}.output}"`}`);
    }
  });
  return `${lines.join("\n")}\n`;
}

/**
 * HCL split over modules: one local module holding a chain of min(n, 100) resources, called with for_each once per
 * lane (n / chain length instances), so 10,000 resources are 100 module instances of 100.
 */
export function tfModulesConfig(n) {
  const len = Math.min(n, 100);
  const lanes = Math.ceil(n / len);
  const chain = ['variable "lane" {\n  type = string\n}\n'];
  for (let i = 0; i < len; i++) {
    const input = i === 0 ? "var.lane" : `gantry_noop.c${i - 1}.output`;
    chain.push(`resource "gantry_noop" "c${i}" {\n  input = ${input}\n}\n`);
  }
  const root =
    `module "lane" {\n  source   = "./modules/chain"\n` +
    `  for_each = toset([for l in range(${lanes}) : "lane \${l}"])\n  lane     = each.key\n}\n`;
  return { "main.tf": root, "modules/chain/main.tf": chain.join("\n") };
}

const FRONT_ENDS = {
  "tf-json": { file: "main.tf.json", generate: tfJsonConfig },
  tf: { file: "main.tf", generate: tfHclConfig },
  "tf-modules": { files: tfModulesConfig },
  yaml: { file: "main.gantry.yaml", generate: nativeYamlConfig },
};

/**
 * Runs `node <cli> ...args` as a whole process under /usr/bin/time.
 * Resolves { wallMs, cpuMs, peakMB, code, stdout, stderr }.
 */
export function timeCli(cli, args, cwd = REPO_DIR, env = process.env) {
  return new Promise((resolvePromise, reject) => {
    const usageFile = join(tempDir("usage"), "usage.txt");
    const fmt = "@@USAGE %e %U %S %M";
    const argv = cli === null ? args : [cli, ...args]; // null: node itself
    const child = spawn(TIME_BIN, ["-o", usageFile, "-f", fmt, process.execPath, ...argv], {
      cwd,
      env: { ...env, FORCE_COLOR: "0", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const text = existsSync(usageFile) ? readFileSync(usageFile, "utf8") : "";
      rmSync(join(usageFile, ".."), { recursive: true, force: true });
      const m = /@@USAGE ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(text);
      if (!m) return reject(new Error(`no usage from ${TIME_BIN}: ${text.trim() || stderr.trim().slice(0, 400)}`));
      resolvePromise({
        wallMs: Number(m[1]) * 1000,
        cpuMs: (Number(m[2]) + Number(m[3])) * 1000,
        peakMB: Number(m[4]) / 1024, // %M is in KiB
        code,
        stdout,
        stderr,
      });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtInt = (n) => n.toLocaleString("en-US");
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const mb = (x) => `${x.toFixed(0)} MB`;

/** Min / median wall, median cpu and peak of runs. */
function summarize(all) {
  return {
    wallMs: median(all.map((r) => r.wallMs)),
    minWallMs: Math.min(...all.map((r) => r.wallMs)),
    cpuMs: median(all.map((r) => r.cpuMs)),
    minCpuMs: Math.min(...all.map((r) => r.cpuMs)),
    peakMB: median(all.map((r) => r.peakMB)),
    runs: all.map((r) => r.wallMs),
  };
}

/**
 * Median wall / cpu / peak of `runs` runs; every run must satisfy check(result) (throws otherwise). With a baseline
 * (another bin/run.js) each run of `cli` is followed by one of the baseline: `base` holds its figures and `ratio` the
 * medians of the per-pair ratios { wall, cpu }.
 */
async function measure(cli, args, runs, check, baseline, env) {
  const all = [];
  const base = [];
  const once = async (which) => {
    const r = await timeCli(which, args, REPO_DIR, env);
    const problem = check(r);
    if (problem) throw new Error(`${args.join(" ")}: ${problem}\n${(r.stderr || r.stdout).trim().slice(0, 600)}`);
    return r;
  };
  for (let i = 0; i < runs; i++) {
    all.push(await once(cli));
    if (baseline) base.push(await once(baseline));
  }
  const out = summarize(all);
  if (!baseline) return out;
  const ratio = (k) => median(all.map((r, i) => r[k] / base[i][k]));
  return { ...out, base: summarize(base), ratio: { wall: ratio("wallMs"), cpu: ratio("cpuMs") } };
}

/** The baseline's cells of a row ("" without one): its median wall and cpu, and the pair ratios. */
function baselineCells(m) {
  if (!m.base) return [];
  return [ms(m.base.wallMs), ms(m.base.cpuMs), m.ratio.wall.toFixed(2), m.ratio.cpu.toFixed(2)];
}
const BASELINE_HEADER = ["base wall", "base cpu", "ratio wall", "ratio cpu"];

function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const w = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `  ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ")}`;
  return [line(all[0]), `  ${w.map((n) => "-".repeat(n)).join("  ")}`, ...all.slice(1).map(line)].join("\n");
}

/** A target cell ("< 200 ms PASS") and its verdict, or "—" when the issue gives none. */
function judge(value, target, unit, verdicts, what) {
  if (target === undefined) return "—";
  const pass = value < target;
  const show = (x) => (unit === "ms" ? ms(x) : mb(x));
  verdicts.push({ what, value: show(value), target: `< ${show(target)}`, pass });
  return `< ${show(target)} ${pass ? "PASS" : "FAIL"}`;
}

/**
 * The whole benchmark; returns { verdicts, failures } (verdicts: { what, value, target, pass }).
 * Options: sizes, frontEnds, runs, cli (bin/run.js to time), keep, log, heading (first line), withoutExtraCaCerts.
 */
export async function runCliFrontEnds(opts = {}) {
  const sizes = opts.sizes ?? [1, 2000, 10000, 100000];
  const frontEnds = opts.frontEnds ?? Object.keys(FRONT_ENDS);
  const runs = opts.runs ?? 3;
  const cli = resolve(opts.cli ?? join(REPO_DIR, "bin/run.js"));
  const baseline = opts.baseline ? resolve(opts.baseline) : undefined;
  const log = opts.log ?? console.log;
  const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...envWithoutCa } = process.env;
  const env = opts.withoutExtraCaCerts ? envWithoutCa : process.env;
  const verdicts = [];
  const failures = [];
  const dirs = [];

  log(`${opts.heading ?? "CLI, whole processes"} (${cli}; median of ${runs}; wall and peak RSS from ${TIME_BIN})`);
  if (opts.withoutExtraCaCerts && extraCaCerts) log("  every timed process runs without NODE_EXTRA_CA_CERTS");
  if (baseline) log(`  baseline: ${baseline} (run in turn with each run; ratio = this / baseline, median of pairs)`);
  log(`  configurations: N noop resources as min(N, ${fmtInt(LANES)}) lanes of chains, applied once (state only)`);

  try {
    await timeCli(cli, ["--help"], REPO_DIR, env); // warm-up: file system cache
    const helpOk = (r) => (/COMMANDS/.test(r.stdout) ? "" : "no COMMANDS");
    const helpRuns = Math.max(runs, 5);
    const h = await measure(cli, ["--help"], helpRuns, helpOk, baseline, env);
    const floors = [[env === envWithoutCa && extraCaCerts ? "node -e 0, no NODE_EXTRA_CA_CERTS" : "node -e 0", env]];
    if (env.NODE_EXTRA_CA_CERTS) floors.push(["node -e 0, no NODE_EXTRA_CA_CERTS", envWithoutCa]);
    const floorRows = [];
    for (const [label, env] of floors) {
      const all = [];
      for (let i = 0; i < helpRuns; i++) all.push(await timeCli(null, ["-e", "0"], REPO_DIR, env));
      const f = summarize(all);
      floorRows.push([
        label,
        ms(f.wallMs),
        ms(f.minWallMs),
        "—",
        ms(f.cpuMs),
        mb(f.peakMB),
        ...(baseline ? ["", "", "", ""] : []),
      ]);
    }
    log(
      table(
        ["command", "wall", "(min)", "target", "(cpu)", "peak RSS", ...(baseline ? BASELINE_HEADER : [])],
        [
          [
            "--help",
            ms(h.wallMs),
            ms(h.minWallMs),
            judge(h.wallMs, TARGETS.help.ms, "ms", verdicts, "--help: wall"),
            ms(h.cpuMs),
            mb(h.peakMB),
            ...baselineCells(h),
          ],
          ...floorRows,
        ],
      ),
    );
  } catch (e) {
    failures.push(`--help: ${e.message}`);
  }

  const rows = [];
  for (const fe of frontEnds)
    for (const n of sizes) {
      const label = `${fe} ${fmtInt(n)}`;
      const dir = tempDir(`cli-${fe}-${n}`);
      dirs.push(dir);
      try {
        mkdirSync(dir, { recursive: true });
        const front = FRONT_ENDS[fe];
        const files = front.files ? front.files(n) : { [front.file]: front.generate(n) };
        for (const [name, text] of Object.entries(files)) {
          mkdirSync(join(dir, name, ".."), { recursive: true });
          writeFileSync(join(dir, name), text);
        }
        // applied once through this checkout's CLI, so every front end (modules too) is set up as users do it
        const setup = await timeCli(join(REPO_DIR, "bin/run.js"), ["apply", "-auto-approve", "-no-color", dir]);
        if (!setup.stdout.includes(`Resources: ${n} added`))
          throw new Error(`setup did not create ${n} resources: ${(setup.stderr || setup.stdout).slice(-400)}`);
        const plan = await measure(
          cli,
          ["plan", "-no-color", dir],
          runs,
          (r) => (r.code !== 0 ? `exit ${r.code}` : /No changes\./.test(r.stdout) ? "" : "not a no-change plan"),
          baseline,
          env,
        );
        const validate = await measure(
          cli,
          ["validate", "-no-color", dir],
          runs,
          (r) => (r.code !== 0 ? `exit ${r.code}` : /Success!/.test(r.stdout) ? "" : "unexpected output"),
          baseline,
          env,
        );
        const t = TARGETS.plan[n] ?? {};
        const timeCell = judge(plan.wallMs, t.ms, "ms", verdicts, `plan ${label}: wall`);
        const memCell = judge(plan.peakMB, t.mb, "MB", verdicts, `plan ${label}: peak RSS`);
        const row = (command, m, cells) => [
          label,
          command,
          ms(m.wallMs),
          ms(m.minWallMs),
          cells[0],
          ms(m.cpuMs),
          mb(m.peakMB),
          cells[1],
          ...baselineCells(m),
        ];
        rows.push(row("plan", plan, [timeCell, memCell]));
        rows.push(row("validate", validate, ["—", "—"]));
      } catch (e) {
        failures.push(`${label}: ${e.message}`);
        rows.push([label, "FAILED", "", "", "", "", "", "", ...(baseline ? ["", "", "", ""] : [])]);
      }
    }
  const header = ["configuration", "command", "wall", "(min)", "target", "(cpu)", "peak RSS", "target"];
  log(table([...header, ...(baseline ? BASELINE_HEADER : [])], rows));
  if (!opts.keep) for (const d of dirs) rmSync(d, { recursive: true, force: true });
  else log(`  kept: ${dirs.join(" ")}`);
  return { verdicts, failures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => args.find((x) => x.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
  const list = (name) => opt(name)?.split(",");
  const startup = args.includes("--startup");
  const { verdicts, failures } = await runCliFrontEnds({
    sizes: (list("sizes") ?? (startup ? ["1", "2000"] : undefined))?.map(Number),
    frontEnds: list("front-ends") ?? (startup ? ["tf-json"] : undefined),
    runs: Number(opt("runs", "3")),
    cli: opt("cli"),
    baseline: opt("baseline"),
    keep: args.includes("--keep"),
    withoutExtraCaCerts: args.includes("--without-extra-ca-certs"),
  });
  console.log("\nSummary");
  const summary = verdicts.map((v) => [v.what, v.value, v.target, v.pass ? "PASS" : "FAIL"]);
  console.log(table(["figure", "value", "target", ""], summary));
  for (const f of failures) console.log(`  FAILED TO RUN: ${f}`);
  process.exitCode = failures.length ? 1 : 0;
}
