// From a resource block to its instances: count/for_each expansion, each
// instance's configured attributes checked against its type's schema, and
// the planned attributes (defaults, computed values, the type's own diff).

import { type AttributeChecker, hasNestedRules } from "../contract/attribute-check.js";
import type { AttributeSchema, InstanceInfo, ResourceType } from "../contract/resource-type.js";
import type { InstanceKey } from "./addresses.js";
import { type DiagnosticBag, errorAt, GantryError } from "../contract/diagnostics.js";
import { evaluate, type EvalScope } from "./expressions/evaluate.js";
import { EMPTY_LIST, type ResourceConfig } from "./model.js";
import type { Expansion, ValueScope } from "./scope.js";
import { schemaTypeConstraint, toSchemaType } from "./schema-typed-value.js";
import { inferType } from "./type-conversion.js";
import { friendlyName } from "./type-names.js";
import {
  UNKNOWN,
  unknownOf,
  collectionKind,
  containsUnknown,
  isUnknown,
  typeName,
  type Attrs,
  type Value,
} from "../contract/values.js";

export type TypeResolver = (name: string) => ResourceType | undefined;

export function isConfigurable(s: AttributeSchema): boolean {
  return !!s.required || !!s.optional || !s.computed;
}

const requiredOf = new WeakMap<ResourceType, [string, AttributeSchema][]>();

/** The type's required attributes, in schema order (found once per type: schemas do not change). */
function requiredAttributes(type: ResourceType): [string, AttributeSchema][] {
  let required = requiredOf.get(type);
  if (!required) {
    required = Object.entries(type.schema).filter(([, s]) => s.required);
    requiredOf.set(type, required);
  }
  return required;
}

const schemaEntriesOf = new WeakMap<ResourceType, [string, AttributeSchema][]>();

/** The type's attributes and their schemas, in schema order (listed once per type, not once per instance). */
function schemaEntries(type: ResourceType): [string, AttributeSchema][] {
  let entries = schemaEntriesOf.get(type);
  if (!entries) {
    entries = Object.entries(type.schema);
    schemaEntriesOf.set(type, entries);
  }
  return entries;
}

/** Checks a block against its type: the type exists, every property is known, required ones are set. */
export function checkBlock(
  r: ResourceConfig,
  type: ResourceType | undefined,
  knownTypes: string[],
  diags: DiagnosticBag,
): void {
  if (!type) {
    const full = `gantry_${r.type}`;
    diags.error(
      `Unknown resource type "${r.type}" for resource "${r.key}"`,
      r.origin,
      knownTypes.includes(full)
        ? `gantry has no resource type "${r.type}". Did you mean "${full}"?`
        : `gantry has no resource type "${r.type}". Known types: ${knownTypes.join(", ")}.`,
    );
    return;
  }
  for (const name in r.properties) {
    const p = r.properties[name];
    const s = type.schema[name];
    if (!s) {
      const settable = Object.entries(type.schema)
        .filter(([, a]) => isConfigurable(a))
        .map(([n]) => n);
      diags.error(
        `Unsupported property "${name}" in resource "${r.key}"`,
        p.origin,
        `Type "${type.name}" accepts: ${settable.join(", ")}.`,
      );
    } else if (!isConfigurable(s))
      diags.error(`Property "${name}" of resource "${r.key}" is computed by gantry and cannot be set`, p.origin);
  }
  for (const [name, s] of requiredAttributes(type))
    if (!(name in r.properties))
      diags.error(
        `Missing required property "${name}" in resource "${r.key}"`,
        r.origin,
        `${type.name}.${name}: ${s.description}`,
      );
  if (r.lifecycle.ignoreChanges !== "all")
    for (const name of r.lifecycle.ignoreChanges)
      if (!type.schema[name])
        diags.error(
          `lifecycle.ignore_changes of resource "${r.key}" names unknown attribute "${name}"`,
          r.origin,
          `Type "${type.name}" has: ${Object.keys(type.schema).join(", ")}.`,
        );
}

/** Evaluates count / for_each. Their values must be known when planning. */
export function expandBlock(r: ResourceConfig, scope: EvalScope): Expansion {
  if (r.count && r.forEach) throw errorAt(`Resource "${r.key}" sets both count and for_each`, r.count.origin);
  if (r.count) {
    const v = evalAt(r.count.value, scope, r.count.origin, "count", r.key);
    if (isUnknown(v))
      throw errorAt(
        `The count of "${r.key}" depends on values known only after apply`,
        r.count.origin,
        "count must be known when planning; use values from variables, locals or resources already applied.",
      );
    const n = typeof v === "string" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
      throw errorAt(
        `Invalid count for "${r.key}": expected a whole number >= 0, got ${JSON.stringify(v)}`,
        r.count.origin,
      );
    return { mode: "count", keys: Array.from({ length: n }, (_, i) => i) };
  }
  if (r.forEach) {
    const v = evalAt(r.forEach.value, scope, r.forEach.origin, "for_each", r.key);
    // the keys must be known when planning; a map's values may be known only after apply
    const keysUnknown = isUnknown(v) || (Array.isArray(v) && v.some(containsUnknown));
    if (keysUnknown)
      throw errorAt(
        `The for_each of "${r.key}" depends on values known only after apply`,
        r.forEach.origin,
        "for_each keys must be known when planning.",
      );
    if (r.forEachMapOrSet) checkMapOrSet(r, v, scope);
    const eachValues = new Map<string, Value>();
    if (Array.isArray(v)) {
      for (const x of v) {
        if (typeof x !== "string")
          throw errorAt(
            `Invalid for_each for "${r.key}": a list must hold strings, found ${typeName(x)}`,
            r.forEach.origin,
          );
        eachValues.set(x, x);
      }
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) eachValues.set(k, x);
    } else
      throw errorAt(
        `Invalid for_each for "${r.key}": expected a map or a list of strings, got ${typeName(v)}`,
        r.forEach.origin,
      );
    return { mode: "for_each", keys: [...eachValues.keys()].sort(), eachValues };
  }
  return SINGLE;
}

/** The expansion of every block without count or for_each: one, frozen, not one per block. */
const SINGLE: Expansion = Object.freeze({ mode: "single", keys: Object.freeze([undefined]) as InstanceKey[] });

/**
 * Terraform's rules for the value of for_each (a resource's, a module call's): not sensitive, and a map, an object or
 * a set of strings without null; a list or tuple is refused even when it holds strings. Its messages.
 */
function checkMapOrSet(r: ResourceConfig, v: Value, scope: EvalScope): void {
  const origin = r.forEach!.origin;
  const fail = (summary: string, detail: string) => {
    throw errorAt(`${summary} of "${r.key}"`, origin, detail);
  };
  const unsuitable = 'The given "for_each" argument value is unsuitable:';
  if (scope.sensitive?.(r.forEach!.value))
    fail(
      "Invalid for_each argument",
      "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, " +
        "the sensitive value could be exposed as a resource instance key.",
    );
  if (v === null)
    fail(
      "Invalid for_each argument",
      `${unsuitable} the given "for_each" argument value is null. A map, or set of strings is allowed.`,
    );
  const kind = collectionKind(v);
  if (Array.isArray(v) && kind === "set") {
    const t = inferType(v);
    const elem = t.k === "set" ? t.elem : undefined;
    if (elem && elem.k !== "string" && elem.k !== "any")
      fail(
        "Invalid for_each set argument",
        `${unsuitable} "for_each" supports maps and sets of strings, but you have provided a set containing type ` +
          `${friendlyName(elem)}.`,
      );
    if (v.includes(null))
      fail("Invalid for_each set argument", `${unsuitable} "for_each" sets must not contain null values.`);
    return;
  }
  if (v !== null && typeof v === "object" && !Array.isArray(v)) return;
  fail(
    "Invalid for_each argument",
    `${unsuitable} the "for_each" argument must be a map, or set of strings, and you have provided a value of type ` +
      `${friendlyName(inferType(v))}.`,
  );
}

export function instanceScope(values: ValueScope, exp: Expansion, key: InstanceKey): EvalScope {
  if (exp.mode === "count") return values.scope(key as number);
  if (exp.mode === "for_each")
    return values.scope(undefined, { key: String(key), value: exp.eachValues!.get(String(key))! });
  return values.scope();
}

function evalAt(
  e: Parameters<typeof evaluate>[0],
  scope: EvalScope,
  origin: ResourceConfig["origin"],
  what: "count" | "for_each" | "property",
  of: string,
  property?: string,
): Value {
  try {
    return evaluate(e, scope);
  } catch (err) {
    if (err instanceof GantryError) throw err;
    // the message is made only on failure: not one string per property of each of 100,000 instances
    const subject = what === "property" ? `property "${property}"` : what;
    throw errorAt(`Invalid expression in ${subject} of ${of}: ${(err as Error).message}`, origin);
  }
}

/** The configured attributes of one instance, evaluated and converted to the schema's kinds. */
export function evaluateInstance(r: ResourceConfig, type: ResourceType, scope: EvalScope, address: string): Attrs {
  const attrs: Attrs = {};
  for (const name in r.properties) {
    const p = r.properties[name];
    const v = evalAt(p.value, scope, p.origin, "property", address, name);
    const c = toSchemaType(v, type.schema[name]);
    if (!c.ok) throw errorAt(`Invalid value for property "${name}" of ${address}: ${c.message}`, p.origin);
    attrs[name] = c.value;
  }
  return attrs;
}

/** lifecycle.ignore_changes: the ignored attributes keep their prior values, before the type plans from them. */
export function withIgnoredChanges(
  r: ResourceConfig,
  type: ResourceType,
  configured: Attrs,
  prior: Attrs | null,
): Attrs {
  const ignore = r.lifecycle.ignoreChanges;
  if (!prior || (ignore !== "all" && !ignore.length)) return configured;
  const out: Attrs = { ...configured };
  const names = ignore === "all" ? Object.keys(type.schema).filter((k) => isConfigurable(type.schema[k])) : ignore;
  for (const k of names) if (k in prior) out[k] = prior[k];
  return out;
}

/**
 * Planned attributes: configured values, defaults, computed ones from prior
 * (or unknown when creating), then the type's own diff.
 */
export function planAttributes(
  type: ResourceType,
  prior: Attrs | null,
  configured: Attrs,
  info: InstanceInfo,
): { planned: Attrs; requiresReplace: string[] } {
  const planned: Attrs = {};
  for (const [name, s] of schemaEntries(type)) {
    if (name in configured && configured[name] !== null) planned[name] = configured[name];
    else if (s.default !== undefined) planned[name] = s.default;
    else if (s.computed) planned[name] = prior && name in prior ? prior[name] : unknownOf(schemaTypeConstraint(s));
    else planned[name] = null;
  }
  if (!type.planChange) return { planned, requiresReplace: EMPTY_LIST };
  const hint = type.planChange(prior, planned, info);
  return { planned: hint.planned, requiresReplace: hint.requiresReplace ?? EMPTY_LIST };
}

/** Errors from the schema's nested rules and the type's own validation, located at the property. */
export function validateInstance(
  r: ResourceConfig,
  type: ResourceType,
  attrs: Attrs,
  info: InstanceInfo,
  diags: DiagnosticBag,
  checker: () => AttributeChecker,
): void {
  for (const [name, s] of schemaEntries(type)) {
    if (!hasNestedRules(s) || attrs[name] === undefined) continue;
    for (const message of checker().problems(s, attrs[name]))
      diags.error(`Invalid property "${name}" of ${info.address}: ${message}`, r.properties[name]?.origin ?? r.origin);
  }
  if (!type.validate) return;
  for (const problem of type.validate(attrs, info)) {
    const origin = r.properties[problem.attribute]?.origin ?? r.origin;
    diags.error(
      `Invalid ${problem.attribute ? `property "${problem.attribute}"` : "configuration"} ` +
        `of ${info.address}: ${problem.message}`,
      origin,
    );
  }
}
