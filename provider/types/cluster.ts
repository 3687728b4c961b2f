// cluster: the record of a deployed cluster blueprint. The blueprint itself
// is expanded into primitive resources before planning (see blueprints/);
// what stays under the cluster's own address is what others refer to: the
// distro, where every node was placed, and the endpoints of its services.

import type { ResourceType } from "../../contract/resource-type.js";

export const clusterType: ResourceType = {
  name: "gantry_cluster",
  description:
    "A cluster blueprint's record: distro, placement of every node, service endpoints. Its nodes are expanded into " +
    "primitive resources.",
  schema: {
    distro: { kind: "object", description: "The distro entry in use (Mesos, Marathon, Chronos, ZooKeeper versions)." },
    placement: { kind: "map", description: "Node name → host name, as placed (kept stable across plans)." },
    endpoints: { kind: "object", description: "Service endpoints: zookeeper, mesos, marathon, chronos, haproxy." },
    zookeeper_ids: { kind: "map", description: "Node name → ZooKeeper id (myid), kept stable across plans." },
    tasks: {
      kind: "map",
      description: "App task → { host, port } where gantry runs it in place of Marathon, kept stable across plans.",
    },
    id: { kind: "string", description: "The cluster's name.", computed: true },
  },
  planChange(_prior, config, info) {
    return { planned: { ...config, id: info.address.replace(/^cluster\./, "") } };
  },
  async create(_ctx, planned) {
    return planned;
  },
  async read(_ctx, prior) {
    return prior;
  },
  async update(_ctx, _prior, planned) {
    return planned;
  },
  async delete() {
    /* the record goes with the state entry */
  },
};
