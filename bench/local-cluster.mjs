// Benchmark: examples/mesos-cluster on local hosts, for real (ZooKeeper,
// HAProxy, app processes). Prints the wall time of the first apply, of a
// no-change plan, and of detecting plus repairing one killed ZooKeeper
// member until the ensemble has a leader and two followers again.
// Run by bench/run.mjs (group "cluster") or alone: node bench/local-cluster.mjs

import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { REPO_DIR, tempDir } from "./lib.mjs";

const PREFIX = "127.0.89";
const VARS = ["-var", `address_prefix=${PREFIX}`];

function gantry(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(REPO_DIR, "bin/run.js"), ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && !(args.includes("-detailed-exitcode") && r.status === 2))
    throw new Error(`gantry ${args[0]} exited ${r.status}: ${(r.stderr || r.stdout).slice(-800)}`);
  return { ms, out: r.stdout, code: r.status };
}

function srvr(address) {
  return new Promise((resolve) => {
    const s = connect(2181, address);
    let out = "";
    s.setTimeout(1000, () => (s.destroy(), resolve("")));
    s.once("connect", () => s.write("srvr\n"));
    s.on("data", (d) => (out += d));
    s.once("end", () => resolve(out));
    s.once("error", () => resolve(""));
  });
}

async function ensembleHealthy(addresses) {
  const modes = (await Promise.all(addresses.map(srvr))).map((a) => /Mode: (\w+)/.exec(a)?.[1] ?? "down").sort();
  return modes.join(",") === "follower,follower,leader";
}

export async function runLocalCluster() {
  const dir = tempDir("cluster");
  cpSync(join(REPO_DIR, "examples/mesos-cluster/cluster.gantry.yaml"), join(dir, "cluster.gantry.yaml"));
  const rows = [];
  try {
    const first = gantry(["apply", "-auto-approve", ...VARS, dir]);
    const state = () => JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
    const zk = state().resources.filter((r) => r.address.startsWith("gantry_service.mesos_zookeeper_zookeeper["));
    const addrs = zk.map((r) => r.attributes.host.address);
    const t0 = performance.now();
    while (!(await ensembleHealthy(addrs)) && performance.now() - t0 < 60000)
      await new Promise((r) => setTimeout(r, 100));
    const electedMs = performance.now() - t0;
    rows.push(["first apply (134 resources: hosts, packages, files, services)", first.ms]);
    rows.push(["  then until the ensemble reports one leader, two followers", electedMs]);
    const noChange = gantry(["plan", "-detailed-exitcode", ...VARS, dir]);
    if (noChange.code !== 0) throw new Error("the no-change plan found changes");
    rows.push(["no-change plan (refresh of every resource)", noChange.ms]);
    const victim = zk.find((r) => r.attributes.status === "Mode: follower") ?? zk[0];
    process.kill(victim.attributes.pid, "SIGKILL");
    const t1 = performance.now();
    const detect = gantry(["plan", "-detailed-exitcode", ...VARS, dir]);
    if (detect.code !== 2) throw new Error("the killed member was not detected");
    const repair = gantry(["apply", "-auto-approve", ...VARS, dir]);
    while (!(await ensembleHealthy(addrs)) && performance.now() - t1 < 60000)
      await new Promise((r) => setTimeout(r, 100));
    const total = performance.now() - t1;
    rows.push(["killed member: detect (plan)", detect.ms]);
    rows.push(["killed member: repair (apply)", repair.ms]);
    rows.push(["killed member: detect + repair until the ensemble is whole", total]);
  } finally {
    try {
      gantry(["destroy", "-auto-approve", ...VARS, dir]);
    } catch (e) {
      console.error(`  destroy failed: ${e.message}`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runLocalCluster();
  for (const [what, ms] of rows) console.log(`  ${what.padEnd(62)} ${(ms / 1000).toFixed(2)} s`);
}
