// Values rendered as Python renders them, for Heat, whose function results and
// messages come from Python: str() and repr() of a value (what `%s` writes),
// json.dumps (what Heat's str_replace and list_join substitute for a list or
// map), Python's equality (1 == 1.0 == True), truth and type names. JavaScript
// has one number type, so a float with no fraction (1.0) is written as an int.

import { isUnknown } from "../../../contract/values.js";

/**
 * A gantry value, or one as parsed from JSON or YAML (undefined is None): these functions take what Python would
 * hold after loading it.
 */
type PyValue = unknown;

/** A number as Python prints an int (whole numbers) or a float (repr: shortest, 1e-05 / 1e+16 forms). */
export function pyNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mantissa, exp] = n.toExponential().split("e");
    const e = Number(exp);
    return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return String(n);
}

function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's repr() of a JSON value: 'text', 1, True, None, [...], {'k': v}. */
export function pyRepr(v: PyValue): string {
  if (v === null || v === undefined) return "None";
  if (isUnknown(v)) return "<unknown>";
  if (typeof v === "string") return pyStringRepr(v);
  if (typeof v === "number") return pyNumber(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Array.isArray(v)) return `[${v.map((x) => pyRepr(x)).join(", ")}]`;
  if (typeof v !== "object") return String(v);
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyStringRepr(k)}: ${pyRepr(x)}`)
    .join(", ")}}`;
}

/** Python's str(): strings as they are, everything else as repr(). */
export function pyStr(v: PyValue): string {
  return typeof v === "string" ? v : pyRepr(v);
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function jsonNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return pyNumber(n);
}

/** Python's json.dumps (", " and ": " separators, ASCII only), keys sorted when `sortKeys`. */
export function pyJsonDumps(v: PyValue, sortKeys = false): string {
  if (v === null || v === undefined || isUnknown(v)) return "null";
  if (typeof v === "string") return jsonString(v);
  if (typeof v === "number") return jsonNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map((x) => pyJsonDumps(x, sortKeys)).join(", ")}]`;
  if (typeof v !== "object") return jsonString(String(v));
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (sortKeys) keys.sort();
  return `{${keys.map((k) => `${jsonString(k)}: ${pyJsonDumps(o[k], sortKeys)}`).join(", ")}}`;
}

/** Python's type name of a value (int, float, str, bool, list, dict, NoneType). */
export function pyTypeName(v: PyValue): string {
  if (v === null) return "NoneType";
  if (typeof v === "string") return "str";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "list";
  return "dict";
}

/** Python's == on JSON values: numbers and booleans compare as numbers (True == 1). */
export function pyEqual(a: PyValue, b: PyValue): boolean {
  const num = (x: PyValue) => (typeof x === "boolean" ? (x ? 1 : 0) : x);
  const x = num(a);
  const y = num(b);
  if (typeof x === "number" || typeof y === "number") return x === y;
  if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return x === y;
  if (isUnknown(x) || isUnknown(y)) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    return x.every((e, i) => pyEqual(e, y[i]));
  }
  const xk = Object.keys(x);
  if (xk.length !== Object.keys(y).length) return false;
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  return xk.every((k) => Object.hasOwn(yo, k) && pyEqual(xo[k], yo[k]));
}

/** Python's truth value of a JSON value. */
export function pyTruthy(v: PyValue): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

/** Python's urllib.parse.quote: UTF-8 bytes percent-encoded except letters, digits, `_.-~` and `safe`. */
export function pyQuote(s: string, safe = "/"): string {
  let out = "";
  for (const ch of s) {
    if (ALWAYS_SAFE.test(ch) || safe.includes(ch)) {
      out += ch;
      continue;
    }
    for (const b of Buffer.from(ch, "utf8")) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Python's urllib.parse.quote_plus: as quote with nothing safe, spaces as "+". */
export function pyQuotePlus(s: string): string {
  return s
    .split(" ")
    .map((p) => pyQuote(p, ""))
    .join("+");
}
