// Data resources while planning: each instance's arguments are evaluated and,
// when known, the data source reads at once; what it read is what
// `data.TYPE.NAME` refers to and is recorded in state (mode "data"). With
// arguments not known until apply, the read is deferred (a "read" change,
// shown as Terraform's "will be read during apply").

import { type Diagnostic, type DiagnosticBag, errorAt, GantryError } from "../contract/diagnostics.js";
import type { DataSourceType, OperationContext, ResourceType } from "../contract/resource-type.js";
import { UNKNOWN, containsUnknown, type Attrs } from "../contract/values.js";
import type { InstanceKey } from "./addresses.js";
import type { ResourceChange } from "./changes.js";
import type { EvalScope } from "./expressions/evaluate.js";
import { evaluateInstance, instanceScope, isConfigurable } from "./instances.js";
import type { Config, ResourceConfig } from "./model.js";
import type { Expansion, ValueScope } from "./scope.js";
import type { State } from "./state.js";

/** The arguments are ones the data source has; required ones are set. */
export function checkDataBlock(r: ResourceConfig, ds: DataSourceType | undefined, diags: DiagnosticBag): void {
  if (!ds) {
    diags.error(
      "Invalid data source",
      r.origin,
      `gantry does not support data source "${r.type}". gantry's data sources: gantry_file, terraform_remote_state.`,
    );
    return;
  }
  for (const [name, p] of Object.entries(r.properties))
    if (!ds.schema[name] || !isConfigurable(ds.schema[name]))
      diags.error(
        "Unsupported argument",
        p.origin,
        `An argument named "${name}" is not expected here. Data source "${ds.name}" accepts: ` +
          `${Object.keys(ds.schema)
            .filter((k) => isConfigurable(ds.schema[k]))
            .join(", ")}.`,
      );
  for (const [name, s] of Object.entries(ds.schema))
    if (s.required && !(name in r.properties))
      diags.error(
        "Missing required argument",
        r.origin,
        `The argument "${name}" is required, but no definition was found.`,
      );
}

/** A data source's value before it is read: what is configured, and every computed attribute unknown. */
export function withComputedUnknown(ds: DataSourceType, configured: Attrs = {}): Attrs {
  const out: Attrs = { ...configured };
  for (const [k, s] of Object.entries(ds.schema)) if (s.computed && !(k in out)) out[k] = UNKNOWN;
  return out;
}

/** Plans one data instance: read now (recorded in `prior`), or a deferred "read" change. */
export async function planDataInstance(
  r: ResourceConfig,
  ds: DataSourceType,
  target: { address: string; key: InstanceKey; deps: string[] },
  scope: EvalScope,
  ctx: OperationContext,
  prior: State,
): Promise<{ value: Attrs; change?: ResourceChange }> {
  const { address, key } = target;
  const configured = evaluateInstance(r, ds as never, scope, address);
  if (containsUnknown(configured)) {
    const after = withComputedUnknown(ds, configured);
    const change: ResourceChange = {
      address,
      resourceKey: r.key,
      type: r.type,
      name: r.name,
      key,
      action: "read",
      before: null,
      after,
      requiresReplace: [],
      dependsOn: target.deps,
      deferred: true,
    };
    return { value: after, change };
  }
  let value: Attrs;
  try {
    value = await ds.read(ctx, configured);
  } catch (e) {
    throw errorAt(`Error reading ${address}`, r.origin, (e as Error).message);
  }
  prior.instances.set(address, {
    address,
    mode: "data",
    type: r.type,
    name: r.name,
    key,
    attributes: value,
    dependencies: [],
  });
  return { value };
}

/** Reads a deferred data instance at apply, its arguments evaluated against what is applied by now. */
export type DeferredDataReader = (c: ResourceChange, ctx: OperationContext) => Promise<Attrs>;

/**
 * `checkFailures`: where a data source scoped to a check block that cannot be read says so (a warning, the check's
 * assertions then skipped); it is recorded with its computed attributes null rather than failing the apply.
 */
export function deferredDataReader(
  config: Config,
  plan: { expansions: Map<string, Expansion> },
  values: ValueScope,
  dataSources: ((name: string) => DataSourceType | undefined) | undefined,
  checkFailures?: { check: string; warning: Diagnostic }[],
): DeferredDataReader {
  return async (c, ctx) => {
    const ds = dataSources?.(c.type);
    const r = config.data.get(c.resourceKey);
    const exp = plan.expansions.get(c.resourceKey);
    if (!ds || !r || !exp) throw new GantryError(`configuration for ${c.address} is missing`);
    const configured = evaluateInstance(r, ds as never, instanceScope(values, exp, c.key), c.address);
    if (containsUnknown(configured))
      throw new GantryError(`the arguments of ${c.address} are still unknown after its dependencies were applied`);
    if (r.check === undefined || !checkFailures) return ds.read(ctx, configured);
    try {
      return await ds.read(ctx, configured);
    } catch (e) {
      const warning: Diagnostic = {
        severity: "warning",
        summary: `Error reading ${c.address}`,
        detail: (e as Error).message,
        origin: r.origin,
      };
      checkFailures.push({ check: r.check, warning });
      const value: Attrs = {};
      for (const k of Object.keys(ds.schema)) value[k] = k in configured ? configured[k] : null;
      return value;
    }
  };
}

/** Stands in for a resource type in a data read's apply step: only the step's readData is used. */
export const DATA_READ: ResourceType = {
  name: "data",
  description: "a data resource read at apply",
  schema: {},
  create: () => Promise.reject(new Error("data resources are only read")),
  read: () => Promise.reject(new Error("data resources are only read")),
  update: () => Promise.reject(new Error("data resources are only read")),
  delete: () => Promise.resolve(),
};
