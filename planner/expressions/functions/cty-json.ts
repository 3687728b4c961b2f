// JSON text as Terraform writes it (Go's encoding): object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped
// as \u003c and so on, numbers never in exponent notation.

import { isUnknown, type Value } from "../../../contract/values.js";
import { compareStrings, numberText } from "./argument-conversion.js";
import { FunctionError } from "./definition.js";

export function jsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function ctyJson(v: Value): string {
  if (isUnknown(v)) throw new FunctionError("value is not known");
  if (v === null) return "null";
  if (typeof v === "string") return jsonString(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new FunctionError(`unsupported value ${numberText(v)} for JSON`);
    return numberText(v);
  }
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(ctyJson).join(",")}]`;
  const keys = Object.keys(v).sort(compareStrings);
  return `{${keys.map((k) => `${jsonString(k)}:${ctyJson(v[k])}`).join(",")}}`;
}
