// examples/mesos-cluster on simulated hosts loses two hosts at once: a ZooKeeper member's (carrying a Mesos master
// too) and an agent's (carrying an app instance). Both groups then change in rolling batches in one apply (the
// masters take the new ZooKeeper ensemble one at a time while the lost agent is placed again), which ended in a
// dependency cycle when the start order was a line of role levels (Chronos on the masters waited for Docker on the
// agents, which waited for every master). Reconcile now re-places both hosts' nodes in one round.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { resetTestEngine, testEngine } from "../engine-fixture.js";
import { exampleCopy, loadExpanded, loadStateAt } from "./harness.js";

const values = { driver: "sim" };
const record = (dir: string) => loadStateAt(dir).instances.get("gantry_cluster.mesos")!.attributes as any;
const hostOfAttrs = (a: any): string | undefined => (a?.host as { name?: string } | undefined)?.name;

test("start order: services wait for what they need, not for a whole level (Chronos not for Docker)", async () => {
  resetTestEngine();
  const { config } = await loadExpanded(exampleCopy(), values);
  const needs = (key: string) => config.resources.get(key)!.dependsOn.map((d) => d.ref);
  for (const framework of ["gantry_service.mesos_master_chronos", "gantry_service.mesos_master_marathon"]) {
    assert.ok(needs(framework).includes("gantry_service.mesos_master_mesos_master"), framework);
    assert.not.ok(needs(framework).includes("gantry_service.mesos_agent_dockerd"), framework);
  }
  assert.ok(needs("gantry_service.mesos_agent_mesos_slave").includes("gantry_service.mesos_agent_dockerd"));
  assert.ok(needs("gantry_service.mesos_agent_mesos_slave").includes("gantry_service.mesos_master_mesos_master"));
  assert.ok(needs("gantry_service.mesos_master_mesos_master").includes("gantry_service.mesos_zookeeper_zookeeper"));
  // agents' packages (an upgrade) still follow the masters
  assert.ok(needs("gantry_package.mesos_agent_mesos").includes("gantry_service.mesos_master_mesos_master"));
});

test("a ZooKeeper member's host and an app's agent host lost at once: one reconcile re-places both", async () => {
  resetTestEngine();
  const dir = exampleCopy();
  const ws = () => testEngine().workspace({ dir, values });
  const first = await testEngine().apply(ws(), {});
  if (first.status !== "applied") throw new Error("not applied");
  assert.equal(first.result.failed, []);
  const before = record(dir);
  const zkHost = before.placement["zookeeper-1"] as string;
  const agentHost = before.tasks["web-1"].host as string;
  assert.is.not(zkHost, agentHost);
  const fabric = testEngine().hosts.simFabric;
  fabric.killHost(zkHost, "powered off");
  fabric.killHost(agentHost, "powered off");

  const log: string[] = [];
  const totals = await testEngine().reconcileOnce(ws(), {}, (e) => {
    if (e.type === "reconcile") log.push(`${e.kind} ${e.text}`);
  });
  assert.not.ok(
    log.some((l) => l.includes("dependency cycle")),
    log.filter((l) => l.includes("cycle")).join("\n"),
  );
  assert.is(totals.failures, 0, log.filter((l) => l.startsWith("failed")).join("\n"));

  const after = record(dir);
  assert.equal(Object.keys(after.failed_hosts).sort(), [agentHost, zkHost].sort());
  const placement = after.placement as Record<string, string>;
  for (const lost of [zkHost, agentHost]) assert.not.ok(Object.values(placement).includes(lost), `nothing on ${lost}`);
  // the member: a new id on a host that is not a member already, its master with it; the others keep theirs
  assert.is(after.zookeeper_ids["zookeeper-1"], 4);
  const members = ["zookeeper-1", "zookeeper-2", "zookeeper-3"].map((n) => placement[n]);
  assert.is(new Set(members).size, 3);
  assert.is(placement["master-1"], placement["zookeeper-1"]);
  for (const n of ["zookeeper-2", "zookeeper-3"]) assert.is(placement[n], before.placement[n]);
  for (const h of members) {
    const cfg = fabric.host(h).files.get("/etc/zookeeper/conf/zoo.cfg")?.content ?? "";
    assert.match(cfg, /^server\.4=/m);
    assert.not.match(cfg, /^server\.1=/m);
  }
  // the lost agent's node and app instance run elsewhere, on agents; HAProxy routes to where they run now
  const agents = new Set(Object.entries(placement).flatMap(([n, h]) => (n.startsWith("agent-") ? [h] : [])));
  assert.is(agents.size, 3);
  const tasks = after.tasks as Record<string, { host: string; port: number }>;
  for (const t of Object.values(tasks)) assert.ok(agents.has(t.host), `${t.host} is an agent`);
  assert.is.not(tasks["web-1"]!.host, agentHost);
  const lb = fabric.host(placement["lb-1"]!).files.get("/etc/haproxy/haproxy.cfg")?.content ?? "";
  const address = (h: string) => `127.0.81.${h.split("-")[1]}`;
  for (const t of Object.values(tasks)) assert.match(lb, `${address(t.host)}:${t.port}`);
  for (const lost of [zkHost, agentHost]) assert.not.match(lb, `${address(lost)}:`);
  // nothing is left in the state on the lost hosts, and a second round has nothing to do
  for (const inst of loadStateAt(dir).instances.values())
    assert.not.ok([zkHost, agentHost].includes(hostOfAttrs(inst.attributes) ?? ""), inst.address);
  const again: string[] = [];
  await testEngine().reconcileOnce(ws(), {}, (e) => {
    if (e.type === "reconcile") again.push(`${e.kind} ${e.text}`);
  });
  assert.ok(
    again.some((l) => l.startsWith("ok ")),
    again.join("\n"),
  );
});

test.run();
