// gantry over SSH on a testbed of this machine (root needed; testbed "gtmb", subnet 10.213.89.0/24, removed at the
// end): a no-change plan of 30 hosts × 30 resources (each host: the host, 28 files and a process), with wall and CPU
// time and the SSH round trips per host; then examples/mesos-cluster applied over SSH to the first ten hosts with
// its testbed inventory (wall and CPU time), and destroyed.
//
//   npm run build && node --import tsx bench/ssh-testbed.ts [hosts=30] [resources-per-host=30]
//
// CPU is this process's (gantry's side of every connection, user + system); the hosts' sshd and shells run in
// other processes.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../engine/engine.js";
import type { SshDriver } from "../provider/hosts/ssh-driver.js";
import { Testbed } from "../test/ssh/testbed.js";

const hostCount = Number(process.argv[2] ?? 30);
const perHost = Number(process.argv[3] ?? 30);
const REPO = new URL("..", import.meta.url).pathname;

if (process.getuid?.() !== 0) {
  console.error("bench/ssh-testbed.ts needs root (the testbed's network namespaces)");
  process.exit(1);
}

function fleet(bed: Testbed, count: number): string {
  const out = ["resources:"];
  for (const [n, h] of bed.hosts.slice(0, count).entries()) {
    out.push(
      `  host.h${n + 1}:`,
      "    driver: ssh",
      `    address: ${h.address}`,
      `    private_key_file: ${bed.keyFile}`,
      `    known_hosts_file: ${bed.knownHostsFile}`,
    );
    for (let f = 1; f <= perHost - 2; f++)
      out.push(
        `  file.h${n + 1}_f${f}:`,
        `    host: \${host.h${n + 1}}`,
        `    path: /srv/bench/f${f}.conf`,
        `    content: "setting ${f} of host ${n + 1}\\n"`,
      );
    out.push(`  service.h${n + 1}_sleeper:`, `    host: \${host.h${n + 1}}`, "    command: sleep 100000");
  }
  return `${out.join("\n")}\n`;
}

/** Wall seconds and CPU seconds (this process, user + system) of `run`. */
async function measured<T>(run: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const cpu = process.cpuUsage(cpu0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** What failed in an apply (or why it did not run). */
function failedOf(r: Awaited<ReturnType<Engine["apply"]>>): unknown {
  return r.status === "applied" ? r.result.failed : r.status;
}

const bed = new Testbed("gtmb", 89);
const dirs: string[] = [];
try {
  const up = await measured(async () => bed.fresh(Math.max(hostCount, 10)));
  console.log(`testbed of ${bed.hosts.length} hosts up in ${up.wall.toFixed(1)} s`);

  // 30 hosts × 30 resources: applied once, then a no-change plan
  const dir = mkdtempSync(join(tmpdir(), "gantry-bench-ssh-"));
  dirs.push(dir);
  writeFileSync(join(dir, "main.gantry.yaml"), fleet(bed, hostCount));
  const engine = new Engine();
  const ws = engine.workspace({ dir });
  const applied = await measured(() => engine.apply(ws, { parallelism: 30 }));
  if (applied.value.status !== "applied" || applied.value.result.failed.length)
    throw new Error(`the fleet did not apply: ${JSON.stringify(failedOf(applied.value)).slice(0, 4000)}`);
  console.log(
    `apply of ${hostCount} hosts × ${perHost} resources: ` +
      `wall ${applied.wall.toFixed(1)} s, CPU ${applied.cpu.toFixed(1)} s`,
  );
  const drivers = () =>
    bed.hosts
      .slice(0, hostCount)
      .map((_, n) => engine.hosts.connect({ ...bed.spec(n + 1), name: `h${n + 1}` }) as SshDriver);
  const before = drivers().map((d) => d.roundTrips);
  const plan = await measured(() => engine.plan(ws));
  const trips = drivers().map((d, n) => d.roundTrips - before[n]!);
  const changes = plan.value.plan.changes.filter((c) => c.action !== "noop" && c.action !== "read").length;
  if (changes) throw new Error(`the no-change plan has ${changes} changes`);
  console.log(
    `no-change plan of ${hostCount} hosts × ${perHost} resources (one engine, connections open): ` +
      `wall ${plan.wall.toFixed(2)} s, CPU ${plan.cpu.toFixed(2)} s; round trips per host ` +
      `min ${Math.min(...trips)}, max ${Math.max(...trips)}, total ${trips.reduce((a, b) => a + b, 0)}`,
  );
  // as a new `gantry plan` process makes it: first contact with every host
  const fresh = new Engine();
  const first = await measured(() => fresh.plan(fresh.workspace({ dir })));
  const freshTrips = bed.hosts
    .slice(0, hostCount)
    .map((_, n) => (fresh.hosts.connect({ ...bed.spec(n + 1), name: `h${n + 1}` }) as SshDriver).roundTrips);
  console.log(
    `the same from a new engine (connects to every host): wall ${first.wall.toFixed(2)} s, ` +
      `CPU ${first.cpu.toFixed(2)} s; round trips per host min ${Math.min(...freshTrips)}, ` +
      `max ${Math.max(...freshTrips)}`,
  );
  fresh.close();
  const destroyed = await engine.destroy(ws, { parallelism: 30 });
  if (destroyed.status !== "applied" || destroyed.result.failed.length) throw new Error("the fleet was not destroyed");
  engine.close();

  // examples/mesos-cluster over SSH on hosts 1-10, with the example's testbed inventory moved to this testbed
  const ex = mkdtempSync(join(tmpdir(), "gantry-bench-mesos-ssh-"));
  dirs.push(ex);
  cpSync(join(REPO, "examples/mesos-cluster/cluster.gantry.yaml"), join(ex, "cluster.gantry.yaml"));
  const vars = join(ex, "testbed.vars.yaml");
  writeFileSync(
    vars,
    readFileSync(join(REPO, "examples/mesos-cluster/testbed.vars.yaml"), "utf8")
      .replace('address_prefix: "10.213.0"', `address_prefix: "10.213.${bed.net}"`)
      .replaceAll("/tmp/gantry-testbed-gtb/", `${bed.dir}/`),
  );
  const mesos = new Engine();
  const mws = mesos.workspace({ dir: ex, varFiles: [vars] });
  const first1 = await measured(() => mesos.apply(mws, { parallelism: 10 }));
  if (first1.value.status !== "applied" || first1.value.result.failed.length)
    throw new Error("examples/mesos-cluster did not apply over SSH");
  const noChange = await measured(() => mesos.plan(mws));
  console.log(
    `examples/mesos-cluster applied over SSH (10 hosts): wall ${first1.wall.toFixed(1)} s, ` +
      `CPU ${first1.cpu.toFixed(1)} s; its no-change plan: wall ${noChange.wall.toFixed(2)} s, ` +
      `CPU ${noChange.cpu.toFixed(2)} s`,
  );
  await mesos.destroy(mws, { parallelism: 10 });
  mesos.close();
} finally {
  bed.down();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`(load average at the end: ${load} on this machine's cores; wall times under load are not comparable)`);
