// Values as `terraform console` and `terraform output NAME` print them
// (Terraform's repl.FormatValue): strings quoted as Go quotes them (multi-line
// ones as heredocs), numbers in full without exponent, objects as
// `{ "key" = value }` one attribute a line, sequences as `[ value, ]` one
// element a line, nulls as `null`; a list, set or map (a value tagged so, as
// an expression or a type conversion made it) inside `tolist(...)`,
// `toset(...)` or `tomap(...)`, a tuple or object bare. A value read back from
// a state file has lost its collection kind and prints bare.

import { collectionKind, isUnknown, type Value } from "../contract/values.js";

export function formatTerraformValue(v: Value | undefined, indent = 0): string {
  const kind = collectionKind(v);
  const text = formatStructural(v, indent);
  return kind === "list"
    ? `tolist(${text})`
    : kind === "set"
      ? `toset(${text})`
      : kind === "map"
        ? `tomap(${text})`
        : text;
}

function formatStructural(v: Value | undefined, indent: number): string {
  if (v === undefined || v === null) return "null";
  if (isUnknown(v)) return "(known after apply)";
  if (typeof v === "string") return formatString(v, indent);
  if (typeof v === "number") return terraformNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  const pad = " ".repeat(indent + 2);
  if (Array.isArray(v)) {
    if (!v.length) return "[]";
    return `[${v.map((x) => `\n${pad}${formatTerraformValue(x, indent + 2)},`).join("")}\n${" ".repeat(indent)}]`;
  }
  const keys = Object.keys(v).sort();
  if (!keys.length) return "{}";
  const lines = keys.map((k) => `\n${pad}${goQuote(k)} = ${formatTerraformValue(v[k], indent + 2)}`);
  return `{${lines.join("")}\n${" ".repeat(indent)}}`;
}

function formatString(s: string, indent: number): string {
  const lines = s.split("\n");
  if (lines.length < 2) return goQuote(s);
  let delimiter = "EOT";
  while (lines.some((l) => l.trim() === delimiter)) delimiter += "_";
  const pad = " ".repeat(indent);
  return `${indent > 0 ? "<<-" : "<<"}${delimiter}${lines.map((l) => `\n${pad}${l}`).join("")}\n${pad}${delimiter}`;
}

/** A number as Terraform prints it: every digit, never an exponent (Go's big.Float Text('f', -1)). */
export function terraformNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : n < 0 ? "-Inf" : "NaN";
  const s = String(n);
  if (!s.includes("e")) return s;
  const [mantissa, exp] = s.split("e");
  const e = Number(exp);
  const negative = mantissa.startsWith("-");
  const [whole, frac = ""] = mantissa.replace("-", "").split(".");
  const digits = whole + frac;
  const point = whole.length + e;
  const text =
    point >= digits.length
      ? digits + "0".repeat(point - digits.length)
      : point <= 0
        ? `0.${"0".repeat(-point)}${digits}`
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${text}` : text;
}

/** A string quoted as Go's strconv.Quote does it. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c === 7) out += "\\a";
    else if (c === 8) out += "\\b";
    else if (c === 12) out += "\\f";
    else if (c === 11) out += "\\v";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xfeff || c === 0x2028 || c === 0x2029)
      out += c > 0xff ? `\\u${c.toString(16).padStart(4, "0")}` : `\\u00${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Every output as `terraform output` and the end of `terraform apply` print them: sorted by name, one
 * `name = value` each (values as above), sensitive ones as `<sensitive>`.
 */
export function formatOutputValues(outputs: Record<string, { value: Value; sensitive?: boolean }>): string {
  return Object.keys(outputs)
    .sort()
    .map((k) => `${k} = ${outputs[k].sensitive ? "<sensitive>" : formatTerraformValue(outputs[k].value)}`)
    .join("\n");
}
