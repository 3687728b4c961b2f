// A stack's outputs from its state: in the template's order with their
// descriptions; a value the state does not hold (its resource failed or is
// gone) comes with Heat's output_error instead.

import { hotShapeOf } from "../templates/cfn/cfn-template.js";
import { HOT_TEMPLATE_FILE } from "../templates/hot/hot-sources.js";
import type { Value } from "../contract/values.js";
import { OUTPUT_ERROR_OUTPUT } from "../templates/hot/provider-template.js";
import type { StackOutputRecord, StackSource } from "./stack-records.js";
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
  try {
    values = readStateNow(await stackWorkspace(ctx, stack, source)).outputs;
  } catch {
    values = {};
  }
  // a CloudFormation-compatible template's Outputs (Value, Description) in HOT's shape
  const declared = hotShapeOf(source.template, HOT_TEMPLATE_FILE).root.child("outputs").value;
  const keys =
    declared && typeof declared === "object" && !Array.isArray(declared)
      ? Object.keys(declared as Record<string, unknown>)
      : Object.keys(values);
  return keys.map((key) => {
    const def = (declared as Record<string, { description?: unknown }> | undefined)?.[key];
    const description = typeof def?.description === "string" ? def.description : undefined;
    const out = values[key];
    // a value the template says cannot be computed: null, and why
    const failed = values[`${OUTPUT_ERROR_OUTPUT}${key}`]?.value;
    return {
      key,
      ...(typeof failed === "string"
        ? { value: null, error: failed }
        : out
          ? { value: out.value }
          : { value: null, error: outputErrorText(key) }),
      ...(description !== undefined && { description }),
    };
  });
}
