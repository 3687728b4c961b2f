// A module's input variable as its module sees it: the caller's value with optional attribute defaults applied,
// converted to the variable's type constraint, null handled as `nullable` says, and checked by its validation rules,
// as Terraform does for every module call (root variables: planner/variables.ts).

import { type DiagnosticBag, errorAt, GantryError } from "../contract/diagnostics.js";
import { containsUnknown, isUnknown, type Value } from "../contract/values.js";
import { evaluate, type EvalScope } from "./expressions/evaluate.js";
import type { Config, LocalConfig } from "./model.js";
import { convertValue } from "./type-conversion.js";
import { applyTypeDefaults } from "./type-defaults.js";

/** `local` is the input's local ('module.a.var.x'); throws a located error for a value the variable refuses. */
export function moduleInputValue(
  local: LocalConfig,
  value: Value,
  /** rules: false checks the type only (validate, where the module sees the variable unknown). */
  opts: { rules: boolean } = { rules: true },
): Value {
  const v = local.input!;
  const where = local.name.slice(0, local.name.lastIndexOf(".var."));
  // where the variable is declared, for messages only: its line is located when first read (engine/configuration.ts)
  const declared = () => {
    const { file, line, column } = v.origin;
    return `${file}${line ? `:${line}${column ? `,${column}` : ""}` : ""}`;
  };
  if (isUnknown(value)) return value;
  const given = value === null ? value : applyTypeDefaults(value, v.constraint);
  const c = convertValue(given, v.constraint);
  if (!c.ok)
    throw errorAt(
      "Invalid value for input variable",
      local.origin,
      `The given value is not suitable for ${where}.var.${v.name} declared at ${declared()}: ${c.message}.`,
    );
  let result = c.value;
  if (result === null && !v.nullable) {
    if (!v.hasDefault)
      throw errorAt(
        "Required variable not set",
        local.origin,
        `The given value is not suitable for ${where}.var.${v.name} defined at ${declared()}: required variable may ` +
          "not be set to null.",
      );
    result = v.default!;
  }
  if (containsUnknown(result) || !opts.rules) return result;
  const scope: EvalScope = {
    variable: (n) => (n === v.name ? result : null),
    local: () => null,
    resource: () => null,
    pathModule: "",
    cwd: process.cwd(),
  };
  for (const rule of v.validations) {
    let ok: Value;
    try {
      ok = evaluate(rule.condition, scope);
    } catch (e) {
      throw errorAt(`Invalid validation condition for variable "${v.name}": ${(e as Error).message}`, rule.origin);
    }
    if (containsUnknown(ok) || ok === true || ok === "true") continue;
    let message = "Failed to evaluate condition error message.";
    if (v.sensitive && rule.errorMessage.k !== "lit")
      message = "The error message included a sensitive value, so it will not be displayed.";
    else
      try {
        const m = evaluate(rule.errorMessage, scope);
        if (typeof m === "string" && m.trim()) message = m.trim();
      } catch {
        // the fallback message says it could not be evaluated
      }
    throw errorAt(
      `Invalid value for variable`,
      local.origin,
      `${message}\n\nThis was checked by the validation rule of ${where}.var.${v.name} at ${declared()}.`,
    );
  }
  return result;
}

/**
 * Every module instance's input variables evaluated once, used inside their module or not, as Terraform evaluates
 * each module variable (its type conversion and validation rules) in its plan: a value a variable refuses is an error
 * even when nothing in the module reads it. Inputs known only after apply are checked then.
 */
export function checkAllModuleInputs(config: Config, scope: EvalScope, diags: DiagnosticBag): void {
  for (const l of config.locals.values()) {
    if (!l.input) continue;
    try {
      scope.local(l.name);
    } catch (e) {
      if (e instanceof GantryError) diags.add(e.diagnostics);
      else diags.error(`Invalid value for ${l.name}: ${(e as Error).message}`, l.origin);
    }
  }
}
