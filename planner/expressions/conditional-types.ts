// The result type of a conditional (`c ? a : b`, `%{if}`): HCL unifies the
// two branches' types as cty's UnifyUnsafe does and converts the chosen value
// to it. Facts from cty's unify and compareTypes: a string and a number give a
// string; tuples of one length unify element by element, of different lengths
// to a list; objects with the same attributes unify attribute by attribute,
// with different ones to a map; a collection is preferred to a structural
// value of its family (a list or set to a tuple, a map to an object) and a set
// to a list, the other branch converted to it. Branches that cannot unify are
// an error even before the condition is known.

import { collectionKind, isUnknown, type Value, withCollectionKind } from "../../contract/values.js";
import { ctySet } from "../set-order.js";
import { asString } from "./primitive-conversion.js";

type Ty =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | { tuple: Ty[] }
  | { list: Ty }
  | { set: Ty }
  | { object: Record<string, Ty> }
  | { map: Ty };

function typeOf(v: Value): Ty {
  if (v === null || isUnknown(v)) return "dynamic";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  const kind = collectionKind(v);
  if (kind !== undefined) {
    const elem = unifyAll((Array.isArray(v) ? v : Object.values(v)).map(typeOf)) ?? "dynamic";
    return kind === "list" ? { list: elem } : kind === "set" ? { set: elem } : { map: elem };
  }
  if (Array.isArray(v)) return { tuple: v.map(typeOf) };
  const object: Record<string, Ty> = {};
  for (const k of Object.keys(v)) object[k] = typeOf(v[k]);
  return { object };
}

function friendly(t: Ty): string {
  if (typeof t === "string") return t === "dynamic" ? "dynamic" : t;
  if ("tuple" in t) return "tuple";
  if ("list" in t) return `list of ${friendly(t.list)}`;
  if ("set" in t) return `set of ${friendly(t.set)}`;
  if ("object" in t) return "object";
  return `map of ${friendly(t.map)}`;
}

function unifyAll(types: Ty[]): Ty | undefined {
  let out: Ty = "dynamic";
  for (const t of types) {
    const u = unify(out, t);
    if (u === undefined) return undefined;
    out = u;
  }
  return out;
}

function unify(a: Ty, b: Ty): Ty | undefined {
  if (a === "dynamic") return b;
  if (b === "dynamic") return a;
  if (typeof a === "string" || typeof b === "string") {
    if (typeof a !== "string" || typeof b !== "string") return undefined;
    if (a === b) return a;
    return a === "string" || b === "string" ? "string" : undefined;
  }
  const seqA = "tuple" in a || "list" in a || "set" in a;
  const seqB = "tuple" in b || "list" in b || "set" in b;
  if (seqA && seqB) {
    if ("tuple" in a && "tuple" in b && a.tuple.length === b.tuple.length) {
      const tuple: Ty[] = [];
      for (let i = 0; i < a.tuple.length; i++) {
        const u = unify(a.tuple[i], b.tuple[i]);
        if (u === undefined) return undefined;
        tuple.push(u);
      }
      return { tuple };
    }
    const elems = (t: Ty & object): Ty[] =>
      "tuple" in t ? t.tuple : "list" in t ? [t.list] : "set" in t ? [t.set] : [];
    const e = preferredCollectionElement(a, b, elems);
    if (e === undefined) return undefined;
    return "set" in a || "set" in b ? { set: e } : { list: e };
  }
  const recA = "object" in a || "map" in a;
  const recB = "object" in b || "map" in b;
  if (recA && recB) {
    if ("object" in a && "object" in b) {
      const ka = Object.keys(a.object);
      const kb = Object.keys(b.object);
      if (ka.length === kb.length && ka.every((k) => k in b.object)) {
        const object: Record<string, Ty> = {};
        for (const k of ka) {
          const u = unify(a.object[k], b.object[k]);
          if (u === undefined) return undefined;
          object[k] = u;
        }
        return { object };
      }
    }
    const attrs = (t: Ty & object): Ty[] => ("object" in t ? Object.values(t.object) : "map" in t ? [t.map] : []);
    const e = preferredCollectionElement(a, b, attrs);
    return e === undefined ? undefined : { map: e };
  }
  return undefined;
}

const isCollection = (t: Ty): boolean => typeof t === "object" && ("list" in t || "set" in t || "map" in t);

/**
 * The element type of the unified collection: when one side is a collection the other converts to (cty prefers a
 * set to a list, a collection to a structural value), that collection's element type, unless it is dynamic (an
 * empty collection); two collections of one kind, or structural values, unify all their elements.
 */
function preferredCollectionElement(a: Ty & object, b: Ty & object, elems: (t: Ty & object) => Ty[]): Ty | undefined {
  const setA = "set" in a;
  const setB = "set" in b;
  const winner =
    setA !== setB ? (setA ? a : b) : isCollection(a) !== isCollection(b) ? (isCollection(a) ? a : b) : undefined;
  if (winner) {
    const e = elems(winner)[0];
    const other = winner === a ? b : a;
    if (e !== "dynamic" && elems(other).every((x) => convertible(x, e))) return e;
  }
  return unifyAll([...elems(a), ...elems(b)]);
}

/** Whether cty has an (unsafe) conversion from type `from` to `to`. */
function convertible(from: Ty, to: Ty): boolean {
  if (from === "dynamic" || to === "dynamic") return true;
  if (typeof to === "string") return typeof from === "string" && (to === "string" || from === to || from === "string");
  if (typeof from === "string") return false;
  if ("list" in to || "set" in to) {
    const e = "list" in to ? to.list : to.set;
    const fe = "tuple" in from ? from.tuple : "list" in from ? [from.list] : "set" in from ? [from.set] : undefined;
    return fe !== undefined && fe.every((x) => convertible(x, e));
  }
  if ("map" in to) {
    const fe = "object" in from ? Object.values(from.object) : "map" in from ? [from.map] : undefined;
    return fe !== undefined && fe.every((x) => convertible(x, to.map));
  }
  return unify(from, to) !== undefined;
}

function mismatch(a: Ty, b: Ty): string {
  if (typeof a === "object" && typeof b === "object" && "object" in a && "object" in b) {
    for (const k of Object.keys(a.object).sort())
      if (!(k in b.object))
        return `The 'true' value includes object attribute "${k}", which is absent in the 'false' value`;
    for (const k of Object.keys(b.object).sort())
      if (!(k in a.object))
        return `The 'false' value includes object attribute "${k}", which is absent in the 'true' value`;
    for (const k of Object.keys(a.object).sort())
      if (unify(a.object[k], b.object[k]) === undefined)
        return `Type mismatch for object attribute "${k}": ${mismatch(a.object[k], b.object[k])}`;
  }
  if (typeof a === "object" && typeof b === "object" && "tuple" in a && "tuple" in b) {
    if (a.tuple.length !== b.tuple.length)
      return `The 'true' tuple has length ${a.tuple.length}, but the 'false' tuple has length ${b.tuple.length}`;
    for (let i = 0; i < a.tuple.length; i++)
      if (unify(a.tuple[i], b.tuple[i]) === undefined)
        return `Type mismatch for tuple element ${i}: ${mismatch(a.tuple[i], b.tuple[i])}`;
  }
  return `The 'true' value is ${friendly(a)}, but the 'false' value is ${friendly(b)}`;
}

function convert(v: Value, t: Ty): Value {
  if (t === "dynamic" || v === null || isUnknown(v)) return v;
  if (t === "string") return asString(v) ?? v;
  if (t === "number" && typeof v === "string") {
    const n = Number(v);
    if (v.trim() === "" || Number.isNaN(n)) throw new ConditionalTypeError(`a number is required, got "${v}"`);
    return n;
  }
  if (t === "bool" && typeof v === "string") {
    if (v !== "true" && v !== "false") throw new ConditionalTypeError(`a bool is required, got "${v}"`);
    return v === "true";
  }
  if (typeof t === "string") return v;
  if (Array.isArray(v)) {
    if ("tuple" in t) return v.map((x, i) => convert(x, t.tuple[i] ?? "dynamic"));
    if ("list" in t)
      return withCollectionKind(
        v.map((x) => convert(x, t.list)),
        "list",
      );
    if ("set" in t) return withCollectionKind(ctySet(v.map((x) => convert(x, t.set))), "set");
    return v;
  }
  if (typeof v === "object") {
    const out: { [k: string]: Value } = {};
    if ("object" in t) for (const k of Object.keys(v)) out[k] = convert(v[k], t.object[k] ?? "dynamic");
    else if ("map" in t) {
      for (const k of Object.keys(v)) out[k] = convert(v[k], t.map);
      return withCollectionKind(out, "map");
    } else return v;
    return out;
  }
  return v;
}

/**
 * The conditional's result: `chosen` (one of the branch values; `other` the other branch's, undefined when it
 * failed) converted to the branches' unified type. Throws the reason when the branches' types do not unify.
 */
export function conditionalResult(chosen: Value, other: Value | undefined, chosenIsTrue: boolean): Value {
  if (other === undefined || other === null || chosen === null || isUnknown(other) || isUnknown(chosen)) return chosen;
  const tc = typeof chosen;
  if (tc !== "object" && tc === typeof other) return chosen; // same primitive type: the common case, no work
  const [t, f] = chosenIsTrue ? [typeOf(chosen), typeOf(other)] : [typeOf(other), typeOf(chosen)];
  const u = unify(t, f);
  if (u === undefined) throw new ConditionalTypeError(mismatch(t, f));
  return convert(chosen, u);
}

/** Checks that two branch values unify (for an unknown condition); throws the reason when they do not. */
export function checkBranchTypes(t: Value, f: Value): void {
  if (t === null || f === null || isUnknown(t) || isUnknown(f)) return;
  if (typeof t !== "object" && typeof t === typeof f) return;
  const tt = typeOf(t);
  const ft = typeOf(f);
  if (unify(tt, ft) === undefined) throw new ConditionalTypeError(mismatch(tt, ft));
}

export class ConditionalTypeError extends Error {}
