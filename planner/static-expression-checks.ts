// Checks of a configuration's expressions made before anything is planned (validate, and the start of plan), as
// Terraform makes them: a call to a function that does not exist is refused wherever it is written, even in a branch
// never taken; a provider-defined function (provider::NS::FN) is refused since gantry's providers define none (the
// built-in terraform provider's three are built-in functions here); and every expression whose inputs are all known
// (constants, variables, locals) is evaluated, so that `upper([1])` is an error at validate. Values known only after
// apply (resource attributes, count.index, each) are unknown here, and an expression that needs them is checked when
// they are known.

import { type DiagnosticBag, type Origin, GantryError } from "../contract/diagnostics.js";
import type { ResourceType } from "../contract/resource-type.js";
import { UNKNOWN, unknownOf, type Value } from "../contract/values.js";
import { callsAFunction, type Expr, visitExprs } from "./expressions/ast.js";
import { evaluate, type EvalScope } from "./expressions/evaluate.js";
import { isKnownFunction } from "./expressions/functions/registry.js";
import type { Config, ConditionConfig, LocalConfig, PropertyConfig, ResourceConfig } from "./model.js";
import { toSchemaType } from "./schema-typed-value.js";
import { ValueScope } from "./scope.js";

interface Site {
  expr: Expr;
  origin: Origin;
}

function conditionSites(conditions: ConditionConfig[], out: Site[]): void {
  for (const c of conditions) {
    out.push({ expr: c.condition, origin: c.origin });
    out.push({ expr: c.errorMessage, origin: c.origin });
  }
}

function propertySites(props: Record<string, PropertyConfig> | undefined, out: Site[]): void {
  for (const k in props) out.push({ expr: props[k].value, origin: props[k].origin });
}

function resourceSites(r: ResourceConfig, out: Site[]): void {
  propertySites(r.properties, out);
  if (r.count) out.push({ expr: r.count.value, origin: r.count.origin });
  if (r.forEach) out.push({ expr: r.forEach.value, origin: r.forEach.origin });
  conditionSites(r.lifecycle.preconditions, out);
  conditionSites(r.lifecycle.postconditions, out);
  for (const p of r.provisioners ?? []) {
    propertySites(p.properties, out);
    propertySites(p.connection, out);
  }
}

function localSites(l: LocalConfig, out: Site[]): void {
  out.push({ expr: l.value, origin: l.origin });
  if (l.output) conditionSites(l.output.preconditions, out); // a module output's
}

/** Every expression of the configuration but its resources' and locals', with where it is written. */
function otherSites(config: Config): Site[] {
  const out: Site[] = [];
  for (const o of config.outputs.values()) {
    out.push({ expr: o.value, origin: o.origin });
    conditionSites(o.preconditions, out);
  }
  for (const v of config.variables.values())
    for (const rule of v.validations) {
      out.push({ expr: rule.condition, origin: rule.origin });
      out.push({ expr: rule.errorMessage, origin: rule.origin });
    }
  for (const c of config.checks.values()) conditionSites(c.asserts, out);
  for (const i of config.imports) {
    out.push({ expr: i.id, origin: i.origin });
    if (i.data) out.push({ expr: i.data, origin: i.origin });
  }
  return out;
}

/**
 * Calls of functions that do not exist, and of provider-defined functions, wherever they are written: in every
 * expression of the configuration, a module's blocks (and locals) once, not once per instance (the first of those
 * written at one place). Most blocks call no function: which block is the first of its place is found only when one
 * does. Returns whether any resource or data block or local calls a function (none: none calls sensitive()).
 */
export function checkFunctionNames(config: Config, diags: DiagnosticBag): boolean {
  const blocks = [...config.resources.values(), ...config.data.values()];
  let firstAt: Map<Origin, ResourceConfig | LocalConfig> | undefined;
  const firstOfItsPlace = (x: ResourceConfig | LocalConfig): boolean => {
    if (!firstAt) {
      firstAt = new Map();
      for (const r of blocks) if (!firstAt.has(r.origin)) firstAt.set(r.origin, r);
      for (const l of config.locals.values()) if (!firstAt.has(l.origin)) firstAt.set(l.origin, l);
    }
    return firstAt.get(x.origin) === x;
  };
  const sites: Site[] = [];
  let calls = false;
  for (const r of blocks) {
    sites.length = 0;
    resourceSites(r, sites);
    if (!sites.some((s) => callsAFunction(s.expr))) continue;
    calls = true;
    if (firstOfItsPlace(r)) checkSites(sites, diags);
  }
  for (const l of config.locals.values()) {
    sites.length = 0;
    localSites(l, sites);
    if (!sites.some((s) => callsAFunction(s.expr))) continue;
    calls = true;
    if (firstOfItsPlace(l)) checkSites(sites, diags);
  }
  checkSites(otherSites(config), diags);
  return calls;
}

function checkSites(sites: Site[], diags: DiagnosticBag): void {
  for (const site of sites) {
    if (site.expr.k === "lit") continue;
    /** How many calls of each name came before in this expression: which one of them an error is about. */
    let seen: Map<string, number> | undefined;
    // the calls in source order
    visitExprs(site.expr, (c) => {
      if (c.k !== "call") return;
      seen ??= new Map();
      const index = seen.get(c.fn) ?? 0;
      seen.set(c.fn, index + 1);
      if (isKnownFunction(c.fn)) return;
      const origin: Origin = { ...site.origin, call: { fn: c.fn, index } };
      if (c.fn.startsWith("provider::terraform::"))
        diags.error(
          "Unknown provider function",
          origin,
          `The function "${c.fn.split("::")[2]}" is not available from the provider "terraform".`,
        );
      else if (c.fn.startsWith("provider::"))
        diags.error(
          `Call to provider-defined function "${c.fn}"`,
          origin,
          "gantry's providers are built in and define no functions (the built-in terraform provider's are there: " +
            "provider::terraform::encode_tfvars, decode_tfvars and encode_expr). Use Terraform's built-in functions " +
            "instead.",
        );
      else if (c.fn.includes("::"))
        diags.error(
          "Call to unknown function",
          origin,
          `There is no function named "${c.fn}": function namespaces other than provider:: are not supported.`,
        );
      else diags.error("Call to unknown function", origin, `There is no function named "${c.fn}".`);
    });
  }
}

/**
 * Evaluates the resources' arguments, the locals and the outputs with what is known before planning: variables
 * (their values or defaults) and locals; resources, data sources, count.index and each.* are unknown. An expression
 * that fails even so (a function given a value it refuses, an operator on the wrong type) is an error at its place.
 */
export function checkKnownExpressions(
  config: Config,
  variables: Map<string, Value>,
  types: (name: string) => ResourceType | undefined,
  diags: DiagnosticBag,
  /** Terraform's validate: module input variables unknown inside their module, the callers' values type-checked. */
  opts: { validate?: boolean } = {},
): void {
  const known = new Map(variables);
  for (const name of config.variables.keys()) if (!known.has(name)) known.set(name, UNKNOWN);
  const values = new ValueScope(config, known, new Map(), () => undefined, true, {
    phase: "plan",
    validate: opts.validate,
  });
  const base = values.scope();
  const counted: EvalScope = { ...base, countIndex: unknownOf({ k: "number" }) };
  const each: EvalScope = { ...base, each: { key: unknownOf({ k: "string" }), value: UNKNOWN } };
  const reported = new Set<Origin>();
  const told = new Set<string>();
  const check = (expr: Expr, origin: Origin, scope: EvalScope, what: string): Value => {
    if (reported.has(origin)) return UNKNOWN;
    try {
      return evaluate(expr, scope);
    } catch (e) {
      reported.add(origin);
      // an error of what an expression uses (a module input's value) is told once, not once per expression using it
      if (e instanceof GantryError)
        for (const d of e.diagnostics) {
          const key = JSON.stringify([d.summary, d.detail, d.origin?.file, d.origin?.path]);
          if (!told.has(key)) diags.add([d]);
          told.add(key);
        }
      else diags.error(`Invalid expression in ${what}: ${(e as Error).message}`, origin);
      return UNKNOWN;
    }
  };
  const seen = new Set<Origin>();
  for (const r of [...config.resources.values(), ...config.data.values()]) {
    if (seen.has(r.origin)) continue; // a module's block once
    seen.add(r.origin);
    const scope = r.count ? counted : r.forEach ? each : base;
    const schema = r.mode === "data" ? undefined : types(r.type)?.schema;
    for (const [name, p] of Object.entries(r.properties)) {
      const v = check(p.value, p.origin, scope, `property "${name}" of ${r.key}`);
      // the value as the resource type's schema takes it (list(number) given ["x"] is refused here already)
      const c = schema?.[name] ? toSchemaType(v, schema[name]) : undefined;
      if (c && !c.ok) diags.error(`Invalid value for property "${name}" of ${r.key}: ${c.message}`, p.origin);
    }
  }
  for (const l of config.locals.values()) {
    if (!l.input) check(l.value, l.origin, base, `local.${l.name}`);
    // a module's input: its caller's value against the variable's type (validate), else with every rule by plan
    else if (opts.validate)
      check({ k: "ref", root: "local", steps: [{ k: "attr", name: l.name }], text: l.name }, l.origin, base, l.name);
  }
  for (const o of config.outputs.values()) check(o.value, o.origin, base, `output "${o.name}"`);
}
