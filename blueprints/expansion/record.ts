// Stage "record": the cluster's own instance, which records what the next
// plan keeps stable (placement, ZooKeeper ids, app tasks: cluster-record.ts)
// and where to reach the platform (the endpoints).

import type { Value } from "../../contract/values.js";
import type { ResourceConfig } from "../../planner/model.js";
import { HAPROXY_STATS_PORT } from "../../provider/formats/haproxy-cfg.js";
import { recordAttributes } from "../cluster-record.js";
import { literalBlock } from "../generated-blocks.js";
import { MESOS_MASTER_PORT } from "../services/mesos-generator.js";
import { zkConnectString, zkHosts } from "../services/zookeeper-generator.js";
import type { AppResources } from "./apps.js";
import { hostOf, type ClusterInput } from "./cluster-input.js";
import type { ClusterTopology } from "./topology.js";

export function recordBlock(c: ClusterInput, topology: ClusterTopology, apps: AppResources): ResourceConfig {
  const bp = c.blueprint;
  const zookeeper = topology.zookeeper;
  const balancers = topology.haproxies.map((p) => hostOf(c, p).address);
  const record = recordAttributes({
    placement: Object.fromEntries(topology.placements.map((p) => [p.node, p.host])),
    zookeeperIds: Object.fromEntries(topology.zkIdOf),
    tasks: apps.tasks,
    failedHosts: c.failedHosts,
  });
  const endpoints = {
    zookeeper: zookeeper.length ? zkHosts(zookeeper) : null,
    mesos: zookeeper.length && topology.masters.length ? zkConnectString(zookeeper, bp.zk_path) : null,
    mesos_masters: topology.masters.map((p) => `http://${hostOf(c, p).address}:${MESOS_MASTER_PORT}`),
    marathon: topology.marathons,
    chronos: topology.chronoses,
    haproxy_stats: balancers.map((address) => `http://${address}:${HAPROXY_STATS_PORT}/haproxy?stats`),
    routes: bp.routes.flatMap((route) =>
      balancers.map((address) => `${route.mode}://${address}:${route.service_port}${route.mode === "http" ? "/" : ""}`),
    ),
  };
  return literalBlock(
    "gantry_cluster",
    c.resource.name,
    { distro: c.distro as unknown as Value, ...record, endpoints },
    c.resource.origin,
  );
}
