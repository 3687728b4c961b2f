// Summarizes a V8 .cpuprofile: where the time goes, by file:function.
//
//   node bench/profile-summary.mjs <file.cpuprofile> [top=15]
//
// "self" is time spent in the function's own code; "total" is time with the
// function anywhere on the stack (counted once per sample, so recursion does
// not inflate it). Compiled dist/**.js paths are shown as their .ts sources.

import { readFileSync } from "node:fs";
import { REPO_DIR } from "./lib.mjs";

function frameKey(cf) {
  let url = cf.url || "";
  if (url.startsWith("file://")) url = decodeURIComponent(url.slice(7));
  if (url.startsWith(`${REPO_DIR}/`)) url = url.slice(REPO_DIR.length + 1);
  url = url.replace(/^dist\/(.*)\.js$/, "$1.ts").replace(/^.*node_modules\//, "node_modules/");
  const fn = cf.functionName || "(anonymous)";
  if (!url) return fn; // (garbage collector), (program), (idle), native builtins
  return `${url}:${fn}`;
}

/** The package a frame key belongs to: "node_modules/<pkg>", "gantry <dir>/", or null (node internals, GC, natives). */
function packageOf(key) {
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(key);
  if (m) return m[1];
  const g = /^(planner|templates|provider|cli|bin|bench)\//.exec(key);
  return g ? `gantry ${g[1]}/` : null;
}

/** { totalMs, self, total, byPackage: [[key, ms]] } sorted by time, descending. */
export function summarize(profile) {
  const byId = new Map();
  const parent = new Map();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const keyOf = new Map(profile.nodes.map((n) => [n.id, frameKey(n.callFrame)]));
  const self = new Map();
  const total = new Map();
  const byPackage = new Map();
  let totalUs = 0;
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    // a sample's time is the gap to the next sample
    const us = deltas[i + 1] ?? 0;
    if (us <= 0) continue;
    const id = profile.samples[i];
    totalUs += us;
    const k = keyOf.get(id);
    self.set(k, (self.get(k) ?? 0) + us);
    // charged to the innermost package on the stack (node internals and GC to the code that called them)
    let pkg = null;
    for (let cur = id; cur !== undefined && pkg === null; cur = parent.get(cur)) pkg = packageOf(keyOf.get(cur));
    const pk = pkg ?? (k.startsWith("(") ? k : "(node internals)");
    byPackage.set(pk, (byPackage.get(pk) ?? 0) + us);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = keyOf.get(cur);
      if (key === "(root)" || seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + us);
    }
  }
  const sorted = (m) => [...m].map(([k, us]) => [k, us / 1000]).sort((a, b) => b[1] - a[1]);
  return { totalMs: totalUs / 1000, self: sorted(self), total: sorted(total), byPackage: sorted(byPackage) };
}

export function formatSummary(s, top = 15, indent = "  ") {
  const pct = (ms) => `${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%`;
  const lines = [`${indent}profiled ${(s.totalMs / 1000).toFixed(2)} s`, `${indent}self time (own code):`];
  for (const [k, ms] of s.self.slice(0, top)) lines.push(`${indent}  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${k}`);
  lines.push(`${indent}by package (innermost package code on the stack; node internals charged to their caller):`);
  for (const [k, ms] of s.byPackage.slice(0, Math.min(top, 10)))
    lines.push(`${indent}  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${k}`);
  lines.push(`${indent}total time (function on the stack; gantry code only):`);
  const ours = s.total.filter(([k]) => /^(planner|templates|provider|cli)\//.test(k));
  for (const [k, ms] of ours.slice(0, top)) lines.push(`${indent}  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${k}`);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error("usage: profile-summary.mjs <file.cpuprofile> [top]");
    process.exit(2);
  }
  console.log(formatSummary(summarize(JSON.parse(readFileSync(file, "utf8"))), Number(top ?? 15)));
}
