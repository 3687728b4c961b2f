// `==` and `!=` as cty's Equals decides them: two nulls are equal whatever their types, a null equals nothing else,
// and values of different types are never equal, even with the same elements (a list and a tuple, a map and an
// object, the number 1 and the string "1"). Callers handle unknowns first.

import { collectionKind, deepEqual, type Value } from "../../contract/values.js";
import { inferType, sameType } from "../type-conversion.js";

export function valuesEqual(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a !== "object" || typeof b !== "object") return deepEqual(a, b);
  // same structure, then same types: a tuple's elements' types, a list's element type
  if (!deepEqual(a, b)) return false;
  if (collectionKind(a) !== collectionKind(b)) return false;
  return sameType(inferType(a), inferType(b));
}
