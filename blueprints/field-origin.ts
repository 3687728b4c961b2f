// Where a diagnostic about a cluster points: a field of the cluster resource
// (and a path inside it), or the resource itself when the field is absent.

import type { Origin } from "../contract/diagnostics.js";
import type { ResourceConfig } from "../planner/model.js";

/** The origin of `field` of cluster `r`, e.g. fieldOrigin(r, "node_groups", 2, "roles"). */
export function fieldOrigin(r: ResourceConfig, field: string, ...rest: (string | number)[]): Origin {
  const base = r.properties[field]?.origin ?? r.origin;
  return { file: base.file, path: [...base.path, ...rest] };
}
