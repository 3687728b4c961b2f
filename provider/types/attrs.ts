// Reading typed values out of attribute sets at apply time (when everything is
// known). Shared by the resource types.

import { isUnknown, type Attrs, type Value } from "../../contract/values.js";

function fail(key: string, want: string, v: unknown): never {
  throw new Error(`attribute "${key}" must be ${want} (got ${isUnknown(v) ? "an unknown value" : JSON.stringify(v)})`);
}

/** True when the attribute is absent or null. */
export function isUnset(v: Value | undefined): boolean {
  return v === undefined || v === null;
}

export function optString(attrs: Attrs, key: string): string | undefined {
  const v = attrs[key];
  if (isUnset(v)) return undefined;
  if (typeof v !== "string") fail(key, "a string", v);
  return v;
}

export function reqString(attrs: Attrs, key: string): string {
  const v = optString(attrs, key);
  if (v === undefined) fail(key, "set", attrs[key]);
  return v;
}

export function optNumber(attrs: Attrs, key: string): number | undefined {
  const v = attrs[key];
  if (isUnset(v)) return undefined;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  fail(key, "a number", v);
}

export function optBool(attrs: Attrs, key: string): boolean | undefined {
  const v = attrs[key];
  if (isUnset(v)) return undefined;
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  fail(key, "a bool", v);
}

/** A map of strings (numbers and bools are converted). */
export function stringMap(attrs: Attrs, key: string): Record<string, string> {
  const v = attrs[key];
  if (isUnset(v)) return {};
  if (typeof v !== "object" || Array.isArray(v) || isUnknown(v)) fail(key, "a map", v);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, Value>)) {
    if (typeof x === "string") out[k] = x;
    else if (typeof x === "number" || typeof x === "boolean") out[k] = String(x);
    else fail(`${key}.${k}`, "a string", x);
  }
  return out;
}

export function stringList(attrs: Attrs, key: string): string[] {
  const v = attrs[key];
  if (isUnset(v)) return [];
  if (!Array.isArray(v)) fail(key, "a list", v);
  return v.map((x, i) => {
    if (typeof x === "string") return x;
    if (typeof x === "number" || typeof x === "boolean") return String(x);
    fail(`${key}[${i}]`, "a string", x);
  });
}

export function numberList(attrs: Attrs, key: string): number[] {
  const v = attrs[key];
  if (isUnset(v)) return [];
  if (!Array.isArray(v)) fail(key, "a list", v);
  return v.map((x, i) => {
    const n = typeof x === "number" ? x : typeof x === "string" ? Number(x) : NaN;
    if (!Number.isInteger(n)) fail(`${key}[${i}]`, "an integer", x);
    return n;
  });
}

/** The tail of a text, at most `max` bytes (roughly; measured in UTF-16 units). */
export function tail(text: string, max = 4096): string {
  return text.length <= max ? text : text.slice(text.length - max);
}
