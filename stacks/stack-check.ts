// Heat's stack check, resource by resource in dependency order. A resource whose type has a check (the type's
// `check` hook; a nested stack's resource: every resource of its nested stack, checked inside it) goes
// CHECK_IN_PROGRESS → CHECK_COMPLETE, or CHECK_FAILED with the check's error (one not created yet: "Can not
// check …"). A resource whose type has none is CHECK_COMPLETE at once, "CHECK not supported for TYPE", and one
// not created is left INIT_COMPLETE, as Heat does; the stack's reason then ends ". 'CHECK' not fully supported (see
// resources)". Beyond Heat, every resource is also read again (the engine's refresh, which changes nothing): one
// that vanished or changed outside the stack fails its check, naming what drifted.

import type { Attrs } from "../contract/values.js";
import type { DriftEntry } from "../planner/changes.js";
import { loadStackConfig, resourceFailureText, stackNames } from "./stack-apply.js";
import { NestedStackMap } from "./nested-stacks.js";
import { completedText, startedText } from "./stack-lifecycle.js";
import { STATE_CHANGED } from "./stack-recorder.js";
import { addressesByStack, dependencyOrder } from "./stack-suspension.js";
import type { ResourceRecord, StackRecord } from "./stack-records.js";
import { type StackServiceContext, stackWorkspace } from "./stack-workspace.js";

/** What a stack's reason gains when one of its resources (or of its nested stacks) has no check. */
const NOT_FULLY_SUPPORTED = ". 'CHECK' not fully supported (see resources)";

/** Why a resource fails its check, in Heat's words where Heat has them. */
function driftText(name: string, physicalId: string, d: DriftEntry): string {
  if (d.kind === "deleted") return `The resource ${name} (${physicalId}) could not be found.`;
  const changed = changedAttributes(d.before, d.after ?? {});
  return `The resource ${name} (${physicalId}) was changed outside the stack: ${changed.join(", ")}`;
}

function changedAttributes(before: Attrs, after: Attrs): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** Per stack (the stack and its nested stacks) and Heat resource name: whether one of its types has a check. */
type Checkable = Map<string, Map<string, boolean>>;

const inStack = <T>(m: Map<string, Map<string, T>>, stackId: string) => {
  const own = m.get(stackId) ?? new Map<string, T>();
  m.set(stackId, own);
  return own;
};

export async function checkStack(ctx: StackServiceContext, stack: StackRecord, signal: AbortSignal): Promise<void> {
  const rec = ctx.recorder;
  await rec.stack(stack, "CHECK", "IN_PROGRESS", startedText("CHECK"));
  const ws = await stackWorkspace(ctx, stack, stack.source);
  const names = await stackNames(ctx, stack.id, [stack.source]);
  const config = await loadStackConfig(ctx, stack.id, stack.source, stack);
  const nested = new NestedStackMap().add(config);
  let drift: DriftEntry[];
  try {
    drift = (await ctx.engine.plan(ws, { mode: "refresh-only", signal })).plan.drift;
  } catch (err) {
    await rec.stack(stack, "CHECK", "FAILED", err instanceof Error ? err.message : String(err));
    return;
  }
  const drifted = new Map<string, Map<string, DriftEntry>>();
  for (const d of drift) inStack(drifted, nested.of(d.address)?.id ?? stack.id).set(names.of(d.address).name, d);
  const checkable: Checkable = new Map();
  for (const r of config?.resources.values() ?? []) {
    const own = inStack(checkable, nested.of(r.key)?.id ?? stack.id);
    const name = names.of(r.key).name;
    own.set(name, (own.get(name) ?? false) || ctx.engine.resolveType(r.type)?.check !== undefined);
  }
  const byStack = await addressesByStack(ctx, stack);

  /** Whether a stack's resources all have a check (those of nested stacks, through them). */
  const supported = async (s: StackRecord): Promise<boolean> => {
    for (const r of await ctx.store.listResources(s.id)) {
      const child = r.nestedStackId ? await ctx.store.getStack(r.nestedStackId) : undefined;
      if (child && !child.deletedAt ? !(await supported(child)) : !checkable.get(s.id)?.get(r.name)) return false;
    }
    return true;
  };

  /** One resource's check: the failure's text, if it failed. */
  const checkResource = async (s: StackRecord, r: ResourceRecord): Promise<string | undefined> => {
    const child = r.nestedStackId ? await ctx.store.getStack(r.nestedStackId) : undefined;
    const d = drifted.get(s.id)?.get(r.name);
    if (!d && !child && !checkable.get(s.id)?.get(r.name)) {
      if (r.action !== "INIT") {
        await rec.resource(s.id, r.name, r.type, "CHECK", "COMPLETE", `CHECK not supported for ${r.type}`);
      }
      return undefined;
    }
    if (r.action === "INIT") {
      await rec.resource(s.id, r.name, r.type, "CHECK", "FAILED", `Can not check ${r.name}, resource not created yet.`);
      return resourceFailureText(r.name, `Resource ${r.name} not created yet.`, "Exception");
    }
    await rec.resource(s.id, r.name, r.type, "CHECK", "IN_PROGRESS", STATE_CHANGED);
    let text: string | undefined;
    if (d) text = resourceFailureText(r.name, driftText(r.name, r.physicalId, d));
    else if (child && !child.deletedAt) {
      const inner = await run(child);
      if (inner !== undefined) text = inner.replace(/^([^:]*): resources\./, `$1: resources.${r.name}.resources.`);
    }
    const own = byStack.get(s.id)?.get(r.name) ?? [];
    if (text === undefined && own.length) {
      const results = await ctx.engine.instanceAction(ws, "check", { addresses: own, signal });
      const failed = results.find((x) => x.error !== undefined);
      if (failed) text = resourceFailureText(r.name, failed.error ?? "", failed.errorType);
    }
    if (text === undefined) await rec.resource(s.id, r.name, r.type, "CHECK", "COMPLETE", STATE_CHANGED);
    else await rec.resource(s.id, r.name, r.type, "CHECK", "FAILED", text);
    return text;
  };

  /** One stack's check (a nested stack's inside its provider resource): the first failure's text, if one failed. */
  const run = async (s: StackRecord, top = false): Promise<string | undefined> => {
    if (!top) await rec.stack(s, "CHECK", "IN_PROGRESS", startedText("CHECK"));
    const failures: string[] = [];
    for (const r of dependencyOrder(await ctx.store.listResources(s.id))) {
      const text = await checkResource(s, r);
      if (text !== undefined) failures.push(text);
    }
    const suffix = (await supported(s)) ? "" : NOT_FULLY_SUPPORTED;
    if (failures.length)
      await rec.stack(s, "CHECK", "FAILED", `Resource CHECK failed: ${failures.join("; ")}${suffix}`);
    else await rec.stack(s, "CHECK", "COMPLETE", `${completedText("CHECK")}${suffix}`);
    return failures[0];
  };
  await run(stack, true);
}
