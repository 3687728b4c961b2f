// The outputs after an apply, from the state as it now stands.

import { UNKNOWN, containsUnknown, type Value } from "../contract/values.js";
import { evaluate } from "./expressions/evaluate.js";
import type { Config } from "./model.js";
import type { Plan } from "./plan.js";
import type { ValueScope } from "./scope.js";
import type { State } from "./state.js";
import { inferType } from "./type-conversion.js";
import { typeToJson } from "./type-json.js";

/**
 * Also after a partial failure: what can be computed is recorded, what cannot keeps
 * its last value, as does an output whose precondition failed at apply (`refused`).
 * A full destroy removes them all.
 */
export function outputsAfterApply(
  plan: Plan,
  config: Config,
  values: ValueScope,
  prior: State["outputs"],
  refused: ReadonlySet<string> = new Set(),
): State["outputs"] {
  const outputs: State["outputs"] = {};
  if (plan.mode === "destroy" && !plan.targets.length) return outputs;
  for (const o of config.outputs.values()) {
    if (refused.has(o.name)) {
      if (prior[o.name]) outputs[o.name] = prior[o.name];
      continue;
    }
    let v: Value;
    try {
      v = evaluate(o.value, values.scope());
    } catch {
      v = UNKNOWN;
    }
    // the type too, as Terraform's state records it: a list, set or map read back is one again
    if (!containsUnknown(v))
      outputs[o.name] = {
        value: v,
        type: typeToJson(inferType(v)),
        ...(o.sensitive ? { sensitive: true } : {}),
        ...(o.internal ? { internal: true } : {}),
      };
    else if (plan.mode !== "destroy" && prior[o.name]) outputs[o.name] = prior[o.name];
  }
  return outputs;
}
