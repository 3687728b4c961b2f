// A real ZooKeeper ensemble of 3 on local hosts, plus a spare host: one member's host dies (its process killed and
// its sandbox marked down, so it answers nothing), `gantry plan` says so and keeps its resources, `gantry reconcile`
// marks it failed and starts a new member (a new id) on the spare while the other two take the new configuration
// one at a time, and the ensemble elects a leader with the new member in it. The host coming back is not used until
// `gantry host readmit`. Loopback only, on 127.0.94.x.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { LOCAL_HOST_DOWN_MARKER } from "../../provider/hosts/local-driver.js";
import { gantry, pidAlive } from "../cli/cli-harness.js";
import { srvr } from "./loopback-probes.js";

const NET = "127.0.94";
const dir = mkdtempSync(join(tmpdir(), "gantry-zk-host-loss-"));
writeFileSync(
  join(dir, "cluster.gantry.yaml"),
  stringify(
    {
      resources: {
        "cluster.zk": {
          distro: { name: "mesos", version: "1.0.1" },
          hosts: [1, 2, 3, 4].map((n) => ({
            name: `zk-${n}`,
            address: `${NET}.${n}`,
            driver: "local",
            cpus: 2,
            memory_mb: 8000,
          })),
          node_groups: [
            {
              name: "zookeeper",
              roles: ["zookeeper"],
              instances: 3,
              instance_type: "SMALL",
              ha: true,
              placement: { instance_per_host: 1 },
            },
          ],
        },
      },
    },
    { lineWidth: 0 },
  ),
);

const state = () => JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
const cluster = () => state().resources.find((r: any) => r.address === "gantry_cluster.zk").attributes;
const members = (): { node: string; host: string; address: string; root: string; pid: number }[] =>
  state()
    .resources.filter((r: any) => r.address.startsWith("gantry_service.zk_zookeeper_zookeeper["))
    .map((r: any) => ({
      node: r.index_key as string,
      host: r.attributes.host.name as string,
      address: r.attributes.host.address as string,
      root: r.attributes.host.root as string,
      pid: r.attributes.pid as number,
    }));

/** Each current member's mode (leader, follower, or down), waiting until one leads and two follow. */
async function waitForEnsemble(): Promise<Map<string, string>> {
  let m = new Map<string, string>();
  for (let i = 0; i < 120; i++) {
    m = new Map();
    for (const z of members()) m.set(z.node, /Mode: (\w+)/.exec((await srvr(z.address)) ?? "")?.[1] ?? "down");
    const modes = [...m.values()];
    if (modes.filter((x) => x === "leader").length === 1 && modes.filter((x) => x === "follower").length === 2)
      return m;
    await new Promise((r) => setTimeout(r, 500));
  }
  return m;
}

let lost: { node: string; host: string; address: string; root: string; pid: number } | undefined;

test("the ensemble of 3 elects a leader; the spare host is unused", async () => {
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  const m = await waitForEnsemble();
  assert.is([...m.values()].filter((x) => x === "leader").length, 1, JSON.stringify([...m]));
  assert.equal(Object.values(cluster().placement).sort(), ["zk-1", "zk-2", "zk-3"]);
});

test("a member's host dies: plan names it unreachable and keeps its resources, deleting nothing", () => {
  lost = members().find((z) => z.node === "zookeeper-2")!;
  writeFileSync(join(lost.root, LOCAL_HOST_DOWN_MARKER), "power lost (test)\n");
  process.kill(lost.pid, "SIGKILL");
  const r = gantry(["plan", "-no-color", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, `host ${lost.host} is unreachable: power lost (test)`);
  assert.match(r.stdout, "not deleted");
  assert.not.match(r.stdout, "will be destroyed");
  const j = JSON.parse(gantry(["plan", "-json", dir]).stdout);
  assert.equal(
    j.unreachable_hosts.map((u: any) => u.host),
    [lost.host],
  );
});

test("reconcile replaces the member on the spare with a new id; the ensemble elects a leader with it", async () => {
  const r = gantry(["reconcile", "-no-color", dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, `host ${lost!.host} does not answer (power lost (test))`);
  const c = cluster();
  assert.match(c.failed_hosts[lost!.host], "power lost (test)");
  assert.is(c.placement["zookeeper-2"], "zk-4");
  assert.is(c.zookeeper_ids["zookeeper-2"], 4);
  const fresh = members().find((z) => z.node === "zookeeper-2")!;
  assert.is(fresh.address, `${NET}.4`);
  assert.ok(pidAlive(fresh.pid));
  assert.is(readFileSync(join(fresh.root, "var/lib/zookeeper/myid"), "utf8"), "4\n");
  for (const z of members()) {
    const cfg = readFileSync(join(z.root, "etc/zookeeper/conf/zoo.cfg"), "utf8");
    assert.match(cfg, `server.4=${NET}.4:2888:3888`);
    assert.not.match(cfg, /^server\.2=/m);
  }
  const m = await waitForEnsemble();
  const modes = [...m.values()];
  assert.is(modes.filter((x) => x === "leader").length, 1, JSON.stringify([...m]));
  assert.is(modes.filter((x) => x === "follower").length, 2, JSON.stringify([...m]));
  assert.ok(["leader", "follower"].includes(m.get("zookeeper-2")!), "the new member is in the ensemble");
  const again = gantry(["plan", "-detailed-exitcode", dir]);
  assert.is(again.code, 0, again.stdout + again.stderr);
});

test("the host comes back: not used until readmitted", () => {
  rmSync(join(lost!.root, LOCAL_HOST_DOWN_MARKER));
  const p = gantry(["plan", "-detailed-exitcode", dir]);
  assert.is(p.code, 0, p.stdout + p.stderr);
  assert.ok(cluster().failed_hosts[lost!.host]);
  const r = gantry(["host", "readmit", lost!.host, "-dir", dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, `Host ${lost!.host} is readmitted to gantry_cluster.zk`);
  assert.not.ok(cluster().failed_hosts);
  const none = gantry(["host", "readmit", lost!.host, "-dir", dir]);
  assert.is(none.code, 1);
  assert.match(none.stderr, "not marked failed");
});

test.after(() => {
  if (lost && pidAlive(lost.pid)) process.kill(lost.pid, "SIGKILL");
  gantry(["destroy", "-auto-approve", dir]);
  rmSync(dir, { recursive: true, force: true });
});

test.run();
