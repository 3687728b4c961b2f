// The evaluation scope of a configuration: variables, locals (evaluated on
// demand) and resource values looked up from planned or applied instances.

import { instanceAddress, type InstanceKey, resourceKey } from "./addresses.js";
import type { Expr } from "./expressions/ast.js";
import { EvalError, evalError, evaluate, type EvalScope } from "./expressions/evaluate.js";
import { undeclaredLocalDetail, undeclaredVariableDetail } from "./reference-checks.js";
import type { Config } from "./model.js";
import { moduleInputValue } from "./module-inputs.js";
import { UNKNOWN, unknownOf, type Attrs, type Value } from "../contract/values.js";

export interface Expansion {
  mode: "single" | "count" | "for_each";
  keys: InstanceKey[];
  /** for_each: each.value per key. */
  eachValues?: Map<string, Value>;
}

/** A plan's time as plantimestamp() shows it: RFC 3339 to the second. */
export function planTimestampOf(createdAt: string): string {
  return createdAt.replace(/\.\d+Z$/, "Z");
}

/** What the engine tells every scope of an operation. */
export interface ScopeMeta {
  /** `terraform.workspace` (default "default"). */
  workspace?: string;
  /** Which walk evaluates (timestamp() is unknown while planning). */
  phase?: "plan" | "apply";
  /** The plan's time for plantimestamp() (RFC 3339). */
  planTimestamp?: string;
  /** Whether an expression's value is sensitive (planner/sensitivity.ts), for issensitive(). */
  sensitive?: (e: Expr) => boolean;
  /**
   * Terraform's validate walk: a module's input variables are unknown inside the module, whatever the caller gives
   * (the caller's value is checked against the variable's type only).
   */
  validate?: boolean;
  /**
   * The value of a resource instance the scope has no value for (not recorded, not planned): a door whose language
   * gives resources that were never made values of their own (Heat: null attributes). Absent, or undefined: unknown.
   */
  standIn?: (type: string, name: string, key: InstanceKey) => Value | undefined;
}

export class ValueScope {
  private readonly localCache = new Map<string, Value>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly config: Config,
    private readonly variables: Map<string, Value>,
    readonly expansions: Map<string, Expansion>,
    private readonly valueOf: (address: string) => Attrs | undefined,
    private readonly cacheLocals: boolean,
    private readonly meta: ScopeMeta = {},
  ) {}

  /** The module-level scope, made once: scopes are never changed, and plan asks for one per resource. */
  private moduleScope: EvalScope | undefined;

  /** A scope for a resource instance (count.index or each.* set) or for the module level. */
  scope(countIndex?: number, each?: { key: string; value: Value }): EvalScope {
    if (countIndex === undefined && each === undefined) return (this.moduleScope ??= this.newScope());
    return this.newScope(countIndex, each);
  }

  private newScope(countIndex?: number, each?: { key: string; value: Value }): EvalScope {
    return {
      variable: (n) => {
        if (!this.variables.has(n))
          throw evalError("Reference to undeclared input variable", undeclaredVariableDetail(n));
        return this.variables.get(n)!;
      },
      local: (n) => this.local(n),
      resource: (type, name) => this.resource(type, name),
      resourceInstance: (type, name, key) => this.resourceInstance(type, name, key),
      // module.NAME typed where references are not rewritten (console): the local holding its outputs
      module: (name) => {
        if (!this.config.locals.has(`module.${name}`))
          throw evalError("Reference to undeclared module", `The configuration contains no module.${name}.`);
        return this.local(`module.${name}`);
      },
      dataResource: (type, name) => this.resource("data", `${type}.${name}`),
      countIndex,
      each,
      pathModule: this.config.dir,
      pathRoot: this.config.dir,
      cwd: process.cwd(),
      phase: this.meta.phase,
      planTimestamp: this.meta.planTimestamp,
      workspace: this.meta.workspace ?? "default",
      sensitive: this.meta.sensitive,
    };
  }

  private local(name: string): Value {
    if (this.cacheLocals && this.localCache.has(name)) return this.localCache.get(name)!;
    const l = this.config.locals.get(name);
    if (!l) throw evalError("Reference to undeclared local value", undeclaredLocalDetail(name));
    if (this.evaluating.has(name)) throw new EvalError(`local.${name} refers to itself`);
    this.evaluating.add(name);
    try {
      let v = evaluate(l.value, this.scope());
      if (l.input) {
        v = moduleInputValue(l, v, { rules: !this.meta.validate });
        if (this.meta.validate) v = unknownOf(l.input.constraint);
      }
      if (this.cacheLocals) this.localCache.set(name, v);
      return v;
    } finally {
      this.evaluating.delete(name);
    }
  }

  /** `type.name[key]` when that instance exists in the expansion; undefined otherwise (the caller reports it). */
  private resourceInstance(type: string, name: string, key: number | string): Value | undefined {
    const rkey = resourceKey(type, name);
    const exp = this.expansions.get(rkey);
    if (!exp) return this.meta.standIn?.(type, name, key) ?? UNKNOWN;
    if (
      exp.mode === "count"
        ? typeof key !== "number" || key < 0 || key >= exp.keys.length
        : exp.mode === "for_each"
          ? !exp.eachValues!.has(String(key))
          : true
    )
      return undefined;
    const k = exp.mode === "count" ? key : String(key);
    return this.valueOf(instanceAddress(rkey, k)) ?? this.meta.standIn?.(type, name, k) ?? UNKNOWN;
  }

  private resource(type: string, name: string): Value {
    const key = resourceKey(type, name);
    const exp = this.expansions.get(key);
    if (!exp) return this.meta.standIn?.(type, name, undefined) ?? UNKNOWN;
    // a single instance's address is the resource's key
    if (exp.mode === "single") return this.valueOf(key) ?? this.meta.standIn?.(type, name, undefined) ?? UNKNOWN;
    const get = (k: InstanceKey): Value =>
      this.valueOf(instanceAddress(key, k)) ?? this.meta.standIn?.(type, name, k) ?? UNKNOWN;
    if (exp.mode === "count") return exp.keys.map(get);
    const out: { [k: string]: Value } = {};
    for (const k of exp.keys) out[String(k)] = get(k);
    return out;
  }
}

/**
 * `scope` with `self` available (provisioner and connection blocks, postconditions): `self` is the instance's own
 * value, read when an expression refers to it.
 */
export function scopeWithSelf(scope: EvalScope, self: () => Value): EvalScope {
  return { ...scope, self };
}
