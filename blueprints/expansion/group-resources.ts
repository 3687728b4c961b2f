// Stage "group resources": what each node needs (node-plan.ts), gathered per
// node group into one block per package, file and service, with one instance
// per node. Files wait for the group's packages, except APT sources, which
// the packages wait for; services wait for both.

import type { Value } from "../../contract/values.js";
import type { ResourceConfig, UpdatePolicy } from "../../planner/model.js";
import type { NodeGroup, Role } from "../blueprint.js";
import { fieldOrigin } from "../field-origin.js";
import { buildBlock, pathSlug } from "../generated-blocks.js";
import { nodePlan, type NodePlan } from "../node-plan.js";
import { checkPorts } from "../port-check.js";
import { zookeeperMajority } from "../services/zookeeper-generator.js";
import { hostOf, hostRoot, type ClusterInput } from "./cluster-input.js";
import type { ClusterTopology } from "./topology.js";

export interface GroupResources {
  group: NodeGroup;
  /** The group's nodes and what each needs. */
  nodes: NodePlan[];
  packages: ResourceConfig[];
  files: ResourceConfig[];
  services: { block: ResourceConfig; role: Role }[];
}

/** Per node group with nodes, in the blueprint's order; undefined when a node cannot be planned or ports clash. */
export function groupResources(c: ClusterInput, topology: ClusterTopology): GroupResources[] | undefined {
  const plans = nodePlans(c, topology);
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
function nodePlans(c: ClusterInput, topology: ClusterTopology): NodePlan[] | undefined {
  const bp = c.blueprint;
  const plans: NodePlan[] = [];
  for (const p of topology.placements) {
    const h = hostOf(c, p);
    try {
      plans.push(nodePlan(bp, c.distro, topology, p, c.groupByName.get(p.group)!, h, hostRoot(c, h)));
    } catch (e) {
      const index = bp.node_groups.findIndex((g) => g.name === p.group);
      const where = `node ${p.node} of group "${p.group}" on host ${h.name} (${h.address})`;
      c.diags.error(`cluster ${c.resource.name}: ${where}: ${(e as Error).message}`, fieldOrigin(c.resource, "node_groups", index));
      return undefined;
    }
  }
  return plans;
}

function groupBlocks(c: ClusterInput, group: NodeGroup, index: number, nodes: NodePlan[]): GroupResources {
  const r = c.resource;
  const origin = fieldOrigin(r, "node_groups", index);
  const prefix = `${r.name}_${group.name}`;
  // a rolling update keeps a ZooKeeper (and replicated log) majority in service
  const quorate = group.roles.includes("zookeeper") || group.roles.includes("mesos_master");
  const updatePolicy: UpdatePolicy = {
    group: `${r.name}/${group.name}`,
    maxBatchSize: group.max_batch_size ?? 1,
    minInService: group.min_in_service ?? (quorate ? zookeeperMajority(group.instances) : 0),
  };
  const common = { hostBlock: r.name, updatePolicy, origin };

  const packageInstances = new Map<string, { inst: Map<string, Record<string, Value>>; requires: string[] }>();
  for (const np of nodes)
    for (const pk of np.packages) {
      const e = packageInstances.get(pk.name) ?? { inst: new Map(), requires: pk.requires ?? [] };
      packageInstances.set(pk.name, e);
      e.inst.set(np.placement.node, {
        host: np.host.name,
        name: pk.name,
        ...(pk.version ? { version: pk.version } : {}),
        if_unavailable: pk.ifUnavailable ?? "fail",
        requires_packages: pk.requires ?? [],
      });
    }
  const packageKey = (name: string) => `package.${prefix}_${pathSlug(name)}`;
  const packages = [...packageInstances].map(([name, { inst, requires }]) =>
    buildBlock({
      type: "package",
      name: `${prefix}_${pathSlug(name)}`,
      instances: inst,
      properties: ["name", ...([...inst.values()].every((v) => "version" in v) ? ["version"] : []), "if_unavailable", "requires_packages"],
      dependsOn: requires.filter((p) => packageInstances.has(p)).map(packageKey),
      ...common,
    }),
  );
  const packageKeys = packages.map((b) => b.key);

  const fileInstances = new Map<string, { inst: Map<string, Record<string, Value>>; packageSource: boolean }>();
  for (const np of nodes)
    for (const f of np.files) {
      const e = fileInstances.get(f.path) ?? { inst: new Map(), packageSource: false };
      fileInstances.set(f.path, e);
      e.packageSource ||= f.packageSource === true;
      e.inst.set(np.placement.node, { host: np.host.name, path: f.path, content: f.content, mode: f.mode ?? "0644" });
    }
  const files = [...fileInstances]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, { inst, packageSource }]) => {
      const block = buildBlock({
        type: "file",
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
  const fileKeys = files.map((f) => f.block.key);

  const serviceInstances = new Map<string, { role: Role; inst: Map<string, Record<string, Value>> }>();
  for (const np of nodes)
    for (const s of np.services) {
      const e = serviceInstances.get(s.name) ?? { role: s.role, inst: new Map() };
      serviceInstances.set(s.name, e);
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
  const services = [...serviceInstances].map(([name, { role, inst }]) => ({
    role,
    block: buildBlock({
      type: "service",
      name: `${prefix}_${pathSlug(name)}`,
      instances: inst,
      properties: ["name", "command", "args", "environment", "ports", "health_check", "requires_packages", "restart_triggers"],
      dependsOn: [...packageKeys, ...fileKeys],
      ...common,
    }),
  }));
  return { group, nodes, packages, files: files.map((f) => f.block), services };
}
