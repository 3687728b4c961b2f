// A stack's source checked through the engine (the HOT front end, types,
// properties, references), and Heat's answers: the template validate body
// (Description, Parameters, ParameterGroups, Environment), and errors as
// Heat raises them (a bad template: 400 StackValidationFailed).

import { join } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import type { LoadedConfiguration } from "../engine/configuration.js";
import { HeatError } from "./heat-error.js";
import type { StackSource } from "./stack-records.js";
import { mergedEnvironment } from "./stack-environment.js";
import type { StackServiceContext } from "./stack-workspace.js";

/** Heat's text of an engine error: its diagnostics, each with what it says in detail. */
export function errorText(err: unknown): string {
  if (err instanceof GantryError) {
    return err.diagnostics.map((d) => (d.detail ? `${d.summary}: ${d.detail}` : d.summary)).join("; ");
  }
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

/** Loads and checks a source (no stack needed); a bad one is Heat's 400 StackValidationFailed. */
export async function loadSource(ctx: StackServiceContext, source: StackSource): Promise<LoadedConfiguration> {
  const ws = ctx.engine.workspace({ dir: join(ctx.dataRoot, ".validate"), files: ctx.sourceFiles(source) });
  try {
    return await ctx.engine.validate(ws);
  } catch (err) {
    throw new HeatError(400, "StackValidationFailed", errorText(err));
  }
}

/** The template's description as Heat shows it (HOT's default: "No description"). */
export function templateDescription(template: Record<string, unknown>): string {
  const d = template.description ?? template.Description;
  return typeof d === "string" ? d : "No description";
}

/**
 * Heat's validate body (a bad template: `{Error}`, as Heat's engine answers). Parameters and ParameterGroups come from the HOT front end's describeParameters once it
 * is there (templates/hot/parameters.ts); until then the template's own declarations are shown as Heat lists them
 * where they need no evaluation.
 */
export async function validationResult(
  ctx: StackServiceContext,
  source: StackSource,
): Promise<Record<string, unknown>> {
  try {
    await loadSource(ctx, source);
  } catch (err) {
    // as Heat's engine answers: {"Error": text}, which the API turns into a 400 HTTPBadRequest
    if (err instanceof HeatError) return { Error: err.message };
    throw err;
  }
  const result: Record<string, unknown> = {
    Description: templateDescription(source.template),
    Parameters: declaredParameters(source.template),
  };
  const groups = source.template.parameter_groups;
  if (Array.isArray(groups) && groups.length) result.ParameterGroups = groups;
  result.Environment = mergedEnvironment(source);
  return result;
}

/** Parameters as Heat's validate lists them, from their declarations alone. */
function declaredParameters(template: Record<string, unknown>): Record<string, unknown> {
  const params = template.parameters;
  if (!params || typeof params !== "object" || Array.isArray(params)) return {};
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(params as Record<string, Record<string, unknown>>)) {
    const p = raw ?? {};
    const type = typeof p.type === "string" ? p.type : "string";
    const heatType =
      {
        string: "String",
        number: "Number",
        comma_delimited_list: "CommaDelimitedList",
        json: "Json",
        boolean: "Boolean",
      }[type] ?? type;
    out[name] = {
      Type: heatType,
      Description: typeof p.description === "string" ? p.description : "",
      Label: typeof p.label === "string" ? p.label : name,
      NoEcho: p.hidden === true ? "true" : "false",
      ...(p.default !== undefined && { Default: p.default }),
    };
  }
  return out;
}
