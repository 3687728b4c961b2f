// Heat's previews from the engine's plan, changing nothing: what a create
// would make, and what an update would leave unchanged, update in place,
// replace, add and delete.

import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { type Attrs, isUnknown, type Value } from "../contract/values.js";
import { FileStateBackend } from "../engine/state-backend.js";
import type { ResourceChange } from "../planner/changes.js";
import { instanceAddressOf } from "../planner/deposed-ref.js";
import type { Plan } from "../planner/plan.js";
import { HeatError } from "./heat-error.js";
import { stackNames } from "./stack-apply.js";
import type { HeatResourceNames } from "./heat-resource-names.js";
import type { PreviewResource, UpdatePreview } from "./stack-operations.js";
import type { StackRecord, StackSource } from "./stack-records.js";
import { errorText, heatErrorType } from "./stack-validation.js";
import { type StackServiceContext, stackWorkspace } from "./stack-workspace.js";

function known(v: Value): Value {
  if (isUnknown(v)) return null;
  if (Array.isArray(v)) return v.map(known);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, known(x)]));
  return v;
}

/** The properties a preview shows: the planned attributes, without the id, unknowns as null. */
function properties(attrs: Attrs | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs ?? {})) if (k !== "id") out[k] = known(v);
  return out;
}

function previewResources(plan: Plan, names: HeatResourceNames): Map<ResourceChange, PreviewResource> {
  const requiredBy = new Map<string, Set<string>>();
  for (const c of plan.changes) {
    const name = names.of(instanceAddressOf(c)).name;
    for (const dep of c.dependsOn) {
      const depName = names.of(dep).name;
      const set = requiredBy.get(depName) ?? new Set();
      set.add(name);
      requiredBy.set(depName, set);
    }
  }
  const out = new Map<ResourceChange, PreviewResource>();
  for (const c of plan.changes) {
    const { name, type } = names.of(instanceAddressOf(c));
    out.set(c, {
      name,
      type,
      properties: properties(c.action === "delete" ? c.before : c.after),
      requiredBy: [...(requiredBy.get(name) ?? [])].sort(),
    });
  }
  return out;
}

async function planned(run: () => Promise<Plan>): Promise<Plan> {
  try {
    return await run();
  } catch (err) {
    throw new HeatError(400, heatErrorType(err), errorText(err));
  }
}

/** What a create would make (planned against an empty state). */
export async function previewCreate(ctx: StackServiceContext, source: StackSource): Promise<PreviewResource[]> {
  const dir = join(ctx.dataRoot, `.preview-${randomUUID()}`);
  try {
    const ws = ctx.engine.workspace({
      dir,
      files: ctx.sourceFiles(source),
      state: new FileStateBackend(join(dir, "preview.tfstate")),
    });
    const plan = await planned(async () => (await ctx.engine.plan(ws, { refresh: false })).plan);
    const names = await stackNames(ctx, ".preview", [source]);
    return [...previewResources(plan, names)]
      .filter(([c]) => c.action === "create")
      .map(([, r]) => r)
      .sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What an update to `source` would do to the stack. */
export async function previewUpdate(
  ctx: StackServiceContext,
  stack: StackRecord,
  source: StackSource,
): Promise<UpdatePreview> {
  const ws = await stackWorkspace(ctx, stack, source);
  const plan = await planned(async () => (await ctx.engine.plan(ws, { refresh: false })).plan);
  const names = await stackNames(ctx, stack.id, [stack.source, source]);
  const preview: UpdatePreview = { unchanged: [], updated: [], replaced: [], added: [], deleted: [] };
  for (const [c, r] of previewResources(plan, names)) {
    if (c.action === "noop") preview.unchanged.push(r);
    else if (c.action === "update") preview.updated.push(r);
    else if (c.action === "replace") preview.replaced.push(r);
    else if (c.action === "create") preview.added.push(r);
    else if (c.action === "delete" && !c.deposed) preview.deleted.push(r);
  }
  for (const list of Object.values(preview) as PreviewResource[][]) list.sort((a, b) => a.name.localeCompare(b.name));
  return preview;
}
