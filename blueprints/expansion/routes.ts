// Stage "routes": HAProxy's configuration per node group with the haproxy
// role, generated from the apps' tasks (marathon-lb style); the group's
// HAProxy service reloads (SIGUSR2) only when its text changes. Servers a new
// text drops are drained through the admin socket before it is written, and
// their instances stop only after that (they come before the routes).

import type { Expr } from "../../planner/expressions/ast.js";
import type { ResourceConfig } from "../../planner/model.js";
import { HAPROXY_ADMIN_SOCKET, HAPROXY_CFG } from "../../provider/formats/haproxy-cfg.js";
import type { Route } from "../blueprint.js";
import { at, lit, list, map, ref } from "../expression-builders.js";
import { fieldOrigin } from "../field-origin.js";
import { buildBlock } from "../generated-blocks.js";
import type { AppResources } from "./apps.js";
import type { ClusterInput } from "./cluster-input.js";
import type { GroupResources } from "./group-resources.js";

/** The haproxy_config blocks; each haproxy service block gets its reload trigger and waits for its config. */
export function routeResources(c: ClusterInput, groups: GroupResources[], apps: AppResources): ResourceConfig[] {
  const r = c.resource;
  const out: ResourceConfig[] = [];
  for (const g of groups.filter((g) => g.group.roles.includes("haproxy"))) {
    const origin = fieldOrigin(r, "node_groups", c.blueprint.node_groups.indexOf(g.group));
    const instances = g.nodes.map((p) => {
      const address = p.host.address;
      const values = {
        host: p.host.name,
        path: HAPROXY_CFG,
        bind_address: address,
        stats_bind_address: address,
        log: "stdout",
        admin_socket: HAPROXY_ADMIN_SOCKET,
      };
      return [p.placement.node, values] as const;
    });
    const cfg = buildBlock({
      type: "gantry_haproxy_config",
      name: `${r.name}_${g.group.name}_haproxy_cfg`,
      instances: new Map(instances),
      properties: ["path", "bind_address", "stats_bind_address", "log", "admin_socket"],
      hostBlock: r.name,
      // routes come after the apps: new tasks are running before HAProxy sends them traffic, and
      // (deletes wait for what depended on them) HAProxy lets go of old tasks before they stop
      dependsOn: [...g.packages.map((b) => b.key), ...apps.processKeys],
      origin,
    });
    const routes = list(c.blueprint.routes.map((route) => routeEntry(c, route, apps)));
    cfg.properties.apps = { value: routes, origin: fieldOrigin(r, "routes") };
    out.push(cfg);
    const haproxy = g.services.find((s) => s.role === "haproxy")?.block;
    if (haproxy) {
      haproxy.properties.reload_triggers = {
        value: ref("gantry_haproxy_config", cfg.name, at(ref("each", "key")), "sha256"),
        origin,
      };
      haproxy.properties.reload_signal = { value: lit("SIGUSR2"), origin };
      haproxy.dependsOn.push({ ref: cfg.key, origin });
    }
  }
  return out;
}

/** One app behind one service port, as the haproxy_config type reads it. */
function routeEntry(c: ClusterInput, route: Route, apps: AppResources): Expr {
  const def = c.blueprint.apps.find((a) => a.id === route.app)!;
  const checks = Array.isArray(def.healthChecks) ? (def.healthChecks as { protocol?: string; path?: string }[]) : [];
  const hc = checks.find((h) => h.protocol === "HTTP" && h.path);
  const entries: Record<string, Expr> = {
    id: lit(String(def.id)),
    service_port: lit(route.service_port),
    mode: lit(route.mode),
    tasks: apps.tasksOf.get(String(def.id)) ?? lit([]),
  };
  if (hc?.path && route.mode === "http") entries.health_check_path = lit(hc.path);
  if (route.vhost) entries.vhost = lit(route.vhost);
  return map(entries);
}
