// Whether Heat updates a resource whose properties did not change. Heat
// compares a resource's whole definition (its type, properties, metadata,
// depends_on, deletion_policy, update_policy, external_id, condition) with
// the one it was made from, and updates it in place when anything differs
// (UPDATE_IN_PROGRESS, UPDATE_COMPLETE), even with nothing to do for its
// object. Properties and types are the planner's business; this compares the
// rest as the templates write it (functions in metadata are compared as
// written, not as resolved).

type Template = Record<string, unknown>;

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function definitionOf(template: Template | undefined, name: string): Record<string, unknown> | undefined {
  const resources = template?.resources;
  if (!isMap(resources) || !Object.hasOwn(resources, name)) return undefined;
  const body = resources[name];
  return isMap(body) ? body : undefined;
}

/** The parts of a definition beside its type and properties, as Heat renders them (absent ones left out). */
function otherParts(body: Record<string, unknown>): string {
  const dependsOn = typeof body.depends_on === "string" ? [body.depends_on] : body.depends_on;
  const parts = {
    metadata: body.metadata ?? null,
    depends_on: Array.isArray(dependsOn) && dependsOn.length === 0 ? null : (dependsOn ?? null),
    deletion_policy: body.deletion_policy ?? null,
    update_policy: body.update_policy ?? null,
    external_id: body.external_id ?? null,
    condition: Object.hasOwn(body, "condition") && body.condition !== null,
  };
  return JSON.stringify(parts);
}

/**
 * True when resource `name`, defined in both templates, has another metadata, depends_on, deletion_policy,
 * update_policy, external_id or condition in `to` than in `from`: Heat updates it.
 */
export function definitionChanged(from: Template | undefined, to: Template | undefined, name: string): boolean {
  const before = definitionOf(from, name);
  const after = definitionOf(to, name);
  if (!before || !after) return false;
  return otherParts(before) !== otherParts(after);
}
