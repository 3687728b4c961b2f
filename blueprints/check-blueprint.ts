// Checks a blueprint as a whole: roles that need other roles, ensemble and
// master counts, app definitions against Marathon's official schema.

import type { DiagnosticBag, Origin } from "../contract/diagnostics.js";
import type { ResourceConfig } from "../planner/model.js";
import { marathonAppErrors } from "../provider/formats/marathon-app-schema.js";
import type { Blueprint, Role } from "./blueprint.js";
import { fieldOrigin } from "./field-origin.js";
import { ZOOKEEPER_MAX_ID } from "./services/zookeeper-generator.js";

/** A role and the roles it cannot work without (anywhere in the cluster, or on the same node). */
const NEEDS: { role: Role; needs: Role; where: "cluster" | "node"; why: string }[] = [
  { role: "mesos_master", needs: "zookeeper", where: "cluster", why: "Mesos masters elect a leader through ZooKeeper" },
  { role: "mesos_slave", needs: "mesos_master", where: "cluster", why: "agents register with a master" },
  { role: "mesos_marathon", needs: "mesos_master", where: "cluster", why: "Marathon is a Mesos framework" },
  { role: "mesos_chronos", needs: "mesos_master", where: "cluster", why: "Chronos is a Mesos framework" },
  { role: "mesos_docker", needs: "mesos_slave", where: "node", why: "Docker serves the Mesos agent on the same node" },
];

export function checkBlueprint(r: ResourceConfig, bp: Blueprint, diags: DiagnosticBag): void {
  const at = (field: string, ...rest: (string | number)[]): Origin => fieldOrigin(r, field, ...rest);
  const count = (role: Role) =>
    bp.node_groups.filter((g) => g.roles.includes(role)).reduce((n, g) => n + g.instances, 0);

  for (const [i, g] of bp.node_groups.entries())
    for (const n of NEEDS) {
      if (!g.roles.includes(n.role)) continue;
      const ok = n.where === "node" ? g.roles.includes(n.needs) : count(n.needs) > 0;
      if (!ok)
        diags.error(
          `cluster ${r.name}: node group "${g.name}" has role ${n.role}, which needs ${n.needs}` +
            (n.where === "node" ? " in the same node group" : " in the cluster"),
          at("node_groups", i, "roles"),
          `${n.why}.`,
        );
    }
  // per-group configuration: only for services the group runs, and only flags gantry can carry through
  const CONFIG_KEYS: Record<string, Role> = {
    mesos_master: "mesos_master",
    "mesos-master": "mesos_master",
    mesos_slave: "mesos_slave",
    mesos_agent: "mesos_slave",
    "mesos-agent": "mesos_slave",
    "mesos-slave": "mesos_slave",
    mesos_marathon: "mesos_marathon",
    marathon: "mesos_marathon",
    mesos_chronos: "mesos_chronos",
    chronos: "mesos_chronos",
  };
  const PORT_FLAGS: Partial<Record<Role, string[]>> = {
    mesos_master: ["port"],
    mesos_slave: ["port"],
    mesos_marathon: ["http_port", "https_port"],
    mesos_chronos: ["http_port", "https_port"],
  };
  for (const [i, g] of bp.node_groups.entries())
    for (const [svc, flags] of Object.entries(g.configuration)) {
      const where = at("node_groups", i, "configuration", svc);
      const role = CONFIG_KEYS[svc];
      if (!role) {
        diags.error(
          `cluster ${r.name}: node group "${g.name}" configures "${svc}", which gantry cannot configure`,
          where,
          svc === "zookeeper" || svc === "haproxy"
            ? `${svc} settings are generated (see blueprints/services); overriding them is not supported yet.`
            : `Configurable: ${Object.keys(CONFIG_KEYS).join(", ")}.`,
        );
        continue;
      }
      if (!g.roles.includes(role))
        diags.error(
          `cluster ${r.name}: node group "${g.name}" configures ${svc}, but does not have the ${role} role`,
          where,
        );
      for (const [flag, v] of Object.entries(flags)) {
        if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
          diags.error(
            `cluster ${r.name}: configuration.${svc}.${flag} of node group "${g.name}" ` +
              "must be a string, number or bool",
            at("node_groups", i, "configuration", svc, flag),
          );
        if (PORT_FLAGS[role]?.includes(flag))
          diags.error(
            `cluster ${r.name}: configuration.${svc}.${flag} of node group "${g.name}": ` +
              "changing a daemon's port is not supported in blueprints yet",
            at("node_groups", i, "configuration", svc, flag),
            "The port is also used by health checks, endpoints and port-clash checks, which would not follow.",
          );
      }
    }

  const zk = count("zookeeper");
  if (zk > ZOOKEEPER_MAX_ID)
    diags.error(
      `cluster ${r.name}: ${zk} ZooKeeper members; an ensemble has at most ${ZOOKEEPER_MAX_ID} (myid 1..255)`,
      at("node_groups"),
    );
  if (zk > 0 && zk % 2 === 0)
    diags.warning(
      `cluster ${r.name}: ${zk} ZooKeeper members is an even number`,
      at("node_groups"),
      `An ensemble of ${zk} tolerates no more failures than one of ${zk - 1} ` +
        `(a majority of ${Math.floor(zk / 2) + 1} is needed). Use an odd number.`,
    );
  const masters = count("mesos_master");
  if (masters > 0 && masters % 2 === 0)
    diags.warning(
      `cluster ${r.name}: ${masters} Mesos masters is an even number`,
      at("node_groups"),
      `The replicated log needs a quorum of ${Math.floor(masters / 2) + 1} of ${masters}, so ${masters} masters ` +
        `tolerate only ${Math.floor((masters - 1) / 2)} failure(s), as ${masters - 1} would. ` +
        `gantry writes quorum ${Math.floor(masters / 2) + 1} (BDE wrote 1, which breaks Mesos' rule).`,
    );
  if (bp.apps.length && !count("mesos_marathon"))
    diags.error(`cluster ${r.name}: apps need a node group with the mesos_marathon role`, at("apps"));
  if (bp.jobs.length && !count("mesos_chronos"))
    diags.error(`cluster ${r.name}: jobs need a node group with the mesos_chronos role`, at("jobs"));
  if (bp.routes.length && !count("haproxy"))
    diags.error(`cluster ${r.name}: routes need a node group with the haproxy role`, at("routes"));
  bp.apps.forEach((app, i) => {
    for (const e of marathonAppErrors(app))
      diags.error(
        `cluster ${r.name}: app ${String(app.id)} is not a valid Marathon app definition: ` +
          `${e.path || "(app)"} ${e.message}`,
        at("apps", i, ...pathSegments(e.path)),
      );
  });
  const ports = new Map<number, string>();
  bp.routes.forEach((route, i) => {
    if (ports.has(route.service_port))
      diags.error(
        `cluster ${r.name}: service port ${route.service_port} is routed twice ` +
          `(${ports.get(route.service_port)} and ${route.app})`,
        at("routes", i, "service_port"),
      );
    ports.set(route.service_port, route.app);
  });
}

/** "/container/docker/image" or ".container.docker" → path segments. */
function pathSegments(p: string): (string | number)[] {
  return p
    .split(/[/.]/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
