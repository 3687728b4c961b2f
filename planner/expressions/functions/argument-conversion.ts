// Converting function arguments to the types the parameters want, as Terraform converts them (a number or bool
// where a string is wanted becomes its text; a string of digits where a number is wanted becomes the number).

import { isUnknown, type Value, withCollectionKind } from "../../../contract/values.js";
import { ctySet } from "../../set-order.js";
import { FunctionError } from "./definition.js";

export { compareStrings } from "../../set-order.js";

export type ValueMap = { [key: string]: Value };

export function isMap(v: Value): v is ValueMap {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !isUnknown(v);
}

/** Terraform's name for the type of a value (`string`, `number`, `bool`, `tuple`, `object`, `null`). */
export function friendlyType(v: Value): string {
  if (isUnknown(v)) return "unknown";
  if (v === null) return "null";
  if (Array.isArray(v)) return "tuple";
  if (typeof v === "object") return "object";
  if (typeof v === "boolean") return "bool";
  return typeof v;
}

/** A number's text as Terraform prints it: never in exponent notation. */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  if (Number.isInteger(n) && Math.abs(n) > Number.MAX_SAFE_INTEGER) return BigInt(n).toString();
  const s = String(n);
  if (!s.includes("e")) return s;
  const [mantissa, exp] = s.split("e");
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const intDigits = mantissa.replace("-", "").split(".")[0].length;
  const point = intDigits + Number(exp);
  return `${negative ? "-" : ""}0.${"0".repeat(-point)}${digits}`;
}

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function parseDecimal(s: string): number | undefined {
  return DECIMAL.test(s) ? Number(s) : undefined;
}

export function asString(v: Value, argIndex?: number): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return String(v);
  throw new FunctionError(v === null ? "argument must not be null" : "string required", argIndex);
}

export function asNumber(v: Value, argIndex?: number): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const n = parseDecimal(v);
    if (n !== undefined) return n;
    throw new FunctionError("a number is required", argIndex);
  }
  throw new FunctionError(v === null ? "argument must not be null" : "number required", argIndex);
}

export function asInteger(v: Value, argIndex?: number): number {
  const n = asNumber(v, argIndex);
  if (!Number.isInteger(n)) throw new FunctionError("value must be a whole number", argIndex);
  return n;
}

export function asBool(v: Value, argIndex?: number): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  if (typeof v === "string") throw new FunctionError("a bool is required", argIndex);
  throw new FunctionError(v === null ? "argument must not be null" : "bool required", argIndex);
}

/** A list, set or tuple (all arrays here). */
export function asList(v: Value, argIndex?: number, what = "list"): Value[] {
  if (Array.isArray(v)) return v;
  throw new FunctionError(v === null ? "argument must not be null" : `${what} required`, argIndex);
}

export function asMap(v: Value, argIndex?: number, what = "map"): ValueMap {
  if (isMap(v)) return v;
  throw new FunctionError(v === null ? "argument must not be null" : `${what} required`, argIndex);
}

/** A list of strings: each element converted, none null. */
export function asStringList(v: Value, argIndex?: number): string[] {
  return asList(v, argIndex, "list of string").map((e) => {
    if (e === null || Array.isArray(e) || isMap(e)) throw new FunctionError("list of string required", argIndex);
    return asString(e, argIndex);
  });
}

export function asNumberList(v: Value, argIndex?: number): number[] {
  return asList(v, argIndex, "list of number").map((e) => asNumber(e, argIndex));
}

/**
 * Elements brought to one type as Terraform unifies a tuple into a list or set: primitives mixed with strings
 * become strings; numbers with bools (and no string) cannot be unified. Collections are left as they are.
 */
export function unifyPrimitives(values: Value[], argIndex?: number): Value[] {
  const kinds = new Set(values.filter((v) => v !== null && !isUnknown(v)).map(friendlyType));
  if (kinds.size <= 1) return values;
  if ([...kinds].every((k) => k === "string" || k === "number" || k === "bool")) {
    if (!kinds.has("string")) throw new FunctionError("all elements must have the same type", argIndex);
    return values.map((v) => (v === null || isUnknown(v) ? v : asString(v)));
  }
  if ([...kinds].some((k) => k === "string" || k === "number" || k === "bool"))
    throw new FunctionError("all elements must have the same type", argIndex);
  return values;
}

/** Set semantics: distinct elements, in cty's order (planner/set-order.ts). */
export function setOf(values: Value[], argIndex?: number): Value[] {
  return withCollectionKind(ctySet(unifyPrimitives(values, argIndex)), "set");
}

/**
 * Made on first use, not on import: a segmenter loads ICU's break rules (some 15 ms of CPU), which every run that
 * loads the planner would pay, though few configurations call a function that counts characters.
 */
let segmenter: Intl.Segmenter | undefined;

/** The user-perceived characters (grapheme clusters) of a string: what Terraform counts as characters. */
export function graphemes(s: string): string[] {
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  return Array.from(segmenter.segment(s), (x) => x.segment);
}
