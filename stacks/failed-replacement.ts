// A replacement whose create failed leaves two objects under one name: the
// failed new one (the stack's record, CREATE_FAILED) and the original, kept
// (deposed). At the next update Heat's convergence goes back to the original
// (Stack._get_best_existing_rsrc_db ranks a FAILED resource last) and
// deletes the failed one. Here the original becomes the current object
// again before the update plans: the failed one, when it made nothing, is
// dropped with its DELETE events; when it made an object, that object is
// deposed for the update to delete.

import type { Attrs } from "../contract/values.js";
import { RESOURCE_GROUP_TYPE } from "../templates/hot/resource-group.js";
import { type StackResourceRef, stackNames } from "./stack-apply.js";
import { STATE_CHANGED } from "./stack-recorder.js";
import type { StackRecord } from "./stack-records.js";
import type { StackServiceContext } from "./stack-workspace.js";

const hasId = (a: Attrs): a is Attrs & { id: string } => typeof a.id === "string" && a.id !== "";

export async function returnToReplacedOriginals(ctx: StackServiceContext, stack: StackRecord): Promise<void> {
  const backend = await ctx.store.stateBackend(stack.id);
  let state: Awaited<ReturnType<typeof backend.read>>;
  try {
    state = await backend.read();
  } catch {
    return;
  }
  const restored: { address: string; failed: Attrs; original: Attrs }[] = [];
  for (const inst of state.instances.values()) {
    if (inst.mode === "data" || inst.status !== "tainted" || !inst.deposed?.length) continue;
    const original = inst.deposed[inst.deposed.length - 1]!;
    const failed = inst.attributes;
    const others = inst.deposed.slice(0, -1);
    inst.attributes = original;
    inst.deposed = hasId(failed) ? [...others, failed] : others;
    if (!inst.deposed.length) delete inst.deposed;
    delete inst.status;
    restored.push({ address: inst.address, failed, original });
  }
  if (!restored.length) return;
  await backend.replace(state);
  const names = await stackNames(ctx, stack.id, [
    ...(stack.previousSource ? [stack.previousSource] : []),
    stack.source,
  ]);
  for (const r of restored) {
    const { name, type } = names.of(r.address);
    const record = await ctx.store.getResource(stack.id, name);
    if (!hasId(r.failed)) {
      const opts = { eventOnly: true, eventPhysicalId: "" };
      await ctx.recorder.resource(stack.id, name, type, "DELETE", "IN_PROGRESS", STATE_CHANGED, {}, opts);
      await ctx.recorder.resource(stack.id, name, type, "DELETE", "COMPLETE", STATE_CHANGED, {}, opts);
    }
    // the original's record as Heat left it: UPDATE_COMPLETE, "requires replacement"
    if (record) {
      await ctx.store.putResource({
        ...record,
        physicalId: hasId(r.original) ? r.original.id : record.physicalId,
        attributes: r.original,
        action: "UPDATE",
        status: "COMPLETE",
        statusReason: `The Resource ${name} requires replacement.`,
      });
    }
  }
}

/**
 * The resources an update replaces because they failed (an action FAILED, or marked unhealthy: CHECK_FAILED), in
 * the stack and in its nested stacks, as Heat's convergence replaces every FAILED resource it updates
 * (Resource.needs_replace_failed). A nested stack's resource is not replaced once its nested stack exists (Heat's
 * StackResource updates it: its failed resources are replaced inside it); an OS::Heat::Stack's stack is no nested
 * stack of it (a resource of its own, replaced). A ResourceGroup is still replaced as a whole (its members are one
 * resource in the model: a member cannot be replaced alone yet).
 */
export async function failedResources(ctx: StackServiceContext, stackId: string): Promise<StackResourceRef[]> {
  const out: StackResourceRef[] = [];
  for (const r of await ctx.store.listResources(stackId)) {
    const child = r.nestedStackId ? await ctx.store.getStack(r.nestedStackId) : undefined;
    // a group's members are one resource of the group's stack in the model: the group is replaced as a whole
    if (child && !child.deletedAt && child.parentId === stackId && r.physicalId && r.type !== RESOURCE_GROUP_TYPE) {
      out.push(...(await failedResources(ctx, child.id)));
      continue;
    }
    if (r.status === "FAILED") out.push({ stackId, name: r.name });
  }
  return out;
}
