// A module's input variable as its module sees it: the caller's value converted to the variable's type and checked
// against its validation rules, as Terraform does for every module call (root variables: planner/variables.ts).

import { errorAt } from "../contract/diagnostics.js";
import { containsUnknown, type Value } from "../contract/values.js";
import { evaluate } from "./expressions/evaluate.js";
import type { LocalConfig } from "./model.js";
import { convertToType } from "./type-conversion.js";

/** `local` is the input's local ('module.a.var.x'); throws a located error for a value the variable refuses. */
export function moduleInputValue(local: LocalConfig, value: Value): Value {
  const v = local.input!;
  const where = local.name.slice(0, local.name.lastIndexOf(".var."));
  const conv = convertToType(value, v.type);
  if (!conv.ok)
    throw errorAt(`Invalid value for input variable "${v.name}" of ${where}: ${conv.message}`, local.origin);
  for (const rule of v.validations) {
    let ok: Value;
    try {
      ok = evaluate(rule.condition, {
        variable: (n) => (n === v.name ? conv.value : null),
        local: () => null,
        resource: () => null,
        pathModule: "",
        cwd: process.cwd(),
      });
    } catch (e) {
      throw errorAt(`Invalid validation condition for variable "${v.name}": ${(e as Error).message}`, rule.origin);
    }
    if (!containsUnknown(ok) && ok !== true)
      throw errorAt(
        `Invalid value for input variable "${v.name}" of ${where}: ${rule.errorMessage}`,
        local.origin,
        `The value ${v.sensitive ? "(sensitive value)" : JSON.stringify(conv.value)} does not satisfy the ` +
          `validation rule of ${v.name} (declared in ${v.origin.file}).`,
      );
  }
  return conv.value;
}
