// A host that stops answering, on SIMULATED hosts: the plan says which host and why and keeps its resources
// (unknown, not deleted) while the other hosts plan as usual; apply fails only the operations on it; reconcile
// marks it failed (in the state) and places its nodes again under the same policies (a new ZooKeeper member with a
// new id, the ensemble's configuration rolled one member at a time, app tasks and HAProxy's routes following);
// a host that comes back stays out until `host readmit`; no capacity left is an error naming group and constraint.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { renderPlan } from "../../cli/render-plan.js";
import { makeStyle } from "../../cli/style.js";
import type { EngineEvent } from "../../engine/events.js";
import type { Plan } from "../../planner/plan.js";
import { resetTestEngine, testEngine } from "../engine-fixture.js";
import { clusterYaml, configDir, loadStateAt } from "./harness.js";

const NET = "127.0.95";
const racks = ["r1", "r2", "r3"];

function clusterConfig(hosts: number): string {
  return clusterYaml("lab", {
    distro: { name: "mesos", version: "1.0.1" },
    app_runner: "processes",
    hosts: Array.from({ length: hosts }, (_, i) => ({
      name: `node-${i + 1}`,
      address: `${NET}.${i + 1}`,
      driver: "sim",
      cpus: 4,
      memory_mb: 16000,
      rack: racks[i % 3],
    })),
    node_groups: [
      {
        name: "zookeeper",
        roles: ["zookeeper"],
        instances: 3,
        instance_type: "SMALL",
        ha: true,
        placement: { instance_per_host: 1, group_racks: { type: "ROUNDROBIN", racks } },
      },
      {
        name: "master",
        roles: ["mesos_master", "mesos_marathon", "mesos_chronos"],
        instances: 1,
        instance_type: "MEDIUM",
      },
      {
        name: "agent",
        roles: ["mesos_slave"],
        instances: 2,
        instance_type: "MEDIUM",
        placement: { instance_per_host: 1, group_associations: [{ reference: "zookeeper", type: "WEAK" }] },
      },
      { name: "lb", roles: ["haproxy"], instances: 1, instance_type: "SMALL" },
    ],
    apps: [
      {
        id: "/web",
        cmd: "python3 -m http.server $PORT0",
        instances: 2,
        cpus: 0.1,
        mem: 64,
        portDefinitions: [{ port: 10000, protocol: "tcp", name: "http" }],
        labels: { HAPROXY_GROUP: "external" },
      },
    ],
    routes: [{ app: "/web", service_port: 10000, mode: "http" }],
  });
}

const s = makeStyle(false);
const record = (dir: string) => loadStateAt(dir).instances.get("gantry_cluster.lab")!.attributes as any;
const hostOfAttrs = (a: any): string | undefined => (a?.host as { name?: string } | undefined)?.name;

async function planOf(dir: string, req: Parameters<ReturnType<typeof testEngine>["plan"]>[1] = {}) {
  const events: EngineEvent[] = [];
  const out = await testEngine().plan(testEngine().workspace({ dir }), { ...req, onEvent: (e) => events.push(e) });
  return { plan: out.plan, events };
}

async function applyDir(dir: string, req: Parameters<ReturnType<typeof testEngine>["apply"]>[1] = {}) {
  const out = await testEngine().apply(testEngine().workspace({ dir }), req);
  if (out.status !== "applied") throw new Error("not applied");
  return out;
}

async function rejects(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: Error) => e,
  );
  assert.ok(err, `expected an error matching ${pattern}`);
  assert.match(err!.message, pattern);
}

const changed = (p: Plan) => p.changes.filter((c) => c.action !== "noop");

test("a host that stops answering: unknown in plan, not deleted; others plan; apply fails only on it", async () => {
  resetTestEngine();
  const dir = configDir({ "cluster.gantry.yaml": clusterConfig(7) }, "host-loss");
  const first = await applyDir(dir);
  assert.equal(first.result.failed, []);
  const lost = record(dir).placement["zookeeper-2"] as string;
  testEngine().hosts.simFabric.killHost(lost, "no route to host (simulated)");

  const { plan } = await planOf(dir);
  assert.equal(
    plan.unreachable?.map((u) => [u.host, u.reason]),
    [[lost, "no route to host (simulated)"]],
  );
  const onLost = plan.unreachable![0].addresses;
  assert.ok(onLost.includes('gantry_service.lab_zookeeper_zookeeper["zookeeper-2"]'), onLost.join(", "));
  assert.ok(onLost.includes(`gantry_host.lab["${lost}"]`));
  // nothing is destroyed or changed: the lost host's resources keep what was recorded, the others did not drift
  assert.equal(changed(plan), []);
  for (const a of onLost) assert.ok(plan.priorState.instances.has(a), a);
  const text = renderPlan(plan, s);
  assert.match(text, `host ${lost} is unreachable: no route to host (simulated)`);
  assert.match(text, "kept in the state as recorded, not deleted");

  // replacing one resource on the lost host and one elsewhere: only the first fails
  const elsewhere = 'gantry_service.lab_zookeeper_zookeeper["zookeeper-1"]';
  const target = 'gantry_service.lab_zookeeper_zookeeper["zookeeper-2"]';
  const out = await applyDir(dir, { replace: [target, elsewhere], targets: [target, elsewhere] });
  assert.equal(
    out.result.failed.map((f) => f.address),
    [target],
  );
  assert.match(out.result.failed[0].error, `host ${lost} is unreachable`);
  assert.ok(loadStateAt(dir).instances.has(target), "the lost host's resource is still in the state");
});

test("reconcile: the lost host is marked failed and its nodes placed again under the same policies", async () => {
  resetTestEngine();
  const dir = configDir({ "cluster.gantry.yaml": clusterConfig(7) }, "host-loss");
  await applyDir(dir);
  const before = record(dir);
  const lost = before.placement["zookeeper-2"] as string;
  const agentsBefore = Object.entries(before.placement).filter(([n]) => n.startsWith("agent-"));
  testEngine().hosts.simFabric.killHost(lost, "powered off");

  // what reconcile will do: the members take the new configuration one at a time, the new one among them
  const preview = await planOf(dir, { replaceUnreachable: true });
  assert.ok(preview.events.some((e) => e.type === "host-lost" && e.host === lost));
  const zkRoll = preview.plan.rolling.find((r) => r.batches.flat().some((k) => k.startsWith("zookeeper-")));
  assert.equal([zkRoll?.batchSize, zkRoll?.batches], [1, [["zookeeper-1"], ["zookeeper-2"], ["zookeeper-3"]]]);
  assert.equal(
    preview.plan.forgotten?.map((f) => f.host),
    [lost],
  );
  assert.match(renderPlan(preview.plan, s), `host ${lost} is failed and does not answer`);

  const log: string[] = [];
  const totals = await testEngine().reconcileOnce(testEngine().workspace({ dir }), {}, (e) => {
    if (e.type === "reconcile") log.push(`${e.kind} ${e.text}`);
  });
  assert.is(totals.failures, 0, log.join("\n"));
  assert.ok(
    log.some((l) => l.startsWith(`host-lost host ${lost} does not answer (powered off)`)),
    log.join("\n"),
  );

  const after = record(dir);
  assert.match(after.failed_hosts[lost], "powered off");
  const placement = after.placement as Record<string, string>;
  assert.not.ok(Object.values(placement).includes(lost), "nothing is placed on the failed host");
  // instance_per_host 1 and ROUNDROBIN racks still hold: three hosts, one per rack
  const zkHosts = ["zookeeper-1", "zookeeper-2", "zookeeper-3"].map((n) => placement[n]);
  assert.is(new Set(zkHosts).size, 3);
  const rackOf = (h: string) => racks[(Number(h.split("-")[1]) - 1) % 3];
  assert.equal(zkHosts.map(rackOf).sort(), [...racks]);
  // the other members and agents stay where they were
  assert.is(placement["zookeeper-1"], before.placement["zookeeper-1"]);
  assert.is(placement["zookeeper-3"], before.placement["zookeeper-3"]);
  for (const [n, h] of agentsBefore) if (h !== lost) assert.is(placement[n], h);
  // a new member: a new id, in every member's configuration; the lost id is gone from them
  assert.equal(after.zookeeper_ids, { "zookeeper-1": 1, "zookeeper-2": 4, "zookeeper-3": 3 });
  const fabric = testEngine().hosts.simFabric;
  for (const n of ["zookeeper-1", "zookeeper-2", "zookeeper-3"]) {
    const cfg = fabric.host(placement[n]).files.get("/etc/zookeeper/conf/zoo.cfg")?.content ?? "";
    assert.match(cfg, `server.4=${NET}.${placement["zookeeper-2"].split("-")[1]}:2888:3888`);
    assert.not.match(cfg, /server\.2=/);
  }
  assert.is(fabric.host(placement["zookeeper-2"]).files.get("/var/lib/zookeeper/myid")?.content, "4\n");
  // nothing is left in the state on the lost host
  for (const inst of loadStateAt(dir).instances.values()) assert.is.not(hostOfAttrs(inst.attributes), lost);
  // app tasks run on the agents, HAProxy routes to where they run now
  const tasks = after.tasks as Record<string, { host: string; port: number }>;
  const agents = new Set(
    Object.entries(placement)
      .filter(([n]) => n.startsWith("agent-"))
      .map(([, h]) => h),
  );
  for (const t of Object.values(tasks)) assert.ok(agents.has(t.host), `${t.host} is an agent`);
  const lb = fabric.host(placement["lb-1"]).files.get("/etc/haproxy/haproxy.cfg")?.content ?? "";
  for (const t of Object.values(tasks)) assert.match(lb, `${NET}.${t.host.split("-")[1]}:${t.port}`);

  // a quiet round after: nothing more to do
  const again: string[] = [];
  await testEngine().reconcileOnce(testEngine().workspace({ dir }), {}, (e) => {
    if (e.type === "reconcile") again.push(`${e.kind} ${e.text}`);
  });
  assert.ok(
    again.some((l) => l.startsWith("ok ")),
    again.join("\n"),
  );

  // the host comes back: not used until readmitted
  fabric.reviveHost(lost);
  const back = await planOf(dir);
  assert.equal(changed(back.plan), []);
  assert.equal(back.plan.unreachable ?? [], []);
  assert.ok(record(dir).failed_hosts[lost]);
  const readmitted = await testEngine().readmitHost(testEngine().workspace({ dir }), lost);
  assert.equal(readmitted, [{ cluster: "gantry_cluster.lab", reason: after.failed_hosts[lost] }]);
  assert.is(record(dir).failed_hosts, undefined);
  // readmitted: capacity again, nothing moves back
  const later = await planOf(dir);
  assert.equal(changed(later.plan), []);
  await rejects(testEngine().readmitHost(testEngine().workspace({ dir }), lost), /not marked failed/);
});

test("-replace-host by hand: the host is marked failed, said so; a live host's resources are destroyed", async () => {
  resetTestEngine();
  const dir = configDir({ "cluster.gantry.yaml": clusterConfig(7) }, "host-loss");
  await applyDir(dir);
  const host = record(dir).placement["agent-1"] as string;
  const { plan } = await planOf(dir, { replaceHosts: [host] });
  assert.equal(plan.replaceHosts, { [host]: "replaced by hand (-replace-host)" });
  const deleted = changed(plan).filter((c) => c.action === "delete" || c.action === "replace");
  assert.ok(deleted.some((c) => c.address === `gantry_host.lab["${host}"]`));
  assert.match(renderPlan(plan, s), `host ${host}: replaced by hand`);
  const out = await applyDir(dir, { replaceHosts: [host] });
  assert.equal(out.result.failed, []);
  assert.not.ok(Object.values(record(dir).placement).includes(host));
  assert.is(testEngine().hosts.simFabric.host(host).processes.size, 0, "its processes were stopped");
  await rejects(planOf(dir, { replaceHosts: ["node-99"] }), /no cluster has a host of that name/);
});

test("no capacity left: the error names the group and the constraint", async () => {
  resetTestEngine();
  const dir = configDir({ "cluster.gantry.yaml": clusterConfig(3) }, "host-loss");
  await applyDir(dir);
  const lost = record(dir).placement["zookeeper-1"] as string;
  testEngine().hosts.simFabric.killHost(lost);
  const err = await planOf(dir, { replaceUnreachable: true }).then(
    () => undefined,
    (e: Error) => e,
  );
  assert.ok(err, "the plan fails");
  assert.match(err!.message, 'cannot place node group "zookeeper" (instance_per_host)');
  assert.match(err!.message, `without the failed host ${lost}`);
  // the state is untouched: the host is not recorded failed by a plan that could not place
  assert.not.ok(record(dir).failed_hosts);
});

test.run();
