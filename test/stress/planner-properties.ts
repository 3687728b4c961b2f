// The long run of the planner's properties: `node --import tsx test/stress/planner-properties.ts [--runs=200]
// [--seed=1] [--only=target]`. Prints each property's runs and time; exits 1 on a counterexample.
import fc from "fast-check";
import { PROPERTIES } from "../planner/planner-properties.js";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const runs = Number(arg("runs") ?? 200);
const seed = Number(arg("seed") ?? 1);
const only = arg("only")?.split(",");
let failed = 0;
for (const [name, property] of Object.entries(PROPERTIES) as [string, () => fc.IAsyncPropertyWithHooks<unknown[]>][]) {
  if (only && !only.includes(name)) continue;
  const t0 = Date.now();
  const r = await fc.check(property(), { seed, numRuns: runs, endOnFailure: true });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    `${name.padEnd(18)} ${String(r.numRuns).padStart(5)} runs ${secs.padStart(7)} s  ${r.failed ? "FAILED" : "ok"}`,
  );
  if (r.failed) {
    failed++;
    console.log(fc.defaultReportMessage(r));
    console.log(String((r.errorInstance as Error)?.stack ?? r.errorInstance));
  }
}
process.exitCode = failed ? 1 : 0;
