// The environment's `restricted_actions` (resource_registry → resources →
// NAME → restricted_actions: update, replace): before an update runs, the
// changes it would make are planned; a restricted resource that would be
// updated (or replaced: a changed property that cannot update, a changed
// type) fails the update as Heat does — the resource keeps its status, an
// event UPDATE_FAILED "update is restricted for resource." is recorded and
// the stack fails "Resource UPDATE failed: ResourceActionRestricted: …".

import type { ResourceChange } from "../planner/changes.js";
import { restrictedActions } from "../templates/hot/resource-registry.js";
import { NestedStackMap } from "./nested-stacks.js";
import { keysOfRefs, loadStackConfig, stackNames, type StackResourceRef } from "./stack-apply.js";
import type { StackRecord, StackSource } from "./stack-records.js";
import { type StackServiceContext, stackWorkspace } from "./stack-workspace.js";

export interface RestrictedChange {
  name: string;
  type: string;
  /** What the environment forbids: "update" or "replace". */
  action: "update" | "replace";
}

/** Heat's ResourceActionRestricted text. */
export const restrictedText = (action: string) => `${action} is restricted for resource.`;

/** The resource_registry of the stack's merged environment, when it restricts any action. */
function registryWithRestrictions(stack: StackRecord): Record<string, unknown> | undefined {
  const registry = stack.environment.resource_registry;
  if (typeof registry !== "object" || registry === null) return undefined;
  const resources = (registry as Record<string, unknown>).resources;
  if (typeof resources !== "object" || resources === null) return undefined;
  const restricts = Object.values(resources).some(
    (e) => typeof e === "object" && e !== null && "restricted_actions" in e,
  );
  return restricts ? (registry as Record<string, unknown>) : undefined;
}

/** The first restricted change an update of `stack` to `source` would make (undefined: none). */
export async function restrictedChange(
  ctx: StackServiceContext,
  stack: StackRecord,
  source: StackSource,
  replace: StackResourceRef[],
  leaving: StackSource | undefined,
): Promise<RestrictedChange | undefined> {
  const registry = registryWithRestrictions(stack);
  if (!registry) return undefined;
  const env = { parameters: {}, parameterDefaults: {}, resourceRegistry: registry };
  const names = await stackNames(ctx, stack.id, [...(leaving ? [leaving] : []), source]);
  let changes: ResourceChange[];
  try {
    const ws = await stackWorkspace(ctx, stack, source);
    const nested = new NestedStackMap().add(await loadStackConfig(ctx, stack.id, source, stack));
    const keys = keysOfRefs(replace, names, nested, stack.id);
    changes = (await ctx.engine.plan(ws, { refresh: false, replace: keys })).plan.changes;
  } catch {
    return undefined; // the update itself reports what does not plan
  }
  // per Heat name: what happens to it (a type change is a delete and a create under one name: a replacement)
  const acts = new Map<string, { type: string; actions: Set<string> }>();
  for (const c of changes) {
    if (c.deposed) continue;
    const { name, type } = names.of(c.address);
    const entry = acts.get(name) ?? { type, actions: new Set<string>() };
    if (c.action === "delete") entry.type = type; // the resource as it is

    entry.actions.add(c.action);
    acts.set(name, entry);
  }
  for (const [name, { type, actions }] of acts) {
    const restricted = restrictedActions(env, name);
    if (!restricted.length) continue;
    const replaced = actions.has("replace") || (actions.has("create") && actions.has("delete"));
    if (replaced && restricted.includes("replace")) return { name, type, action: "replace" };
    if (!replaced && actions.has("update") && restricted.includes("update")) return { name, type, action: "update" };
  }
  return undefined;
}
