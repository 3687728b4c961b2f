// Conversions between primitive values as HCL's operators and templates make
// them (cty's rules): numbers and bools become strings; strings become numbers
// when they spell one, and bools when they are "true"/"false" (or "1"/"0").

import { typeName, type Value } from "../../contract/values.js";

/** A number as cty writes it: plain decimal notation, never an exponent. */
export function numberToString(n: number): string {
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  const s = String(n);
  const e = s.indexOf("e");
  if (e < 0) return s;
  // expand d.ddde±x
  const neg = s[0] === "-";
  const mantissa = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const point = (dot < 0 ? mantissa.length : dot) + exp; // position of the decimal point in digits
  let out: string;
  if (point <= 0) out = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return neg ? `-${out}` : out;
}

const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** The number a value converts to, or undefined when it does not (null included). */
export function asNumber(v: Value): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && DECIMAL.test(v)) return Number(v);
  return undefined;
}

/** Why a value does not convert to a number, in cty's words. */
export function notANumber(v: Value): string {
  return v === null ? "argument must not be null" : "a number is required";
}

/** The bool a value converts to, or undefined when it does not. */
export function asBool(v: Value): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  return undefined;
}

/** Why a value does not convert to a bool, in cty's words. */
export function notABool(v: Value): string {
  if (v === null) return "argument must not be null";
  if (typeof v === "string" && (v.toLowerCase() === "true" || v.toLowerCase() === "false"))
    return `a bool is required; to convert from string, use lowercase "${v.toLowerCase()}"`;
  return "a bool is required";
}

/** The string a primitive converts to, or undefined for null, lists and objects. */
export function asString(v: Value): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberToString(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return undefined;
}

/** The type of a value in Terraform's words, for error messages. */
export function friendlyTypeName(v: Value): string {
  const t = typeName(v);
  if (t === "list") return "tuple";
  return t;
}
