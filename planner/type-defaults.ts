// Defaults of optional object attributes (`optional(T, default)`), applied as
// Terraform does before a value is converted to its type constraint: at every
// depth, inside lists, sets, maps and tuples of objects, wherever an optional
// attribute is missing or null; a default that is itself an object gets its
// own nested defaults. A null value as a whole is left alone (so a nullable
// variable can still be null).

import { isUnknown, type Value } from "../contract/values.js";
import type { TypeConstraint } from "./type-constraint.js";

export function applyTypeDefaults(v: Value, t: TypeConstraint): Value {
  if (v === null || isUnknown(v) || !hasDefaults(t)) return v;
  switch (t.k) {
    case "list":
    case "set":
      return Array.isArray(v) ? v.map((x) => applyTypeDefaults(x, t.elem)) : v;
    case "tuple":
      return Array.isArray(v) ? v.map((x, i) => (i < t.elems.length ? applyTypeDefaults(x, t.elems[i]) : x)) : v;
    case "map":
      return isObject(v) ? mapValues(v, (x) => applyTypeDefaults(x, t.elem)) : v;
    case "object": {
      if (!isObject(v)) return v;
      const out = mapValues(v, (x, n) => (Object.hasOwn(t.attrs, n) ? applyTypeDefaults(x, t.attrs[n]) : x));
      for (const [n, d] of Object.entries(t.defaults))
        if (!Object.hasOwn(out, n) || out[n] === null) out[n] = applyTypeDefaults(d, t.attrs[n]);
      return out;
    }
    default:
      return v;
  }
}

/** Whether the type holds any optional(T, default) at any depth. */
export function hasDefaults(t: TypeConstraint): boolean {
  switch (t.k) {
    case "list":
    case "set":
    case "map":
      return hasDefaults(t.elem);
    case "tuple":
      return t.elems.some(hasDefaults);
    case "object":
      return Object.keys(t.defaults).length > 0 || Object.values(t.attrs).some(hasDefaults);
    default:
      return false;
  }
}

function isObject(v: Value): v is { [k: string]: Value } {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !isUnknown(v);
}

function mapValues(o: { [k: string]: Value }, f: (v: Value, k: string) => Value): { [k: string]: Value } {
  const out: { [k: string]: Value } = {};
  for (const [k, x] of Object.entries(o)) out[k] = f(x, k);
  return out;
}
