// Import blocks, as Terraform plans them: the object an import's id names is
// read through the type's import hook, once the target instance's
// configuration is known, and put in the prior state at its address; the
// instance is then planned like any other (no change, an update, or a
// replacement) and the change says it imports. An address that already has
// state is left as it is (the import is done). Targets must be declared.

import { type Diagnostic, type DiagnosticBag, GantryError } from "../contract/diagnostics.js";
import type { InstanceInfo, OperationContext, ResourceType } from "../contract/resource-type.js";
import { type Attrs, isUnknown } from "../contract/values.js";
import type { InstanceKey } from "./addresses.js";
import { evaluate, type EvalScope } from "./expressions/evaluate.js";
import type { Config, ImportConfig, ResourceConfig } from "./model.js";
import type { State } from "./state.js";

/** The configuration's import blocks by target address. */
export function importsByAddress(config: Config): Map<string, ImportConfig> {
  return new Map(config.imports.map((i) => [i.to, i]));
}

/** The import id, evaluated at plan: a known, non-empty string. */
export function importId(imp: ImportConfig, scope: EvalScope): string {
  const fail = (detail: string) =>
    new GantryError({ severity: "error", summary: "Invalid import id argument", detail, origin: imp.origin });
  let v: unknown;
  try {
    v = evaluate(imp.id, scope);
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (isUnknown(v))
    throw fail(
      'The import block "id" argument depends on resource attributes that cannot be determined until apply, so ' +
        "gantry cannot plan to import this resource.",
    );
  if (v === null || v === "") throw fail("The import ID cannot be null.");
  if (typeof v !== "string" && typeof v !== "number")
    throw fail("The import ID value is unsuitable: a string is required.");
  return String(v);
}

/** The import's data, evaluated at plan (a map), when it has some. */
export function importData(imp: ImportConfig, scope: EvalScope): Attrs | undefined {
  if (!imp.data) return undefined;
  const v = evaluate(imp.data, scope);
  if (v === null || v === undefined) return undefined;
  if (typeof v !== "object" || Array.isArray(v) || isUnknown(v))
    throw new GantryError({
      severity: "error",
      summary: "Invalid import data argument",
      detail: "The import data must be a map known at plan.",
      origin: imp.origin,
    });
  return v as Attrs;
}

/**
 * Reads the object `id` names into `prior` at the instance's address; diagnostics go to `diags` (then nothing is
 * recorded). Returns true when the object was imported.
 */
export async function importInstance(
  r: ResourceConfig,
  type: ResourceType,
  target: { address: string; key: InstanceKey; id: string; data?: Attrs; origin: ImportConfig["origin"] },
  configured: Attrs,
  ctx: OperationContext,
  prior: State,
  diags: DiagnosticBag,
): Promise<boolean> {
  if (!type.import) {
    diags.add(notImportable(type.name, target.origin));
    return false;
  }
  let attrs: Attrs | null;
  try {
    attrs = await type.import(ctx, target.id, configured, target.data);
  } catch (e) {
    diags.error(`Import of ${target.address} failed`, target.origin, (e as Error).message);
    return false;
  }
  if (!attrs) {
    diags.error(
      "Cannot import non-existent remote object",
      target.origin,
      `While attempting to import an existing object to "${target.address}", the provider detected that no object ` +
        `exists with the given id. Only pre-existing objects can be imported; check that the id is correct, or use ` +
        `"gantry apply" to create a new remote object for this resource.`,
    );
    return false;
  }
  prior.instances.set(target.address, {
    address: target.address,
    type: r.type,
    name: r.name,
    key: target.key,
    attributes: attrs,
    dependencies: [],
  });
  return true;
}

export function notImportable(type: string, origin?: ImportConfig["origin"]): Diagnostic {
  return {
    severity: "error",
    summary: "Resource Import Not Implemented",
    detail: `The resource type "${type}" does not support import.`,
    origin,
  };
}

/** "Configuration for import target does not exist", for every import whose target is not an instance planned. */
export function undeclaredImportTargets(config: Config, planned: (address: string) => boolean): Diagnostic[] {
  return config.imports
    .filter((i) => !planned(i.to))
    .map((i) => ({
      severity: "error" as const,
      summary: "Configuration for import target does not exist",
      detail:
        `The configuration for the given import target ${i.to} does not exist. All target instances must have an ` +
        "associated configuration to be imported.",
      origin: i.origin,
    }));
}

export type { InstanceInfo };
