// Custom conditions of the raw configuration into the config model:
// precondition and postcondition (lifecycle of resources, outputs) and the
// assertions of check blocks, each a condition and an error message, both
// expressions. Their bodies were checked against the condition block's schema. A condition is located at its
// expression (where Terraform's diagnostics point), not at the `condition` key.

import type { ConditionConfig } from "../planner/model.js";
import type { CheckContext, CheckedBody } from "./block-check.js";
import { compileNode } from "./fragment.js";

/** The conditions of a nested block's valid bodies; `what` names them in messages (`precondition of resource …`). */
export function buildConditions(bodies: readonly CheckedBody[], what: string, ctx: CheckContext): ConditionConfig[] {
  const out: ConditionConfig[] = [];
  for (const b of bodies) {
    if (!b.valid) continue;
    const cond = b.node.child("condition");
    const msg = b.node.child("error_message");
    out.push({
      condition: compileNode(cond, `the condition of ${what}`, ctx),
      errorMessage: compileNode(msg, `the error_message of ${what}`, ctx),
      // Terraform's diagnostics about a condition point at its expression
      origin: { ...cond.origin, at: "value" },
    });
  }
  return out;
}
