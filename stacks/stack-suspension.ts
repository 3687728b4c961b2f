// Heat's suspend and resume: the stack and each of its resources go
// SUSPEND (RESUME) IN_PROGRESS → COMPLETE; resources suspend dependents
// first and resume in the order they were created. Gantry's resource types
// have nothing to pause, so only the statuses change.

import { STATE_CHANGED } from "./stack-recorder.js";
import type { ResourceRecord, StackRecord } from "./stack-records.js";
import { completedText, startedText } from "./stack-lifecycle.js";
import type { StackServiceContext } from "./stack-workspace.js";

/** Resources in dependency order (what others require first). */
function dependencyOrder(resources: ResourceRecord[]): ResourceRecord[] {
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

export async function suspendOrResume(
  ctx: StackServiceContext,
  stack: StackRecord,
  action: "SUSPEND" | "RESUME",
): Promise<void> {
  const rec = ctx.recorder;
  await rec.stack(stack, action, "IN_PROGRESS", startedText(action));
  const ordered = dependencyOrder(await ctx.store.listResources(stack.id));
  if (action === "SUSPEND") ordered.reverse();
  for (const r of ordered) {
    await rec.resource(stack.id, r.name, r.type, action, "IN_PROGRESS", STATE_CHANGED);
    await rec.resource(stack.id, r.name, r.type, action, "COMPLETE", STATE_CHANGED);
  }
  await rec.stack(stack, action, "COMPLETE", completedText(action));
}
