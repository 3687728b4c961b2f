// Input variables: provided values or defaults, checked against the declared
// type and the variable's validation rules.

import { DiagnosticBag } from "../contract/diagnostics.js";
import { evaluate, EvalError } from "./expressions/evaluate.js";
import type { Config, VariableConfig } from "./model.js";
import { convertToType } from "./type-conversion.js";
import { containsUnknown, type Value } from "../contract/values.js";

export function resolveVariables(config: Config, provided: Map<string, unknown>): Map<string, Value> {
  const diags = new DiagnosticBag();
  const out = new Map<string, Value>();
  for (const [name] of provided)
    if (!config.variables.has(name))
      diags.error(
        `Value for undeclared variable "${name}"`,
        undefined,
        `No variable "${name}" is declared in ${config.dir}.`,
      );
  for (const v of config.variables.values()) {
    let raw: unknown;
    if (provided.has(v.name)) raw = provided.get(v.name);
    else if (v.hasDefault) raw = v.default;
    else {
      diags.error(
        `No value for required variable "${v.name}"`,
        v.origin,
        `Set it with -var '${v.name}=...', a -var-file, or GANTRY_VAR_${v.name}.`,
      );
      continue;
    }
    const conv = convertToType(raw, v.type);
    if (!conv.ok) {
      diags.error(`Invalid value for variable "${v.name}": ${conv.message}`, v.origin);
      continue;
    }
    out.set(v.name, conv.value);
    checkValidations(v, conv.value, diags);
  }
  diags.throwIfErrors();
  return out;
}

function checkValidations(v: VariableConfig, value: Value, diags: DiagnosticBag): void {
  for (const rule of v.validations) {
    let ok: Value;
    try {
      ok = evaluate(rule.condition, {
        variable: (n) => (n === v.name ? value : null),
        local: () => null,
        resource: () => null,
        pathModule: "",
        cwd: process.cwd(),
      });
    } catch (e) {
      diags.error(`Invalid validation condition for variable "${v.name}": ${(e as Error).message}`, rule.origin);
      continue;
    }
    if (containsUnknown(ok)) continue;
    if (ok !== true)
      diags.error(
        `Invalid value for variable "${v.name}": ${rule.errorMessage}`,
        v.origin,
        `The value ${v.sensitive ? "(sensitive value)" : JSON.stringify(value)} does not satisfy the validation rule.`,
      );
  }
}

export { EvalError };
