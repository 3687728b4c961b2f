// Values flowing through the planner: plain JSON data, plus one marker for
// "known only after apply". A JSON array is a tuple and a JSON object an object (as Terraform reads literals)
// unless it carries a collection kind (cty's list, set and map): a hidden tag that JSON, Object.keys and copies
// leave out, so a value written to state and read back is a tuple or object again.

import type { ValueType } from "./value-type.js";

export type Value = null | string | number | boolean | Value[] | { [key: string]: Value } | Unknown;

export type Attrs = { [key: string]: Value };

/**
 * A value that cannot be known until apply (shown as `(known after apply)`). It may carry its type when that is
 * known (a variable with a type constraint, a function's result), so that type errors are found before apply as
 * Terraform finds them; `UNKNOWN` is the unknown of any type. The type is not written to plans or state.
 */
export class Unknown {
  private constructor(readonly type: ValueType) {}
  static readonly instance = new Unknown({ k: "any" });
  /** An unknown value of type `type` (the shared UNKNOWN for `any`). */
  static of(type: ValueType): Unknown {
    return type.k === "any" ? Unknown.instance : new Unknown(type);
  }
  toJSON(): unknown {
    return { $unknown: true };
  }
}

export const UNKNOWN = Unknown.instance;

/** An unknown value of the given type. */
export function unknownOf(type: ValueType): Unknown {
  return Unknown.of(type);
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(v: unknown): boolean {
  if (v instanceof Unknown) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** Structural equality of JSON values; unknown equals nothing, not even unknown. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a === "object") {
    if (Array.isArray(b)) return false;
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
    const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
    if (ak.length !== bk.length) return false;
    for (const k of ak) if (!(k in bo) || !deepEqual(ao[k], bo[k])) return false;
    return true;
  }
  return false;
}

/** Serialize with unknowns as {"$unknown":true}; revive turns them back. */
export function reviveUnknowns(v: unknown): Value {
  if (Array.isArray(v)) return v.map(reviveUnknowns);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o.$unknown === true && Object.keys(o).length === 1) return UNKNOWN;
    const out: { [k: string]: Value } = {};
    for (const [k, x] of Object.entries(o)) out[k] = reviveUnknowns(x);
    return out;
  }
  return v as Value;
}

/** cty's collection types, which a JSON array (list, set) or object (map) may carry as a hidden tag. */
export type CollectionKind = "list" | "set" | "map";

const COLLECTION_KIND = Symbol("gantry.collection-kind");

/** Tags a fresh array as a list or set, or a fresh object as a map; returns it. */
export function withCollectionKind<T extends Value[] | { [key: string]: Value }>(v: T, kind: CollectionKind): T {
  Object.defineProperty(v, COLLECTION_KIND, { value: kind, enumerable: false, writable: true, configurable: true });
  return v;
}

/** The collection kind an array or object was tagged with; undefined for tuples, objects and everything else. */
export function collectionKind(v: unknown): CollectionKind | undefined {
  return v !== null && typeof v === "object"
    ? (v as { [COLLECTION_KIND]?: CollectionKind })[COLLECTION_KIND]
    : undefined;
}

export function typeName(v: unknown): string {
  if (v instanceof Unknown) return "unknown";
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "object";
  return typeof v;
}

/**
 * Sets member `key` of `target` as its own property, even when the key is "__proto__" (data may have such a key;
 * a plain assignment would replace the object's prototype instead).
 */
export function setMember<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
