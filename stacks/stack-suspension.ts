// Heat's suspend and resume: the stack and each of its resources go
// SUSPEND (RESUME) IN_PROGRESS → COMPLETE; dependents suspend first and
// resume last. A type with suspend/resume hooks is called through the
// engine (a type without them is suspended in its status only, as Heat
// does); the first failure fails the stack ("Resource SUSPEND failed: …").

import { loadStackConfig, resourceFailureText, stackNames } from "./stack-apply.js";
import { NestedStackMap } from "./nested-stacks.js";
import { completedText, startedText } from "./stack-lifecycle.js";
import { STATE_CHANGED } from "./stack-recorder.js";
import type { ResourceRecord, StackRecord } from "./stack-records.js";
import { type StackServiceContext, stackWorkspace } from "./stack-workspace.js";

/** Resources in dependency order (what others require first). */
export function dependencyOrder(resources: ResourceRecord[]): ResourceRecord[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const requires = new Map<string, string[]>(resources.map((r) => [r.name, []]));
  for (const r of resources) for (const dep of r.requiredBy) requires.get(dep)?.push(r.name);
  const done = new Set<string>();
  const out: ResourceRecord[] = [];
  const visit = (name: string, seen: Set<string>) => {
    if (done.has(name) || seen.has(name)) return;
    seen.add(name);
    for (const d of requires.get(name) ?? []) visit(d, seen);
    done.add(name);
    const r = byName.get(name);
    if (r) out.push(r);
  };
  for (const r of [...resources].sort((a, b) => a.name.localeCompare(b.name))) visit(r.name, new Set());
  return out;
}

/** The state's instance addresses of each Heat resource name, per stack (the stack and its nested stacks). */
export async function addressesByStack(
  ctx: StackServiceContext,
  stack: StackRecord,
): Promise<Map<string, Map<string, string[]>>> {
  const ws = await stackWorkspace(ctx, stack, stack.source);
  const names = await stackNames(ctx, stack.id, [stack.source]);
  const nested = new NestedStackMap().add(await loadStackConfig(ctx, stack.id, stack.source, stack));
  const out = new Map<string, Map<string, string[]>>();
  for (const inst of (await ctx.engine.readState(ws)).instances.values()) {
    if (inst.mode === "data") continue;
    const sid = nested.of(inst.address)?.id ?? stack.id;
    const own = out.get(sid) ?? new Map<string, string[]>();
    out.set(sid, own);
    const name = names.of(inst.address).name;
    own.set(name, [...(own.get(name) ?? []), inst.address]);
  }
  return out;
}

export async function suspendOrResume(
  ctx: StackServiceContext,
  stack: StackRecord,
  action: "SUSPEND" | "RESUME",
  signal: AbortSignal,
): Promise<void> {
  const rec = ctx.recorder;
  await rec.stack(stack, action, "IN_PROGRESS", startedText(action));
  const ws = await stackWorkspace(ctx, stack, stack.source);
  const byStack = await addressesByStack(ctx, stack);
  /** One stack's resources (a nested stack's inside its provider resource); the failure's text, if one failed. */
  const run = async (s: StackRecord): Promise<string | undefined> => {
    const addresses = byStack.get(s.id) ?? new Map<string, string[]>();
    const ordered = dependencyOrder(await ctx.store.listResources(s.id));
    if (action === "SUSPEND") ordered.reverse();
    for (const r of ordered) {
      await rec.resource(s.id, r.name, r.type, action, "IN_PROGRESS", STATE_CHANGED);
      const child = r.nestedStackId ? await ctx.store.getStack(r.nestedStackId) : undefined;
      if (child && !child.deletedAt) {
        await rec.stack(child, action, "IN_PROGRESS", startedText(action));
        const inner = await run(child);
        if (inner !== undefined) {
          await rec.stack(child, action, "FAILED", `Resource ${action} failed: ${inner}`);
          const text = inner.replace(/^([^:]*): resources\./, `$1: resources.${r.name}.resources.`);
          await rec.resource(s.id, r.name, r.type, action, "FAILED", text);
          return text;
        }
        await rec.stack(child, action, "COMPLETE", completedText(action));
      }
      const own = addresses.get(r.name) ?? [];
      const results = own.length
        ? await ctx.engine.instanceAction(ws, action === "SUSPEND" ? "suspend" : "resume", { addresses: own, signal })
        : [];
      const failed = results.find((x) => x.error !== undefined);
      if (failed) {
        const text = resourceFailureText(r.name, failed.error ?? "", failed.errorType);
        await rec.resource(s.id, r.name, r.type, action, "FAILED", text);
        return text;
      }
      await rec.resource(s.id, r.name, r.type, action, "COMPLETE", STATE_CHANGED);
    }
    return undefined;
  };
  const failure = await run(stack);
  if (failure !== undefined) {
    await rec.stack(stack, action, "FAILED", `Resource ${action} failed: ${failure}`);
    return;
  }
  await rec.stack(stack, action, "COMPLETE", completedText(action));
}
