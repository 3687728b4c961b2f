// A resource's metadata as Heat's `GET …/resources/NAME/metadata` answers it:
// the template's `metadata`, resolved (`get_param`, `get_attr`, `get_resource`
// … as the stack now has them), with what signals added to it (a wait
// condition handle's signals, keyed by their ids). The resolved metadata is an
// output the HOT front end adds (`metadata.NAME`); read from the state, or
// computed now when the state does not hold it (a stack still in progress or
// failed), as outputs are. Nested stacks' resources give only their signals.

import type { Value } from "../contract/values.js";
import { METADATA_OUTPUT } from "../templates/hot/provider-template.js";
import { stackNames } from "./stack-apply.js";
import type { ResourceRecord, StackRecord } from "./stack-records.js";
import { unmadeResourceValues } from "./unmade-resource-values.js";
import { readStateNow, type StackServiceContext, stackWorkspace } from "./stack-workspace.js";

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The template's metadata of `name`, resolved; undefined when the template gives it none (or it is not known). */
async function templateMetadata(
  ctx: StackServiceContext,
  stack: StackRecord,
  name: string,
): Promise<Value | undefined> {
  if (stack.parentId !== undefined) return undefined;
  const key = `${METADATA_OUTPUT}${name}`;
  const ws = await stackWorkspace(ctx, stack, stack.source);
  try {
    const kept = readStateNow(ws).outputs[key];
    if (kept !== undefined) return kept.value;
  } catch {
    // computed below
  }
  try {
    const names = await stackNames(ctx, stack.id, [stack.source]);
    return (await ctx.engine.evaluateOutputs(ws, unmadeResourceValues(ctx, names))).get(key);
  } catch {
    return undefined;
  }
}

/** The template's metadata of resource `r`, resolved (empty when it has none). */
export async function declaredMetadata(
  ctx: StackServiceContext,
  stack: StackRecord,
  r: ResourceRecord,
): Promise<Record<string, unknown>> {
  const declared = await templateMetadata(ctx, stack, r.name);
  return isMap(declared) ? declared : {};
}

export async function resourceMetadata(
  ctx: StackServiceContext,
  stack: StackRecord,
  r: ResourceRecord,
): Promise<Record<string, unknown>> {
  const signalled = isMap(r.metadata) ? r.metadata : {};
  return { ...(await declaredMetadata(ctx, stack, r)), ...signalled };
}
