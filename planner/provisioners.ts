// Running a resource's provisioners for one instance, as Terraform does:
// creation-time ones after the instance is created, destroy-time ones before
// it is deleted, each kind in declaration order. Arguments are evaluated
// when the provisioner runs, with `self` the instance's attributes (after
// create; as last recorded before destroy). A failure with on_failure =
// fail stops there and fails the step; with continue it is ignored.

import type { Provisioner } from "../contract/provisioner.js";
import type { AttributeSchema } from "../contract/resource-type.js";
import { errorAt, GantryError } from "../contract/diagnostics.js";
import { containsUnknown, UNKNOWN, type Attrs } from "../contract/values.js";
import type { InstanceKey } from "./addresses.js";
import { evaluate, type EvalScope } from "./expressions/evaluate.js";
import { instanceScope } from "./instances.js";
import type { Config, PropertyConfig, ProvisionerConfig, ResourceConfig } from "./model.js";
import { collectRefs, type Expr } from "./expressions/ast.js";
import { type Expansion, scopeWithSelf, type ValueScope } from "./scope.js";
import { toSchemaType } from "./schema-typed-value.js";

export interface ProvisionerEvents {
  started(address: string, provisioner: string): void;
  output(address: string, provisioner: string, text: string): void;
}

/** Runs the instance's provisioners of kind `when`; throws when one fails with on_failure = fail. */
export type ProvisionerRunner = (
  r: ResourceConfig | undefined,
  instance: { address: string; key?: InstanceKey },
  when: ProvisionerConfig["when"],
  self: Attrs,
) => Promise<void>;

export function provisionerRunner(opts: {
  resolve: (name: string) => Provisioner | undefined;
  values: ValueScope;
  expansions: Map<string, Expansion>;
  config: Config;
  signal: AbortSignal;
  events: ProvisionerEvents;
}): ProvisionerRunner {
  return async (r, instance, when, self) => {
    for (const p of r?.provisioners ?? []) {
      if (p.when !== when) continue;
      const provisioner = opts.resolve(p.type);
      if (!provisioner) throw errorAt(`Unknown provisioner type "${p.type}"`, p.origin);
      const scope = scopeWithSelf(baseScope(opts.values, opts.expansions, r!, instance.key, when), () => self);
      const config = evaluateArguments(p.properties, provisioner.schema, p.type, scope, instance.address);
      const connection =
        provisioner.connection && p.connection
          ? evaluateArguments(p.connection, provisioner.connection, p.type, scope, instance.address, "connection of ")
          : undefined;
      opts.events.started(instance.address, p.type);
      // as Terraform: a sensitive value in the arguments could leak through the output, so none is shown
      const secret = Object.values(p.properties).some((prop) => usesSensitive(prop.value, opts.config));
      try {
        await provisioner.run(
          {
            address: instance.address,
            configDir: opts.config.dir,
            signal: opts.signal,
            ...(connection ? { connection } : {}),
            output: (text) =>
              opts.events.output(
                instance.address,
                p.type,
                secret ? "(output suppressed due to sensitive value in config)" : text,
              ),
          },
          config,
        );
      } catch (e) {
        if (p.onFailure === "continue") continue;
        throw new GantryError((e as Error).message);
      }
    }
  };
}

/** count.index and each.* of the instance (a destroy-time provisioner, which may use only each.key, no each.value). */
function baseScope(
  values: ValueScope,
  expansions: Map<string, Expansion>,
  r: ResourceConfig,
  key: InstanceKey,
  when: ProvisionerConfig["when"],
): EvalScope {
  const exp = expansions.get(r.key);
  if (when === "create" && exp?.keys.includes(key)) return instanceScope(values, exp, key);
  if (typeof key === "number") return values.scope(key);
  if (typeof key === "string") return values.scope(undefined, { key, value: UNKNOWN });
  return values.scope();
}

function evaluateArguments(
  properties: Record<string, PropertyConfig>,
  schema: Record<string, AttributeSchema>,
  type: string,
  scope: EvalScope,
  address: string,
  within = "",
): Attrs {
  const out: Attrs = {};
  for (const [name, prop] of Object.entries(properties)) {
    const what = `"${name}" in ${within}provisioner "${type}" of ${address}`;
    let v: ReturnType<typeof evaluate>;
    try {
      v = evaluate(prop.value, scope);
    } catch (e) {
      throw errorAt(`Invalid expression in ${what}: ${(e as Error).message}`, prop.origin);
    }
    if (containsUnknown(v)) throw errorAt(`The value of ${what} is unknown`, prop.origin);
    const c = schema[name] ? toSchemaType(v, schema[name]) : ({ ok: true, value: v } as const);
    if (!c.ok) throw errorAt(`Invalid value for ${what}: ${c.message}`, prop.origin);
    out[name] = c.value;
  }
  return out;
}

/** Does the expression use a sensitive variable, directly or through locals? */
function usesSensitive(e: Expr, config: Config, seen = new Set<string>()): boolean {
  return collectRefs(e).some((ref) => {
    const first = ref.steps[0];
    const name = first?.k === "attr" ? first.name : "";
    if (ref.root === "var") return !!config.variables.get(name)?.sensitive;
    if (ref.root !== "local" || seen.has(name)) return false;
    seen.add(name);
    const l = config.locals.get(name);
    return !!l && usesSensitive(l.value, config, seen);
  });
}
