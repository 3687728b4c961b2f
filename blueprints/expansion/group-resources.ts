// Stage "group resources": what each node needs (node-setup.ts), gathered per
// node group into one block per package, file and service, with one instance
// per node. Files wait for the group's packages, except APT sources, which
// the packages wait for; services wait for both.

import type { Origin } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import type { ResourceConfig, UpdatePolicy } from "../../planner/model.js";
import type { NodeGroup, Role } from "../blueprint.js";
import { fieldOrigin } from "../field-origin.js";
import { buildBlock, pathSlug } from "../generated-blocks.js";
import { nodeSetup, type NodeSetup } from "../node-setup.js";
import { checkPorts } from "../port-check.js";
import { zookeeperMajority } from "../services/zookeeper-generator.js";
import { hostOf, hostRoot, type ClusterInput } from "./cluster-input.js";
import type { ClusterTopology } from "./topology.js";

export interface GroupResources {
  group: NodeGroup;
  /** The group's nodes and what each needs. */
  nodes: NodeSetup[];
  packages: ResourceConfig[];
  files: ResourceConfig[];
  services: { block: ResourceConfig; role: Role }[];
}

/** Per node group with nodes, in the blueprint's order; undefined when a node cannot be planned or ports clash. */
export function groupResources(c: ClusterInput, topology: ClusterTopology): GroupResources[] | undefined {
  const plans = nodeSetups(c, topology);
  if (!plans) return undefined;
  checkPorts(c.resource, plans, c.blueprint, c.diags);
  if (c.diags.hasErrors) return undefined;
  const out: GroupResources[] = [];
  for (const [index, group] of c.blueprint.node_groups.entries()) {
    const nodes = plans.filter((p) => p.group.name === group.name);
    if (nodes.length) out.push(groupBlocks(c, group, index, nodes));
  }
  return out;
}

/** Every generated block of the groups, in order: per group its packages, files and services. */
export function groupBlockList(groups: GroupResources[]): ResourceConfig[] {
  return groups.flatMap((g) => [...g.packages, ...g.files, ...g.services.map((s) => s.block)]);
}

/** Keys of the service blocks per role, roles in the order they first appear. */
export function serviceKeysByRole(groups: GroupResources[]): Map<Role, string[]> {
  const out = new Map<Role, string[]>();
  for (const g of groups)
    for (const s of g.services) (out.get(s.role) ?? out.set(s.role, []).get(s.role)!).push(s.block.key);
  return out;
}

/** What each node needs; an error in one stops the expansion, naming node, group and host. */
function nodeSetups(c: ClusterInput, topology: ClusterTopology): NodeSetup[] | undefined {
  const bp = c.blueprint;
  const plans: NodeSetup[] = [];
  for (const p of topology.placements) {
    const h = hostOf(c, p);
    try {
      plans.push(nodeSetup(bp, c.distro, topology, p, c.groupByName.get(p.group)!, h, hostRoot(c, h)));
    } catch (e) {
      const index = bp.node_groups.findIndex((g) => g.name === p.group);
      const where = `node ${p.node} of group "${p.group}" on host ${h.name} (${h.address})`;
      c.diags.error(
        `cluster ${c.resource.name}: ${where}: ${(e as Error).message}`,
        fieldOrigin(c.resource, "node_groups", index),
      );
      return undefined;
    }
  }
  return plans;
}

/** What every block of a group shares: the cluster's hosts, the group's rolling update policy, its origin. */
interface GroupBlockSpec {
  /** "<cluster>_<group>": every block name starts with it. */
  prefix: string;
  hostBlock: string;
  updatePolicy: UpdatePolicy;
  origin: Origin;
}

/** Node name → that node's property values, per block. */
type Instances = Map<string, Record<string, Value>>;

function groupBlocks(c: ClusterInput, group: NodeGroup, index: number, nodes: NodeSetup[]): GroupResources {
  const r = c.resource;
  // a rolling update keeps a ZooKeeper (and replicated log) majority in service
  const quorate = group.roles.includes("zookeeper") || group.roles.includes("mesos_master");
  const spec: GroupBlockSpec = {
    prefix: `${r.name}_${group.name}`,
    hostBlock: r.name,
    updatePolicy: {
      group: `${r.name}/${group.name}`,
      maxBatchSize: group.max_batch_size ?? 1,
      minInService: group.min_in_service ?? (quorate ? zookeeperMajority(group.instances) : 0),
    },
    origin: fieldOrigin(r, "node_groups", index),
  };
  const packages = packageBlocks(spec, nodes);
  const files = fileBlocks(spec, nodes, packages);
  const services = serviceBlocks(spec, nodes, [...packages, ...files]);
  return { group, nodes, packages, files, services };
}

/** One block per package; a package waits for the packages it requires. */
function packageBlocks(spec: GroupBlockSpec, nodes: NodeSetup[]): ResourceConfig[] {
  const { prefix, ...common } = spec;
  const byName = new Map<string, { inst: Instances; requires: string[] }>();
  for (const np of nodes)
    for (const pk of np.packages) {
      const e = byName.get(pk.name) ?? { inst: new Map(), requires: pk.requires ?? [] };
      byName.set(pk.name, e);
      e.inst.set(np.placement.node, {
        host: np.host.name,
        name: pk.name,
        ...(pk.version ? { version: pk.version } : {}),
        if_unavailable: pk.ifUnavailable ?? "fail",
        requires_packages: pk.requires ?? [],
      });
    }
  const blockName = (pk: string) => `${prefix}_${pathSlug(pk)}`;
  return [...byName].map(([name, { inst, requires }]) =>
    buildBlock({
      type: "gantry_package",
      name: blockName(name),
      instances: inst,
      properties: [
        "name",
        ...([...inst.values()].every((v) => "version" in v) ? ["version"] : []),
        "if_unavailable",
        "requires_packages",
      ],
      dependsOn: requires.filter((pk) => byName.has(pk)).map((pk) => `gantry_package.${blockName(pk)}`),
      ...common,
    }),
  );
}

/** One block per path, by path; files wait for the packages, and the packages for the APT sources. */
function fileBlocks(spec: GroupBlockSpec, nodes: NodeSetup[], packages: ResourceConfig[]): ResourceConfig[] {
  const { prefix, ...common } = spec;
  const byPath = new Map<string, { inst: Instances; packageSource: boolean }>();
  for (const np of nodes)
    for (const f of np.files) {
      const e = byPath.get(f.path) ?? { inst: new Map(), packageSource: false };
      byPath.set(f.path, e);
      e.packageSource ||= f.packageSource === true;
      e.inst.set(np.placement.node, { host: np.host.name, path: f.path, content: f.content, mode: f.mode ?? "0644" });
    }
  const packageKeys = packages.map((b) => b.key);
  const files = [...byPath]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, { inst, packageSource }]) => {
      const block = buildBlock({
        type: "gantry_file",
        name: `${prefix}_${pathSlug(path)}`,
        instances: inst,
        properties: ["path", "content", "mode"],
        dependsOn: packageSource ? [] : packageKeys,
        ...common,
      });
      return { block, packageSource };
    });
  // package sources come before the packages they provide
  for (const source of files.filter((f) => f.packageSource))
    for (const pk of packages) pk.dependsOn.push({ ref: source.block.key, origin: source.block.origin });
  return files.map((f) => f.block);
}

/** One block per daemon, with the role it serves; a service waits for the group's packages and files. */
function serviceBlocks(spec: GroupBlockSpec, nodes: NodeSetup[], needs: ResourceConfig[]): GroupResources["services"] {
  const { prefix, ...common } = spec;
  const byName = new Map<string, { role: Role; inst: Instances }>();
  for (const np of nodes)
    for (const s of np.services) {
      const e = byName.get(s.name) ?? { role: s.role, inst: new Map() };
      byName.set(s.name, e);
      e.inst.set(np.placement.node, {
        host: np.host.name,
        name: s.name,
        command: s.command,
        args: s.args,
        environment: (s.environment ?? {}) as Value,
        ports: s.ports,
        health_check: (s.health_check ?? null) as Value,
        requires_packages: s.requires,
        restart_triggers: (s.restartTriggers ?? null) as Value,
      });
    }
  const dependsOn = needs.map((b) => b.key);
  return [...byName].map(([name, { role, inst }]) => ({
    role,
    block: buildBlock({
      type: "gantry_service",
      name: `${prefix}_${pathSlug(name)}`,
      instances: inst,
      properties: SERVICE_PROPERTIES,
      dependsOn,
      ...common,
    }),
  }));
}

const SERVICE_PROPERTIES = [
  "name",
  "command",
  "args",
  "environment",
  "ports",
  "health_check",
  "requires_packages",
  "restart_triggers",
];
