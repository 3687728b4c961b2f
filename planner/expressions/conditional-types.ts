// The result type of a conditional (`c ? a : b`, `%{if}`): HCL unifies the
// two branches' types as cty's UnifyUnsafe does (planner/type-unification.ts)
// and converts the chosen value to it: a string and a number give a string;
// tuples of one length unify element by element, of different lengths to a
// list; objects with the same attributes unify attribute by attribute, with
// different ones to a map; a list with a tuple unifies the tuple's elements to
// a list first (list(number) with ["a"] is list(string)), a map with an object
// likewise; otherwise the preferred type the other converts to wins (a list
// before a set, a set before a tuple it cannot be). Branches that cannot unify
// are an error even before the condition is known.

import { isUnknown, unknownOf, type Value, withCollectionKind } from "../../contract/values.js";
import { ctySet } from "../set-order.js";
import type { TypeConstraint } from "../type-constraint.js";
import { inferType } from "../type-conversion.js";
import { friendlyName } from "../type-names.js";
import { unifyTypes } from "../type-unification.js";
import { asString } from "./primitive-conversion.js";

type Ty = TypeConstraint;

const unify = (a: Ty, b: Ty): Ty | undefined => unifyTypes([a, b]);

function mismatch(a: Ty, b: Ty): string {
  if (a.k === "object" && b.k === "object") {
    for (const k of Object.keys(a.attrs).sort())
      if (!(k in b.attrs))
        return `The 'true' value includes object attribute "${k}", which is absent in the 'false' value`;
    for (const k of Object.keys(b.attrs).sort())
      if (!(k in a.attrs))
        return `The 'false' value includes object attribute "${k}", which is absent in the 'true' value`;
    for (const k of Object.keys(a.attrs).sort())
      if (unify(a.attrs[k], b.attrs[k]) === undefined)
        return `Type mismatch for object attribute "${k}": ${mismatch(a.attrs[k], b.attrs[k])}`;
  }
  if (a.k === "tuple" && b.k === "tuple") {
    if (a.elems.length !== b.elems.length)
      return `The 'true' tuple has length ${a.elems.length}, but the 'false' tuple has length ${b.elems.length}`;
    for (let i = 0; i < a.elems.length; i++)
      if (unify(a.elems[i], b.elems[i]) === undefined)
        return `Type mismatch for tuple element ${i}: ${mismatch(a.elems[i], b.elems[i])}`;
  }
  return `The 'true' value is ${friendlyName(a)}, but the 'false' value is ${friendlyName(b)}`;
}

function convert(v: Value, t: Ty): Value {
  if (t.k === "any" || v === null || isUnknown(v)) return v;
  if (t.k === "string") return asString(v) ?? v;
  if (t.k === "number" && typeof v === "string") {
    const n = Number(v);
    if (v.trim() === "" || Number.isNaN(n)) throw new ConditionalTypeError(`a number is required, got "${v}"`);
    return n;
  }
  if (t.k === "bool" && typeof v === "string") {
    if (v !== "true" && v !== "false") throw new ConditionalTypeError(`a bool is required, got "${v}"`);
    return v === "true";
  }
  if (t.k === "number" || t.k === "bool") return v;
  if (Array.isArray(v)) {
    if (t.k === "tuple") return v.map((x, i) => convert(x, t.elems[i] ?? { k: "any" }));
    if (t.k === "list")
      return withCollectionKind(
        v.map((x) => convert(x, t.elem)),
        "list",
      );
    if (t.k === "set") return withCollectionKind(ctySet(v.map((x) => convert(x, t.elem))), "set");
    return v;
  }
  if (typeof v === "object") {
    const out: { [k: string]: Value } = {};
    if (t.k === "object") for (const k of Object.keys(v)) out[k] = convert(v[k], t.attrs[k] ?? { k: "any" });
    else if (t.k === "map") {
      for (const k of Object.keys(v)) out[k] = convert(v[k], t.elem);
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
  if (other === undefined || other === null || chosen === null) return chosen;
  const tc = typeof chosen;
  if (tc !== "object" && tc === typeof other) return chosen; // same primitive type: the common case, no work
  const [t, f] = chosenIsTrue ? [inferType(chosen), inferType(other)] : [inferType(other), inferType(chosen)];
  if (isUnknown(chosen) || isUnknown(other)) {
    // an unknown of a known type unifies as a value of it would; of any type, nothing can be said yet
    if (t.k === "any" || f.k === "any") return chosen;
    const u = unify(t, f);
    if (u === undefined) throw new ConditionalTypeError(mismatch(t, f));
    return isUnknown(chosen) ? unknownOf(u) : convert(chosen, u);
  }
  const u = unify(t, f);
  if (u === undefined) throw new ConditionalTypeError(mismatch(t, f));
  return convert(chosen, u);
}

/**
 * Checks that two branch values unify (for an unknown condition); throws the reason when they do not. Returns the
 * unified type (any when a branch's type is not known yet).
 */
export function checkBranchTypes(t: Value, f: Value): Ty {
  if (t === null || f === null) return { k: "any" };
  if (typeof t !== "object" && typeof t === typeof f) return inferType(t);
  const tt = inferType(t);
  const ft = inferType(f);
  if (tt.k === "any" || ft.k === "any") return { k: "any" };
  const u = unify(tt, ft);
  if (u === undefined) throw new ConditionalTypeError(mismatch(tt, ft));
  return u;
}

export class ConditionalTypeError extends Error {}
