// The rules `terraform fmt` adds to HCL's formatting (facts of Terraform's
// fmt tests, internal/command/testdata/fmt): block labels written as quoted
// strings, with comments between them dropped (`resource foo "bar"` →
// `resource "foo" "bar"`); an attribute's value that is one interpolation
// and nothing else unwrapped (`"${var.a}"` → `var.a`, in parentheses when it
// spans lines); and a top-level variable's `type` in today's syntax (`list`
// → `list(any)`, `"string"` → `string`, `"list"` → `list(string)`,
// `"map"` → `map(string)`).

import { bracketChange, endsLine, type Token, type TokenType } from "./token.js";

const tok = (type: TokenType, text: string): Token => ({ type, text, spacesBefore: 0 });

/** Bracket change, heredocs counting as brackets (their lines are inside the value). */
function depthChange(t: Token): number {
  return t.type === "oheredoc" ? 1 : t.type === "cheredoc" ? -1 : bracketChange(t);
}

/** The tokens with Terraform's rules applied to every block and attribute. */
export function applyTerraformRules(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  const body = (blocks: string[]): void => {
    while (i < tokens.length) {
      const t = tokens[i];
      if (t.type === "cbrace") return;
      if (t.type !== "ident") {
        out.push(t);
        i++;
        continue;
      }
      if (tokens[i + 1]?.type === "equal") {
        out.push(t, tokens[i + 1]);
        i += 2;
        const start = i;
        let depth = 0;
        for (; i < tokens.length; i++) {
          const e = tokens[i];
          if (depth === 0 && (endsLine(e) || e.type === "cbrace")) break;
          depth += depthChange(e);
        }
        const value = tokens.slice(start, i);
        const isType = blocks.length === 1 && blocks[0] === "variable" && t.text === "type";
        out.push(...(isType ? typeExpression(value) : valueExpression(value)));
        continue;
      }
      // a block: its labels quoted, then its body
      const open = blockOpening(tokens, i + 1);
      out.push(t);
      i++;
      if (open < 0) continue; // not a block header: left as written
      for (; i < open; i++) {
        const l = tokens[i];
        if (l.type === "ident") out.push(tok("oquote", '"'), tok("quotedLit", l.text), tok("cquote", '"'));
        else if (l.type !== "comment") out.push(l);
      }
      out.push(tokens[i++]);
      body([...blocks, t.text]);
      if (i < tokens.length) out.push(tokens[i++]);
    }
  };
  while (i < tokens.length) {
    body([]);
    if (i < tokens.length) out.push(tokens[i++]); // a stray `}`: kept as it is
  }
  return out;
}

/**
 * Where a block's `{` is, when the tokens from `from` are its labels (names, quoted strings without
 * interpolations, comments between them) and then `{`; -1 otherwise.
 */
function blockOpening(tokens: readonly Token[], from: number): number {
  let i = from;
  for (;;) {
    const t = tokens[i];
    if (!t) return -1;
    if (t.type === "obrace") return i;
    if (t.type === "ident" || (t.type === "comment" && !endsLine(t))) i++;
    else if (t.type === "oquote" && tokens[i + 1]?.type === "cquote") i += 2;
    else if (t.type === "oquote" && tokens[i + 1]?.type === "quotedLit" && tokens[i + 2]?.type === "cquote") i += 3;
    else return -1;
  }
}

/** `"${ expression }"` → `expression`, when the template is that one interpolation and nothing else. */
function valueExpression(value: Token[]): Token[] {
  const n = value.length;
  if (n < 5) return value;
  if (
    value[0].type !== "oquote" ||
    value[1].type !== "templateInterp" ||
    value[n - 2].type !== "templateSeqEnd" ||
    value[n - 1].type !== "cquote"
  )
    return value;
  const inside = value.slice(2, n - 2);
  let quotes = 0;
  for (const t of inside) {
    if (t.type === "oquote") quotes++;
    else if (t.type === "cquote") quotes--;
    else if (quotes > 0) continue;
    else if (t.type === "templateInterp" || t.type === "templateSeqEnd" || t.type === "quotedLit") return value;
  }
  let from = 0;
  let to = inside.length;
  while (from < to && inside[from].type === "newline") from++;
  while (to > from && inside[to - 1].type === "newline") to--;
  const trimmed = inside.slice(from, to);
  if (!trimmed.length) return value;
  const multiLine = trimmed.some((t) => t.type === "newline");
  const parenthesized = trimmed[0].type === "oparen" && trimmed[trimmed.length - 1].type === "cparen";
  return multiLine && !parenthesized ? [tok("oparen", "("), ...trimmed, tok("cparen", ")")] : trimmed;
}

const COLLECTIONS = new Set(["list", "map", "set"]);
const LEGACY_TYPES: Record<string, Token[]> = {
  string: [tok("ident", "string")],
  list: [tok("ident", "list"), tok("oparen", "("), tok("ident", "string"), tok("cparen", ")")],
  map: [tok("ident", "map"), tok("oparen", "("), tok("ident", "string"), tok("cparen", ")")],
};

/** A variable's type: a bare collection keyword takes `(any)`; a quoted type of Terraform 0.11 is unquoted. */
function typeExpression(value: Token[]): Token[] {
  if (value.length === 1 && value[0].type === "ident" && COLLECTIONS.has(value[0].text))
    return [value[0], tok("oparen", "("), tok("ident", "any"), tok("cparen", ")")];
  if (value.length === 3 && value[0].type === "oquote" && value[1].type === "quotedLit" && value[2].type === "cquote")
    return Object.hasOwn(LEGACY_TYPES, value[1].text) ? LEGACY_TYPES[value[1].text].map((t) => ({ ...t })) : value;
  return value;
}
