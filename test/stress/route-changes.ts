// The long zero-dropped-requests run: `npm run build && node --import tsx test/stress/route-changes.ts [--rounds=3]
// [--concurrency=8] [--rate=200]`. examples/mesos-cluster on local hosts with HTTP load through HAProxy while the web
// app scales 3 → 10 → 2, rolls every instance one by one, and loses one to SIGKILL (repaired by reconcile), `rounds`
// times over (each further round from 2 instances). Prints each step and the figures; exits 1 on any failed request.
import { describeFigures } from "../e2e/http-load.js";
import { runRouteChanges } from "../e2e/route-changes-scenario.js";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const { figures } = await runRouteChanges({
  rounds: Number(arg("rounds") ?? 3),
  concurrency: Number(arg("concurrency") ?? 8),
  ratePerSecond: Number(arg("rate") ?? 200),
  log: (line) => console.log(line),
});
console.log(describeFigures(figures));
process.exitCode = figures.failed ? 1 : 0;
