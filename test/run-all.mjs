#!/usr/bin/env node
// Runs every *.test.ts under test/ with uvu (through tsx), one file at a
// time, adds up uvu's totals and ends with "N passed, N failed". A run that
// finds no tests fails: uvu itself exits 0 on "Total: 0". Skipped tests are
// counted and printed ("N skipped"); with GANTRY_TESTS_FORBID_SKIPS=1 (set by
// CI, where every prerequisite is installed) a skipped test counts as failed,
// so a test that quietly stopped running cannot pass as green.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const only = process.argv.slice(2);
const REPORT_BEFORE_ERRORS = new URL("report-before-errors.mjs", import.meta.url).href;

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

const files = find(join(root, "test")).filter((f) => !only.length || only.some((o) => f.includes(o)));
let passed = 0;
let failed = 0;
let skippedTotal = 0;
const forbidSkips = process.env.GANTRY_TESTS_FORBID_SKIPS === "1";
const broken = [];

function run(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", "--import", REPORT_BEFORE_ERRORS, file], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("close", (code) => resolve({ code, text, ms: Date.now() - started }));
  });
}

for (const f of files) {
  const name = relative(root, f);
  const { code, text, ms } = await run(f);
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const ok = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const bad = Math.max(0, total - ok - skipped) + (forbidSkips ? skipped : 0);
  passed += ok;
  failed += bad;
  skippedTotal += skipped;
  const status = code === 0 && total > 0 && bad === 0 ? "ok  " : "FAIL";
  if (status === "FAIL") {
    broken.push(name);
    if (total === 0) failed += 1; // a file that ran no test (or crashed before reporting) counts as a failure
    process.stdout.write(`${plain}\n`);
  }
  const skipNote = skipped ? `, ${skipped} skipped` : "";
  process.stdout.write(`${status} ${name}  (${ok}/${total}${skipNote} in ${(ms / 1000).toFixed(1)}s)\n`);
}

if (files.length === 0) {
  console.log("no test files found");
  failed += 1;
}
if (broken.length) console.log(`\nFailing files: ${broken.join(", ")}`);
if (skippedTotal) {
  const why = forbidSkips ? " (counted as failed: GANTRY_TESTS_FORBID_SKIPS=1)" : "";
  console.log(`\n${skippedTotal} skipped${why}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
