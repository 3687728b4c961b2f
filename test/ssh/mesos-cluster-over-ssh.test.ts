// examples/mesos-cluster applied over SSH to a testbed of 10 hosts with the example's own inventory
// (testbed.vars.yaml): a ZooKeeper ensemble of 3 on three hosts electing exactly one leader (asked with the
// four-letter words inside the hosts' namespaces), the web app's instances on the agent hosts, HAProxy on a fourth
// host routing to every one of them, the Mesos, Marathon and Chronos configuration written where those daemons would
// run and said plainly not started; a no-change plan after apply; drift on remote hosts (zoo.cfg edited, a member
// killed) detected and repaired; destroy leaving every host as it was (but for ZooKeeper's data, kept as removing a
// package keeps it): the package's own haproxy.cfg put back, HAProxy's admin socket and its directory gone.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { hostSnapshot, MesosOnTestbed, snapshotDiff } from "./mesos-on-testbed.js";
import { Testbed, waitFor } from "./testbed.js";

const skip = Testbed.unavailable();
const bed = new Testbed("gtma", 80);
const it = skip ? test.skip : test;
if (skip) console.log(skip);
let ex: MesosOnTestbed;
const before = new Map<number, Map<string, string>>();

test.before(() => {
  if (skip) return;
  bed.fresh(10);
  ex = new MesosOnTestbed(bed);
  for (let i = 1; i <= 10; i++) before.set(i, hostSnapshot(bed, i));
});

test.after(async () => {
  if (skip) return;
  if (ex && existsSync(join(ex.dir, "gantry.tfstate")))
    await ex.cli(["destroy", "-auto-approve", "-refresh=false"], [0, 1]).catch(() => undefined);
  bed.down();
});

it("over ssh: one ZooKeeper leader, HAProxy reaching every app instance, Mesos configured not started", async () => {
  const r = await ex.cli(["apply", "-auto-approve"]);
  if (process.env.DEBUG_SSH) console.log(r.stdout);
  assert.match(r.stdout, /Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);

  // placement: ZooKeeper and the masters on three hosts, agents on three others, HAProxy on a seventh
  const zk = ex.hostsOf("zookeeper");
  const agents = ex.hostsOf("agent");
  const [lb] = ex.hostsOf("lb");
  assert.is(new Set(zk).size, 3);
  assert.is(new Set(agents).size, 3);
  assert.equal([...new Set([...zk, ...agents, lb!])].length, 7, "seven different hosts");

  // ZooKeeper: asked inside each member's namespace, exactly one leader and two followers
  await waitFor("the ensemble to elect a leader", () => ex.ensembleWhole(), 120_000);
  for (const i of zk) {
    assert.match(readFileSync(join(bed.hosts[i - 1]!.dir, "var/lib/zookeeper/myid"), "utf8"), /^[123]\n$/);
    assert.match(ex.fourLetterWord(i, "ruok"), /^imok/);
  }

  // the app instances run on the agent hosts (in their namespaces), and HAProxy reaches every one of them
  const tasks = ex.cluster().tasks as Record<string, { host: string; port: number }>;
  assert.equal(Object.keys(tasks).sort(), ["web-1", "web-2", "web-3"]);
  for (const [task, where] of Object.entries(tasks)) {
    const i = ex.hostIndex(where.host);
    assert.ok(agents.includes(i), `${task} runs on agent host ${where.host}`);
    assert.ok(
      ex.commandsIn(i).some((c) => c.includes(`http.server --bind ${bed.hosts[i - 1]!.address}`)),
      `${task}'s process in ${where.host}'s namespace`,
    );
  }
  const expected = Object.entries(tasks).map(
    ([task, w]) => `web ${task} on ${bed.hosts[ex.hostIndex(w.host) - 1]!.address}:${w.port}`,
  );
  let seen = new Set<string>();
  await waitFor(
    "HAProxy to reach every instance",
    async () => {
      seen = await ex.servedThroughHaproxy();
      return expected.every((e) => seen.has(e));
    },
    60_000,
  );
  assert.equal([...seen].sort(), expected.sort());
  assert.ok(
    ex.commandsIn(lb!).some((c) => /^\/usr\/sbin\/haproxy /.test(c)),
    "HAProxy in its host's namespace",
  );

  // Mesos, Marathon, Chronos: their configuration on the hosts where they would run, and plainly not started
  for (const i of zk) {
    const etc = join(bed.hosts[i - 1]!.dir, "etc");
    const ensemble = zk.map((z) => `${bed.hosts[z - 1]!.address}:2181`).sort();
    const zkUrl = readFileSync(join(etc, "mesos/zk"), "utf8").trim();
    assert.equal(/^zk:\/\/(.*)\/mesos$/.exec(zkUrl)![1]!.split(",").sort(), ensemble);
    assert.is(readFileSync(join(etc, "mesos-master/quorum"), "utf8"), "2\n");
    assert.ok(existsSync(join(etc, "marathon/conf/master")));
    assert.ok(existsSync(join(etc, "chronos/conf/zk_hosts")));
  }
  for (const i of agents) assert.ok(existsSync(join(bed.hosts[i - 1]!.dir, "etc/mesos-slave/containerizers")));
  for (let i = 1; i <= 10; i++)
    assert.not.ok(
      ex.commandsIn(i).some((c) => /mesos-(master|slave|agent)|marathon|chronos|dockerd/.test(c)),
      `nothing else on ${i}`,
    );
  assert.match(r.stdout, /packages? [^:\n]*chronos[^:\n]*: [^\n]*on node-\d+, node-\d+, node-\d+/);
  assert.match(r.stdout, /services? [^:\n]*mesos-master[^:\n]*: not started on [^\n]*node-\d+ — no package/);

  // nothing changed: the plan says so
  const again = await ex.cli(["plan", "-detailed-exitcode"]);
  assert.match(again.stdout, /No changes/);
});

it("drift on remote hosts (zoo.cfg edited, a member killed) is detected and repaired", async () => {
  const placement = ex.cluster().placement as Record<string, string>;
  const edited = ex.hostIndex(placement["zookeeper-1"]!);
  const killed = ex.hostIndex(placement["zookeeper-2"]!);
  // inside the host: its /etc/zookeeper/conf is a link through its own /etc/alternatives
  const cfg = () => bed.inHost(edited, "cat /etc/zookeeper/conf/zoo.cfg");
  const good = cfg();
  bed.inHost(edited, "printf '# edited by hand\\nmaxClientCnxns=1\\n' >> /etc/zookeeper/conf/zoo.cfg");
  assert.match(cfg(), /maxClientCnxns=1/);
  const members = bed.pids(killed, "java");
  assert.ok(members.length > 0, "the member runs before it is killed");
  for (const pid of members) process.kill(pid, "SIGKILL");
  await waitFor("the member to be gone", () => bed.pids(killed, "java").length === 0);

  const plan = JSON.parse((await ex.cli(["plan", "-json"])).stdout);
  const changed = Object.fromEntries(
    plan.resource_changes
      .filter((c: any) => c.change.actions[0] !== "no-op")
      .map((c: any) => [c.address, c.change.actions.join(",")]),
  );
  assert.equal(changed, {
    'gantry_file.mesos_zookeeper_zookeeper_conf_zoo_cfg["zookeeper-1"]': "update",
    'gantry_service.mesos_zookeeper_zookeeper["zookeeper-2"]': "update",
  });

  const repair = await ex.cli(["apply", "-auto-approve"]);
  assert.match(repair.stdout, /Apply complete! Resources: 0 added, 2 changed, 0 destroyed/);
  assert.is(cfg(), good, "zoo.cfg as gantry wrote it");
  assert.ok(bed.pids(killed, "java").length > 0, "the member runs again");
  await waitFor("the ensemble to be whole again", () => ex.ensembleWhole(), 120_000);
  await ex.cli(["plan", "-detailed-exitcode"]);
});

it("destroy leaves every host as it was", async () => {
  const r = await ex.cli(["destroy", "-auto-approve"]);
  assert.match(r.stdout, /Destroy complete!/);
  for (let i = 1; i <= 10; i++) {
    // kept, as removing a package keeps its data: what ZooKeeper wrote in its dataDir, the JVM's performance data
    // directory in /tmp (HAProxy's admin socket and its directory go, and the package's haproxy.cfg is put back)
    const kept = /^\+ (var\/lib\/zookeeper(\/version-2(\/.*)?)?|\/tmp\/hsperfdata_root)$/;
    const diff = snapshotDiff(before.get(i)!, hostSnapshot(bed, i)).filter((d) => !kept.test(d));
    assert.equal(diff, [], `host ${i} as before: ${diff.join(", ")}`);
    const left = ex.commandsIn(i).filter((c) => !c.startsWith("sshd") && !c.startsWith("/usr/sbin/sshd"));
    assert.equal(left, [], `no process of gantry's on host ${i}`);
  }
});

test.run();
