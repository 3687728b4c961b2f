// Conversion of values to type constraints, shared by variables and resource properties.

import { isUnknown, typeName, type Value } from "../contract/values.js";

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
