// Whether Heat updates a resource whose properties did not change. Heat
// compares a resource's whole definition (its type, properties, metadata,
// depends_on, deletion_policy, update_policy, external_id, condition) with
// the one it was made from, each resolved with its own template's parameters,
// and updates it in place when anything differs (UPDATE_IN_PROGRESS,
// UPDATE_COMPLETE), even with nothing to do for its object. Properties and
// types are the planner's business; this compares the rest, as the HOT front
// end resolved it (templates/hot/resource-definition.ts).

import type { Config } from "../planner/model.js";

/** The definition of resource `name` (null: it has none of the compared parts); undefined: not in `config`. */
function definitionOf(config: Config | undefined, name: string): string | null | undefined {
  for (const r of config?.resources.values() ?? []) if (r.source?.name === name) return r.source.definition ?? null;
  return undefined;
}

/**
 * True when resource `name`, defined in both configurations, has another metadata, depends_on, deletion_policy,
 * update_policy, external_id or condition in `to` than in `from`: Heat updates it.
 */
export function definitionChanged(from: Config | undefined, to: Config | undefined, name: string): boolean {
  const before = definitionOf(from, name);
  const after = definitionOf(to, name);
  if (before === undefined || after === undefined) return false;
  return before !== after;
}
