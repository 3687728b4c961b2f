// Stage "place": the node groups' instances onto the inventory's hosts, each
// node kept where the last apply put it while its placement still holds; the
// hosts used become the cluster's `host` block.

import type { Value } from "../../contract/values.js";
import type { ResourceConfig } from "../../planner/model.js";
import type { Placement } from "../blueprint.js";
import { recordedPlacements } from "../cluster-record.js";
import { fieldOrigin } from "../field-origin.js";
import { buildBlock } from "../generated-blocks.js";
import { place, PlacementError } from "../placement.js";
import { hostRoot, type ClusterInput } from "./cluster-input.js";

export interface PlacedNodes {
  placements: Placement[];
  /** host.<cluster>: one instance per host used, keyed by host name. */
  hosts: ResourceConfig;
}

/** The placement, or undefined (with an error naming the group) when a group cannot be placed. */
export function placeNodes(c: ClusterInput): PlacedNodes | undefined {
  const { blueprint: bp, resource: r } = c;
  let placements: Placement[];
  try {
    // failed hosts are out of the inventory: their nodes are placed again, under the same policies, elsewhere
    const hosts = bp.hosts.filter((h) => c.failedHosts[h.name] === undefined);
    placements = place({ groups: bp.node_groups, hosts, previous: recordedPlacements(c.previous) });
  } catch (e) {
    if (!(e instanceof PlacementError)) throw e;
    const failed = Object.keys(c.failedHosts);
    const without = failed.length ? ` without the failed host${failed.length > 1 ? "s" : ""} ${failed.join(", ")}` : "";
    c.diags.error(
      `cluster ${r.name}: cannot place node group "${e.group}" (${e.constraint})${without}`,
      fieldOrigin(
        r,
        "node_groups",
        bp.node_groups.findIndex((g) => g.name === e.group),
      ),
      e.message,
    );
    return undefined;
  }
  return { placements, hosts: hostBlock(c, placements) };
}

function hostBlock(c: ClusterInput, placements: Placement[]): ResourceConfig {
  const used = [...new Set(placements.map((p) => p.host))].sort().map((name) => c.hostByName.get(name)!);
  const anyLocal = used.some((h) => h.driver === "local");
  const instances = new Map<string, Record<string, Value>>();
  for (const h of used) {
    const root: Record<string, Value> = h.driver === "local" ? { root: hostRoot(c, h) } : {};
    instances.set(h.name, {
      name: h.name,
      driver: h.driver,
      address: h.address,
      ...root,
      options: (h.options ?? null) as Value,
    });
  }
  return buildBlock({
    type: "gantry_host",
    name: c.resource.name,
    instances,
    properties: ["name", "driver", "address", ...(anyLocal ? ["root"] : []), "options"],
    origin: fieldOrigin(c.resource, c.blueprint.hosts.length ? "hosts" : "host_pools"),
  });
}
