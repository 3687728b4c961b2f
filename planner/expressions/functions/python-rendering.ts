// Values rendered as Python renders them, for Heat's functions, whose results
// and messages come from Python: str() and repr() of a value, json.dumps (what
// Heat's str_replace and list_join substitute for a list or map), Python's
// equality (1 == 1.0 == True) and its type names.

import { isUnknown, type Value } from "../../../contract/values.js";

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
export function pyRepr(v: Value): string {
  if (v === null) return "None";
  if (isUnknown(v)) return "<unknown>";
  if (typeof v === "string") return pyStringRepr(v);
  if (typeof v === "number") return pyNumber(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyStringRepr(k)}: ${pyRepr(x)}`)
    .join(", ")}}`;
}

/** Python's str(): strings as they are, everything else as repr(). */
export function pyStr(v: Value): string {
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
export function pyJsonDumps(v: Value, sortKeys: boolean): string {
  if (v === null || isUnknown(v)) return "null";
  if (typeof v === "string") return jsonString(v);
  if (typeof v === "number") return jsonNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map((x) => pyJsonDumps(x, sortKeys)).join(", ")}]`;
  const keys = Object.keys(v);
  if (sortKeys) keys.sort();
  return `{${keys.map((k) => `${jsonString(k)}: ${pyJsonDumps(v[k], sortKeys)}`).join(", ")}}`;
}

/** Python's type name of a value (int, float, str, bool, list, dict, NoneType). */
export function pyTypeName(v: Value): string {
  if (v === null) return "NoneType";
  if (typeof v === "string") return "str";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "list";
  return "dict";
}

/** Python's == on JSON values: numbers and booleans compare as numbers (True == 1). */
export function pyEqual(a: Value, b: Value): boolean {
  const num = (x: Value) => (typeof x === "boolean" ? (x ? 1 : 0) : x);
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
  return xk.every((k) => Object.hasOwn(y, k) && pyEqual(x[k], (y as Record<string, Value>)[k]));
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
