// Two services on one port of one host is an error naming both.

import type { DiagnosticBag } from "../contract/diagnostics.js";
import type { ResourceConfig } from "../planner/model.js";
import type { Blueprint } from "./blueprint.js";
import { fieldOrigin } from "./field-origin.js";
import type { NodeSetup } from "./node-setup.js";

export function checkPorts(r: ResourceConfig, plans: NodeSetup[], bp: Blueprint, diags: DiagnosticBag): void {
  const byHost = new Map<string, Map<number, string>>();
  for (const np of plans)
    for (const s of np.services) {
      const ports = byHost.get(np.host.name) ?? byHost.set(np.host.name, new Map()).get(np.host.name)!;
      for (const port of s.ports) {
        const who = `${s.name} of ${np.placement.node}`;
        const other = ports.get(port);
        if (other && other !== who)
          diags.error(
            `cluster ${r.name}: port ${port} on host ${np.host.name} is used by both ${other} and ${who}`,
            fieldOrigin(r, "node_groups", bp.node_groups.indexOf(np.group)),
            "Place the groups on different hosts (placement: instance_per_host, group_associations) " +
              "or change one service's port in the group's configuration.",
          );
        else ports.set(port, who);
      }
    }
}
