// The functions of Terraform's built-in `terraform` provider (terraform.io/builtin/terraform, Terraform 1.8 and
// later): provider::terraform::encode_tfvars, decode_tfvars and encode_expr, with the results and errors of
// Terraform's own tests of them. Encoding writes what HCL's hclwrite writes for a value (its tokens, then its
// canonical formatting: `=` aligned in runs of attributes); decoding reads the text with HCL's own parser (the
// WebAssembly converter gantry reads .tf files with) and accepts only constant values, as a .tfvars file.
//
// Unlike Terraform, gantry does not ask the module to declare the built-in provider in required_providers first:
// the functions are there in every module under the name "terraform".

import type { Value } from "../../../contract/values.js";
import { formatHclText } from "../../../hcl/format/format-hcl.js";
import { hclToJsonSync } from "../../../hcl/hcl-wasm.js";
import { evaluateConstant } from "../../constant-expression.js";
import { type Expr, visitExprs } from "../ast.js";
import { compileValue } from "../parse.js";
import { compareStrings, isMap, numberText } from "./argument-conversion.js";
import { FunctionError, type FunctionTable } from "./definition.js";

/** HCL's identifiers (hclsyntax.ValidIdentifier): a letter or `_`, then letters, digits, `_` and `-`. */
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

/** What Go's unicode.IsPrint accepts: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** A string as an HCL quoted literal, escaped as hclwrite escapes it (`${` and `%{` doubled). */
function quoted(s: string): string {
  let out = '"';
  const chars = [...s];
  chars.forEach((c, i) => {
    switch (c) {
      case "\n":
        out += "\\n";
        return;
      case "\r":
        out += "\\r";
        return;
      case "\t":
        out += "\\t";
        return;
      case '"':
        out += '\\"';
        return;
      case "\\":
        out += "\\\\";
        return;
      case "$":
      case "%":
        out += chars[i + 1] === "{" ? c + c : c;
        return;
    }
    if (PRINTABLE.test(c)) out += c;
    else {
      const cp = c.codePointAt(0)!;
      out += cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
    }
  });
  return `${out}"`;
}

/** A value's expression before formatting: objects over lines, one attribute a line, in key order. */
function expressionText(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return numberText(v);
  if (typeof v === "string") return quoted(v);
  if (Array.isArray(v)) return `[${v.map(expressionText).join(", ")}]`;
  if (!isMap(v)) throw new Error("an unknown value has no expression"); // calls with unknowns never get here
  const keys = Object.keys(v).sort(compareStrings);
  if (!keys.length) return "{}";
  return `{\n${keys.map((k) => `${IDENTIFIER.test(k) ? k : quoted(k)} = ${expressionText(v[k])}\n`).join("")}}`;
}

function encodeTfvars(v: Value): string {
  if (!isMap(v))
    throw new FunctionError(
      "invalid value to encode: must be an object whose attribute names will become the encoded variable names",
    );
  const keys = Object.keys(v).sort(compareStrings);
  for (const k of keys)
    if (!IDENTIFIER.test(k))
      throw new FunctionError(
        `invalid variable name ${JSON.stringify(k)}: must be a valid identifier, per Terraform's rules for input ` +
          "variable declarations",
      );
  return formatHclText(keys.map((k) => `${k} = ${expressionText(v[k])}\n`).join(""));
}

const SOURCE_NAME = "<decode_tfvars argument>";

/** HCL's range of `length` characters at `offset`: `L,C-C2` on one line, `L,C-L2,C2` across lines. */
function rangeText(src: string, offset: number, length: number): string {
  const at = (o: number) => {
    const before = [...src.slice(0, o)];
    const lineStart = before.lastIndexOf("\n") + 1;
    return { line: before.filter((c) => c === "\n").length + 1, column: before.length - lineStart + 1 };
  };
  const from = at(offset);
  const to = at(offset + length);
  return from.line === to.line
    ? `${SOURCE_NAME}:${from.line},${from.column}-${to.column}`
    : `${SOURCE_NAME}:${from.line},${from.column}-${to.line},${to.column}`;
}

/** HCL's first diagnostic of the converter's "parse config: [file:range: summary; detail ...]". */
function firstDiagnostic(message: string): string {
  const body = message.replace(/^parse config: \[/, "").replace(/\]$/, "");
  const next = body.indexOf(` ${SOURCE_NAME}:`, 1);
  return next > 0 ? body.slice(0, next) : body;
}

/** The offset of a top-level attribute's value (`name =` at the start of a line), or of a block `name`. */
function definitionOffset(src: string, name: string): { offset: number; attribute: boolean } | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  const attr = new RegExp(`^[ \\t]*${esc}[ \\t]*=(?!=)[ \\t]*`, "m").exec(src);
  if (attr) return { offset: attr.index + attr[0].length, attribute: true };
  const block = new RegExp(`^([ \\t]*)${esc}(?![\\p{ID_Continue}-])`, "mu").exec(src);
  return block ? { offset: block.index + block[1].length, attribute: false } : undefined;
}

/** Length of a call written at `offset` (`name(` ... the matching `)`), strings skipped. */
function callLength(src: string, offset: number): number {
  let depth = 0;
  let inString = false;
  for (let i = src.indexOf("(", offset); i < src.length; i++) {
    const c = src[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1 - offset;
  }
  return src.length - offset;
}

/** A value's first function call or reference, which a .tfvars value may not have, as HCL reports it. */
function notConstant(e: Expr, src: string, valueAt: number): string | undefined {
  let found: Extract<Expr, { k: "call" } | { k: "ref" }> | undefined;
  visitExprs(e, (x) => {
    if (!found && (x.k === "call" || x.k === "ref")) found = x;
  });
  if (!found) return undefined;
  const text = found.k === "call" ? found.fn : found.root;
  const esc = text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  const m = new RegExp(
    found.k === "call" ? `${esc}\\s*\\(` : `(?<![\\p{ID_Continue}.-])${esc}(?![\\p{ID_Continue}-])`,
    "u",
  ).exec(src.slice(valueAt));
  const offset = valueAt + (m?.index ?? 0);
  return found.k === "call"
    ? `${rangeText(src, offset, callLength(src, offset))}: Function calls not allowed; Functions may not be called here`
    : `${rangeText(src, offset, text.length)}: Variables not allowed; Variables may not be used here`;
}

function decodeTfvars(src: string): Value {
  let parsed: Record<string, unknown>;
  try {
    parsed = hclToJsonSync(SOURCE_NAME, src);
  } catch (e) {
    throw new FunctionError(`invalid tfvars syntax: ${firstDiagnostic((e as Error).message)}`);
  }
  const out: Record<string, Value> = {};
  for (const name of Object.keys(parsed)) {
    const where = definitionOffset(src, name);
    if (where && !where.attribute)
      throw new FunctionError(
        `invalid tfvars content: ${rangeText(src, where.offset, [...name].length)}: Unexpected "${name}" block; ` +
          "Blocks are not allowed here",
      );
    const expr = compileValue(parsed[name]);
    const refused = notConstant(expr, src, where?.offset ?? 0);
    if (refused) throw new FunctionError(`invalid expression for variable ${JSON.stringify(name)}: ${refused}`);
    out[name] = evaluateConstant(expr);
  }
  return out;
}

export const TERRAFORM_PROVIDER_FUNCTIONS: FunctionTable = {
  "provider::terraform::encode_tfvars": { params: ["value"], impl: ([v]) => encodeTfvars(v) },
  "provider::terraform::decode_tfvars": {
    params: ["src"],
    impl: ([v]) => {
      if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
        throw new FunctionError("string required", 0);
      return decodeTfvars(typeof v === "number" ? numberText(v) : String(v));
    },
  },
  "provider::terraform::encode_expr": { params: ["value"], impl: ([v]) => formatHclText(expressionText(v)).trim() },
};
