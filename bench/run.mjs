// gantry benchmarks: `npm run bench` (= npm run build && node --expose-gc bench/run.mjs).
//
// Imports only the compiled code in dist/ (no tsx), and runs every
// measurement in a fresh child process so that peak memory
// (process.resourceUsage().maxRSS) belongs to that case alone.
//
//   1. No-change plan (with refresh) of gantry_noop graphs, 1,000 / 10,000 /
//      100,000 resources, as a chain (r<i> -> r<i-1>) and a wide fan (r<i> -> r0):
//      setup child applies the configuration once (writing the state file),
//      then a fresh child times engine.plan: read state / load config / plan and checks
//      the plan has zero changes.                target (100,000): < 5 s, < 1 GB
//   2. Apply of 10,000 independent gantry_files on a SIMULATED host
//      (latency_ms 20 per driver operation), parallelism 10, against the ideal
//      N x ops-per-create x latency / parallelism.   target: within 1.2x
//   3. `gantry --help` wall time (node bin/run.js --help), median of 5
//      (after one unmeasured warm-up run).           target: < 300 ms
//
//   4. Blueprint plan: one `cluster` of 3 ZooKeeper / 3 masters / 1,000 agents on a
//      host pool of 1,000 SIMULATED hosts (bench/blueprint-lib.mjs): a fresh child
//      times load / expand / plan (engine.plan's steps) of the empty-state plan (every instance a
//      create); a second child plans, applies on its in-process sim fabric and times
//      the no-change plan after it.      no target given: figures only
//
// Figures are printed next to their targets with PASS/MISS. A miss does not
// fail the run (benchmarks are not timed tests): the exit code is 0 unless a
// case failed to run (or a "no-change" plan had changes).
//
// Flags:
//   --profile          re-run each case that missed its time target under the
//                      V8 CPU profiler (measured region only) and print where
//                      the time goes (bench/profile-summary.mjs); profiles
//                      are kept in the temp dir printed
//   5. examples/mesos-cluster on local hosts, for real (bench/local-cluster.mjs):
//      first apply, a no-change plan, and detect + repair of one killed
//      ZooKeeper member (needs zookeeper, a JRE and haproxy installed).
//
//   6. The REAL CLI as whole processes on each front end (bench/cli-front-ends.mjs):
//      `plan -no-color` and `validate` of N noop resources (1,000 lanes of chains) as
//      .tf.json and *.gantry.yaml, sizes 1 / 2,000 / 10,000 / 100,000, and `--help`;
//      wall and peak RSS from /usr/bin/time, median of --cli-runs (default 3).
//      targets: plan of 1 < 200 ms, of 2,000 < 400 ms, of 100,000 < 3 s and < 600 MB; --help < 150 ms
//
//   7. The Heat API as users run it (bench/heat-api.mjs): `gantry serve` as a process with a temp store;
//      stacks created per second (10 OS::Heat::RandomString + 10 TestResource each), p50/p99 latency of
//      three GET routes under autocannon (10 connections), server RSS at 1,000 stacks. figures only
//
//   8. A Pulumi program as users run it (bench/pulumi-up.mjs): `gantry pulumi up` of 1,000 dynamic resources and
//      of 1,000 gantry:index:Noop resources, first up and a no-change up; wall, resources/s, peak RSS. figures only
//
//   --only=plan,apply,help,blueprint,cluster,cli,heat,pulumi   run only these groups
//   --cli-sizes=1,2000       CLI case sizes (default 1,2000,10000,100000)
//   --cli-runs=N             CLI case: runs per figure (default 3)
//   --cli-baseline=PATH      CLI case: pair every figure with another build's bin/run.js (ratios this / baseline)
//   --agents=N               blueprint case: agents and pool hosts (default 1000)
//   --sizes=1000,10000       plan sizes (default 1000,10000,100000)
//   --files=N                apply case size (default 10000)
//   --keep             keep the temporary directories

import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { arch, cpus, loadavg as loadAvg, platform, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { noopGraphConfig, REPO_DIR, runChild, tempDir, writeConfig } from "./lib.mjs";
import { blueprintConfig, BLUEPRINT_MASTERS, BLUEPRINT_ZK } from "./blueprint-lib.mjs";
import { formatSummary, summarize } from "./profile-summary.mjs";

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const opt = (name, dflt) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const only = new Set(opt("only", "plan,apply,help,blueprint,cluster,cli,heat,pulumi").split(","));
const BLUEPRINT_AGENTS = Number(opt("agents", "1000"));
const SIZES = opt("sizes", "1000,10000,100000").split(",").map(Number);
const SHAPES = ["chain", "fan"];
const APPLY_FILES = Number(opt("files", "10000"));
const LATENCY_MS = 20;
const PARALLELISM = 10;
const HELP_RUNS = 5;

const TARGET_PLAN_MS = 5000;
const TARGET_PLAN_MB = 1024; // 1 GB taken as 1024 MB
const TARGET_PLAN_AT = 100000;
const TARGET_APPLY_RATIO = 1.2;
const TARGET_HELP_MS = 300;

const dirs = [];
const failures = []; // cases that failed to run
const verdicts = []; // { what, value, target, pass }
const toProfile = []; // { label, run: (cpuprofPath) => Promise }

const fmtInt = (n) => n.toLocaleString("en-US");
const ms = (x) =>
  x >= 10000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`;
const mb = (x) => `${x.toFixed(0)} MB`;
const mark = (pass) => (pass ? "PASS" : "MISS");

function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const w = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `  ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ")}`;
  return [line(all[0]), `  ${w.map((n) => "-".repeat(n)).join("  ")}`, ...all.slice(1).map(line)].join("\n");
}

function verdict(what, value, target, pass) {
  verdicts.push({ what, value, target, pass });
  return mark(pass);
}

function newDir(label) {
  const d = tempDir(label);
  dirs.push(d);
  return d;
}

const started = performance.now();
console.log(
  `gantry benchmarks — node ${process.version}, ${platform()} ${arch()}, ${cpus().length} CPU(s) ` +
    `(${cpus()[0]?.model?.trim() ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM`,
);
const loadavg = () =>
  loadAvg()
    .map((x) => x.toFixed(2))
    .join(", ");
console.log(
  `load average at start: ${loadavg()} — other work on this machine inflates wall times; compare with the (cpu) ` +
    `figures`,
);
console.log(
  `dist/ built ${existsSync(join(REPO_DIR, "dist/planner/plan.js")) ? "" : "(MISSING: run npm run build) "}— each ` +
    `measurement in a fresh child process\n`,
);

// ---------------------------------------------------------------- 1. plan
if (only.has("plan")) {
  console.log("1. No-change plan with refresh (gantry_noop graphs; state in sync; one fresh process per measurement)");
  console.log(
    `   engine.plan, timed from its events: load config (open workspace + read + parse *.tf.json + variables) | ` +
      `read state | plan (graph + refresh + diff); (cpu) = CPU time of the`,
  );
  console.log(`   measured region, all threads (GC threads included); peak RSS = maxRSS of the process`);
  const rows = [];
  for (const n of SIZES)
    for (const shape of SHAPES) {
      const label = `${shape} ${fmtInt(n)}`;
      const dir = newDir(`${shape}${n}`);
      try {
        writeConfig(dir, "main.tf.json", noopGraphConfig(n, shape));
        const setup = await runChild("plan-worker.mjs", ["setup", dir]);
        if (setup.added !== n) throw new Error(`setup created ${setup.added} of ${n} resources`);
        const m = await runChild("plan-worker.mjs", ["measure", dir]);
        if (m.instances !== n || (m.actions.noop ?? 0) !== n)
          throw new Error(`plan covered ${JSON.stringify(m.actions)}, expected ${n} noop`);
        let tgtTime = "",
          tgtMem = "";
        if (n === TARGET_PLAN_AT) {
          const okT = m.totalMs < TARGET_PLAN_MS;
          const okM = m.peakRssMB < TARGET_PLAN_MB;
          tgtTime = `< 5 s ${verdict(`plan ${label}: time`, ms(m.totalMs), "< 5 s", okT)}`;
          tgtMem = `< 1 GB ${verdict(`plan ${label}: peak RSS`, mb(m.peakRssMB), "< 1 GB", okM)}`;
          if (!okT)
            toProfile.push({
              label: `plan ${label} (load config + read state + plan)`,
              run: (prof) => runChild("plan-worker.mjs", ["measure", dir], { env: { BENCH_CPU_PROF: prof } }),
            });
        }
        rows.push([
          shape,
          fmtInt(n),
          ms(m.loadMs),
          ms(m.readStateMs),
          ms(m.planMs),
          ms(m.totalMs),
          tgtTime || "—",
          ms(m.cpuMs),
          mb(m.peakRssMB),
          tgtMem || "—",
          "0 changes",
          ms(setup.setupMs),
        ]);
      } catch (e) {
        failures.push(`plan ${label}: ${e.message}`);
        rows.push([shape, fmtInt(n), "FAILED", "", "", "", "", "", "", "", "", ""]);
        console.error(`  plan ${label} FAILED: ${e.message}`);
      }
    }
  console.log(
    table(
      [
        "shape",
        "resources",
        "load config",
        "read state",
        "plan",
        "total",
        "target",
        "(cpu)",
        "peak RSS",
        "target",
        "plan",
        "(setup apply)",
      ],
      rows,
    ),
  );
  console.log("");
}

// ---------------------------------------------------------------- 2. apply
if (only.has("apply")) {
  console.log(
    `2. Apply of ${fmtInt(APPLY_FILES)} independent gantry_file on one SIMULATED host (driver "sim", ` +
      `options.latency_ms ${LATENCY_MS}), parallelism ${PARALLELISM}`,
  );
  console.log(
    "   host options reach the fabric through the file's host attribute (checked: the fabric host's latency is 20 " +
      "ms); host created in a setup apply",
  );
  const dir = newDir("apply");
  try {
    const r = await runChild("apply-worker.mjs", [dir, APPLY_FILES, LATENCY_MS, PARALLELISM]);
    const totalOps = Object.values(r.ops).reduce((a, b) => a + b, 0);
    const opsPer = totalOps / APPLY_FILES;
    const ideal1 = (APPLY_FILES * 1 * LATENCY_MS) / PARALLELISM;
    const idealReal = (APPLY_FILES * opsPer * LATENCY_MS) / PARALLELISM;
    const ratio1 = r.applyMs / ideal1;
    const ratioReal = r.applyMs / idealReal;
    const pass = ratioReal <= TARGET_APPLY_RATIO;
    const opsText = Object.entries(r.ops)
      .map(([op, n]) => `${op} ${fmtInt(n)}`)
      .join(", ");
    console.log(
      table(
        ["figure", "value", "target"],
        [
          ["wall time of the apply walk", ms(r.applyMs), ""],
          ["driver operations during apply", `${fmtInt(totalOps)} (${opsText})`, ""],
          ["operations per create", opsPer.toFixed(2), ""],
          [`ideal, 1 op/create (N x ${LATENCY_MS} ms / ${PARALLELISM})`, ms(ideal1), ""],
          ["  ratio", `${ratio1.toFixed(2)}x`, ""],
          [`ideal, ${opsPer.toFixed(2)} ops/create (measured)`, ms(idealReal), ""],
          [
            "  ratio",
            `${ratioReal.toFixed(2)}x`,
            `<= ${TARGET_APPLY_RATIO}x ${verdict(
              `apply ${fmtInt(APPLY_FILES)} files: wall / ideal`,
              `${ratioReal.toFixed(2)}x (${ms(r.applyMs)})`,
              `<= ${TARGET_APPLY_RATIO}x`,
              pass,
            )}`,
          ],
          ["state file writes during apply", `${fmtInt(r.stateWrites)}, ${ms(r.stateWriteMs)} blocking in total`, ""],
          ["event-loop delay p99 / max", `${r.loopDelayP99Ms.toFixed(0)} ms / ${r.loopDelayMaxMs.toFixed(0)} ms`, ""],
          ["peak RSS", mb(r.peakRssMB), ""],
        ],
      ),
    );
    if (!pass)
      toProfile.push({
        label: `apply ${fmtInt(APPLY_FILES)} files (the apply walk only)`,
        run: (prof) =>
          runChild("apply-worker.mjs", [newDir("apply-prof"), APPLY_FILES, LATENCY_MS, PARALLELISM], {
            env: { BENCH_CPU_PROF: prof },
          }),
      });
  } catch (e) {
    failures.push(`apply: ${e.message}`);
    console.error(`  apply FAILED: ${e.message}`);
  }
  console.log("");
}

// ---------------------------------------------------------------- 3. --help
/**
 * Wall ms of `node bin/run.js --help`; with cpu, the child's CPU ms instead (reported by bench/cpu-at-exit.mjs,
 * preloaded).
 */
function timeHelp(cpu = false) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const pre = cpu ? ["--import", pathToFileURL(join(REPO_DIR, "bench/cpu-at-exit.mjs")).href] : [];
    const child = spawn(process.execPath, [...pre, join(REPO_DIR, "bin/run.js"), "--help"], {
      cwd: REPO_DIR,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const wall = performance.now() - t0;
      if (code !== 0 || !/USAGE|COMMANDS/i.test(out))
        reject(new Error(`gantry --help exited ${code}: ${(err || out).trim().slice(0, 400)}`));
      else if (!cpu) resolve(wall);
      else {
        const m = /@@CPU ([\d.]+)/.exec(err);
        if (m) resolve(Number(m[1]));
        else reject(new Error("no CPU time reported by bench/cpu-at-exit.mjs"));
      }
    });
  });
}

if (only.has("help")) {
  console.log(`3. gantry --help (spawn node bin/run.js --help; 1 warm-up, then median of ${HELP_RUNS})`);
  try {
    await timeHelp(); // warm-up: file system cache
    const runs = [];
    for (let i = 0; i < HELP_RUNS; i++) runs.push(await timeHelp());
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const median = med(runs);
    const pass = median < TARGET_HELP_MS;
    const cpuRuns = [];
    for (let i = 0; i < HELP_RUNS; i++) cpuRuns.push(await timeHelp(true));
    console.log(
      table(
        ["figure", "value", "target"],
        [
          ["wall, runs", `${runs.map((x) => x.toFixed(0)).join(", ")} ms`, ""],
          [
            "wall, median",
            ms(median),
            `< ${TARGET_HELP_MS} ` +
              `ms ${verdict("gantry --help: median wall", ms(median), `< ${TARGET_HELP_MS} ms`, pass)}`,
          ],
          ["(cpu time of the process, median of 5 more runs)", ms(med(cpuRuns)), ""],
        ],
      ),
    );
    if (!pass)
      toProfile.push({
        label: "gantry --help",
        run: (prof) =>
          new Promise((resolve, reject) => {
            const dir = join(prof, "..");
            const c = spawn(
              process.execPath,
              [
                "--cpu-prof",
                "--cpu-prof-dir",
                dir,
                "--cpu-prof-name",
                prof.split("/").pop(),
                join(REPO_DIR, "bin/run.js"),
                "--help",
              ],
              { cwd: REPO_DIR, stdio: "ignore" },
            );
            c.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
          }),
      });
  } catch (e) {
    failures.push(`help: ${e.message}`);
    console.error(`  help FAILED: ${e.message}`);
  }
  console.log("");
}

// ---------------------------------------------------------------- 4. blueprint
if (only.has("blueprint")) {
  const n = BLUEPRINT_AGENTS;
  console.log(
    `4. Blueprint plan: cluster of ${BLUEPRINT_ZK} ZooKeeper + ${BLUEPRINT_MASTERS} masters + ${fmtInt(n)} agents ` +
      `on ${fmtInt(n)} SIMULATED pool hosts (fresh process each)`,
  );
  console.log(
    "   engine.plan, timed from its events: load = read state + load config + variables | expand = clusters " +
      "expanded | plan = the rest, with refresh; no target given: figures only",
  );
  const rows = [];
  const dir = newDir(`blueprint${n}`);
  writeConfig(dir, "main.tf.json", blueprintConfig(n, n));
  for (const [label, args] of [
    ["empty state (all create)", ["measure", dir]],
    ["no change (after sim apply)", ["setup", dir]],
  ]) {
    try {
      const m = await runChild("blueprint-plan.mjs", args);
      const acts = Object.entries(m.actions)
        .map(([a, k]) => `${fmtInt(k)} ${a}`)
        .join(", ");
      rows.push([
        label,
        fmtInt(m.instances),
        ms(m.loadMs),
        ms(m.expandMs),
        ms(m.planMs),
        ms(m.totalMs),
        ms(m.cpuMs),
        mb(m.peakRssMB),
        acts,
        m.applyMs !== undefined ? `apply ${ms(m.applyMs)}, RSS incl. apply` : "",
        "none given",
      ]);
    } catch (e) {
      failures.push(`blueprint ${label}: ${e.message}`);
      rows.push([label, "FAILED", "", "", "", "", "", "", "", "", ""]);
      console.error(`  blueprint ${label} FAILED: ${e.message}`);
    }
  }
  console.log(
    table(
      ["plan", "instances", "load", "expand", "plan", "total", "(cpu)", "peak RSS", "actions", "note", "target"],
      rows,
    ),
  );
  console.log("");
}

// ---------------------------------------------------------------- summary
// ---------------------------------------------------------------- 5. local cluster
if (only.has("cluster")) {
  console.log(
    "5. examples/mesos-cluster on local hosts, for real: ZooKeeper ensemble, HAProxy, app processes (loopback " +
      "127.0.89.x)",
  );
  try {
    const { runLocalCluster } = await import("./local-cluster.mjs");
    const rows = await runLocalCluster();
    console.log(
      table(
        ["figure", "wall time"],
        rows.map(([what, t]) => [what, ms(t)]),
      ),
    );
  } catch (e) {
    failures.push(`local cluster: ${e.message}`);
    console.error(`  local cluster FAILED: ${e.message}`);
  }
  console.log("");
}

// ---------------------------------------------------------------- 6. CLI, both front ends
if (only.has("cli")) {
  try {
    const { runCliFrontEnds } = await import("./cli-front-ends.mjs");
    const r = await runCliFrontEnds({
      sizes: opt("cli-sizes", "1,2000,10000,100000").split(",").map(Number),
      runs: Number(opt("cli-runs", "3")),
      baseline: opt("cli-baseline"),
      keep: flag("keep"),
      heading: "6. The real CLI, whole processes",
    });
    for (const v of r.verdicts) verdicts.push({ ...v, what: `CLI ${v.what}` });
    for (const f of r.failures) failures.push(`CLI ${f}`);
  } catch (e) {
    failures.push(`CLI: ${e.message}`);
    console.error(`  CLI FAILED: ${e.message}`);
  }
  console.log("");
}

// ---------------------------------------------------------------- 7. Heat API
if (only.has("heat")) {
  try {
    const { runHeatApiBench } = await import("./heat-api.mjs");
    const r = await runHeatApiBench({ keep: flag("keep"), heading: "7. The Heat API" });
    for (const f of r.failures) failures.push(`Heat API ${f}`);
  } catch (e) {
    failures.push(`Heat API: ${e.message}`);
    console.error(`  Heat API FAILED: ${e.message}`);
  }
  console.log("");
}

if (only.has("pulumi")) {
  try {
    const { runPulumiUpBench } = await import("./pulumi-up.mjs");
    const r = await runPulumiUpBench({ keep: flag("keep"), heading: "8. Pulumi programs" });
    for (const f of r.failures) failures.push(`Pulumi up ${f}`);
  } catch (e) {
    failures.push(`Pulumi up: ${e.message}`);
    console.error(`  Pulumi up FAILED: ${e.message}`);
  }
  console.log("");
}

console.log("Summary");
console.log(
  table(
    ["figure", "value", "target", ""],
    verdicts.map((v) => [v.what, v.value, v.target, mark(v.pass)]),
  ),
);
for (const f of failures) console.log(`  FAILED TO RUN: ${f}`);

if (toProfile.length && flag("profile")) {
  const profDir = tempDir("profiles");
  console.log(`\nCPU profiles of the misses (V8 sampling profiler, 1 ms; .cpuprofile files in ${profDir}):`);
  for (const [i, p] of toProfile.entries()) {
    const file = join(profDir, `${i + 1}-${p.label.replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, "")}.cpuprofile`);
    try {
      await p.run(file);
      console.log(`\n- ${p.label}`);
      console.log(formatSummary(summarize(JSON.parse(readFileSync(file, "utf8"))), 12, "    "));
    } catch (e) {
      console.log(`\n- ${p.label}: profiling failed: ${e.message}`);
    }
  }
} else if (toProfile.length)
  console.log(`\n(${toProfile.length} miss(es): run with --profile to see where the time goes)`);

if (!flag("keep")) for (const d of dirs) rmSync(d, { recursive: true, force: true });
console.log(`\nbenchmark run took ${ms(performance.now() - started)}; load average at end: ${loadavg()}`);
process.exitCode = failures.length ? 1 : 0;
