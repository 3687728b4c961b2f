// Stage "topology": who plays which role once nodes are placed: the ZooKeeper
// ensemble (each member keeps its recorded id), the Mesos masters and agents,
// the framework endpoints and the HAProxy nodes.

import type { Placement, Role } from "../blueprint.js";
import { stableZookeeperIds } from "../cluster-record.js";
import { CHRONOS_HTTP_PORT } from "../services/chronos-generator.js";
import { MARATHON_HTTP_PORT } from "../services/marathon-generator.js";
import type { ZookeeperMember } from "../services/zookeeper-generator.js";
import { hasRole, hostOf, type ClusterInput } from "./cluster-input.js";

export interface ClusterTopology {
  /** Every node, in the order of its group and index. */
  placements: Placement[];
  zookeeper: ZookeeperMember[];
  /** Node name → its ZooKeeper id (myid). */
  zkIdOf: Map<string, number>;
  masters: Placement[];
  agents: Placement[];
  haproxies: Placement[];
  /** Marathon's and Chronos' URLs, one per node running them. */
  marathons: string[];
  chronoses: string[];
}

export function clusterTopology(c: ClusterInput, placements: Placement[]): ClusterTopology {
  const withRole = (role: Role) => placements.filter((p) => hasRole(c, p, role));
  const address = (p: Placement) => hostOf(c, p).address;
  const zkNodes = withRole("zookeeper");
  // a member placed again because its host failed is a new server: a new id
  const was = c.previous.placement;
  const renew = new Set(
    zkNodes
      .filter((p) => was[p.node] !== undefined && was[p.node] !== p.host && c.failedHosts[was[p.node]] !== undefined)
      .map((p) => p.node),
  );
  const zkIdOf = stableZookeeperIds(
    zkNodes.map((p) => p.node),
    c.previous.zookeeperIds,
    renew,
  );
  return {
    placements,
    zookeeper: zkNodes.map((p) => ({ id: zkIdOf.get(p.node)!, address: address(p) })),
    zkIdOf,
    masters: withRole("mesos_master"),
    agents: withRole("mesos_slave"),
    haproxies: withRole("haproxy"),
    marathons: withRole("mesos_marathon").map((p) => `http://${address(p)}:${MARATHON_HTTP_PORT}`),
    chronoses: withRole("mesos_chronos").map((p) => `http://${address(p)}:${CHRONOS_HTTP_PORT}`),
  };
}
