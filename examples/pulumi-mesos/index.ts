// The Mesos platform of examples/mesos-cluster as a Pulumi program: the same
// blueprint (ten local hosts, a ZooKeeper ensemble, Mesos masters with
// Marathon and Chronos, agents, HAProxy routing to a web app, a nightly job)
// as one gantry.Cluster, whose expansion gantry plans and applies; the stack
// outputs say where the platform answers.
//
//   gantry pulumi up examples/pulumi-mesos          # gantry runs the program itself (no Pulumi CLI)
//   pulumi up                                       # or Pulumi's CLI, with gantry installed beside the program

import * as pulumi from "@pulumi/pulumi";
import * as gantry from "gantry/pulumi";

const config = new pulumi.Config();
const addressPrefix = config.get("addressPrefix") ?? "127.0.81";
const distroVersion = config.get("distroVersion") ?? "1.0.1";
const zookeepers = config.getNumber("zookeepers") ?? 3;
const agents = config.getNumber("agents") ?? 3;
const webInstances = config.getNumber("webInstances") ?? 3;

const racks = ["r1", "r2", "r3"];
// nodes 1-3, 4-6, 7-9 by size; node-7 is roomier (HAProxy's host) and node-10 is a spare in rack r1, kept free for a
// ZooKeeper member and its master whose host dies
const sizes = [
  { cpus: 3, memoryMb: 16000 },
  { cpus: 4, memoryMb: 16000 },
  { cpus: 2, memoryMb: 8000 },
];
const hosts = Array.from({ length: 10 }, (_, i) => ({
  name: `node-${i + 1}`,
  address: `${addressPrefix}.${i + 1}`,
  driver: "local",
  ...(i === 6 ? { cpus: 3, memoryMb: 16000 } : i === 9 ? { cpus: 3, memoryMb: 12000 } : sizes[Math.floor(i / 3)]),
  rack: racks[i % 3],
}));

const mesos = new gantry.Cluster("mesos", {
  distro: { name: "mesos", version: distroVersion },
  zkPath: "/mesos",
  // Marathon cannot run here: gantry runs the app instances itself
  appRunner: "processes",
  hosts,
  nodeGroups: [
    {
      name: "zookeeper",
      roles: ["zookeeper"],
      instances: zookeepers,
      instanceType: "SMALL",
      ha: true,
      placement: { instancePerHost: 1, groupRacks: { type: "ROUNDROBIN", racks } },
    },
    {
      name: "master",
      roles: ["mesos_master", "mesos_marathon", "mesos_chronos"],
      instances: 3,
      instanceType: "MEDIUM",
      ha: true,
      placement: { instancePerHost: 1, groupAssociations: [{ reference: "zookeeper", type: "STRICT" }] },
    },
    {
      name: "agent",
      roles: ["mesos_slave", "mesos_docker"],
      instances: agents,
      instanceType: "MEDIUM",
      maxBatchSize: 1,
      minInService: 2,
      placement: { instancePerHost: 1, groupRacks: { type: "ROUNDROBIN", racks } },
    },
    { name: "lb", roles: ["haproxy"], instances: 1, instanceType: "SMALL" },
  ],
  apps: [
    {
      id: "/web",
      cmd:
        'mkdir -p www-$PORT0 && echo "web $MESOS_TASK_ID on $HOST:$PORT0" > www-$PORT0/index.html && ' +
        "cd www-$PORT0 && exec python3 -m http.server --bind $HOST $PORT0",
      instances: webInstances,
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
  routes: [{ app: "/web", servicePort: 10000, mode: "http" }],
});

/** Send traffic here: HAProxy, round robin over the app instances. */
export const web = mesos.haproxyUrl;
export const haproxyStats = mesos.endpoints.apply((e) => e?.haproxy_stats);
export const zookeeper = mesos.zookeeperConnectString;
export const placement = mesos.placement;
