// Type conversion functions (Terraform's docs: "Type Conversion Functions"), and the sensitivity functions.
// Gantry's values carry no sensitivity or ephemerality marks: `sensitive` and `nonsensitive` return their
// argument unchanged, `issensitive` is false for every known value, `ephemeralasnull` returns its argument.

import { isUnknown, UNKNOWN, type Value } from "../../../contract/values.js";
import { friendlyType, isMap, numberText, parseDecimal, setOf, unifyPrimitives } from "./argument-conversion.js";
import { FunctionError, type FunctionTable } from "./definition.js";

/** Terraform's type expression for a value's type (`string`, `tuple([string,number])`, `object({a=bool})`). */
export function typeExpression(v: Value): string {
  if (isUnknown(v) || v === null) return "dynamic";
  if (Array.isArray(v)) return `tuple([${v.map(typeExpression).join(",")}])`;
  if (isMap(v))
    return `object({${Object.keys(v)
      .sort()
      .map((k) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)}=${typeExpression(v[k])}`)
      .join(",")}})`;
  return friendlyType(v);
}

function convertError(v: Value, to: string): FunctionError {
  return new FunctionError(`cannot convert ${friendlyType(v)} to ${to}`, 0);
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
  tolist: {
    params: ["v"],
    allowNull: true,
    unknowns: "shallow",
    impl: ([v]) => {
      if (v === null) return null;
      if (!Array.isArray(v)) throw convertError(v, "list of any single type");
      return unifyPrimitives(v, 0);
    },
  },
  toset: {
    params: ["v"],
    allowNull: true,
    unknowns: "shallow",
    impl: ([v]) => {
      if (v === null) return null;
      if (!Array.isArray(v)) throw convertError(v, "set of any single type");
      return setOf(v, 0);
    },
  },
  tomap: {
    params: ["v"],
    allowNull: true,
    unknowns: "shallow",
    impl: ([v]) => {
      if (v === null) return null;
      if (!isMap(v)) throw convertError(v, "map of any single type");
      const keys = Object.keys(v);
      const values = unifyPrimitives(
        keys.map((k) => v[k]),
        0,
      );
      return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
    },
  },
  type: {
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
