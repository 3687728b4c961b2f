// Conversion of values to type constraints: resource properties by the kind
// of their schema, input variables by their full type constraint.

import {
  collectionKind,
  deepEqual,
  isUnknown,
  typeName,
  unknownOf,
  type Value,
  withCollectionKind,
} from "../contract/values.js";
import { ctySet } from "./set-order.js";
import type { TypeConstraint } from "./type-constraint.js";
import { friendlyName, friendlyNameForConstraint } from "./type-names.js";
import { convertible as convertibleType, sameType, unifyTypes } from "./type-unification.js";

/** The outer kind of a type constraint: "list(string)" -> "list". */
export function outerKind(type: string): string {
  const t = type.trim().replace(/^\$\{(.*)\}$/, "$1");
  const m = /^([a-z]+)\s*(\(|$)/.exec(t);
  return m ? m[1] : t;
}

/** Converts a value to a type constraint as Terraform does (numbers and bools to strings and back); unknown passes. */
export function convertToType(v: unknown, type: string): { ok: true; value: Value } | { ok: false; message: string } {
  if (isUnknown(v)) return { ok: true, value: v };
  const kind = outerKind(type);
  switch (kind) {
    case "any":
    case "":
      return { ok: true, value: v as Value };
    case "string":
      if (typeof v === "string") return { ok: true, value: v };
      if (typeof v === "number" || typeof v === "boolean") return { ok: true, value: String(v) };
      break;
    case "number":
      if (typeof v === "number") return { ok: true, value: v };
      if (typeof v === "string" && v.trim() !== "" && !isNaN(Number(v))) return { ok: true, value: Number(v) };
      break;
    case "bool":
      if (typeof v === "boolean") return { ok: true, value: v };
      if (v === "true" || v === "false") return { ok: true, value: v === "true" };
      break;
    case "list":
    case "set":
    case "tuple":
      if (Array.isArray(v)) return { ok: true, value: v as Value };
      break;
    case "map":
    case "object":
      if (v !== null && typeof v === "object" && !Array.isArray(v)) return { ok: true, value: v as Value };
      break;
    default:
      return { ok: false, message: `unsupported type constraint "${type}"` };
  }
  if (v === null) return { ok: true, value: null };
  return { ok: false, message: `expected ${kind}, got ${typeName(v as Value)}` };
}

// ---------------------------------------------------------------------------
// Type constraints of input variables, converted as Terraform (cty) does:
// strings ⇄ numbers ⇄ bools, tuples to lists, sets and tuples, objects to
// maps and objects (missing optional attributes become null, extra ones are
// dropped), maps to objects, null passes. Values here are plain JSON: a JSON
// array is a tuple and a JSON object an object, as Terraform reads literals,
// unless tagged a list, set or map (contract/values.ts): what a conversion to
// list(T), set(T) or map(T) returns is tagged so. Lists and sets do not
// convert to tuples, nor maps to lists, as in cty. A converted set is an array
// without duplicates in cty's order (strings lexically, numbers by value).
// `any` inside a collection unifies the elements as cty does (planner/type-unification.ts); elements that do not
// unify fail as "all list elements must have the same type".

export type Conversion = { ok: true; value: Value } | { ok: false; message: string };

/** Converts a value to a type constraint, with cty's messages ("attribute \"b\" is required"). */
export function convertValue(v: unknown, type: TypeConstraint): Conversion {
  const mismatch = mismatchMessage(v, type);
  if (mismatch !== undefined) return { ok: false, message: mismatch };
  try {
    return { ok: true, value: convertKnownSuitable(v, type) };
  } catch (e) {
    if (e instanceof ValueConversionError) return { ok: false, message: e.message };
    throw e;
  }
}

class ValueConversionError extends Error {}

/**
 * The type a value has before conversion (a JSON array is a tuple, a JSON object an object, unless tagged a list,
 * set or map); any for null.
 */
export function inferType(v: unknown): TypeConstraint {
  if (isUnknown(v)) return v.type;
  if (v === null || v === undefined) return { k: "any" };
  if (typeof v === "string") return { k: "string" };
  if (typeof v === "number") return { k: "number" };
  if (typeof v === "boolean") return { k: "bool" };
  const kind = collectionKind(v);
  if (kind !== undefined)
    return { k: kind, elem: unifiedElementType(Array.isArray(v) ? v : Object.values(v as object)) ?? { k: "any" } };
  if (Array.isArray(v)) return { k: "tuple", elems: v.map(inferType) };
  const attrs: Record<string, TypeConstraint> = {};
  for (const [k, x] of Object.entries(v as object)) attrs[k] = inferType(x);
  return { k: "object", attrs, optional: [], defaults: {} };
}

/**
 * The type a value of type `from` has once converted to the constraint `to`: the constraint, except where it
 * leaves the type open (`any`), which keeps what `from` had there.
 */
export function convertedType(from: TypeConstraint, to: TypeConstraint): TypeConstraint {
  if (to.k === "any") return from;
  if (to.k === "list" || to.k === "set" || to.k === "map") {
    const fromElem = from.k === "list" || from.k === "set" || from.k === "map" ? from.elem : { k: "any" as const };
    return { k: to.k, elem: convertedType(fromElem, to.elem) };
  }
  if (to.k === "tuple")
    return {
      k: "tuple",
      elems: to.elems.map((t, i) => convertedType(from.k === "tuple" ? (from.elems[i] ?? ANY) : ANY, t)),
    };
  if (to.k === "object") {
    const attrs: Record<string, TypeConstraint> = {};
    for (const [n, t] of Object.entries(to.attrs))
      attrs[n] = convertedType(from.k === "object" ? (from.attrs[n] ?? ANY) : ANY, t);
    return { k: "object", attrs, optional: [], defaults: {} };
  }
  return to;
}

const ANY: TypeConstraint = { k: "any" };

const isPrimitive = (t: TypeConstraint) => t.k === "string" || t.k === "number" || t.k === "bool";

export { sameType };

/** The common type of the elements of a value converted to a collection of `any`. */
function unifiedElementType(values: unknown[]): TypeConstraint | undefined {
  return values.length === 0 ? { k: "any" } : unifyTypes(values.map(inferType));
}

/** Whether cty has a conversion (safe or unsafe) from the value's type to `t`. */
function convertible(v: unknown, t: TypeConstraint): boolean {
  return mismatchMessage(v, t) === undefined;
}

/** cty's MismatchMessage for a value whose type cannot convert to `want`; undefined when it can. */
function mismatchMessage(v: unknown, want: TypeConstraint): string | undefined {
  if (v === null || v === undefined || want.k === "any") return undefined;
  if (isUnknown(v)) return convertibleType(v.type, want) ? undefined : typeMismatchMessage(v.type, want);
  const got = inferType(v);
  switch (want.k) {
    case "string":
      if (isPrimitive(got)) return undefined;
      break;
    case "number":
      if (got.k === "number" || got.k === "string") return undefined;
      break;
    case "bool":
      if (got.k === "bool" || got.k === "string") return undefined;
      break;
    case "list":
    case "set":
      if (Array.isArray(v)) {
        if (collectionKind(v) === undefined && want.elem.k === "any") {
          if (unifiedElementType(v)) return undefined;
          return `all ${want.k} elements must have the same type`;
        }
        for (let i = 0; i < v.length; i++) {
          const m = mismatchMessage(v[i], want.elem);
          if (m !== undefined) return `element ${i}: ${m}`;
        }
        return undefined;
      }
      if (got.k === "object" || got.k === "map") return `${friendlyNameForConstraint(want)} required`;
      break;
    case "map":
      if (got.k === "object" || got.k === "map") {
        const o = v as Record<string, unknown>;
        if (got.k === "object" && want.elem.k === "any") {
          if (unifiedElementType(Object.values(o))) return undefined;
          return "all map elements must have the same type";
        }
        for (const [name, x] of Object.entries(o)) {
          const m = mismatchMessage(x, want.elem);
          if (m !== undefined) return `element ${JSON.stringify(name)}: ${m}`;
        }
        return undefined;
      }
      if (got.k === "tuple" || got.k === "list" || got.k === "set")
        return `${friendlyNameForConstraint(want)} required`;
      break;
    case "tuple":
      if (got.k === "tuple" && got.elems.length === want.elems.length) {
        const items = v as unknown[];
        if (items.every((x, i) => convertible(x, want.elems[i]))) return undefined;
      }
      break;
    case "object":
      if (got.k === "object") return objectMismatch(v as Record<string, unknown>, want);
      if (got.k === "map") return mapToObjectMismatch(v as Record<string, unknown>, want);
      break;
  }
  return typeMismatchMessage(got, want);
}

/** cty's MismatchMessage when nothing more particular than the two types can be said. */
export function typeMismatchMessage(got: TypeConstraint, want: TypeConstraint): string {
  // typesAreLikelyToCauseConfusion, as cty decides it
  const confusing = !(
    isPrimitive(got) !== isPrimitive(want) ||
    want.k === "string" ||
    (want.k === "bool" && got.k === "number") ||
    (want.k === "number" && got.k === "bool") ||
    (got.k === "tuple" && want.k === "object")
  );
  if (!confusing) return `${friendlyName(want)} required, but have ${friendlyName(got)}`;
  return `${friendlyNameForConstraint(want)} required`;
}

function objectMismatch(
  o: Record<string, unknown>,
  want: Extract<TypeConstraint, { k: "object" }>,
): string | undefined {
  const missing = Object.keys(want.attrs)
    .filter((n) => !Object.hasOwn(o, n) && !want.optional.includes(n))
    .sort();
  const q = (n: string) => JSON.stringify(n);
  if (missing.length === 1) return `attribute ${q(missing[0])} is required`;
  if (missing.length === 2) return `attributes ${q(missing[0])} and ${q(missing[1])} are required`;
  if (missing.length > 2)
    return `attributes ${missing.slice(0, -1).map(q).join(", ")}, and ${q(missing[missing.length - 1])} are required`;
  for (const [n, t] of Object.entries(want.attrs)) {
    if (!Object.hasOwn(o, n)) continue;
    const m = mismatchMessage(o[n], t);
    if (m !== undefined) return `attribute ${q(n)}: ${m}`;
  }
  return undefined;
}

/**
 * A map converts to an object when its elements convert to the attributes they fill (checked per element here); a
 * required attribute the map has no element for fails on the value (convertKnownSuitable), as cty's does.
 */
function mapToObjectMismatch(
  o: Record<string, unknown>,
  want: Extract<TypeConstraint, { k: "object" }>,
): string | undefined {
  for (const [n, t] of Object.entries(want.attrs)) {
    if (!Object.hasOwn(o, n)) continue;
    const m = mismatchMessage(o[n], t);
    if (m !== undefined) return `map element type is incompatible with attribute ${JSON.stringify(n)}: ${m}`;
  }
  return undefined;
}

/** The conversion itself, once the value's type is known to fit; value-level failures throw ValueConversionError. */
function convertKnownSuitable(v: unknown, t: TypeConstraint): Value {
  if (v === null || v === undefined) return null;
  if (isUnknown(v)) return unknownOf(convertedType(v.type, t));
  switch (t.k) {
    case "any":
      return v as Value;
    case "string":
      return typeof v === "number" ? numberToString(v) : typeof v === "boolean" ? String(v) : (v as string);
    case "number":
      if (typeof v === "number") return v;
      if (NUMBER_TEXT.test(v as string)) return Number(v);
      throw new ValueConversionError("a number is required");
    case "bool":
      if (typeof v === "boolean") return v;
      if (v === "true" || v === "1") return true;
      if (v === "false" || v === "0") return false;
      if ((v as string).toLowerCase() === "true" || (v as string).toLowerCase() === "false")
        throw new ValueConversionError(
          `a bool is required; to convert from string, use lowercase "${(v as string).toLowerCase()}"`,
        );
      throw new ValueConversionError("a bool is required");
    case "list":
    case "set": {
      const items = v as unknown[];
      const elem = t.elem.k === "any" ? unifiedElementType(items)! : t.elem;
      const out = items.map((x) => convertKnownSuitable(x, elem));
      return withCollectionKind(t.k === "set" ? ctySet(out, elem.k === "map") : out, t.k);
    }
    case "map": {
      const o = v as Record<string, unknown>;
      const elem = t.elem.k === "any" ? unifiedElementType(Object.values(o))! : t.elem;
      const out: Record<string, Value> = {};
      for (const [k, x] of Object.entries(o)) out[k] = convertKnownSuitable(x, elem);
      return withCollectionKind(out, "map");
    }
    case "tuple":
      return (v as unknown[]).map((x, i) => convertKnownSuitable(x, t.elems[i]));
    case "object": {
      const o = v as Record<string, unknown>;
      const fromMap = collectionKind(o) === "map";
      const out: Record<string, Value> = {};
      for (const [n, at] of Object.entries(t.attrs)) {
        if (fromMap && !Object.hasOwn(o, n) && !t.optional.includes(n))
          throw new ValueConversionError(`map has no element for required attribute ${JSON.stringify(n)}`);
        out[n] = Object.hasOwn(o, n) ? convertKnownSuitable(o[n], at) : null;
      }
      return out;
    }
  }
}

/** Numbers as cty parses them from strings: no spaces, no hexadecimal. */
const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A number as cty writes it: never in exponent notation. */
function numberToString(n: number): string {
  const s = String(n);
  if (!/e/i.test(s) || !Number.isFinite(n)) return s;
  if (Number.isInteger(n)) return BigInt(n).toString();
  return n.toFixed(20).replace(/\.?0+$/, "");
}
