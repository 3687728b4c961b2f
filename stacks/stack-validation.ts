// A stack's source checked through the engine (the HOT front end, types,
// properties, references), and Heat's answers: the template validate body
// (Description, Parameters, ParameterGroups, Environment), and errors as
// Heat raises them (a bad template: 400 StackValidationFailed).

import { join } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import { heatLocatedMessage } from "../templates/hot/heat-error-location.js";
import { HOT_TEMPLATE_FILE, HOT_VALIDATE_FILE } from "../templates/hot/hot-sources.js";
import { describeParameters } from "../templates/hot/parameters.js";
import { hotShapeOf } from "../templates/cfn/cfn-template.js";
import type { LoadedConfiguration } from "../engine/configuration.js";
import { HeatError } from "./heat-error.js";
import type { StackSource } from "./stack-records.js";
import { mergedEnvironment } from "./stack-environment.js";
import { parameterEnvironment, templateParametersNode } from "./stack-parameters.js";
import type { StackServiceContext } from "./stack-workspace.js";

/**
 * What gantry warns about in a source (a feature accepted but ignored, such as an environment's event_sinks), one
 * text each: validate answers them as `Warnings`, a create as the new stack's `warnings`.
 */
export function warningTexts(loaded: LoadedConfiguration): string[] {
  return loaded.warnings.map(heatLocatedMessage);
}

/** Heat's text of an engine error: its diagnostics, each with what it says in detail (and where, as Heat says). */
export function errorText(err: unknown): string {
  if (err instanceof GantryError) return err.diagnostics.map(heatLocatedMessage).join("; ");
  return err instanceof Error ? err.message : String(err);
}

const STACK_NAME = /^[a-zA-Z][a-zA-Z0-9_.-]{0,254}$/;

/** Heat's check of a new stack's name. */
export function checkStackName(name: unknown): void {
  if (typeof name !== "string") {
    throw new HeatError(400, "StackValidationFailed", `Invalid stack name ${String(name)}, must be a string`);
  }
  if (!STACK_NAME.test(name)) {
    throw new HeatError(
      400,
      "StackValidationFailed",
      `Invalid stack name ${name} must contain only alphanumeric or "_-." characters, ` +
        "must start with alpha and must be 255 characters or less.",
    );
  }
}

/**
 * Loads and checks a source (no stack needed); a bad one is Heat's 400 StackValidationFailed. `validateOnly`:
 * as Heat's template validate, parameters need no values.
 */
export async function loadSource(
  ctx: StackServiceContext,
  source: StackSource,
  validateOnly = false,
): Promise<LoadedConfiguration> {
  const files = ctx.sourceFiles(source);
  if (validateOnly && files.some((f) => f.path === HOT_TEMPLATE_FILE)) {
    files.push({ path: HOT_VALIDATE_FILE, content: "{}\n" });
  }
  const ws = ctx.engine.workspace({ dir: join(ctx.dataRoot, ".validate"), files });
  try {
    return await ctx.engine.validate(ws);
  } catch (err) {
    throw new HeatError(400, heatErrorType(err), errorText(err));
  }
}

/** Heat's exception type for an engine error: its first error's kind, if it has one (else StackValidationFailed). */
export function heatErrorType(err: unknown): string {
  const first = err instanceof GantryError ? err.diagnostics.find((d) => d.severity === "error") : undefined;
  return first?.code ?? "StackValidationFailed";
}

/** The template's description as Heat shows it (HOT's default: "No description"). */
export function templateDescription(template: Record<string, unknown>): string {
  const d = template.description ?? template.Description;
  return typeof d === "string" ? d : "No description";
}

/**
 * Heat's validate body (a bad template: `{Error}`, as Heat's engine answers): Description, Parameters (as
 * templates/hot/parameters.ts describes them), ParameterGroups as written, Environment.
 */
export async function validationResult(
  ctx: StackServiceContext,
  source: StackSource,
): Promise<Record<string, unknown>> {
  let warnings: string[];
  try {
    warnings = warningTexts(await loadSource(ctx, source, true));
  } catch (err) {
    // as Heat's engine answers: {"Error": text}, which the API turns into a 400 HTTPBadRequest
    if (err instanceof HeatError) return { Error: err.message };
    throw err;
  }
  const result: Record<string, unknown> = {
    Description: templateDescription(source.template),
    Parameters: describedParameters(source),
  };
  const groups = source.template.parameter_groups;
  if (Array.isArray(groups) && groups.length) result.ParameterGroups = groups;
  result.Environment = mergedEnvironment(source);
  // not in Heat's answer (Heat does what gantry only accepts); the openstack client shows every key
  if (warnings.length) result.Warnings = warnings;
  return result;
}

/** Parameters as Heat's validate lists them: the template's declarations with the environments' values. */
function describedParameters(source: StackSource): Record<string, unknown> {
  const version = hotShapeOf(source.template, HOT_TEMPLATE_FILE).version;
  const params = templateParametersNode(source);
  return describeParameters(HOT_TEMPLATE_FILE, params, parameterEnvironment(source), { version });
}
