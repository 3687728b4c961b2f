// A resource attribute's value converted to the type its schema declares, as
// Terraform converts configuration to a provider's schema: a list(number)
// given ["80"] holds [80], a set is a set (distinct elements in cty's order),
// a map is a map; a value that cannot convert fails with cty's message and the
// path inside the value. The one place where configured attributes get their
// schema's types (resources, data sources, provisioners).
//
// An object with field schemas gets every field, as cty's conversion to an object type does: the ones not set are
// null (at any depth: in a list of objects, an object in an object). Where gantry's schema says less than a
// provider's would, the value keeps its own types: a list or set without an element schema holds its elements as
// given (tagged a list or set), an object without field schemas is kept as it is, and fields the schema does not name
// are kept (the type's own checks refuse them).

import type { AttributeSchema } from "../contract/resource-type.js";
import { type Attrs, collectionKind, isUnknown, type Value, withCollectionKind } from "../contract/values.js";
import { ctySet } from "./set-order.js";
import type { TypeConstraint } from "./type-constraint.js";
import { convertValue } from "./type-conversion.js";
import { friendlyName } from "./type-names.js";

export type SchemaConversion = { ok: true; value: Value } | { ok: false; message: string };

class SchemaConversionError extends Error {}

const PRIMITIVE: Record<string, TypeConstraint> = {
  string: { k: "string" },
  number: { k: "number" },
  bool: { k: "bool" },
};

/** Terraform's type of an attribute schema, as a type constraint (dynamic parts are `any`). */
export function schemaTypeConstraint(s: AttributeSchema): TypeConstraint {
  switch (s.kind) {
    case "string":
    case "number":
    case "bool":
      return PRIMITIVE[s.kind];
    case "list":
    case "set":
    case "map":
      return { k: s.kind, elem: s.element ? schemaTypeConstraint(s.element) : { k: "any" } };
    case "object":
      if (!s.attributes) return { k: "map", elem: { k: "any" } };
      return {
        k: "object",
        attrs: Object.fromEntries(Object.entries(s.attributes).map(([n, a]) => [n, schemaTypeConstraint(a)])),
        optional: Object.entries(s.attributes)
          .filter(([, a]) => !a.required)
          .map(([n]) => n),
        defaults: {},
      };
    default:
      return { k: "any" };
  }
}

/** The value converted to the attribute's schema type; unknown parts pass, null stays null (unset). */
export function toSchemaType(v: Value, s: AttributeSchema): SchemaConversion {
  try {
    return { ok: true, value: convert(v, s, []) };
  } catch (e) {
    if (e instanceof SchemaConversionError) return { ok: false, message: e.message };
    throw e;
  }
}

/**
 * A recorded value with the fields its schema's objects have and it lacks added as null (a state written before
 * they were filled in), as a provider upgrades its state; the same value when nothing is missing.
 */
export function withSchemaNulls(v: Value, s: AttributeSchema): Value {
  if (v === null || typeof v !== "object" || isUnknown(v)) return v;
  const kind = collectionKind(v);
  if (Array.isArray(v)) {
    if ((s.kind !== "list" && s.kind !== "set") || !s.element) return v;
    const items = v.map((x) => withSchemaNulls(x, s.element!));
    return items.every((x, i) => x === v[i]) ? v : kind ? withCollectionKind(items, kind) : items;
  }
  let out: { [k: string]: Value } | undefined;
  const set = (k: string, x: Value) => {
    out ??= kind ? withCollectionKind({ ...v }, kind) : { ...v };
    out[k] = x;
  };
  if (s.kind === "map" && s.element)
    for (const [k, x] of Object.entries(v)) {
      const y = withSchemaNulls(x, s.element);
      if (y !== x) set(k, y);
    }
  else if (s.kind === "object" && s.attributes)
    for (const [k, a] of Object.entries(s.attributes)) {
      if (!Object.hasOwn(v, k)) set(k, null);
      else {
        const y = withSchemaNulls(v[k], a);
        if (y !== v[k]) set(k, y);
      }
    }
  return out ?? v;
}

/**
 * A recorded object's attributes with withSchemaNulls applied; the same object when nothing is missing. `fillable`:
 * the schema's attributes that may lack a field (schemaNullsFillable), when the caller has them already.
 */
export function attributesWithSchemaNulls(
  attrs: Attrs,
  schema: Record<string, AttributeSchema>,
  fillable: readonly string[] = schemaNullsFillable(schema),
): Attrs {
  let out: Attrs | undefined;
  for (const k of fillable) {
    if (!Object.hasOwn(attrs, k)) continue;
    const x = attrs[k];
    const y = withSchemaNulls(x, schema[k]);
    if (y === x) continue;
    out ??= { ...attrs };
    out[k] = y;
  }
  return out ?? attrs;
}

/**
 * The schema's attributes whose recorded values withSchemaNulls may change: those holding objects with field schemas
 * (at any depth). A type that has none (strings, numbers, `any`...) keeps every record as it is.
 */
export function schemaNullsFillable(schema: Record<string, AttributeSchema>): string[] {
  return Object.keys(schema).filter((k) => holdsFieldSchemas(schema[k]));
}

function holdsFieldSchemas(s: AttributeSchema): boolean {
  switch (s.kind) {
    case "object":
      return s.attributes !== undefined;
    case "list":
    case "set":
    case "map":
      return s.element !== undefined && holdsFieldSchemas(s.element);
    default:
      return false;
  }
}

function fail(path: (string | number)[], message: string): never {
  const at = path.length
    ? `${path.map((p) => (typeof p === "number" ? `element ${p}` : `attribute ${JSON.stringify(p)}`)).join(": ")}: `
    : "";
  throw new SchemaConversionError(`${at}${message}`);
}

function convert(v: Value, s: AttributeSchema, path: (string | number)[]): Value {
  if (v === null || isUnknown(v)) return v;
  switch (s.kind) {
    case "string":
    case "number":
    case "bool": {
      const c = convertValue(v, PRIMITIVE[s.kind]);
      if (!c.ok) fail(path, c.message);
      return c.value;
    }
    case "list":
    case "set": {
      if (!Array.isArray(v)) fail(path, `${friendlyName(schemaTypeConstraint(s))} required`);
      const items = s.element ? v.map((x, i) => convert(x, s.element!, [...path, i])) : [...v];
      if (s.kind === "list") return withCollectionKind(items, "list");
      return withCollectionKind(ctySet(items, s.element?.kind === "map"), "set");
    }
    case "map": {
      if (typeof v !== "object" || Array.isArray(v)) fail(path, `${friendlyName(schemaTypeConstraint(s))} required`);
      const out: { [k: string]: Value } = {};
      for (const [k, x] of Object.entries(v)) out[k] = s.element ? convert(x, s.element, [...path, k]) : x;
      return withCollectionKind(out, "map");
    }
    case "object": {
      if (typeof v !== "object" || Array.isArray(v)) fail(path, "object required");
      if (!s.attributes) return v;
      const out: { [k: string]: Value } = {};
      for (const [k, x] of Object.entries(v)) {
        const a = s.attributes[k];
        out[k] = a ? convert(x, a, [...path, k]) : x;
      }
      for (const k of Object.keys(s.attributes)) if (!Object.hasOwn(out, k)) out[k] = null;
      return out;
    }
    default:
      return v;
  }
}
