// Whether a token is followed by a space on its line: hclwrite's rules (the
// facts of its tests, hclwrite/format_test.go) — none before a newline, a
// call's parenthesis, a dot, a comma or `...`; one after a comma; none
// inside template text; none after `!` or a negating `-`; braces spaced
// inside (`{ a = 1 }`) but `{}` kept tight; none inside other brackets;
// one between most other tokens.

import { bracketChange, type Token, type TokenType } from "./token.js";

/** Tokens after which a `-` negates. */
const BEFORE_NEGATION = new Set<TokenType | "nil">([
  "nil",
  "oparen",
  "obrace",
  "obrack",
  "equal",
  "colon",
  "comma",
  "question",
  "plus",
  "star",
  "slash",
  "percent",
  "minus",
  "equalOp",
  "notEqual",
  "greaterThan",
  "greaterThanEq",
  "lessThan",
  "lessThanEq",
  "and",
  "or",
  "bang",
]);

const TEMPLATE_TEXT = new Set<TokenType>(["quotedLit", "stringLit", "oquote", "oheredoc"]);
const TEMPLATE_TEXT_AFTER = new Set<TokenType>(["quotedLit", "stringLit", "cquote", "cheredoc"]);

/** Is `subject` followed by a space, `before` being the token before it (undefined at the start of a cell)? */
export function spaceAfter(subject: Token, before: Token | undefined, after: Token): boolean {
  const s = subject.type;
  const a = after.type;
  if (a === "newline") return false;
  if (s === "ident" && a === "oparen") return false;
  if ((s === "ident" && a === "doubleColon") || (s === "doubleColon" && a === "ident")) return false;
  if (s === "dot" || a === "dot") return false;
  if (a === "comma" || a === "ellipsis") return false;
  if (s === "comma") return true;
  if (TEMPLATE_TEXT.has(s) || TEMPLATE_TEXT_AFTER.has(a)) return false;
  // `in` of a for expression, before a tuple: `[for x in [y] : x]`
  if (s === "ident" && subject.text === "in" && before?.type === "ident") return true;
  if (a === "obrack" && (s === "ident" || s === "number" || bracketChange(subject) < 0)) return false;
  if (s === "bang") return false;
  if (s === "minus") return !BEFORE_NEGATION.has(before?.type ?? "nil");
  if (s === "obrace" || a === "cbrace") return !(s === "obrace" && a === "cbrace");
  // an interpolation holding just an object constructor: `${ { a = 1 } }`
  if ((s === "templateInterp" || s === "templateControl") && a === "obrace") return true;
  if (s === "cbrace" && a === "templateSeqEnd") return true;
  if (s === "templateSeqEnd" && (a === "templateInterp" || a === "templateControl")) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}
