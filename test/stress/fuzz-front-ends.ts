// The long fuzz run over every front end: `node --import tsx test/stress/fuzz-front-ends.ts [--cases=100000]
// [--seed=1] [--only=hot] [--plan-every=50] [--show=3]`. Cases are shared out evenly across the front ends; each is
// loaded through the engine (validate), and one in `plan-every` of the valid ones is also planned against a state
// file whose bytes must not change. Prints per front end: cases, valid models, located errors, crashes (must be 0),
// time; exits 1 on any crash.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Engine } from "../../engine/engine.js";
import {
  caseArbitrary,
  FRONT_ENDS,
  type FrontEndName,
  loadCorpus,
  parseCorpus,
  planKeepsState,
  runCase,
  showCase,
  stateDir,
} from "./front-end-fuzz.js";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const total = Number(arg("cases") ?? 100_000);
const seed = Number(arg("seed") ?? 1);
const only = arg("only")?.split(",") as FrontEndName[] | undefined;
const planEvery = Number(arg("plan-every") ?? 50);
const show = Number(arg("show") ?? 3);
/** Writes each case to this file before it runs (to find one that hangs). */
const trace = arg("trace");
const frontEnds = only ?? [...FRONT_ENDS];
const perFrontEnd = Math.ceil(total / frontEnds.length);

const corpus = await parseCorpus(loadCorpus());
const dir = mkdtempSync(join(tmpdir(), "gantry-fuzz-"));
const rows: string[] = [];
let crashes = 0;
let planned = 0;
let stateChanged = 0;
for (const fe of frontEnds) {
  const engine = new Engine();
  const st = await stateDir(engine);
  const arb = caseArbitrary(fe, corpus);
  const t0 = Date.now();
  const tally = { cases: 0, valid: 0, located: 0, crashes: 0 };
  const shown = new Set<string>();
  // fast-check draws the cases from the seed; each one runs here, in order
  const samples = fc.sample(arb, { seed: seed + FRONT_ENDS.indexOf(fe), numRuns: perFrontEnd });
  for (const c of samples) {
    tally.cases++;
    if (trace) writeFileSync(trace, `${fe} case ${tally.cases}\n${showCase(c)}`);
    const started = Date.now();
    const r = await runCase(engine, c, dir);
    const ms = Date.now() - started;
    if (r.kind === "valid") tally.valid++;
    else if (r.kind === "located") tally.located++;
    else {
      tally.crashes++;
      const key = r.detail
        .split("\n")[0]!
        .replace(/"[^"]*"/g, '"…"')
        .slice(0, 120);
      if (!shown.has(key) && shown.size < show) {
        shown.add(key);
        console.log(`CRASH ${fe}: ${r.detail}\n${showCase(c)}\n`);
      }
    }
    if (ms > Number(arg("slow-ms") ?? 10_000)) console.log(`SLOW ${fe}: ${ms} ms\n${showCase(c)}\n`);
    if (
      r.kind === "valid" &&
      tally.valid % planEvery === 1 &&
      !c.files.some((f) => /ssh|driver\W+local/.test(f.content))
    ) {
      planned++;
      const problem = await planKeepsState(engine, c, st);
      if (problem) {
        stateChanged++;
        console.log(`STATE ${fe}: ${problem}\n${showCase(c)}\n`);
      }
    }
    if (tally.cases % 5000 === 0) console.error(`  ${fe}: ${tally.cases} cases, ${tally.crashes} crashes`);
  }
  rmSync(st.dir, { recursive: true, force: true });
  crashes += tally.crashes;
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  rows.push(
    `${fe.padEnd(7)} ${String(tally.cases).padStart(7)} ${String(tally.valid).padStart(7)} ` +
      `${String(tally.located).padStart(8)} ${String(tally.crashes).padStart(8)} ${secs.padStart(8)} s`,
  );
  console.log(`done ${rows[rows.length - 1]}`);
}
rmSync(dir, { recursive: true, force: true });
console.log(`\nfront end  cases   valid  located  crashes     time (seed ${seed})`);
for (const r of rows) console.log(r);
console.log(`plans against a state file: ${planned}, state file changed: ${stateChanged}`);
process.exitCode = crashes || stateChanged ? 1 : 0;
