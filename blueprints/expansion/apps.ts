// Stage "apps": Marathon apps and Chronos jobs, through Marathon's and
// Chronos' APIs, or (on local hosts, where those daemons cannot run) each app
// instance as a process gantry starts and watches on an agent, in place of
// Marathon, with Marathon's PORT0/PORT/HOST environment.

import type { Value } from "../../contract/values.js";
import type { Expr } from "../../planner/expressions/ast.js";
import type { ResourceConfig, UpdatePolicy } from "../../planner/model.js";
import { taskPlacement, type TaskPlace } from "../cluster-record.js";
import {
  HAPROXY_ADMIN_SOCKET,
  marathonLbBackendName,
  marathonLbServerName,
} from "../../provider/formats/haproxy-cfg.js";
import { at, list, lit, map, ref } from "../expression-builders.js";
import { fieldOrigin } from "../field-origin.js";
import { buildBlock, pathSlug } from "../generated-blocks.js";
import type { ClusterInput } from "./cluster-input.js";
import { serviceKeysByRole, type GroupResources } from "./group-resources.js";
import type { ClusterTopology } from "./topology.js";

export interface AppResources {
  /** marathon_app and chronos_job blocks, or one service block per app run as processes. */
  blocks: ResourceConfig[];
  /** Per app id: the tasks HAProxy routes to, as an expression. */
  tasksOf: Map<string, Expr>;
  /** Keys of the service blocks that run apps as processes. */
  processKeys: string[];
  /** Task name → where it runs, when gantry runs the apps (the cluster records it). */
  tasks: Record<string, TaskPlace>;
}

type App = Record<string, unknown>;

/** An app's key in its block: its id without the leading slash. */
const appKey = (app: App) => String(app.id).replace(/^\/+/, "");

export function appResources(c: ClusterInput, topology: ClusterTopology, groups: GroupResources[]): AppResources {
  const bp = c.blueprint;
  const runner = bp.app_runner ?? (bp.hosts.every((h) => h.driver === "local") ? "processes" : "marathon");
  const out: AppResources = { blocks: [], tasksOf: new Map(), processKeys: [], tasks: {} };
  const services = serviceKeysByRole(groups);
  if (runner === "marathon") {
    marathonApps(c, topology, services.get("mesos_marathon") ?? [], out);
    chronosJobs(c, topology, services.get("mesos_chronos") ?? [], out);
  } else {
    // apps start after the agents and frameworks they would run on
    const runsAfter = [...(services.get("mesos_slave") ?? []), ...(services.get("mesos_marathon") ?? [])];
    const lbHosts = groups
      .filter((g) => g.group.roles.includes("haproxy"))
      .flatMap((g) => g.nodes.map((n) => n.host.name));
    appProcesses(c, topology, runsAfter, lbHosts, out);
    if (bp.jobs.length)
      c.diags.warning(
        `cluster ${c.resource.name}: ${bp.jobs.length} Chronos job(s) are not scheduled: ` +
          "there is no Chronos where gantry runs the apps itself",
        fieldOrigin(c.resource, "jobs"),
        "The jobs stay in the blueprint and are scheduled through Chronos' API where a Chronos is reachable " +
          "(app_runner: marathon).",
      );
  }
  return out;
}

/** marathon_app.<cluster>_apps: one instance per app; HAProxy routes to the tasks Marathon reports. */
function marathonApps(c: ClusterInput, topology: ClusterTopology, marathons: string[], out: AppResources): void {
  const { apps } = c.blueprint;
  const name = `${c.resource.name}_apps`;
  if (apps.length)
    out.blocks.push(
      buildBlock({
        type: "gantry_marathon_app",
        name,
        instances: new Map(apps.map((a) => [appKey(a), { endpoints: topology.marathons, definition: a as Value }])),
        properties: ["endpoints", "definition"],
        dependsOn: marathons,
        origin: fieldOrigin(c.resource, "apps"),
      }),
    );
  for (const a of apps) out.tasksOf.set(String(a.id), ref("gantry_marathon_app", name, at(appKey(a)), "tasks"));
}

/** chronos_job.<cluster>_jobs: one instance per job. */
function chronosJobs(c: ClusterInput, topology: ClusterTopology, chronoses: string[], out: AppResources): void {
  const { jobs } = c.blueprint;
  if (!jobs.length) return;
  const prefix = c.distro.chronos_api_prefix;
  out.blocks.push(
    buildBlock({
      type: "gantry_chronos_job",
      name: `${c.resource.name}_jobs`,
      instances: new Map(
        jobs.map((j) => [j.name, { endpoints: topology.chronoses, api_prefix: prefix, job: j as Value }]),
      ),
      properties: ["endpoints", "api_prefix", "job"],
      dependsOn: chronoses,
      origin: fieldOrigin(c.resource, "jobs"),
    }),
  );
}

/** service.<cluster>_app_<app>: one instance per app task, each kept on its recorded agent and port. */
function appProcesses(
  c: ClusterInput,
  topology: ClusterTopology,
  runsAfter: string[],
  lbHosts: string[],
  out: AppResources,
): void {
  const r = c.resource;
  const { apps } = c.blueprint;
  if (!apps.length) return;
  c.diags.warning(
    `cluster ${r.name}: apps run as processes that gantry starts and watches on the agent hosts, ` +
      "in place of Marathon (apply or reconcile restarts one that died)",
    fieldOrigin(r, "apps"),
    "Marathon does not run on these hosts (app_runner: processes, the default on local hosts: its package is " +
      "not in the repositories this machine reaches), " +
      "so gantry starts each app instance itself, with Marathon's PORT0/PORT/HOST environment, " +
      "and HAProxy routes to those processes.",
  );
  const agentHosts = topology.agents.map((p) => p.host);
  const usedPorts = new Map<string, Set<number>>();
  apps.forEach((a, ai) => {
    const id = String(a.id);
    const count = typeof a.instances === "number" ? a.instances : 1;
    if (typeof a.cmd !== "string") {
      c.diags.warning(
        `cluster ${r.name}: app ${id} is not started: it has no "cmd" ` +
          "(a Docker image needs a Docker engine, which local hosts do not have)",
        fieldOrigin(r, "apps", ai),
      );
      return;
    }
    if (!agentHosts.length) return;
    if (count > 100)
      c.diags.error(
        `cluster ${r.name}: app ${id} asks for ${count} instances; gantry runs at most 100 per app as processes`,
        fieldOrigin(r, "apps", ai, "instances"),
      );
    const checks = Array.isArray(a.healthChecks) ? (a.healthChecks as { protocol?: string; path?: string }[]) : [];
    const hc = checks[0];
    const instances = new Map<string, Record<string, Value>>();
    const tasks: Value[] = [];
    const names = Array.from({ length: count }, (_, k) => `${appKey(a).replace(/\//g, "_")}-${k + 1}`);
    for (const [task, where] of taskPlacement(names, agentHosts, c.previous.tasks, usedPorts)) {
      const h = c.hostByName.get(where.host)!;
      const port = where.port;
      out.tasks[task] = where;
      tasks.push({ host: h.address, port });
      instances.set(task, {
        host: h.name,
        name: `app-${task}`,
        command: "/bin/sh",
        args: ["-c", a.cmd],
        // the task's own directory, as Mesos gives each task a sandbox (the host's / is the machine's own on ssh)
        cwd: taskSandbox(task),
        environment: {
          PORT0: String(port),
          PORT: String(port),
          PORTS: String(port),
          HOST: h.address,
          MARATHON_APP_ID: id,
          MESOS_TASK_ID: task,
          MESOS_SANDBOX: taskSandbox(task),
        },
        ports: [port],
        health_check: hc?.protocol === "HTTP" ? { type: "http", port, path: hc.path ?? "/" } : { type: "tcp", port },
        drain_server: marathonLbServerName(h.address, port),
      });
    }
    const block = buildBlock({
      type: "gantry_service",
      name: `${r.name}_app_${pathSlug(appKey(a))}`,
      instances,
      properties: ["name", "command", "args", "cwd", "environment", "ports", "health_check"],
      hostBlock: r.name,
      dependsOn: runsAfter,
      updatePolicy: appUpdatePolicy(`${r.name}/app ${id}`, a, count),
      origin: fieldOrigin(r, "apps", ai),
    });
    // each HAProxy that routes to the app drains an instance before it stops or restarts (see the routes stage)
    const drains = lbHosts.flatMap((lb) =>
      c.blueprint.routes
        .filter((route) => route.app === id)
        .map((route) =>
          map({
            host: ref("gantry_host", r.name, at(lb)),
            admin_socket: lit(HAPROXY_ADMIN_SOCKET),
            backend: lit(marathonLbBackendName(id, route.service_port)),
            server: ref("each", "value", "drain_server"),
          }),
        ),
    );
    if (drains.length) block.properties.drain = { value: list(drains), origin: fieldOrigin(r, "routes") };
    out.blocks.push(block);
    out.processKeys.push(block.key);
    out.tasksOf.set(id, lit(tasks));
  });
}

/** Where an app task runs: a directory of its own among gantry's files on the host (removed with the host). */
function taskSandbox(task: string): string {
  return `/var/lib/gantry/sandboxes/${task}`;
}

/**
 * A changed app restarts its instances in batches, as Marathon's upgradeStrategy asks: at least
 * minimumHealthCapacity (default 1, all) of them stay in service; an instance restarts in place (same agent, same
 * port), so at least one at a time goes, and HAProxy sends its requests to the others meanwhile.
 */
function appUpdatePolicy(group: string, app: App, count: number): UpdatePolicy {
  const strategy = (app.upgradeStrategy ?? {}) as { minimumHealthCapacity?: unknown };
  const health = typeof strategy.minimumHealthCapacity === "number" ? strategy.minimumHealthCapacity : 1;
  const kept = Math.min(count - 1, Math.ceil(Math.max(0, Math.min(1, health)) * count));
  return { group, maxBatchSize: Math.max(1, count - kept), minInService: Math.max(0, kept) };
}
