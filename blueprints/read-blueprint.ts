// Reads a `cluster` resource's properties into a Blueprint, checking every
// field and pointing errors at the exact field in the source.

import type { DiagnosticBag, Origin } from "../contract/diagnostics.js";
import type { ResourceConfig } from "../planner/model.js";
import { typeName, type Value } from "../contract/values.js";
import {
  INSTANCE_TYPES,
  ROLES,
  ROLE_ALIASES,
  type Blueprint,
  type ChronosJob,
  type GroupAssociation,
  type InventoryHost,
  type NodeGroup,
  type PlacementPolicy,
  type Role,
  type Route,
} from "./blueprint.js";
import { hostPoolHosts } from "./host-pool.js";

type Obj = { [k: string]: Value };
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** The fields a cluster takes (provider/types/cluster.ts declares each in its schema). */
export const KNOWN_FIELDS = [
  "distro",
  "distros",
  "hosts",
  "host_pools",
  "node_groups",
  "apps",
  "jobs",
  "routes",
  "zk_path",
  "app_runner",
];

/** Reads and checks a blueprint; problems go to `diags` located at their field. */
export function readBlueprint(r: ResourceConfig, props: Record<string, Value>, diags: DiagnosticBag): Blueprint {
  const at = (field: string, ...rest: (string | number)[]): Origin => {
    const base = r.properties[field]?.origin ?? r.origin;
    return rest.length ? { file: base.file, path: [...base.path, ...rest] } : base;
  };
  const err = (o: Origin, msg: string, detail?: string) => diags.error(`cluster ${r.name}: ${msg}`, o, detail);

  for (const k of Object.keys(props))
    if (!KNOWN_FIELDS.includes(k)) err(at(k), `unknown field "${k}"`, `A cluster takes: ${KNOWN_FIELDS.join(", ")}.`);

  // distro
  let distro = { name: "mesos", version: "" };
  const d = props.distro;
  if (typeof d === "string") distro = { name: "mesos", version: d };
  else if (isObj(d) && typeof d.version === "string")
    distro = { name: typeof d.name === "string" ? d.name : "mesos", version: d.version };
  else
    err(
      at("distro"),
      `"distro" must be { name, version } (e.g. { name: mesos, version: "1.0.1" }), got ${typeName(d ?? null)}`,
    );

  // hosts
  const hosts: InventoryHost[] = [];
  const rawHosts = props.hosts ?? [];
  if (!Array.isArray(rawHosts)) err(at("hosts"), `"hosts" must be a list of hosts, got ${typeName(rawHosts)}`);
  else
    rawHosts.forEach((h, i) => {
      if (!isObj(h)) return err(at("hosts", i), `hosts[${i}] must be a map with name, address, cpus, memory_mb`);
      const name = h.name;
      const address = h.address;
      const badName = typeof name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name);
      if (badName) err(at("hosts", i, "name"), `hosts[${i}].name must be a host name (letters, digits, ".", "_", "-")`);
      const badAddress = typeof address !== "string" || !/^\d+\.\d+\.\d+\.\d+$/.test(address);
      if (badAddress) err(at("hosts", i, "address"), `hosts[${i}].address must be an IPv4 address`);
      for (const f of ["cpus", "memory_mb"] as const)
        if (typeof h[f] !== "number" || (h[f] as number) <= 0)
          err(at("hosts", i, f), `hosts[${i}].${f} must be a positive number`);
      // a host without a name or address is reported above; the checks below see only hosts they can name
      if (badName || badAddress) return;
      hosts.push({
        name: String(name),
        address: String(address),
        driver: typeof h.driver === "string" ? h.driver : "local",
        cpus: Number(h.cpus),
        memory_mb: Number(h.memory_mb),
        ...(typeof h.rack === "string" ? { rack: h.rack } : {}),
        ...(isObj(h.options) ? { options: h.options } : {}),
        ...(typeof h.root === "string" ? { root: h.root } : {}),
      });
    });
  if (Array.isArray(props.host_pools))
    props.host_pools.forEach((p, i) => {
      const made = hostPoolHosts(p, (msg, ...path) => err(at("host_pools", i, ...path), `host_pools[${i}]: ${msg}`));
      hosts.push(...made);
    });
  else if (props.host_pools !== undefined) err(at("host_pools"), `"host_pools" must be a list`);
  const seen = new Map<string, number>();
  hosts.forEach((h, i) => {
    if (seen.has(h.name)) err(at("hosts", i, "name"), `host name "${h.name}" is used twice`);
    seen.set(h.name, i);
  });
  const addrSeen = new Map<string, string>();
  for (const h of hosts) {
    if (addrSeen.has(h.address))
      err(at("hosts"), `hosts ${addrSeen.get(h.address)} and ${h.name} have the same address ${h.address}`);
    addrSeen.set(h.address, h.name);
  }
  if (!hosts.length) err(at("hosts"), "a cluster needs at least one host (hosts or host_pools)");

  // node groups
  const groups: NodeGroup[] = [];
  const rawGroups = props.node_groups;
  if (!Array.isArray(rawGroups) || !rawGroups.length)
    err(at("node_groups"), `"node_groups" must be a non-empty list of node groups`);
  else
    rawGroups.forEach((g, i) => {
      const o = (...p: (string | number)[]) => at("node_groups", i, ...p);
      if (!isObj(g)) return err(o(), `node_groups[${i}] must be a map`);
      const name = typeof g.name === "string" ? g.name : "";
      if (!/^[a-z][a-z0-9_]*$/.test(name))
        err(
          o("name"),
          `node_groups[${i}].name must be lower-case letters, digits and "_" (it names nodes "<group>-<n>")`,
        );
      if (groups.some((x) => x.name === name)) err(o("name"), `node group "${name}" is declared twice`);
      const roles: Role[] = [];
      if (!Array.isArray(g.roles) || !g.roles.length) err(o("roles"), `node group "${name}" needs a list of roles`);
      else
        g.roles.forEach((role, j) => {
          const canon = typeof role === "string" ? (ROLE_ALIASES[role] ?? role) : "";
          if (!(ROLES as readonly string[]).includes(canon))
            err(
              o("roles", j),
              typeof role === "string"
                ? `unknown role "${role}" in node group "${name}"`
                : `a role must be a name, got ${JSON.stringify(role) ?? typeof role} in node group "${name}"`,
              `Known roles: ${ROLES.join(", ")} (mesos_agent is an alias of mesos_slave).`,
            );
          else if (!roles.includes(canon as Role)) roles.push(canon as Role);
        });
      const instances = g.instances;
      if (typeof instances !== "number" || !Number.isInteger(instances) || instances < 0)
        err(o("instances"), `"instances" of node group "${name}" must be a whole number >= 0`);
      let cpus = typeof g.cpus === "number" ? g.cpus : undefined;
      let memory = typeof g.memory_mb === "number" ? g.memory_mb : undefined;
      const it = g.instance_type;
      if (it !== undefined) {
        if (typeof it !== "string" || !(it in INSTANCE_TYPES))
          err(
            o("instance_type"),
            `instance_type of node group "${name}" must be one of ${Object.keys(INSTANCE_TYPES).join(", ")}`,
          );
        else {
          cpus ??= INSTANCE_TYPES[it as keyof typeof INSTANCE_TYPES].cpus;
          memory ??= INSTANCE_TYPES[it as keyof typeof INSTANCE_TYPES].memory_mb;
        }
      }
      if (cpus === undefined || memory === undefined)
        err(o(), `node group "${name}" needs instance_type or both cpus and memory_mb`);
      const ha = g.ha === true || g.ha === "on" || g.ha === "ft";
      const placement = readPlacement(g.placement, (msg, ...p) =>
        err(o("placement", ...p), `node group "${name}": ${msg}`),
      );
      const num = (f: string, min: number) => {
        const v = g[f];
        if (v === undefined) return undefined;
        if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
          err(o(f), `${f} of node group "${name}" must be a whole number >= ${min}`);
          return undefined;
        }
        return v;
      };
      const configuration: NodeGroup["configuration"] = {};
      if (g.configuration !== undefined) {
        if (!isObj(g.configuration))
          err(o("configuration"), `configuration of node group "${name}" must be a map of service → flags`);
        else
          for (const [svc, flags] of Object.entries(g.configuration))
            if (isObj(flags)) configuration[svc] = flags;
            else err(o("configuration", svc), `configuration.${svc} must be a map of flag → value`);
      }
      groups.push({
        name,
        roles,
        instances: typeof instances === "number" ? instances : 0,
        ...(typeof it === "string" && it in INSTANCE_TYPES ? { instance_type: it as keyof typeof INSTANCE_TYPES } : {}),
        cpus: cpus ?? 1,
        memory_mb: memory ?? 1,
        ha,
        placement,
        max_batch_size: num("max_batch_size", 1),
        min_in_service: num("min_in_service", 0),
        configuration,
      });
    });
  for (const [i, g] of groups.entries())
    for (const a of g.placement.group_associations ?? [])
      if (!groups.some((x) => x.name === a.reference))
        err(
          at("node_groups", i, "placement", "group_associations"),
          `node group "${g.name}" is associated with unknown group "${a.reference}"`,
        );

  // apps, jobs, routes
  const apps: Record<string, unknown>[] = [];
  if (props.apps !== undefined && !Array.isArray(props.apps))
    err(at("apps"), `"apps" must be a list of Marathon app definitions`);
  else
    (props.apps ?? []).forEach((a: Value, i: number) => {
      if (!isObj(a) || typeof a.id !== "string")
        return err(at("apps", i), `apps[${i}] must be a Marathon app definition with an "id"`);
      if (apps.some((x) => x.id === a.id)) err(at("apps", i, "id"), `app "${a.id}" is declared twice`);
      apps.push(a);
    });
  const jobs: ChronosJob[] = [];
  if (props.jobs !== undefined && !Array.isArray(props.jobs)) err(at("jobs"), `"jobs" must be a list of Chronos jobs`);
  else
    (props.jobs ?? []).forEach((j: Value, i: number) => {
      if (!isObj(j) || typeof j.name !== "string" || typeof j.command !== "string")
        return err(at("jobs", i), `jobs[${i}] must have a "name" and a "command"`);
      if (j.schedule === undefined && !Array.isArray(j.parents))
        err(at("jobs", i), `job "${j.name}" needs a "schedule" (ISO 8601 repeating interval) or "parents"`);
      jobs.push(j as unknown as ChronosJob);
    });
  const routes: Route[] = [];
  if (props.routes !== undefined && !Array.isArray(props.routes))
    err(at("routes"), `"routes" must be a list of { app, service_port, mode }`);
  else
    (props.routes ?? []).forEach((x: Value, i: number) => {
      if (!isObj(x) || typeof x.app !== "string" || typeof x.service_port !== "number")
        return err(at("routes", i), `routes[${i}] must be { app, service_port, mode }`);
      if (!apps.some((a) => a.id === x.app))
        err(
          at("routes", i, "app"),
          `route to unknown app "${x.app}"`,
          `Apps: ${apps.map((a) => a.id).join(", ") || "none"}.`,
        );
      const mode = x.mode ?? "http";
      if (mode !== "http" && mode !== "tcp") err(at("routes", i, "mode"), `route mode must be "http" or "tcp"`);
      routes.push({
        app: x.app,
        service_port: x.service_port,
        mode: mode as "http" | "tcp",
        ...(typeof x.vhost === "string" ? { vhost: x.vhost } : {}),
      });
    });

  if (props.app_runner !== undefined && props.app_runner !== "marathon" && props.app_runner !== "processes")
    err(at("app_runner"), `app_runner must be "marathon" or "processes"`);
  const zk_path = typeof props.zk_path === "string" ? props.zk_path : "/mesos";
  if (!zk_path.startsWith("/")) err(at("zk_path"), `zk_path must start with "/"`);
  return {
    name: r.name,
    distro,
    hosts,
    node_groups: groups,
    apps,
    jobs,
    routes,
    zk_path,
    ...(props.app_runner === "marathon" || props.app_runner === "processes" ? { app_runner: props.app_runner } : {}),
    ...(Array.isArray(props.distros) ? { distros: props.distros } : {}),
  };
}

function readPlacement(
  v: Value | undefined,
  err: (msg: string, ...path: (string | number)[]) => void,
): PlacementPolicy {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) {
    err("placement must be a map with instance_per_host, group_racks, group_associations");
    return {};
  }
  const out: PlacementPolicy = {};
  for (const k of Object.keys(v))
    if (!["instance_per_host", "group_racks", "group_associations"].includes(k))
      err(`unknown placement field "${k}"`, k);
  if (v.instance_per_host !== undefined) {
    if (typeof v.instance_per_host !== "number" || !Number.isInteger(v.instance_per_host) || v.instance_per_host < 1)
      err("instance_per_host must be a whole number >= 1", "instance_per_host");
    else out.instance_per_host = v.instance_per_host;
  }
  const gr = v.group_racks;
  if (gr !== undefined) {
    if (
      !isObj(gr) ||
      (gr.type !== "ROUNDROBIN" && gr.type !== "SAMERACK") ||
      !Array.isArray(gr.racks) ||
      !gr.racks.every((x) => typeof x === "string")
    )
      err("group_racks must be { type: ROUNDROBIN | SAMERACK, racks: [names] }", "group_racks");
    else out.group_racks = { type: gr.type, racks: gr.racks as string[] };
  }
  const ga = v.group_associations;
  if (ga !== undefined) {
    if (!Array.isArray(ga)) err("group_associations must be a list of { reference, type }", "group_associations");
    else {
      const list: GroupAssociation[] = [];
      ga.forEach((a, i) => {
        if (
          !isObj(a) ||
          typeof a.reference !== "string" ||
          (a.type !== undefined && a.type !== "STRICT" && a.type !== "WEAK")
        )
          err("each group association must be { reference: <group>, type: STRICT | WEAK }", "group_associations", i);
        else list.push({ reference: a.reference, type: (a.type as "STRICT" | "WEAK") ?? "WEAK" });
      });
      out.group_associations = list;
    }
  }
  return out;
}
