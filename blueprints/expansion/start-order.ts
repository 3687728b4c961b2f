// Stage "start order": a service starts after the services it needs, cluster-wide: the Mesos masters after
// ZooKeeper; the agents after the masters and Docker; Marathon and Chronos (Mesos frameworks) after the masters;
// HAProxy after the agents and frameworks that run what it routes to. A role that the cluster does not have is
// replaced by what it needs in turn. A group's packages (an upgrade) wait for what the group's services need from
// other groups (agents upgrade after the masters, as Mesos' upgrade order asks).
//
// Only real needs, not a line of levels: a group whose roles sit at different places in such a line (the masters'
// group runs Mesos masters and the frameworks) would otherwise wait on another group (Docker on the agents) that
// waits on it in turn, a cycle as soon as both groups change in rolling batches (two hosts lost at once).

import type { ResourceConfig } from "../../planner/model.js";
import type { Role } from "../blueprint.js";
import { serviceKeysByRole, type GroupResources } from "./group-resources.js";

/** The roles whose services a role's service needs running before it starts. */
const ROLE_NEEDS: Record<Role, Role[]> = {
  zookeeper: [],
  mesos_master: ["zookeeper"],
  // Docker's daemon needs nothing of Mesos; the agent's docker containerizer needs it
  mesos_docker: [],
  mesos_slave: ["mesos_master", "mesos_docker"],
  mesos_marathon: ["mesos_master"],
  mesos_chronos: ["mesos_master"],
  haproxy: ["mesos_slave", "mesos_marathon", "mesos_chronos"],
};

/** Adds the start-order edges to the groups' service and package blocks. */
export function orderStarts(groups: GroupResources[]): void {
  const byRole = serviceKeysByRole(groups);
  /** The roles present in the cluster that `role` needs (through the absent ones). */
  const needed = (role: Role): Role[] =>
    ROLE_NEEDS[role].flatMap((r) => (byRole.has(r) ? [r] : needed(r))).filter((r, i, all) => all.indexOf(r) === i);
  const waitFor = (block: ResourceConfig, roles: Role[]) => {
    for (const role of roles)
      for (const key of byRole.get(role) ?? [])
        if (!block.dependsOn.some((d) => d.ref === key)) block.dependsOn.push({ ref: key, origin: block.origin });
  };
  for (const { services, packages } of groups) {
    for (const s of services) waitFor(s.block, needed(s.role));
    if (!services.length) continue;
    const own = new Set(services.map((s) => s.role));
    const fromOthers = [...new Set(services.flatMap((s) => needed(s.role)))].filter((r) => !own.has(r));
    for (const pk of packages) waitFor(pk, fromOthers);
  }
}
