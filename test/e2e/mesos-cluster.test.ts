// examples/mesos-cluster on local hosts, for real: a ZooKeeper ensemble that
// elects a leader, HAProxy routing real HTTP to app instances, drift found
// and repaired, the leader killed and the ensemble healed, and destroy
// leaving nothing behind. Loopback only.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gantry, pidAlive, untilGone } from "../cli/cli-harness.js";
import { portOpen, srvr, zookeeperModes } from "./loopback-probes.js";
import { quietLoopbackPrefix } from "./quiet-loopback-prefix.js";

const EXAMPLE = new URL("../../examples/mesos-cluster/", import.meta.url).pathname;
const prefix = quietLoopbackPrefix();
const dir = mkdtempSync(join(tmpdir(), "gantry-mesos-"));
cpSync(join(EXAMPLE, "cluster.gantry.yaml"), join(dir, "cluster.gantry.yaml"));
const VARS = ["-var", `address_prefix=${prefix}`];
const addr = (n: number) => `${prefix}.${n}`;

const state = () => JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
const res = (address: string) => state().resources.find((r: any) => r.address === address);
interface ZkMember {
  address: string;
  host: string;
  pid: number;
  root: string;
}
const zkHosts = (): ZkMember[] =>
  state()
    .resources.filter((r: any) => r.address.startsWith("gantry_service.mesos_zookeeper_zookeeper["))
    .map((r: any) => ({
      address: r.address,
      host: r.attributes.host.address as string,
      pid: r.attributes.pid as number,
      root: r.attributes.host.root as string,
    }));

const modes = () => zookeeperModes(zkHosts().map((z) => z.host));

async function waitForEnsemble(): Promise<string[]> {
  let m: string[] = [];
  for (let i = 0; i < 60; i++) {
    m = await modes();
    if (m.filter((x) => x === "leader").length === 1 && m.filter((x) => x === "follower").length === 2) return m;
    await new Promise((r) => setTimeout(r, 500));
  }
  return m;
}

/**
 * Which instances answer through HAProxy; waits (up to 30 s) for HAProxy's own health checks to bring a restarted
 * instance back.
 */
async function throughHaproxy(n: number, expect = 3): Promise<Set<string>> {
  let seen = new Set<string>();
  for (let round = 0; round < 30; round++) {
    seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const r = await fetch(`http://${addr(7)}:10000/`);
      assert.is(r.status, 200);
      seen.add((await r.text()).trim());
    }
    if (seen.size >= expect) return seen;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return seen;
}

function planJson(): any {
  const r = gantry(["plan", "-json", ...VARS, dir]);
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}
const changed = (p: any) =>
  Object.fromEntries(
    p.resource_changes
      .filter((c: any) => c.change.actions[0] !== "no-op")
      .map((c: any) => [c.address, c.change.actions.join(",")]),
  );

function applyOk(): string {
  const r = gantry(["apply", "-auto-approve", ...VARS, dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  return r.stdout;
}

test(
  "apply brings up a ZooKeeper ensemble with exactly " + "one leader and HAProxy serving every app instance",
  async () => {
    const out = applyOk();
    assert.match(out, /Apply complete!/);
    // what cannot run here is said plainly
    assert.match(out, /What gantry could not do on the hosts:/);
    // said once, grouped: the services, the outcome, the hosts, the reason
    assert.match(out, /services? [^:\n]*mesos-master[^:\n]*: not started on [^\n]*node-\d — no package/);
    const m = await waitForEnsemble();
    assert.equal(m, ["follower", "follower", "leader"]);
    const seen = await throughHaproxy(12);
    assert.is(seen.size, 3, `every instance answered through HAProxy: ${[...seen].join(" | ")}`);
    for (const s of seen) assert.match(s, /^web web-\d on 127\.0\.\d+\.\d+:310\d\d$/);
    const show = gantry(["show", dir]);
    assert.match(show.stdout, /What gantry could not do on the hosts:/);
    assert.match(show.stdout, /marathon[^\n]*: not started on /);
  },
);

test("a second plan shows no changes", () => {
  const r = gantry(["plan", "-detailed-exitcode", ...VARS, dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /No changes\./);
});

test("each kind of drift shows as a precise action, and apply repairs exactly that", async () => {
  const zk = zkHosts();
  const follower: ZkMember[] = [];
  for (const z of zk) if (/Mode: follower/.test((await srvr(z.host)) ?? "")) follower.push(z);
  const victim = follower[0];
  process.kill(victim.pid, "SIGKILL");
  const node = (n: number) => res(`gantry_host.mesos["node-${n}"]`).attributes.root as string;
  const zoo = zk[1];
  appendFileSync(join(zoo.root, "etc/zookeeper/conf/zoo.cfg"), "maxClientCnxns=1\n");
  const lbRoot = node(7);
  appendFileSync(join(lbRoot, "etc/haproxy/haproxy.cfg"), "# edited by hand\n");
  const app = res(`gantry_service.mesos_app_web["web-2"]`);
  process.kill(app.attributes.pid, "SIGTERM");
  const myidOwner = zk[2];
  unlinkSync(join(myidOwner.root, "var/lib/zookeeper/myid"));
  await untilGone(app.attributes.pid);

  const refreshOnly = gantry(["plan", "-refresh-only", ...VARS, dir]);
  assert.match(refreshOnly.stdout, /Objects have changed outside of gantry/);
  assert.not.match(refreshOnly.stdout, /Plan: /);

  const p = planJson();
  const zkNode = (z: { address: string }) => /\["(.*)"\]/.exec(z.address)![1];
  assert.equal(changed(p), {
    [victim.address]: "update",
    [`gantry_file.mesos_zookeeper_zookeeper_conf_zoo_cfg["${zkNode(zoo)}"]`]: "update",
    'gantry_haproxy_config.mesos_lb_haproxy_cfg["lb-1"]': "update",
    'gantry_service.mesos_app_web["web-2"]': "update",
    [`gantry_file.mesos_zookeeper_var_lib_zookeeper_myid["${zkNode(myidOwner)}"]`]: "create",
  });
  const out = applyOk();
  assert.match(out, /Resources: 1 added, 4 changed, 0 destroyed/);
  assert.equal(await waitForEnsemble(), ["follower", "follower", "leader"], "the ensemble regained its member");
  assert.is(
    readFileSync(join(myidOwner.root, "var/lib/zookeeper/myid"), "utf8").trim(),
    String(zk.indexOf(myidOwner) + 1),
  );
  assert.not.match(readFileSync(join(lbRoot, "etc/haproxy/haproxy.cfg"), "utf8"), /edited by hand/);
  assert.is((await throughHaproxy(9)).size, 3);
  assert.match(gantry(["plan", ...VARS, dir]).stdout, /No changes\./);
});

test("killing the leader: the plan restarts it, and after apply the ensemble is healthy with one leader", async () => {
  const leader = (await Promise.all(zkHosts().map(async (z) => ({ z, mode: await srvr(z.host) })))).find((x) =>
    /Mode: leader/.test(x.mode ?? ""),
  )!.z;
  process.kill(leader.pid, "SIGKILL");
  await untilGone(leader.pid);
  assert.equal(changed(planJson()), { [leader.address]: "update" });
  applyOk();
  assert.equal(await waitForEnsemble(), ["follower", "follower", "leader"]);
});

test("reconcile repairs a stopped app instance on its own", async () => {
  const app = res(`gantry_service.mesos_app_web["web-1"]`);
  process.kill(app.attributes.pid, "SIGKILL");
  await untilGone(app.attributes.pid);
  const r = gantry(["reconcile", ...VARS, dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /drift\s+gantry_service\.mesos_app_web\["web-1"\] changed outside gantry/);
  assert.match(r.stdout, /repaired gantry_service\.mesos_app_web\["web-1"\]/);
  assert.ok(pidAlive(res(`gantry_service.mesos_app_web["web-1"]`).attributes.pid));
  assert.not.ok(existsSync(join(dir, "gantry.tfstate.lock")));
});

test("destroy stops every process it started, removes what it wrote, leaves no port listening", async () => {
  const pids = state()
    .resources.filter((r: any) => r.type === "gantry_service" && r.attributes.pid)
    .map((r: any) => r.attributes.pid as number);
  const roots = state()
    .resources.filter((r: any) => r.type === "gantry_host")
    .map((r: any) => r.attributes.root as string);
  assert.ok(pids.length >= 7, `services running: ${pids.length}`);
  const r = gantry(["destroy", "-auto-approve", ...VARS, dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  for (const pid of pids) assert.not.ok(pidAlive(pid), `process ${pid} gone`);
  for (const root of roots) assert.not.ok(existsSync(root), `${root} removed`);
  const ports: [string, number][] = [
    ...[4, 5, 6].flatMap((n): [string, number][] => [
      [addr(n), 2181],
      [addr(n), 2888],
      [addr(n), 3888],
    ]),
    [addr(7), 10000],
    [addr(7), 9090],
    [addr(1), 31000],
    [addr(2), 31001],
    [addr(3), 31002],
  ];
  for (const [a, p] of ports) assert.not.ok(await portOpen(a, p), `${a}:${p} closed`);
  assert.is(state().resources.length, 0);
});

test.after(() => {
  if (existsSync(join(dir, "gantry.tfstate")) && state().resources.length)
    gantry(["destroy", "-auto-approve", ...VARS, dir]);
  rmSync(dir, { recursive: true, force: true });
});

test.run();
