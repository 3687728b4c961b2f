// Input variables as Terraform prepares them: the provided value or the
// default, optional attribute defaults applied, converted to the type
// constraint, null handled as `nullable` says, then every validation rule in
// order (all failures reported).

import { DiagnosticBag, type Origin } from "../contract/diagnostics.js";
import { containsUnknown, unknownOf, type Value } from "../contract/values.js";
import { evaluate, EvalError, type EvalScope } from "./expressions/evaluate.js";
import { collectRefs } from "./expressions/ast.js";
import type { Config, VariableConfig, VariableValidation } from "./model.js";
import { ValueScope } from "./scope.js";
import { convertValue } from "./type-conversion.js";
import { applyTypeDefaults } from "./type-defaults.js";

/** Where a provided value came from, for messages as Terraform words them. */
export type VariableSource =
  | { kind: "cli" }
  | { kind: "env"; name: string }
  /** A variable file; origin locates the value. */
  | { kind: "file"; origin: Origin }
  /** Typed values from a program (an API request, a test). */
  | { kind: "program" };

export interface VariableInput {
  value: unknown;
  source: VariableSource;
}

export interface ResolveVariableOptions {
  /** "main.tf:3,1": where an origin is, for messages that name a declaration (default: the file name). */
  where?: (origin: Origin) => string;
  /**
   * A variable given no value: "required" (the default) takes its default and refuses one without; "unknown" makes
   * it unknown, default or not, as Terraform's validate takes every variable; "default" takes its default, else
   * unknown.
   */
  unset?: "required" | "unknown" | "default";
}

/**
 * The value of every declared variable. `provided` holds the values given from outside (-var, files, environment,
 * a program), by variable name. Throws GantryError with every problem.
 */
export function resolveVariables(
  config: Config,
  provided: Map<string, VariableInput>,
  opts: ResolveVariableOptions = {},
): Map<string, Value> {
  const where = opts.where ?? ((o: Origin) => o.file);
  const diags = new DiagnosticBag();
  const out = new Map<string, Value>();
  for (const [name] of provided)
    if (!config.variables.has(name))
      diags.error(
        `Value for undeclared variable "${name}"`,
        undefined,
        `No variable "${name}" is declared in ${config.dir}.`,
      );
  const unset = opts.unset ?? "required";
  for (const v of config.variables.values()) {
    if (!provided.has(v.name) && (unset === "unknown" || (unset === "default" && !v.hasDefault))) {
      out.set(v.name, unknownOf(v.constraint));
      continue;
    }
    const value = prepareValue(v, provided.get(v.name), where, diags);
    if (value !== undefined) out.set(v.name, value);
  }
  // Conditions may refer to other variables and to locals (Terraform 1.9 and later); resources are not known yet.
  // Every variable that has a value is validated, also when another one was refused (all problems at once), except by
  // rules that use a refused variable.
  const scope = new ValueScope(config, out, new Map(), () => undefined, true).scope();
  const usable = (rule: VariableValidation) =>
    collectRefs(rule.condition).every((r) => r.root !== "var" || r.steps[0]?.k !== "attr" || out.has(r.steps[0].name));
  for (const v of config.variables.values())
    if (out.has(v.name))
      checkValidations(v, v.validations.filter(usable), provided.get(v.name)?.source, scope, where, diags);
  diags.throwIfErrors();
  return out;
}

/** Terraform's PrepareFinalInputVariableValue: undefined when an error was reported. */
function prepareValue(
  v: VariableConfig,
  input: VariableInput | undefined,
  where: (o: Origin) => string,
  diags: DiagnosticBag,
): Value | undefined {
  const addr = `var.${v.name}`;
  if (input === undefined && !v.hasDefault) {
    diags.error(
      `No value for required variable "${v.name}"`,
      v.origin,
      `The root module input variable "${v.name}" is not set, and has no default value. Use a -var or -var-file ` +
        "command line argument to provide a value for this variable.",
    );
    return undefined;
  }
  let given = (input ? (input.value ?? null) : v.default) as Value;
  if (given !== null) given = applyTypeDefaults(given, v.constraint);
  const source = input?.source;
  const outside =
    source === undefined || source.kind === "file"
      ? undefined
      : source.kind === "cli"
        ? `set using -var="${v.name}=..."`
        : source.kind === "env"
          ? `set using the ${source.name} environment variable`
          : "set from outside of the configuration";
  const declared = () => where(v.origin);
  const c = convertValue(given, v.constraint);
  if (!c.ok) {
    let detail: string;
    let origin = v.origin;
    if (outside) detail = `Unsuitable value for ${addr} ${outside}: ${c.message}.`;
    else if (v.sensitive)
      detail =
        `The given value is not suitable for ${addr}, which is sensitive: ${c.message}.` +
        (source?.kind === "file" ? ` Invalid value defined at ${where(source.origin)}.` : "");
    else {
      detail = `The given value is not suitable for ${addr} declared at ${declared()}: ${c.message}.`;
      if (source?.kind === "file") origin = source.origin;
    }
    diags.error("Invalid value for input variable", origin, detail);
    return undefined;
  }
  if (c.value !== null || v.nullable) return c.value;
  if (v.hasDefault) return v.default!;
  diags.error(
    "Required variable not set",
    source?.kind === "file" ? source.origin : v.origin,
    outside
      ? `Unsuitable value for ${addr} ${outside}: required variable may not be set to null.`
      : `The given value is not suitable for ${addr} defined at ${declared()}: ` +
          "required variable may not be set to null.",
  );
  return undefined;
}

function checkValidations(
  v: VariableConfig,
  rules: VariableValidation[],
  source: VariableSource | undefined,
  scope: EvalScope,
  where: (o: Origin) => string,
  diags: DiagnosticBag,
): void {
  for (const rule of rules) {
    let ok: Value;
    try {
      ok = evaluate(rule.condition, scope);
    } catch (e) {
      diags.error(`Invalid validation condition for variable "${v.name}": ${(e as Error).message}`, rule.origin);
      continue;
    }
    if (containsUnknown(ok)) continue;
    if (ok === null) {
      diags.error(
        "Invalid variable validation result",
        rule.origin,
        "Validation condition expression must return either true or false, not null.",
      );
      continue;
    }
    if (ok === true || ok === "true") continue;
    if (ok !== false && ok !== "false") {
      diags.error(
        "Invalid variable validation result",
        rule.origin,
        "Invalid validation condition result value: a bool is required.",
      );
      continue;
    }
    diags.error(
      `Invalid value for variable "${v.name}"`,
      source?.kind === "file" ? source.origin : v.origin,
      `${errorMessage(v, rule.errorMessage, scope)}\n\n` +
        `This was checked by the validation rule at ${where(rule.origin)}.`,
    );
  }
}

function errorMessage(
  v: VariableConfig,
  e: VariableConfig["validations"][number]["errorMessage"],
  scope: EvalScope,
): string {
  if (v.sensitive && e.k !== "lit") return "The error message included a sensitive value, so it will not be displayed.";
  try {
    const m = evaluate(e, scope);
    if (typeof m === "string" && m.trim()) return m.trim();
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
  }
  return "Failed to evaluate condition error message.";
}

export { EvalError };
