// cluster: the record of a deployed cluster blueprint. The blueprint itself
// is expanded into primitive resources before planning (see blueprints/);
// what stays under the cluster's own address is what others refer to: the
// distro, where every node was placed, and the endpoints of its services.

import type { AttributeSchema, ResourceType } from "../../contract/resource-type.js";

/** What blueprints/blueprint.ts takes (ROLES with ROLE_ALIASES, INSTANCE_TYPES); a test keeps them the same. */
export const CLUSTER_ROLES = [
  "zookeeper",
  "mesos_master",
  "mesos_slave",
  "mesos_docker",
  "mesos_marathon",
  "mesos_chronos",
  "haproxy",
  "mesos_agent",
] as const;
export const CLUSTER_INSTANCE_TYPES = ["SMALL", "MEDIUM", "LARGE", "EXTRA_LARGE"] as const;

const STRING: AttributeSchema = { kind: "string", description: "" };

/** A distro manifest entry's fields besides name and version (blueprints/distro-manifest.ts). */
function distroEntryFields(computed: boolean): Record<string, AttributeSchema> {
  const c = computed ? { computed: true, optional: true } : {};
  return {
    mesos: { kind: "string", description: "Mesos version.", ...c },
    marathon: { kind: "string", description: "Marathon version.", ...c },
    chronos: { kind: "string", description: "Chronos version.", ...c },
    zookeeper: { kind: "string", description: "ZooKeeper version.", ...c },
    chronos_api_prefix: { kind: "string", description: "Chronos API prefix (/v1 or none).", ...c },
    repositories: {
      kind: "list",
      description: "APT sources lines and the packages they provide.",
      ...c,
      element: {
        kind: "object",
        description: "A repository.",
        attributes: {
          name: { kind: "string", description: "Repository name." },
          line: { kind: "string", description: "APT sources line." },
          provides: { kind: "list", description: "Services it provides.", element: STRING },
        },
      },
    },
    packages: { kind: "map", description: "Debian package name per service.", element: STRING, ...c },
  };
}

export const clusterType: ResourceType = {
  name: "gantry_cluster",
  description:
    "A cluster blueprint's record: distro, placement of every node, service endpoints. Its nodes are expanded into " +
    "primitive resources.",
  schema: {
    // what the blueprint reads (blueprints/read-blueprint.ts checks it and says what is wrong where); the
    // expansion replaces these with the record below
    distro: {
      kind: "object",
      description:
        "The distro to run, { name, version } from the distro manifest; the record adds the entry in use (Mesos, " +
        "Marathon, Chronos, ZooKeeper versions, repositories, packages).",
      attributes: {
        name: { kind: "string", description: "Distro name (default mesos)." },
        version: { kind: "string", description: "Distro version.", required: true },
        ...distroEntryFields(true),
      },
    },
    distros: {
      kind: "list",
      description: "Distro entries added to or overriding the manifest's, by name and version.",
      element: {
        kind: "object",
        description: "A distro entry.",
        attributes: {
          name: { kind: "string", description: "Distro name." },
          version: { kind: "string", description: "Distro version." },
          ...distroEntryFields(false),
        },
      },
    },
    hosts: {
      kind: "list",
      description: "The hosts the node groups are placed on.",
      element: {
        kind: "object",
        description: "A host.",
        attributes: {
          name: { kind: "string", description: 'Host name (letters, digits, ".", "_", "-").', required: true },
          address: { kind: "string", description: "IPv4 address.", required: true },
          driver: { kind: "string", description: "Host driver: local (default) or sim." },
          cpus: { kind: "number", description: "CPUs (positive).", required: true },
          memory_mb: { kind: "number", description: "Memory in MB (positive).", required: true },
          rack: { kind: "string", description: "Rack or fault domain." },
          root: { kind: "string", description: "local: root directory (default under the data directory)." },
          options: { kind: "map", description: "Driver options (sim: latency_ms ...)." },
        },
      },
    },
    host_pools: {
      kind: "list",
      description: "Generated hosts: count hosts named <prefix><n> from 1, addresses counting up.",
      element: {
        kind: "object",
        description: "A host pool.",
        attributes: {
          driver: { kind: "string", description: "Host driver: local (default) or sim." },
          count: {
            kind: "number",
            description: "How many hosts.",
            required: true,
            integer: true,
            minimum: 1,
            maximum: 65000,
          },
          prefix: { kind: "string", description: "Host name prefix (default host-)." },
          cpus: { kind: "number", description: "CPUs per host (default 1)." },
          memory_mb: { kind: "number", description: "Memory per host in MB (default 1024)." },
          racks: { kind: "list", description: "Racks, assigned round-robin.", element: STRING },
          address_start: { kind: "string", description: "First IPv4 address.", required: true },
          options: { kind: "map", description: "Driver options." },
        },
      },
    },
    node_groups: {
      kind: "list",
      description: "Node groups: roles, instances, size and placement.",
      element: {
        kind: "object",
        description: "A node group.",
        attributes: {
          name: { kind: "string", description: 'Group name: lower-case letters, digits and "_".', required: true },
          roles: {
            kind: "list",
            description: "Roles (mesos_agent is an alias of mesos_slave).",
            required: true,
            element: { kind: "string", description: "A role.", allowed: CLUSTER_ROLES },
          },
          instances: { kind: "number", description: "How many nodes.", required: true, integer: true, minimum: 0 },
          instance_type: {
            kind: "string",
            description: "Size of each node (or cpus and memory_mb).",
            allowed: CLUSTER_INSTANCE_TYPES,
          },
          cpus: { kind: "number", description: "CPUs per node." },
          memory_mb: { kind: "number", description: "Memory per node in MB." },
          // the blueprint also takes the strings "on" and "ft" for true (as BDE wrote it), which no one type says
          ha: { kind: "bool", description: 'High availability (the blueprint also takes "on" and "ft" for true).' },
          placement: {
            kind: "object",
            description: "Placement policy.",
            attributes: {
              instance_per_host: {
                kind: "number",
                description: "Exactly this many of the group's nodes on each host used.",
                integer: true,
                minimum: 1,
              },
              group_racks: {
                kind: "object",
                description: "Racks to place on, round-robin or all on one.",
                attributes: {
                  type: { kind: "string", description: "ROUNDROBIN or SAMERACK.", allowed: ["ROUNDROBIN", "SAMERACK"] },
                  racks: { kind: "list", description: "Rack names.", element: STRING },
                },
              },
              group_associations: {
                kind: "list",
                description: "Groups to place next to.",
                element: {
                  kind: "object",
                  description: "An association.",
                  attributes: {
                    reference: { kind: "string", description: "Another node group's name.", required: true },
                    type: { kind: "string", description: "STRICT or WEAK (default).", allowed: ["STRICT", "WEAK"] },
                  },
                },
              },
            },
          },
          max_batch_size: {
            kind: "number",
            description: "Rolling upgrades: instances changed at once.",
            integer: true,
            minimum: 1,
          },
          min_in_service: {
            kind: "number",
            description: "Rolling upgrades: instances kept in service.",
            integer: true,
            minimum: 0,
          },
          configuration: {
            kind: "map",
            description: "Service configuration overrides: service → flag → value.",
            element: { kind: "map", description: "Flag → value." },
          },
        },
      },
    },
    apps: {
      kind: "list",
      description: "Marathon app definitions (each with an id).",
      // elements of any type (CDKTF types list(map(dynamic)) wrongly); the blueprint checks each is a map
      element: { kind: "any", description: "A Marathon app definition: a map with an id." },
    },
    jobs: {
      kind: "list",
      description: "Chronos jobs (each with a name, a command and a schedule or parents).",
      // elements of any type (CDKTF types list(map(dynamic)) wrongly); the blueprint checks each is a map
      element: { kind: "any", description: "A Chronos job: a map with a name and a command." },
    },
    routes: {
      kind: "list",
      description: "Where HAProxy exposes apps' service ports.",
      element: {
        kind: "object",
        description: "A route.",
        attributes: {
          app: { kind: "string", description: "The app's id.", required: true },
          service_port: { kind: "number", description: "Service port.", required: true },
          mode: { kind: "string", description: "http (default) or tcp.", allowed: ["http", "tcp"] },
          vhost: { kind: "string", description: "marathon-lb's HAPROXY_0_VHOST." },
        },
      },
    },
    zk_path: { kind: "string", description: "ZooKeeper path of the Mesos masters (default /mesos)." },
    app_runner: {
      kind: "string",
      description: "Who runs the apps: marathon, or processes gantry starts on the agents.",
      allowed: ["marathon", "processes"],
    },
    // the record
    placement: { kind: "map", description: "Node name → host name, as placed (kept stable across plans)." },
    endpoints: { kind: "object", description: "Service endpoints: zookeeper, mesos, marathon, chronos, haproxy." },
    zookeeper_ids: { kind: "map", description: "Node name → ZooKeeper id (myid), kept stable across plans." },
    tasks: {
      kind: "map",
      description: "App task → { host, port } where gantry runs it in place of Marathon, kept stable across plans.",
    },
    failed_hosts: {
      kind: "map",
      description:
        "Host → why it was marked failed (lost, or replaced with -replace-host): left out of placement until " +
        "`gantry host readmit`.",
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
