// A stack's outputs from its state: in the template's order with their
// descriptions. A value the state does not hold (a resource it reads was never
// made) is computed now as Heat resolves it, with the attributes of resources
// never made null and their get_resource their names; one that cannot be
// computed even so comes with an output_error.

import { hotShapeOf } from "../templates/cfn/cfn-template.js";
import { HOT_TEMPLATE_FILE } from "../templates/hot/hot-sources.js";
import type { Value } from "../contract/values.js";
import { isAddedOutput, OUTPUT_ERROR_OUTPUT } from "../templates/hot/provider-template.js";
import type { StackOutputRecord, StackSource } from "./stack-records.js";
import { stackNames } from "./stack-apply.js";
import { unmadeResourceValues } from "./unmade-resource-values.js";
import { outputsOfUnmadeGroups } from "./unstarted-group-outputs.js";
import { readStateNow, type StackIdentity, type StackServiceContext, stackWorkspace } from "./stack-workspace.js";

/** Heat's output_error when an output's value cannot be computed. */
export function outputErrorText(key: string): string {
  return `The value of output ${key} could not be computed`;
}

export async function computeOutputs(
  ctx: StackServiceContext,
  stack: StackIdentity,
  source: StackSource,
): Promise<StackOutputRecord[]> {
  let values: Record<string, { value: Value; sensitive?: boolean }> = {};
  const ws = await stackWorkspace(ctx, stack, source);
  try {
    values = readStateNow(ws).outputs;
  } catch {
    values = {};
  }
  // a CloudFormation-compatible template's Outputs (Value, Description) in HOT's shape
  const declared = hotShapeOf(source.template, HOT_TEMPLATE_FILE).root.child("outputs").value;
  const keys =
    declared && typeof declared === "object" && !Array.isArray(declared)
      ? Object.keys(declared as Record<string, unknown>)
      : Object.keys(values).filter((k) => !isAddedOutput(k));
  const computed = (key: string) => values[key] !== undefined || values[`${OUTPUT_ERROR_OUTPUT}${key}`] !== undefined;
  let now = new Map<string, Value>();
  if (!keys.every(computed)) {
    try {
      const names = await stackNames(ctx, stack.id, [source]);
      now = await ctx.engine.evaluateOutputs(ws, unmadeResourceValues(ctx, names));
    } catch {
      now = new Map();
    }
  }
  const unstarted = await outputsOfUnmadeGroups(
    ctx.store,
    declared && typeof declared === "object" && !Array.isArray(declared)
      ? (declared as Record<string, unknown>)
      : undefined,
    await ctx.store.listResources(stack.id),
  );
  return keys.map((key) => {
    const def = (declared as Record<string, { description?: unknown }> | undefined)?.[key];
    const description = typeof def?.description === "string" ? def.description : undefined;
    const out = values[key];
    // a value the template says cannot be computed: null, and why
    const failed = values[`${OUTPUT_ERROR_OUTPUT}${key}`]?.value ?? now.get(`${OUTPUT_ERROR_OUTPUT}${key}`);
    if (unstarted.has(key)) return { key, value: null, ...(description !== undefined && { description }) };
    return {
      key,
      ...(typeof failed === "string"
        ? { value: null, error: failed }
        : out
          ? { value: out.value }
          : now.has(key)
            ? { value: now.get(key)! }
            : { value: null, error: outputErrorText(key) }),
      ...(description !== undefined && { description }),
    };
  });
}
