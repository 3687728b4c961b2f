// The long crash-consistency run: `npm run build && node --import tsx test/stress/crash-consistency.ts [--runs=40]
// [--seed=1000] [--kind=replace]`. Prints one line per run and the tally; exits 1 when anything was lost.
import { crashRun, describeTally, KILL_KINDS, type KillKind, type Tally } from "./crash-harness.js";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const runs = Number(arg("runs") ?? 40);
const first = Number(arg("seed") ?? 1000);
const only = arg("kind") as KillKind | undefined;
if (only && !KILL_KINDS.includes(only)) throw new Error(`--kind: one of ${KILL_KINDS.join(", ")}`);

const tally: Tally = { runs: 0, byKind: {}, killed: 0, missed: 0, recovered: 0, lost: 0, inFlight: 0, reports: [] };
for (let i = 0; i < runs; i++) {
  const seed = first + i;
  const r = await crashRun(seed, `127.93.${seed % 250}.${1 + (i % 250)}`, only);
  tally.runs++;
  tally.byKind[r.kind] = (tally.byKind[r.kind] ?? 0) + 1;
  if (r.missed) tally.missed++;
  else tally.killed++;
  if (r.problems.length) tally.lost++;
  else tally.recovered++;
  tally.inFlight += r.inFlight.length;
  const status = r.problems.length ? "LOST" : r.missed ? "done" : "ok  ";
  const flight = r.inFlight.length ? `; in flight: ${r.inFlight.join(", ")}` : "";
  console.log(`${status} seed ${seed} ${r.kind}: ${r.point}${flight}`);
  for (const p of r.problems) console.log(`     ${p}`);
}
console.log(describeTally(tally));
process.exitCode = tally.lost ? 1 : 0;
