// Type conversion functions (Terraform's docs: "Type Conversion Functions"), and the sensitivity functions.
// Gantry's values carry no sensitivity or ephemerality marks: `sensitive` and `nonsensitive` return their
// argument unchanged and `ephemeralasnull` returns its argument. `issensitive` is answered by the evaluator from
// the configuration (planner/sensitivity.ts); called here (without a scope that knows), it is false for every
// known value.

import { collectionKind, isUnknown, UNKNOWN, type Value } from "../../../contract/values.js";
import type { TypeConstraint } from "../../type-constraint.js";
import { convertValue, inferType } from "../../type-conversion.js";
import { friendlyType, isMap, numberText, parseDecimal } from "./argument-conversion.js";
import { FunctionError, type FunctionTable } from "./definition.js";

/**
 * Terraform's type expression for a value's type (`string`, `tuple([string,number])`, `object({a=bool})`,
 * `list(string)`, `set(number)`, `map(object({a=bool}))`).
 */
export function typeExpression(v: Value): string {
  if (isUnknown(v) || v === null) return "dynamic";
  if (collectionKind(v) !== undefined) return constraintExpression(inferType(v));
  if (Array.isArray(v)) return `tuple([${v.map(typeExpression).join(",")}])`;
  if (isMap(v))
    return `object({${Object.keys(v)
      .sort()
      .map((k) => `${attributeName(k)}=${typeExpression(v[k])}`)
      .join(",")}})`;
  return friendlyType(v);
}

function attributeName(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k);
}

/** A type written as typeExpression writes it. */
function constraintExpression(t: TypeConstraint): string {
  switch (t.k) {
    case "any":
      return "dynamic";
    case "list":
    case "set":
    case "map":
      return `${t.k}(${constraintExpression(t.elem)})`;
    case "tuple":
      return `tuple([${t.elems.map(constraintExpression).join(",")}])`;
    case "object":
      return `object({${Object.keys(t.attrs)
        .sort()
        .map((k) => `${attributeName(k)}=${constraintExpression(t.attrs[k])}`)
        .join(",")}})`;
    default:
      return t.k;
  }
}

function convertError(v: Value, to: string): FunctionError {
  return new FunctionError(`cannot convert ${friendlyType(v)} to ${to}`, 0);
}

/**
 * tolist, toset, tomap: conversion to a collection of any single type, as a `list(any)` variable converts (elements
 * unified: primitives to strings, objects of differing attributes to maps, ...); a set drops duplicates and takes
 * cty's order. What cannot convert is Terraform's "cannot convert tuple to list of any single type".
 */
function toCollection(kind: "list" | "set" | "map"): FunctionTable[string] {
  // a literal, not ANY_TYPE: type-constraint.ts reaches this file through the evaluator (an import cycle)
  const want: TypeConstraint = { k: kind, elem: { k: "any" } };
  return {
    params: ["v"],
    allowNull: true,
    unknowns: "shallow",
    impl: ([v]) => {
      if (v === null) return null;
      const converted =
        kind === "map"
          ? isMap(v)
            ? convertValue(v, want)
            : undefined
          : Array.isArray(v)
            ? convertValue(v, want)
            : undefined;
      if (!converted?.ok) throw convertError(v, `${kind} of any single type`);
      return converted.value;
    },
  };
}

function passThrough(): FunctionTable[string] {
  return { params: ["value"], allowNull: true, unknowns: "self", impl: ([v]) => v };
}

export const TYPE_CONVERSION_FUNCTIONS: FunctionTable = {
  tostring: {
    params: ["v"],
    allowNull: true,
    unknowns: "shallow",
    impl: ([v]) => {
      if (v === null || typeof v === "string") return v;
      if (typeof v === "number") return numberText(v);
      if (typeof v === "boolean") return String(v);
      throw convertError(v, "string");
    },
  },
  tonumber: {
    params: ["v"],
    allowNull: true,
    unknowns: "shallow",
    impl: ([v]) => {
      if (v === null || typeof v === "number") return v;
      if (typeof v === "string") {
        const n = parseDecimal(v);
        if (n === undefined)
          throw new FunctionError(
            `cannot convert ${JSON.stringify(v)} to number; given string must be a decimal representation of a number`,
            0,
          );
        return n;
      }
      throw convertError(v, "number");
    },
  },
  tobool: {
    params: ["v"],
    allowNull: true,
    unknowns: "shallow",
    impl: ([v]) => {
      if (v === null || typeof v === "boolean") return v;
      if (v === "true" || v === "false") return v === "true";
      if (typeof v === "string")
        throw new FunctionError(
          `cannot convert ${JSON.stringify(v)} to bool; only the strings "true" or "false" are allowed`,
          0,
        );
      throw convertError(v, "bool");
    },
  },
  tolist: toCollection("list"),
  toset: toCollection("set"),
  tomap: toCollection("map"),
  type: {
    consoleOnly: true,
    params: ["value"],
    allowNull: true,
    unknowns: "self",
    impl: ([v]) => typeExpression(v),
  },
  sensitive: passThrough(),
  nonsensitive: passThrough(),
  ephemeralasnull: passThrough(),
  issensitive: {
    params: ["value"],
    allowNull: true,
    unknowns: "self",
    impl: ([v]) => (isUnknown(v) ? UNKNOWN : false),
  },
};
