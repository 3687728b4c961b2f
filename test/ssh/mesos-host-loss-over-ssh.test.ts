// examples/mesos-cluster over SSH on a testbed of 10 hosts, then two hosts die at once (their namespaces' interfaces
// taken down: nothing on them answers) under HTTP load through HAProxy: a ZooKeeper member's and its master's, and
// the agent carrying an app instance. `gantry plan` shows them unreachable; `gantry reconcile` re-places the member
// on the spare host with a new id and its master with it, rolls the ensemble one member at a time, and starts the
// agent and its app instance on another host. The load sees no request path lost for longer than HAProxy's
// health-check fall time, and ZooKeeper's quorum is sampled throughout. The host comes back and is not used until
// `gantry host readmit`.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { gantryAsync } from "../cli/cli-harness.js";
import { describeFigures, startLoad } from "../e2e/http-load.js";
import { MesosOnTestbed } from "./mesos-on-testbed.js";
import { Testbed, waitFor } from "./testbed.js";

const skip = Testbed.unavailable();
const bed = new Testbed("gtmh", 81);
const it = skip ? test.skip : test;
if (skip) console.log(skip);
let ex: MesosOnTestbed;
/** Testbed host numbers of the two hosts that die. */
let lost: number[] = [];

test.before(() => {
  if (skip) return;
  bed.fresh(10);
  ex = new MesosOnTestbed(bed);
});

test.after(async () => {
  if (skip) return;
  for (const i of lost) link(i, "up");
  if (ex) await ex.cli(["destroy", "-auto-approve", "-refresh=false"], [0, 1]).catch(() => undefined);
  bed.down();
});

function link(i: number, state: "up" | "down"): void {
  try {
    execFileSync("ip", ["link", "set", bed.hosts[i - 1]!.namespace, state], { stdio: "ignore" });
  } catch {
    /* the testbed is gone already */
  }
}

/** A ZooKeeper member's mode asked over TCP from this machine (it does not block the load's event loop). */
function mode(address: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(2181, address);
    let out = "";
    s.setTimeout(1500, () => {
      s.destroy();
      resolve("down");
    });
    s.once("connect", () => s.write("srvr\n"));
    s.on("data", (d) => (out += d));
    s.once("end", () => resolve(/Mode: (\w+)/.exec(out)?.[1] ?? "down"));
    s.once("error", () => resolve("down"));
  });
}

/** HAProxy's health-check fall time on the lb host, in ms (inter × fall of its default-server line). */
function fallTimeMs(lb: number): number {
  const cfg = readFileSync(join(bed.hosts[lb - 1]!.dir, "etc/haproxy/haproxy.cfg"), "utf8");
  const m = /default-server .*\binter (\d+)(ms|s)\b.*\bfall (\d+)/.exec(cfg);
  if (!m) throw new Error("no inter/fall in haproxy.cfg");
  return Number(m[1]) * (m[2] === "s" ? 1000 : 1) * Number(m[3]);
}

it("a ZooKeeper host dies under load: reconcile re-places the member and its master on the spare", async () => {
  await ex.cli(["apply", "-auto-approve"]);
  await waitFor("the ensemble to elect a leader", () => ex.ensembleWhole(), 120_000);
  const before = ex.cluster();
  const zkHost = ex.hostIndex(before.placement["zookeeper-1"]);
  const [lb] = ex.hostsOf("lb");
  // two hosts at once: the agent carrying web-1 dies too
  const agentHost = ex.hostIndex(before.tasks["web-1"].host);
  lost = [zkHost, agentHost];
  const survivors = ex.hostsOf("zookeeper").filter((i) => i !== zkHost);
  await waitFor("HAProxy to reach the three instances", async () => (await ex.servedThroughHaproxy()).size === 3);

  // load through HAProxy, and ZooKeeper's quorum sampled, from the moment the hosts die until the end
  const load = startLoad(ex.routeUrl(), { concurrency: 4, ratePerSecond: 40 });
  let sampling = true;
  const noQuorum: number[] = [];
  const sampler = (async () => {
    while (sampling) {
      const members = ex.hostsOf("zookeeper").map((i) => bed.hosts[i - 1]!.address);
      const modes = await Promise.all(members.map(mode));
      if (modes.filter((m) => m === "leader" || m === "follower").length < 2) noQuorum.push(Date.now());
      await delay(250);
    }
  })();
  let failure: unknown = null;
  let reconciled = "";
  try {
    await delay(1000);
    for (const i of lost) link(i, "down");

    const plan = await ex.cli(["plan"]);
    for (const i of lost) assert.match(plan.stdout, `host node-${i} is unreachable`);
    assert.match(plan.stdout, "not deleted");
    assert.not.match(plan.stdout, "will be destroyed");

    reconciled = (await ex.cli(["reconcile"])).stdout;
    if (process.env.DEBUG_SSH) console.log(reconciled);
    await waitFor("the ensemble to be whole with its new member", () => ex.ensembleWhole(), 120_000);
    await waitFor("HAProxy to reach the three instances", async () => (await ex.servedThroughHaproxy()).size === 3);
    await delay(1000);
  } catch (e) {
    failure = e;
  }
  sampling = false;
  await sampler;
  const figures = await load.stop();
  if (failure !== null) throw failure;
  console.log(`  load through HAProxy while a host died and was replaced: ${describeFigures(figures)}`);
  console.log(
    `  failed requests spanned ${figures.failureWindowMs.toFixed(0)} ms (fall time ${fallTimeMs(lb!)} ms); ` +
      `ZooKeeper without a quorum in ${noQuorum.length} samples of 250 ms`,
  );

  for (const i of lost) assert.match(reconciled, `host node-${i} does not answer`);
  const after = ex.cluster();
  assert.equal(Object.keys(after.failed_hosts).sort(), lost.map((i) => `node-${i}`).sort());
  // the member: on a host that is neither dead nor already a member, with an id above every id used before
  const newZk = ex.hostIndex(after.placement["zookeeper-1"]);
  assert.not.ok(lost.includes(newZk) || survivors.includes(newZk), `zookeeper-1 moved to node-${newZk}`);
  assert.is(after.zookeeper_ids["zookeeper-1"], 4);
  assert.is(readFileSync(join(bed.hosts[newZk - 1]!.dir, "var/lib/zookeeper/myid"), "utf8"), "4\n");
  assert.is(after.placement["master-1"], `node-${newZk}`, "its master follows it (STRICT association)");
  for (const i of [...survivors, newZk]) {
    const cfg = bed.inHost(i, "cat /etc/zookeeper/conf/zoo.cfg");
    assert.match(cfg, `server.4=${bed.hosts[newZk - 1]!.address}:2888:3888`);
    assert.not.match(cfg, /^server\.1=/m);
  }
  assert.ok(["leader", "follower"].includes(/Mode: (\w+)/.exec(ex.fourLetterWord(newZk, "srvr"))?.[1] ?? ""));
  // the lost agent's node and web-1 run on another agent host; HAProxy still reaches every app instance
  const agentsNow = ex.hostsOf("agent");
  assert.not.ok(agentsNow.includes(agentHost), `agent moved off node-${agentHost}`);
  const tasksNow = after.tasks as Record<string, { host: string }>;
  for (const t of Object.values(tasksNow)) assert.ok(agentsNow.includes(ex.hostIndex(t.host)), `${t.host} is an agent`);
  assert.is((await ex.servedThroughHaproxy()).size, 3);
  // no request path lost for longer than the fall time
  assert.ok(
    figures.failureWindowMs <= fallTimeMs(lb!),
    `requests failed over ${figures.failureWindowMs.toFixed(0)} ms: ${describeFigures(figures)}`,
  );
  await ex.cli(["plan", "-detailed-exitcode"]);
});

it("the host comes back: not used until readmitted", async () => {
  for (const i of lost) link(i, "up");
  const plan = await ex.cli(["plan", "-detailed-exitcode"]);
  assert.not.match(plan.stdout, "unreachable");
  const placement = JSON.stringify(ex.cluster().placement);
  for (const i of lost) {
    const r = await gantryAsync(["host", "readmit", `node-${i}`, "-dir", ex.dir]);
    assert.is(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, `Host node-${i} is readmitted to gantry_cluster.mesos`);
  }
  assert.not.ok(ex.cluster().failed_hosts);
  await ex.cli(["plan", "-detailed-exitcode"]);
  assert.is(JSON.stringify(ex.cluster().placement), placement, "nodes placed elsewhere stay there");
});

test.run();
