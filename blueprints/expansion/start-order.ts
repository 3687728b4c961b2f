// Stage "start order": services start role by role (ZooKeeper, then the Mesos
// masters, Docker, then agents and frameworks, then HAProxy). Each service
// waits for the services of the nearest earlier role level present; a group's
// packages (an upgrade) wait for the level before the group's own first one.

import type { ResourceConfig } from "../../planner/model.js";
import type { Role } from "../blueprint.js";
import { serviceKeysByRole, type GroupResources } from "./group-resources.js";

/** Start level of each role: a service waits for every service of the nearest lower level. */
const ROLE_LEVEL: Record<Role, number> = {
  zookeeper: 0,
  mesos_master: 1,
  mesos_docker: 2,
  mesos_slave: 3,
  mesos_marathon: 3,
  mesos_chronos: 3,
  haproxy: 4,
};

/** Adds the start-order edges to the groups' service and package blocks. */
export function orderStarts(groups: GroupResources[]): void {
  const byRole = serviceKeysByRole(groups);
  const present = [...new Set([...byRole.keys()].map((role) => ROLE_LEVEL[role]))].sort((a, b) => a - b);
  /** The nearest level below `level` that has services. */
  const levelBefore = (level: number) => present.filter((l) => l < level).at(-1);
  const waitFor = (block: ResourceConfig, level: number | undefined) => {
    if (level === undefined) return;
    for (const [role, keys] of byRole)
      if (ROLE_LEVEL[role] === level)
        for (const key of keys)
          if (!block.dependsOn.some((d) => d.ref === key)) block.dependsOn.push({ ref: key, origin: block.origin });
  };
  for (const { services, packages } of groups) {
    for (const s of services) waitFor(s.block, levelBefore(ROLE_LEVEL[s.role]));
    if (!services.length) continue;
    const first = Math.min(...services.map((s) => ROLE_LEVEL[s.role]));
    for (const pk of packages) waitFor(pk, levelBefore(first));
  }
}
