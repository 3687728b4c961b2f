// Heat's stack check: every resource is read again (the engine's refresh,
// which changes nothing) and compared with what the stack recorded:
// CHECK_COMPLETE, or CHECK_FAILED naming what drifted.

import type { Attrs } from "../contract/values.js";
import type { DriftEntry } from "../planner/changes.js";
import { resourceFailureText, stackNames } from "./stack-apply.js";
import { completedText, startedText } from "./stack-lifecycle.js";
import { STATE_CHANGED } from "./stack-recorder.js";
import { addressesByName } from "./stack-suspension.js";
import type { StackRecord } from "./stack-records.js";
import { type StackServiceContext, stackWorkspace } from "./stack-workspace.js";

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

export async function checkStack(ctx: StackServiceContext, stack: StackRecord, signal: AbortSignal): Promise<void> {
  const rec = ctx.recorder;
  await rec.stack(stack, "CHECK", "IN_PROGRESS", startedText("CHECK"));
  const ws = await stackWorkspace(ctx, stack, stack.source);
  const names = await stackNames(ctx, stack.id, [stack.source]);
  let drift: DriftEntry[];
  try {
    drift = (await ctx.engine.plan(ws, { mode: "refresh-only", signal })).plan.drift;
  } catch (err) {
    await rec.stack(stack, "CHECK", "FAILED", err instanceof Error ? err.message : String(err));
    return;
  }
  const drifted = new Map(drift.map((d) => [names.of(d.address).name, d]));
  const addresses = await addressesByName(ctx, stack);
  const failures: string[] = [];
  for (const r of await ctx.store.listResources(stack.id)) {
    if (r.action === "INIT") {
      const reason = `Can not check ${r.name}, resource not created yet.`;
      await rec.resource(stack.id, r.name, r.type, "CHECK", "FAILED", reason);
      failures.push(resourceFailureText(r.name, `Resource ${r.name} not created yet.`));
      continue;
    }
    await rec.resource(stack.id, r.name, r.type, "CHECK", "IN_PROGRESS", STATE_CHANGED);
    const d = drifted.get(r.name);
    let text: string | undefined;
    if (d) text = resourceFailureText(r.name, driftText(r.name, r.physicalId, d));
    else {
      // as recorded: the type's own check, when it has one
      const own = addresses.get(r.name) ?? [];
      const results = own.length ? await ctx.engine.instanceAction(ws, "check", { addresses: own, signal }) : [];
      const failed = results.find((x) => x.error !== undefined);
      if (failed) text = resourceFailureText(r.name, failed.error ?? "", failed.errorType);
    }
    if (text === undefined) {
      await rec.resource(stack.id, r.name, r.type, "CHECK", "COMPLETE", STATE_CHANGED);
      continue;
    }
    await rec.resource(stack.id, r.name, r.type, "CHECK", "FAILED", text);
    failures.push(text);
  }
  if (failures.length) await rec.stack(stack, "CHECK", "FAILED", `Resource CHECK failed: ${failures.join("; ")}`);
  else await rec.stack(stack, "CHECK", "COMPLETE", completedText("CHECK"));
}
