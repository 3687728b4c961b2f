// The example's shape applied end to end on SIMULATED hosts, with Marathon and
// Chronos answered by the contract doubles of test/frameworks, reachable at the
// master hosts' own addresses (127.0.84.x:8080 and :4400, through a TCP relay
// to the double). The generated HAProxy configuration is checked with the real
// `haproxy -c`.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { join } from "node:path";
import { marathonClientDefaults } from "../../provider/types/marathon-app.js";
import { ChronosDouble } from "../frameworks/chronos-contract-double.js";
import { MarathonDouble } from "../frameworks/marathon-contract-double.js";
import { changed, clusterYaml, configDir, planAndApply, planDir, tempDir } from "./harness.js";
import { resetTestEngine } from "../engine-fixture.js";

const HAPROXY = "/usr/sbin/haproxy";
const NET = "127.0.84";

const yaml = clusterYaml(
  "sim",
  {
    distro: { name: "mesos", version: "1.0.1" },
    hosts: Array.from({ length: 7 }, (_, i) => ({
      name: `node-${i + 1}`,
      address: `${NET}.${i + 1}`,
      driver: "sim",
      cpus: i < 6 ? 4 : 2,
      memory_mb: 16000,
      rack: `r${(i % 3) + 1}`,
    })),
    node_groups: [
      {
        name: "zookeeper",
        roles: ["zookeeper"],
        instances: 3,
        instance_type: "SMALL",
        ha: true,
        placement: { instance_per_host: 1, group_racks: { type: "ROUNDROBIN", racks: ["r1", "r2", "r3"] } },
      },
      {
        name: "master",
        roles: ["mesos_master", "mesos_marathon", "mesos_chronos"],
        instances: 3,
        instance_type: "MEDIUM",
        ha: true,
        placement: { instance_per_host: 1, group_associations: [{ reference: "zookeeper", type: "STRICT" }] },
      },
      {
        name: "agent",
        roles: ["mesos_slave", "mesos_docker"],
        instances: 3,
        instance_type: "MEDIUM",
        max_batch_size: 1,
        min_in_service: 2,
        placement: { instance_per_host: 1 },
      },
      { name: "lb", roles: ["haproxy"], instances: 1, instance_type: "SMALL" },
    ],
    apps: [
      {
        id: "/web",
        cmd: "python3 -m http.server $PORT0",
        instances: "${var.web_instances}",
        cpus: 0.1,
        mem: 64,
        portDefinitions: [{ port: 10000, protocol: "tcp", name: "http" }],
        healthChecks: [
          {
            protocol: "HTTP",
            path: "/",
            portIndex: 0,
            gracePeriodSeconds: 30,
            intervalSeconds: 10,
            maxConsecutiveFailures: 3,
          },
        ],
        labels: { HAPROXY_GROUP: "external" },
      },
    ],
    jobs: [
      {
        name: "nightly-cleanup",
        command: "find /tmp -type f -mtime +7 -delete",
        schedule: "R/2026-12-01T02:00:00Z/PT24H",
        epsilon: "PT15M",
        owner: "ops@example.com",
        cpus: 0.1,
        mem: 32,
      },
    ],
    routes: [{ app: "/web", service_port: 10000, mode: "http" }],
  },
  { variables: { web_instances: { type: "number", default: 3 } } },
);

const dir = configDir({ "cluster.gantry.yaml": yaml }, "sim-apply");
const marathon = new MarathonDouble({ deploymentMs: 50 });
const chronos = new ChronosDouble({ prefix: "" }); // distro 1.0.1: Chronos 2.5 serves its API at the root
const relays: net.Server[] = [];
let masters: string[] = [];

/** Listens on address:port and pipes every connection to the double at 127.0.0.1. */
function relay(address: string, port: number, target: string): Promise<net.Server> {
  const to = new URL(target);
  const srv = net.createServer((sock) => {
    const up = net.connect(Number(to.port), to.hostname);
    sock.pipe(up).pipe(sock);
    sock.on("error", () => up.destroy());
    up.on("error", () => sock.destroy());
  });
  return new Promise((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(port, address, () => resolve(srv));
  });
}

const haproxyContent = async (): Promise<string> => {
  const { plan } = await planDir(dir);
  const cfg = plan.changes.filter((c) => c.type === "gantry_haproxy_config");
  assert.is(cfg.length, 1);
  return String(cfg[0].after!.content);
};

function haproxyCheck(content: string): { code: number; out: string } {
  const file = join(tempDir("haproxy"), "haproxy.cfg");
  writeFileSync(file, content);
  const r = spawnSync(HAPROXY, ["-c", "-f", file], { encoding: "utf8" });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** Server lines of one backend section. */
function backendServers(content: string, backend: string): string[] {
  const lines = content.split("\n");
  const start = lines.findIndex((l) => l.trim() === `backend ${backend}`);
  if (start < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (/^\S/.test(l)) break;
    if (/^\s+server\s/.test(l)) out.push(l.trim());
  }
  return out;
}

test.before(async () => {
  resetTestEngine().hosts.simFabric;
  marathonClientDefaults.pollMs = 20;
  const first = await planDir(dir);
  const endpoints = first.plan.changes.find((c) => c.address === "gantry_cluster.sim")!.after!.endpoints as {
    marathon: string[];
    chronos: string[];
  };
  masters = endpoints.marathon.map((u) => new URL(u).hostname);
  assert.is(masters.length, 3);
  assert.equal(
    endpoints.chronos.map((u) => new URL(u).hostname),
    masters,
  );
  const m = await marathon.start();
  const c = await chronos.start();
  for (const a of masters) relays.push(await relay(a, 8080, m), await relay(a, 4400, c));
});

test.after(async () => {
  for (const r of relays) await new Promise<void>((res) => r.close(() => res()));
  await marathon.stop();
  await chronos.stop();
});

test("the relays reach the doubles at the masters' addresses", async () => {
  const r = await fetch(`http://${masters[1]}:8080/ping`);
  assert.is(r.status, 200);
  const j = await fetch(`http://${masters[2]}:4400/scheduler/jobs`);
  assert.is(j.status, 200);
});

test("apply everything: the app exists in Marathon, the job in Chronos, nothing failed", async () => {
  const { result } = await planAndApply(dir);
  assert.equal(result.failed, []);
  assert.equal(result.skipped, []);
  assert.ok(marathon.apps.has("/web"), "app /web created");
  assert.is(marathon.apps.get("/web")!.instances, 3);
  assert.ok(chronos.jobs.has("nightly-cleanup"), "job created");
  assert.is(chronos.jobs.get("nightly-cleanup")!.schedule, "R/2026-12-01T02:00:00Z/PT24H");
  assert.ok(marathon.writes().some((w) => w.method === "POST" && w.path === "/v2/apps" && w.status === 201));
  assert.ok(chronos.writes().some((w) => w.method === "POST" && w.path === "/scheduler/iso8601"));
});

test(
  "haproxy_config: backend web_10000 with one server line " + "per task Marathon reports; passes the real haproxy -c",
  async () => {
    const content = await haproxyContent();
    const tasks = (await (await fetch(`http://${masters[0]}:8080/v2/apps/web/tasks`)).json()) as {
      tasks: { host: string; ports: number[] }[];
    };
    assert.is(tasks.tasks.length, 3);
    assert.match(content, /^frontend web_10000$/m);
    assert.match(content, /^backend web_10000$/m);
    const servers = backendServers(content, "web_10000");
    assert.is(servers.length, tasks.tasks.length, servers.join("\n"));
    for (const t of tasks.tasks)
      assert.ok(
        servers.some((s) => s.includes(` ${t.host}:${t.ports[0]} `) || s.endsWith(` ${t.host}:${t.ports[0]}`)),
        `server for ${t.host}:${t.ports[0]}`,
      );
    assert.match(content, /balance roundrobin/);
    assert.match(content, /bind \S*:10000/);
    assert.ok(existsSync(HAPROXY), `${HAPROXY} is installed`);
    const check = haproxyCheck(content);
    assert.is(check.code, 0, check.out);
    // and the checker is not a pushover
    assert.is.not(haproxyCheck(content.replace("balance roundrobin", "balance no_such_algorithm")).code, 0);
  },
);

test("re-plan after apply shows no changes", async () => {
  const { plan } = await planDir(dir);
  assert.equal(
    changed(plan).map((c) => `${c.address} ${c.action}`),
    [],
  );
});

test(
  "scaling web 3 → 5: the plan updates the marathon_app (and nothing " +
    "but what follows from its tasks); after apply HAProxy has 5 servers",
  async () => {
    const { plan } = await planDir(dir, { vars: { web_instances: 5 } });
    const ch = changed(plan);
    const app = ch.find((c) => c.type === "gantry_marathon_app");
    assert.ok(app, "marathon_app changes");
    assert.is(app!.action, "update");
    const others = ch.filter((c) => c !== app);
    // only the HAProxy configuration (its tasks come from the app) and the haproxy service's reload may follow
    for (const c of others)
      assert.ok(
        c.type === "gantry_haproxy_config" || (c.type === "gantry_service" && /haproxy/.test(c.address)),
        `unexpected change ${c.address} ${c.action}`,
      );
    for (const c of others) assert.is(c.action, "update", `${c.address} is updated, not ${c.action}`);
    for (const c of others) assert.ok(c.deferred, `${c.address} waits for the app's new tasks (deferred)`);
    assert.ok(
      others.some((c) => c.type === "gantry_haproxy_config"),
      "the HAProxy configuration follows the app's tasks",
    );

    const { result } = await planAndApply(dir, { vars: { web_instances: 5 } });
    assert.equal(result.failed, []);
    assert.is(marathon.apps.get("/web")!.instances, 5);
    const { plan: after } = await planDir(dir, { vars: { web_instances: 5 } });
    assert.equal(
      changed(after).map((c) => `${c.address} ${c.action}`),
      [],
      "settled after one apply",
    );
    const content = String(after.changes.find((c) => c.type === "gantry_haproxy_config")!.after!.content);
    assert.is(backendServers(content, "web_10000").length, 5);
    assert.is(haproxyCheck(content).code, 0);
  },
);

test.run();
