// A HOT resource's definition beside its type and properties, as Heat compares
// definitions to decide whether a resource is updated: metadata, depends_on,
// deletion_policy, update_policy, external_id and whether it has a condition,
// each resolved (a `get_param` with a new value is a new definition; a
// function whose value stays the same is not). A part whose value is only known
// when the stack runs (`get_attr`, `get_resource`) is taken as written.

import type { Value } from "../../contract/values.js";

/** The parts that are resolved: their value, or undefined to take the part as written. */
export const RESOLVED_DEFINITION_PARTS = ["metadata", "deletion_policy", "update_policy", "external_id"] as const;

/**
 * The definition of a resource written as `body`, as text to compare with another's; `resolved(part)` gives a part's
 * value resolved (undefined: as written).
 */
export function resourceDefinitionText(
  body: Record<string, unknown>,
  resolved: (part: (typeof RESOLVED_DEFINITION_PARTS)[number]) => Value | undefined,
): string {
  const part = (key: (typeof RESOLVED_DEFINITION_PARTS)[number]): unknown => {
    if (!Object.hasOwn(body, key) || body[key] === null || body[key] === undefined) return null;
    const v = resolved(key);
    return v === undefined ? { written: body[key] } : v;
  };
  const dependsOn = typeof body.depends_on === "string" ? [body.depends_on] : body.depends_on;
  return JSON.stringify({
    metadata: part("metadata"),
    depends_on: Array.isArray(dependsOn) && dependsOn.length === 0 ? null : (dependsOn ?? null),
    deletion_policy: part("deletion_policy"),
    update_policy: part("update_policy"),
    external_id: part("external_id"),
    condition: Object.hasOwn(body, "condition") && body.condition !== null,
  });
}

/** The text of a definition with none of these parts (a config leaves it out). */
export const EMPTY_DEFINITION_TEXT = resourceDefinitionText({}, () => undefined);
