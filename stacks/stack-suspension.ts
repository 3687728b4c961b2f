// Heat's suspend and resume: the stack and each of its resources go
// SUSPEND (RESUME) IN_PROGRESS → COMPLETE; dependents suspend first and
// resume last. A type with suspend/resume hooks is called through the
// engine (a type without them is suspended in its status only, as Heat
// does); the first failure fails the stack ("Resource SUSPEND failed: …").

import { resourceFailureText, stackNames } from "./stack-apply.js";
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

/** The state's instance addresses of each Heat resource name. */
export async function addressesByName(ctx: StackServiceContext, stack: StackRecord): Promise<Map<string, string[]>> {
  const ws = stackWorkspace(ctx, stack.id, stack.source);
  const names = await stackNames(ctx, stack.id, [stack.source]);
  const out = new Map<string, string[]>();
  for (const inst of ctx.engine.readState(ws).instances.values()) {
    if (inst.mode === "data") continue;
    const name = names.of(inst.address).name;
    out.set(name, [...(out.get(name) ?? []), inst.address]);
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
  const ws = stackWorkspace(ctx, stack.id, stack.source);
  const addresses = await addressesByName(ctx, stack);
  const ordered = dependencyOrder(await ctx.store.listResources(stack.id));
  if (action === "SUSPEND") ordered.reverse();
  for (const r of ordered) {
    await rec.resource(stack.id, r.name, r.type, action, "IN_PROGRESS", STATE_CHANGED);
    const own = addresses.get(r.name) ?? [];
    const results = own.length
      ? await ctx.engine.instanceAction(ws, action === "SUSPEND" ? "suspend" : "resume", { addresses: own, signal })
      : [];
    const failed = results.find((x) => x.error !== undefined);
    if (failed) {
      const text = resourceFailureText(r.name, failed.error ?? "", failed.errorType);
      await rec.resource(stack.id, r.name, r.type, action, "FAILED", text);
      await rec.stack(stack, action, "FAILED", `Resource ${action} failed: ${text}`);
      return;
    }
    await rec.resource(stack.id, r.name, r.type, action, "COMPLETE", STATE_CHANGED);
  }
  await rec.stack(stack, action, "COMPLETE", completedText(action));
}
