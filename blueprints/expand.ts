// Expands every `cluster` resource of a configuration into the primitive
// resources that bring its platform up: hosts, packages, configuration
// files and services per node, Marathon apps, Chronos jobs and HAProxy.
// The cluster's own address keeps a record (distro, placement, endpoints).
// Nothing downstream knows a resource came from a blueprint.

import { join } from "node:path";
import { DiagnosticBag, type Diagnostic, type Origin } from "../contract/diagnostics.js";
import { evaluate } from "../planner/expressions/evaluate.js";
import type { Expr } from "../planner/expressions/ast.js";
import type { Config, ResourceConfig } from "../planner/model.js";
import { ValueScope } from "../planner/scope.js";
import type { State } from "../planner/state.js";
import { containsUnknown, type Value } from "../contract/values.js";
import { zkConnectString, zkHosts, zookeeperMajority } from "../provider/services/zookeeper.js";
import { HAPROXY_CFG, HAPROXY_STATS_PORT } from "../provider/services/haproxy.js";
import type { Blueprint, InventoryHost, NodeGroup, Placement, Role } from "./blueprint.js";
import { distroManifest, type Distro } from "./distro-manifest.js";
import { buildBlock, literalBlock, pathSlug } from "./generated-blocks.js";
import { FRAMEWORK_PORTS, nodePlan, type ClusterTopology, type NodePlan } from "./node-plan.js";
import { place, PlacementError } from "./placement.js";
import { readBlueprint } from "./read-blueprint.js";
import { checkBlueprint } from "./check-blueprint.js";
import { previousPlacement, previousRecord, taskPlacement, zookeeperIds } from "./cluster-record.js";
import { checkPorts } from "./port-check.js";

export interface ExpandOptions {
  /** <config dir>/.gantry: local hosts' roots default to <dataDir>/hosts/<cluster>-<host>. */
  dataDir: string;
  /** The state, for the placement of the last apply (kept stable). */
  prior?: State;
}

export interface ExpandResult {
  config: Config;
  warnings: Diagnostic[];
}

/** Start order of roles: a service waits for every service of the roles before it. */
const ROLE_ORDER: Record<Role, number> = { zookeeper: 0, mesos_master: 1, mesos_docker: 2, mesos_slave: 3, mesos_marathon: 3, mesos_chronos: 3, haproxy: 4 };

export function expandBlueprints(config: Config, variables: Map<string, Value>, opts: ExpandOptions): ExpandResult {
  const clusters = [...config.resources.values()].filter((r) => r.type === "cluster");
  if (!clusters.length) return { config, warnings: [] };
  const diags = new DiagnosticBag();
  const resources = new Map(config.resources);
  const values = new ValueScope(config, variables, new Map(), () => undefined, true);
  for (const r of clusters) {
    const props: Record<string, Value> = {};
    for (const [k, p] of Object.entries(r.properties)) {
      try {
        const v = evaluate(p.value, values.scope());
        if (containsUnknown(v)) diags.error(`cluster ${r.name}: "${k}" must be known when planning; it may use variables and locals, not other resources' attributes`, p.origin);
        else props[k] = v;
      } catch (e) {
        diags.error(`cluster ${r.name}: invalid expression in "${k}": ${(e as Error).message}`, p.origin);
      }
    }
    if (diags.hasErrors) continue;
    const generated = expandCluster(r, props, opts, diags);
    if (!generated) continue;
    for (const block of generated) {
      if (block.key !== r.key && resources.has(block.key))
        diags.error(`cluster ${r.name} generates ${block.key}, which is also declared in the configuration`, resources.get(block.key)!.origin);
      resources.set(block.key, block);
    }
  }
  diags.throwIfErrors();
  return { config: { ...config, resources }, warnings: diags.items.filter((d) => d.severity === "warning") };
}

function fieldOrigin(r: ResourceConfig, field: string, ...rest: (string | number)[]): Origin {
  const base = r.properties[field]?.origin ?? r.origin;
  return { file: base.file, path: [...base.path, ...rest] };
}

function expandCluster(r: ResourceConfig, props: Record<string, Value>, opts: ExpandOptions, diags: DiagnosticBag): ResourceConfig[] | undefined {
  const before = diags.items.length;
  const bp = readBlueprint(r, props, diags);
  const manifest = distroManifest((bp.distros ?? []) as Partial<Distro>[]);
  const distro = manifest.find((d) => d.name === bp.distro.name && d.version === bp.distro.version);
  if (!distro && bp.distro.version)
    diags.error(
      `cluster ${r.name}: no distro "${bp.distro.name}" version "${bp.distro.version}" in the manifest`,
      fieldOrigin(r, "distro"),
      `Known: ${manifest.map((d) => `${d.name} ${d.version} (Mesos ${d.mesos}, Marathon ${d.marathon}, Chronos ${d.chronos})`).join("; ")}. Add your own under "distros".`,
    );
  if (diags.items.slice(before).some((d) => d.severity === "error") || !distro) return undefined;
  checkBlueprint(r, bp, diags);
  if (diags.items.slice(before).some((d) => d.severity === "error")) return undefined;

  const previous = previousPlacement(opts.prior, r.key);
  let placements: Placement[];
  try {
    placements = place({ groups: bp.node_groups, hosts: bp.hosts, previous });
  } catch (e) {
    if (!(e instanceof PlacementError)) throw e;
    diags.error(`cluster ${r.name}: cannot place node group "${e.group}" (${e.constraint})`, fieldOrigin(r, "node_groups", bp.node_groups.findIndex((g) => g.name === e.group)), e.message);
    return undefined;
  }
  const hostByName = new Map(bp.hosts.map((h) => [h.name, h]));
  const groupByName = new Map(bp.node_groups.map((g) => [g.name, g]));
  const hasRole = (p: Placement, role: Role) => groupByName.get(p.group)!.roles.includes(role);

  const zkNodes = placements.filter((p) => hasRole(p, "zookeeper"));
  const zkIdOf = zookeeperIds(zkNodes.map((p) => p.node), previousRecord(opts.prior, r.key, "zookeeper_ids"));
  const topo: ClusterTopology = {
    zookeeper: zkNodes.map((p) => ({ id: zkIdOf.get(p.node)!, address: hostByName.get(p.host)!.address })),
    zkIdOf,
    masters: placements.filter((p) => hasRole(p, "mesos_master")),
    marathons: placements.filter((p) => hasRole(p, "mesos_marathon")).map((p) => `http://${hostByName.get(p.host)!.address}:${FRAMEWORK_PORTS.marathon}`),
    chronoses: placements.filter((p) => hasRole(p, "mesos_chronos")).map((p) => `http://${hostByName.get(p.host)!.address}:${FRAMEWORK_PORTS.chronos}`),
  };
  const rootOf = (h: InventoryHost) => (h.driver === "local" ? (h.root ?? join(opts.dataDir, "hosts", `${r.name}-${h.name}`)) : "");
  let plans: NodePlan[];
  try {
    plans = placements.map((p) => {
      const h = hostByName.get(p.host)!;
      try {
        return nodePlan(bp, distro, topo, p, groupByName.get(p.group)!, h, rootOf(h));
      } catch (e) {
        throw new Error(`node ${p.node} of group "${p.group}" on host ${h.name} (${h.address}): ${(e as Error).message}`, { cause: bp.node_groups.findIndex((g) => g.name === p.group) });
      }
    });
  } catch (e) {
    const gi = typeof (e as Error).cause === "number" ? ((e as Error).cause as number) : undefined;
    diags.error(`cluster ${r.name}: ${(e as Error).message}`, gi !== undefined ? fieldOrigin(r, "node_groups", gi) : fieldOrigin(r, "node_groups"));
    return undefined;
  }
  checkPorts(r, plans, bp, diags);
  if (diags.items.slice(before).some((d) => d.severity === "error")) return undefined;

  const origin = r.origin;
  const hostBlock = r.name;
  const blocks: ResourceConfig[] = [];

  // hosts
  const used = [...new Set(placements.map((p) => p.host))].sort();
  blocks.push(
    buildBlock({
      type: "host",
      name: hostBlock,
      instances: new Map(
        used.map((n) => {
          const h = hostByName.get(n)!;
          return [n, { name: h.name, driver: h.driver, address: h.address, ...(h.driver === "local" ? { root: rootOf(h) } : {}), options: (h.options ?? null) as Value }];
        }),
      ),
      properties: ["name", "driver", "address", ...(used.some((n) => hostByName.get(n)!.driver === "local") ? ["root"] : []), "options"],
      origin: fieldOrigin(r, bp.hosts.length ? "hosts" : "host_pools"),
    }),
  );

  // per node group: packages, files, services
  const serviceBlocksByRole = new Map<Role, string[]>();
  const groupBlocks: { group: NodeGroup; services: { key: string; role: Role }[]; packages: string[] }[] = [];
  for (const [gi, group] of bp.node_groups.entries()) {
    const gPlans = plans.filter((p) => p.group.name === group.name);
    if (!gPlans.length) continue;
    const gOrigin = fieldOrigin(r, "node_groups", gi);
    const prefix = `${r.name}_${group.name}`;
    const majority = group.roles.includes("zookeeper") || group.roles.includes("mesos_master") ? zookeeperMajority(group.instances) : 0;
    const updatePolicy = {
      group: `${r.name}/${group.name}`,
      maxBatchSize: group.max_batch_size ?? 1,
      minInService: group.min_in_service ?? majority,
    };
    const packageKeys: string[] = [];
    const packageBlockOf = new Map<string, string>();
    const byName = new Map<string, { inst: Map<string, Record<string, Value>>; requires: string[] }>();
    for (const np of gPlans)
      for (const pk of np.packages) {
        const e = byName.get(pk.name) ?? byName.set(pk.name, { inst: new Map(), requires: pk.requires ?? [] }).get(pk.name)!;
        e.inst.set(np.placement.node, {
          host: np.host.name,
          name: pk.name,
          ...(pk.version ? { version: pk.version } : {}),
          if_unavailable: pk.ifUnavailable ?? "fail",
          requires_packages: pk.requires ?? [],
        });
      }
    for (const [name, { inst }] of byName) packageBlockOf.set(name, `package.${prefix}_${pathSlug(name)}`);
    for (const [name, { inst, requires }] of byName) {
      const block = buildBlock({
        type: "package",
        name: `${prefix}_${pathSlug(name)}`,
        instances: inst,
        properties: ["name", ...([...inst.values()].every((v) => "version" in v) ? ["version"] : []), "if_unavailable", "requires_packages"],
        hostBlock,
        dependsOn: requires.map((r) => packageBlockOf.get(r)).filter((k): k is string => !!k),
        updatePolicy,
        origin: gOrigin,
      });
      blocks.push(block);
      packageKeys.push(block.key);
    }
    const fileKeys: string[] = [];
    const byPath = new Map<string, Map<string, Record<string, Value>>>();
    for (const np of gPlans)
      for (const f of np.files) {
        const m = byPath.get(f.path) ?? byPath.set(f.path, new Map()).get(f.path)!;
        m.set(np.placement.node, { host: np.host.name, path: f.path, content: f.content, mode: f.mode ?? "0644" });
      }
    for (const [path, inst] of [...byPath].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const block = buildBlock({ type: "file", name: `${prefix}_${pathSlug(path)}`, instances: inst, properties: ["path", "content", "mode"], hostBlock, dependsOn: packageKeys, updatePolicy, origin: gOrigin });
      blocks.push(block);
      fileKeys.push(block.key);
    }
    // package sources come before the packages they provide
    for (const key of fileKeys.filter((k) => k.includes("_apt_sources_list_d_"))) {
      const src = blocks.find((b) => b.key === key)!;
      src.dependsOn = [];
      for (const pk of packageKeys) blocks.find((b) => b.key === pk)!.dependsOn.push({ ref: key, origin: src.origin });
    }
    const services: { key: string; role: Role }[] = [];
    const bySvc = new Map<string, { role: Role; inst: Map<string, Record<string, Value>> }>();
    for (const np of gPlans)
      for (const s of np.services) {
        const e = bySvc.get(s.name) ?? bySvc.set(s.name, { role: s.role, inst: new Map() }).get(s.name)!;
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
    for (const [svc, { role, inst }] of bySvc) {
      const block = buildBlock({
        type: "service",
        name: `${prefix}_${pathSlug(svc)}`,
        instances: inst,
        properties: ["name", "command", "args", "environment", "ports", "health_check", "requires_packages", "restart_triggers"],
        hostBlock,
        dependsOn: [...packageKeys, ...fileKeys],
        updatePolicy,
        origin: gOrigin,
      });
      blocks.push(block);
      services.push({ key: block.key, role });
      (serviceBlocksByRole.get(role) ?? serviceBlocksByRole.set(role, []).get(role)!).push(block.key);
    }
    groupBlocks.push({ group, services, packages: packageKeys });
  }
  // start order across roles: each service waits for the services of the roles before it
  const orders = [...new Set(Object.values(ROLE_ORDER))].sort((a, b) => a - b);
  const earlierLevel = (mine: number) => {
    const earlier = orders.filter((o) => o < mine && [...serviceBlocksByRole].some(([role]) => ROLE_ORDER[role] === o));
    return earlier.length ? earlier[earlier.length - 1] : undefined;
  };
  const dependOnLevel = (block: ResourceConfig, level: number) => {
    for (const [role, keys] of serviceBlocksByRole)
      if (ROLE_ORDER[role] === level) for (const k of keys) if (!block.dependsOn.some((d) => d.ref === k)) block.dependsOn.push({ ref: k, origin: block.origin });
  };
  for (const { services, packages } of groupBlocks) {
    for (const s of services) {
      const level = earlierLevel(ROLE_ORDER[s.role]);
      if (level !== undefined) dependOnLevel(blocks.find((b) => b.key === s.key)!, level);
    }
    // a group's packages (an upgrade) wait for the roles before its own, as its services do
    const first = Math.min(...services.map((s) => ROLE_ORDER[s.role]));
    const level = Number.isFinite(first) ? earlierLevel(first) : undefined;
    if (level !== undefined) for (const pk of packages) dependOnLevel(blocks.find((b) => b.key === pk)!, level);
  }

  // Apps and jobs: through Marathon's and Chronos' APIs, or — on local hosts, where those
  // daemons cannot run — apps as processes gantry starts and watches on the agents, in place of Marathon.
  const appKey = (id: string) => id.replace(/^\/+/, "");
  const appBlock = `${r.name}_apps`;
  const runner = bp.app_runner ?? (bp.hosts.every((h) => h.driver === "local") ? "processes" : "marathon");
  const agents = placements.filter((p) => hasRole(p, "mesos_slave"));
  // app tasks stay where they were placed (the record in state), as Marathon's would
  const previousTasks = previousRecord(opts.prior, r.key, "tasks") as Record<string, { host: string; port: number }>;
  const usedPorts = new Map<string, Set<number>>();
  const taskRecord: Record<string, { host: string; port: number }> = {};
  const appServiceBlocks: string[] = [];
  /** Per app: the tasks HAProxy routes to, as an expression. */
  const tasksOf = new Map<string, Expr>();
  if (bp.apps.length && runner === "marathon")
    blocks.push(
      buildBlock({
        type: "marathon_app",
        name: appBlock,
        instances: new Map(bp.apps.map((a) => [appKey(String(a.id)), { endpoints: topo.marathons, definition: a as Value }])),
        properties: ["endpoints", "definition"],
        dependsOn: serviceBlocksByRole.get("mesos_marathon") ?? [],
        origin: fieldOrigin(r, "apps"),
      }),
    );
  if (runner === "marathon")
    for (const a of bp.apps)
      tasksOf.set(String(a.id), {
        k: "ref",
        root: "marathon_app",
        steps: [{ k: "attr", name: appBlock }, { k: "index", index: { k: "lit", v: appKey(String(a.id)) } }, { k: "attr", name: "tasks" }],
        text: `marathon_app.${appBlock}["${appKey(String(a.id))}"].tasks`,
      });
  if (bp.apps.length && runner === "processes") {
    diags.warning(
      `cluster ${r.name}: apps run as processes that gantry starts and watches on the agent hosts, in place of Marathon (apply or reconcile restarts one that died)`,
      fieldOrigin(r, "apps"),
      "Marathon cannot run on local hosts (its package is not in the repositories this machine reaches), so gantry starts each app instance itself, with Marathon's PORT0/PORT/HOST environment, and HAProxy routes to those processes.",
    );
    bp.apps.forEach((a, ai) => {
      const id = String(a.id);
      const count = typeof a.instances === "number" ? a.instances : 1;
      if (typeof a.cmd !== "string") {
        diags.warning(`cluster ${r.name}: app ${id} is not started: it has no "cmd" (a Docker image needs a Docker engine, which local hosts do not have)`, fieldOrigin(r, "apps", ai));
        return;
      }
      if (!agents.length) return;
      if (count > 100) diags.error(`cluster ${r.name}: app ${id} asks for ${count} instances; gantry runs at most 100 per app as processes`, fieldOrigin(r, "apps", ai, "instances"));
      const hc = Array.isArray(a.healthChecks) ? (a.healthChecks as { protocol?: string; path?: string; portIndex?: number }[])[0] : undefined;
      const inst = new Map<string, Record<string, Value>>();
      const tasks: Value[] = [];
      const names = Array.from({ length: count }, (_, k) => `${appKey(id).replace(/\//g, "_")}-${k + 1}`);
      for (const [task, where] of taskPlacement(names, agents.map((p) => p.host), previousTasks, usedPorts)) {
        const h = hostByName.get(where.host)!;
        const port = where.port;
        taskRecord[task] = where;
        tasks.push({ host: h.address, port });
        inst.set(task, {
          host: h.name,
          name: `app-${task}`,
          command: "/bin/sh",
          args: ["-c", a.cmd],
          environment: { PORT0: String(port), PORT: String(port), PORTS: String(port), HOST: h.address, MARATHON_APP_ID: id, MESOS_TASK_ID: task },
          ports: [port],
          health_check: (hc?.protocol === "HTTP" ? { type: "http", port, path: hc.path ?? "/" } : { type: "tcp", port }) as Value,
        });
      }
      blocks.push(
        buildBlock({
          type: "service",
          name: `${r.name}_app_${pathSlug(appKey(id))}`,
          instances: inst,
          properties: ["name", "command", "args", "environment", "ports", "health_check"],
          hostBlock,
          // apps start after the agents and frameworks they would run on
          dependsOn: [...(serviceBlocksByRole.get("mesos_slave") ?? []), ...(serviceBlocksByRole.get("mesos_marathon") ?? [])],
          origin: fieldOrigin(r, "apps", ai),
        }),
      );
      appServiceBlocks.push(`service.${r.name}_app_${pathSlug(appKey(id))}`);
      tasksOf.set(id, { k: "lit", v: tasks });
    });
  }
  if (bp.jobs.length && runner === "processes")
    diags.warning(
      `cluster ${r.name}: ${bp.jobs.length} Chronos job(s) are not scheduled: Chronos cannot run on local hosts`,
      fieldOrigin(r, "jobs"),
      "The jobs stay in the blueprint and are scheduled through Chronos' API where a Chronos is reachable (hosts that are not local).",
    );
  if (bp.jobs.length && runner === "marathon")
    blocks.push(
      buildBlock({
        type: "chronos_job",
        name: `${r.name}_jobs`,
        instances: new Map(bp.jobs.map((j) => [j.name, { endpoints: topo.chronoses, api_prefix: distro.chronos_api_prefix, job: j as unknown as Value }])),
        properties: ["endpoints", "api_prefix", "job"],
        dependsOn: serviceBlocksByRole.get("mesos_chronos") ?? [],
        origin: fieldOrigin(r, "jobs"),
      }),
    );

  // HAProxy: configuration from the apps' tasks, reloaded only when it changes
  const lbPlans = plans.filter((p) => p.group.roles.includes("haproxy"));
  for (const group of bp.node_groups.filter((g) => g.roles.includes("haproxy"))) {
    const gPlans = lbPlans.filter((p) => p.group.name === group.name);
    if (!gPlans.length) continue;
    const gOrigin = fieldOrigin(r, "node_groups", bp.node_groups.indexOf(group));
    const cfgBlock = `${r.name}_${group.name}_haproxy_cfg`;
    const appsExpr: Expr = {
      k: "list",
      items: bp.routes.map((route) => {
        const def = bp.apps.find((a) => a.id === route.app)!;
        const hc = Array.isArray(def.healthChecks) ? (def.healthChecks as { protocol?: string; path?: string }[]).find((h) => h.protocol === "HTTP" && h.path) : undefined;
        const entries: Record<string, Expr> = {
          id: { k: "lit", v: String(def.id) },
          service_port: { k: "lit", v: route.service_port },
          mode: { k: "lit", v: route.mode },
          tasks: tasksOf.get(String(def.id)) ?? { k: "lit", v: [] },
        };
        if (hc?.path && route.mode === "http") entries.health_check_path = { k: "lit", v: hc.path };
        if (route.vhost) entries.vhost = { k: "lit", v: route.vhost };
        return { k: "map", entries };
      }),
    };
    const cfg = buildBlock({
      type: "haproxy_config",
      name: cfgBlock,
      instances: new Map(gPlans.map((p) => [p.placement.node, { host: p.host.name, path: HAPROXY_CFG, bind_address: p.host.address, stats_bind_address: p.host.address, log: "stdout" }])),
      properties: ["path", "bind_address", "stats_bind_address", "log"],
      hostBlock,
      // routes come after the apps: new tasks are running before HAProxy sends them traffic, and
      // (deletes wait for what depended on them) HAProxy lets go of old tasks before they stop
      dependsOn: [...blocks.filter((b) => b.type === "package" && b.name.startsWith(`${r.name}_${group.name}_`)).map((b) => b.key), ...appServiceBlocks],
      origin: gOrigin,
    });
    cfg.properties.apps = { value: appsExpr, origin: fieldOrigin(r, "routes") };
    blocks.push(cfg);
    const svc = blocks.find((b) => b.type === "service" && b.name === `${r.name}_${group.name}_haproxy`);
    if (svc) {
      svc.properties.reload_triggers = {
        value: { k: "ref", root: "haproxy_config", steps: [{ k: "attr", name: cfgBlock }, { k: "index", index: { k: "ref", root: "each", steps: [{ k: "attr", name: "key" }], text: "each.key" } }, { k: "attr", name: "sha256" }], text: `haproxy_config.${cfgBlock}[each.key].sha256` },
        origin: gOrigin,
      };
      svc.properties.reload_signal = { value: { k: "lit", v: "SIGUSR2" }, origin: gOrigin };
      svc.dependsOn.push({ ref: cfg.key, origin: gOrigin });
    }
  }

  // the cluster's own record
  const stats = lbPlans.map((p) => `http://${p.host.address}:${HAPROXY_STATS_PORT}/haproxy?stats`);
  blocks.push(
    literalBlock(
      "cluster",
      r.name,
      {
        distro: distro as unknown as Value,
        placement: Object.fromEntries(placements.map((p) => [p.node, p.host])),
        zookeeper_ids: Object.fromEntries(zkIdOf) as Value,
        tasks: taskRecord as unknown as Value,
        endpoints: {
          zookeeper: topo.zookeeper.length ? zkHosts(topo.zookeeper) : null,
          mesos: topo.zookeeper.length && topo.masters.length ? zkConnectString(topo.zookeeper, bp.zk_path) : null,
          mesos_masters: topo.masters.map((p) => `http://${hostByName.get(p.host)!.address}:5050`),
          marathon: topo.marathons,
          chronos: topo.chronoses,
          haproxy_stats: stats,
          routes: bp.routes.flatMap((route) => lbPlans.map((p) => `${route.mode}://${p.host.address}:${route.service_port}${route.mode === "http" ? "/" : ""}`)),
        },
      },
      r.origin,
    ),
  );
  return blocks;
}
