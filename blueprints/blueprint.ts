// A cluster blueprint: the properties of a `cluster` resource. Operators
// describe a whole Mesos platform as node groups with roles (as VMware Big
// Data Extensions did); gantry places the groups on hosts and expands them
// into primitive resources.

export const ROLES = [
  "zookeeper",
  "mesos_master",
  "mesos_slave",
  "mesos_docker",
  "mesos_marathon",
  "mesos_chronos",
  "haproxy",
] as const;
export type Role = (typeof ROLES)[number];
/** Accepted spellings that mean a canonical role. */
export const ROLE_ALIASES: Record<string, Role> = { mesos_agent: "mesos_slave" };

export const INSTANCE_TYPES = {
  SMALL: { cpus: 1, memory_mb: 3748 },
  MEDIUM: { cpus: 2, memory_mb: 7500 },
  LARGE: { cpus: 4, memory_mb: 15000 },
  EXTRA_LARGE: { cpus: 8, memory_mb: 30000 },
} as const;
export type InstanceType = keyof typeof INSTANCE_TYPES;

export interface InventoryHost {
  name: string;
  /** IPv4 address the host's services bind and others reach it at. */
  address: string;
  /** Host driver: "local" | "sim" (later "ssh"). */
  driver: string;
  cpus: number;
  memory_mb: number;
  /** Rack or fault domain. */
  rack?: string;
  /** Driver options (sim: latency_ms ...). */
  options?: Record<string, unknown>;
  /** local: root directory (default under the data dir). */
  root?: string;
}

/** A generated inventory: `count` hosts named `<prefix><n>` (n from 1). */
export interface HostPool {
  driver: string;
  count: number;
  prefix: string;
  cpus: number;
  memory_mb: number;
  /** Racks assigned round-robin. */
  racks?: string[];
  /** First address; following hosts take the next addresses (local: a /16 of loopback). */
  address_start: string;
  options?: Record<string, unknown>;
}

export interface GroupRacks {
  type: "ROUNDROBIN" | "SAMERACK";
  racks: string[];
}

export interface GroupAssociation {
  /** Name of another node group. */
  reference: string;
  /** STRICT: only on hosts that carry an instance of the referenced group; WEAK: prefer them. */
  type: "STRICT" | "WEAK";
}

export interface PlacementPolicy {
  /** Exactly this many of the group's instances on each host used (BDE's instancePerHost). */
  instance_per_host?: number;
  group_racks?: GroupRacks;
  group_associations?: GroupAssociation[];
}

export interface NodeGroup {
  name: string;
  roles: Role[];
  instances: number;
  instance_type?: InstanceType;
  cpus: number;
  memory_mb: number;
  ha: boolean;
  placement: PlacementPolicy;
  /** Rolling upgrades: how many instances change at once, and how many stay in service. */
  max_batch_size?: number;
  min_in_service?: number;
  /** Per-group service configuration overrides: { "<service>": { "<flag>": value } }. */
  configuration: Record<string, Record<string, unknown>>;
}

/** Where a Marathon app's service port is exposed by HAProxy. */
export interface Route {
  app: string;
  service_port: number;
  /** http (default) or tcp. */
  mode: "http" | "tcp";
  /** marathon-lb's HAPROXY_0_VHOST. */
  vhost?: string;
}

export interface ChronosJob {
  name: string;
  command: string;
  schedule?: string;
  parents?: string[];
  [field: string]: unknown;
}

export interface DistroSelection {
  name: string;
  version: string;
}

export interface Blueprint {
  /** The cluster resource's name: prefix of every generated resource. */
  name: string;
  distro: DistroSelection;
  hosts: InventoryHost[];
  node_groups: NodeGroup[];
  /** Marathon app definitions (validated against Marathon's official schema). */
  apps: Record<string, unknown>[];
  jobs: ChronosJob[];
  routes: Route[];
  /** ZooKeeper path for Mesos (default /mesos). */
  zk_path: string;
  /**
   * How apps run: through Marathon's API, or as processes gantry starts and watches on the agents
   * (the default on local hosts, where Marathon cannot run).
   */
  app_runner?: "marathon" | "processes";
  /** Distro entries added or overridden by the user (see distro-manifest.ts). */
  distros?: unknown[];
}

/** One placed instance of a node group. */
export interface Placement {
  group: string;
  /** 1-based index inside the group (stable: growing adds higher indexes). */
  index: number;
  /** "<group>-<index>" */
  node: string;
  host: string;
}
