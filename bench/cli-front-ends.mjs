// Whole-process timings of the REAL CLI on the configuration front ends.
//
//   node bench/cli-front-ends.mjs [--sizes=1,2000,10000,100000] [--front-ends=tf-json,tf,yaml]
//                                 [--runs=3] [--cli=/path/to/bin/run.js] [--keep]
//
// For each size N and front end, a temp dir gets N `gantry_noop` (.tf.json, .tf
// in HCL) or `noop` (*.gantry.yaml) resources laid out as min(N, 1,000) lanes of chains
// (each resource's `input` references the previous one's output in its lane),
// is applied once (bench/plan-worker.mjs setup: state only, noop resources),
// and then `node bin/run.js plan -no-color DIR` and `validate -no-color DIR`
// are timed as whole processes, as is `node bin/run.js --help`. Every figure is
// the median of --runs runs (after one unmeasured warm-up for --help);
// wall ms and peak RSS come from /usr/bin/time (the child's own rusage).
//
// --cli times another build's bin/run.js (e.g. a baseline checkout) on the same
// configurations; the apply step always uses this checkout's dist/.
// Exported as runCliFrontEnds() for bench/run.mjs (group "cli").

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_DIR, runChild, tempDir } from "./lib.mjs";

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

const FRONT_ENDS = {
  "tf-json": { file: "main.tf.json", generate: tfJsonConfig },
  tf: { file: "main.tf", generate: tfHclConfig },
  yaml: { file: "main.gantry.yaml", generate: nativeYamlConfig },
};

/**
 * Runs `node <cli> ...args` as a whole process under /usr/bin/time.
 * Resolves { wallMs, cpuMs, peakMB, code, stdout, stderr }.
 */
export function timeCli(cli, args, cwd = REPO_DIR) {
  return new Promise((resolvePromise, reject) => {
    const usageFile = join(tempDir("usage"), "usage.txt");
    const fmt = "@@USAGE %e %U %S %M";
    const child = spawn(TIME_BIN, ["-o", usageFile, "-f", fmt, process.execPath, cli, ...args], {
      cwd,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
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

/** Median wall / cpu / peak of `runs` runs; every run must satisfy check(result) (throws otherwise). */
async function measure(cli, args, runs, check) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const r = await timeCli(cli, args);
    const problem = check(r);
    if (problem) throw new Error(`${args.join(" ")}: ${problem}\n${(r.stderr || r.stdout).trim().slice(0, 600)}`);
    all.push(r);
  }
  return {
    wallMs: median(all.map((r) => r.wallMs)),
    cpuMs: median(all.map((r) => r.cpuMs)),
    peakMB: median(all.map((r) => r.peakMB)),
    runs: all.map((r) => r.wallMs),
  };
}

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
 * Options: sizes, frontEnds, runs, cli (bin/run.js to time), keep, log, heading (first line).
 */
export async function runCliFrontEnds(opts = {}) {
  const sizes = opts.sizes ?? [1, 2000, 10000, 100000];
  const frontEnds = opts.frontEnds ?? Object.keys(FRONT_ENDS);
  const runs = opts.runs ?? 3;
  const cli = resolve(opts.cli ?? join(REPO_DIR, "bin/run.js"));
  const log = opts.log ?? console.log;
  const verdicts = [];
  const failures = [];
  const dirs = [];

  log(`${opts.heading ?? "CLI, whole processes"} (${cli}; median of ${runs}; wall and peak RSS from ${TIME_BIN})`);
  log(`  configurations: N noop resources as min(N, ${fmtInt(LANES)}) lanes of chains, applied once (state only)`);

  try {
    await timeCli(cli, ["--help"]); // warm-up: file system cache
    const helpOk = (r) => (/COMMANDS/.test(r.stdout) ? "" : "no COMMANDS");
    const h = await measure(cli, ["--help"], Math.max(runs, 5), helpOk);
    log(
      table(
        ["command", "wall", "target", "(cpu)", "peak RSS", "runs (wall ms)"],
        [
          [
            "--help",
            ms(h.wallMs),
            judge(h.wallMs, TARGETS.help.ms, "ms", verdicts, "--help: wall"),
            ms(h.cpuMs),
            mb(h.peakMB),
            h.runs.map((x) => x.toFixed(0)).join(", "),
          ],
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
        writeFileSync(join(dir, FRONT_ENDS[fe].file), FRONT_ENDS[fe].generate(n));
        const setup = await runChild("plan-worker.mjs", ["setup", dir]);
        if (setup.added !== n) throw new Error(`setup created ${setup.added} of ${n} resources`);
        const plan = await measure(cli, ["plan", "-no-color", dir], runs, (r) =>
          r.code !== 0 ? `exit ${r.code}` : /No changes\./.test(r.stdout) ? "" : "not a no-change plan",
        );
        const valid = `(${n} resources in 1 files)`;
        const validate = await measure(cli, ["validate", "-no-color", dir], runs, (r) =>
          r.code !== 0 ? `exit ${r.code}` : r.stdout.includes(valid) ? "" : "unexpected output",
        );
        const t = TARGETS.plan[n] ?? {};
        const timeCell = judge(plan.wallMs, t.ms, "ms", verdicts, `plan ${label}: wall`);
        const memCell = judge(plan.peakMB, t.mb, "MB", verdicts, `plan ${label}: peak RSS`);
        rows.push([label, "plan", ms(plan.wallMs), timeCell, ms(plan.cpuMs), mb(plan.peakMB), memCell]);
        rows.push([label, "validate", ms(validate.wallMs), "—", ms(validate.cpuMs), mb(validate.peakMB), "—"]);
      } catch (e) {
        failures.push(`${label}: ${e.message}`);
        rows.push([label, "FAILED", "", "", "", "", ""]);
      }
    }
  log(table(["configuration", "command", "wall", "target", "(cpu)", "peak RSS", "target"], rows));
  if (!opts.keep) for (const d of dirs) rmSync(d, { recursive: true, force: true });
  else log(`  kept: ${dirs.join(" ")}`);
  return { verdicts, failures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => args.find((x) => x.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
  const list = (name) => opt(name)?.split(",");
  const { verdicts, failures } = await runCliFrontEnds({
    sizes: list("sizes")?.map(Number),
    frontEnds: list("front-ends"),
    runs: Number(opt("runs", "3")),
    cli: opt("cli"),
    keep: args.includes("--keep"),
  });
  console.log("\nSummary");
  const summary = verdicts.map((v) => [v.what, v.value, v.target, v.pass ? "PASS" : "FAIL"]);
  console.log(table(["figure", "value", "target", ""], summary));
  for (const f of failures) console.log(`  FAILED TO RUN: ${f}`);
  process.exitCode = failures.length ? 1 : 0;
}
