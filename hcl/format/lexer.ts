// Splits HCL native syntax into the formatter's tokens (token.ts): every
// character of the input is in exactly one token's text or counted in the
// spaces before one, so that the tokens put back together give the input.
// Quoted templates and heredocs are scanned as templates (literal text, and
// the tokens of each interpolation or directive). The input has been parsed
// by HCL itself before (format-hcl.ts): this lexer needs no error handling
// of its own, and whatever it does not know becomes an `other` token.

import type { Token, TokenType } from "./token.js";

type Mode =
  /** Outside templates, or inside an interpolation/directive (`braces`: the object braces open in it). */
  | { kind: "expression"; inTemplate: boolean; braces: number }
  | { kind: "quoted" }
  | { kind: "heredoc"; marker: string; atLineStart: boolean };

const OPERATORS: [string, TokenType][] = [
  ["...", "ellipsis"],
  ["::", "doubleColon"],
  ["==", "equalOp"],
  ["!=", "notEqual"],
  [">=", "greaterThanEq"],
  ["<=", "lessThanEq"],
  ["&&", "and"],
  ["||", "or"],
  ["=>", "fatArrow"],
  ["=", "equal"],
  [",", "comma"],
  [".", "dot"],
  [":", "colon"],
  ["?", "question"],
  ["!", "bang"],
  ["-", "minus"],
  ["+", "plus"],
  ["*", "star"],
  ["/", "slash"],
  ["%", "percent"],
  [">", "greaterThan"],
  ["<", "lessThan"],
  ["[", "obrack"],
  ["]", "cbrack"],
  ["(", "oparen"],
  [")", "cparen"],
];

const IDENT = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_-]*/uy;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEREDOC_START = /<<(-?)([\p{L}_][\p{L}\p{Nd}_-]*)(\r?\n)/uy;
const TEMPLATE_START = /[$%]\{~?/y;

export function lexHcl(src: string): Token[] {
  const tokens: Token[] = [];
  const modes: Mode[] = [{ kind: "expression", inTemplate: false, braces: 0 }];
  let pos = 0;
  let spaces = 0;
  const push = (type: TokenType, text: string) => {
    tokens.push({ type, text, spacesBefore: spaces });
    spaces = 0;
    pos += text.length;
  };
  const sticky = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    return re.exec(src);
  };
  /** An interpolation or directive opening at pos (not `$${` nor `%%{`, which are escapes read as literal text). */
  const templateStart = (): string | undefined => sticky(TEMPLATE_START)?.[0];
  /** Literal template text from pos up to (not including) a template start, a stop character or the end. */
  const literalEnd = (stops: string): number => {
    let i = pos;
    while (i < src.length) {
      const c = src[i];
      if (stops.includes(c)) return c === "\n" ? i + 1 : i;
      if (c === "\\" && stops.includes('"')) {
        i += 2;
        continue;
      }
      if ((c === "$" || c === "%") && src[i + 1] === c && src[i + 2] === "{") {
        i += 3;
        continue;
      }
      if ((c === "$" || c === "%") && src[i + 1] === "{") return i;
      i++;
    }
    return i;
  };
  const openTemplate = (text: string) => {
    push(text[0] === "$" ? "templateInterp" : "templateControl", text);
    modes.push({ kind: "expression", inTemplate: true, braces: 0 });
  };

  while (pos < src.length) {
    const mode = modes[modes.length - 1];
    if (mode.kind === "quoted") {
      if (src[pos] === '"') {
        push("cquote", '"');
        modes.pop();
        continue;
      }
      const start = templateStart();
      if (start) {
        openTemplate(start);
        continue;
      }
      const end = literalEnd('"\n');
      push(end > pos ? "quotedLit" : "other", src.slice(pos, Math.max(end, pos + 1)));
      continue;
    }
    if (mode.kind === "heredoc") {
      if (mode.atLineStart) {
        const close = new RegExp(`[ \\t]*${mode.marker.replace(/[-]/g, "\\-")}(?=\\r?\\n|$)`, "uy");
        const m = sticky(close);
        if (m) {
          push("cheredoc", m[0]);
          modes.pop();
          continue;
        }
      }
      const start = templateStart();
      if (start) {
        mode.atLineStart = false;
        openTemplate(start);
        continue;
      }
      const end = literalEnd("\n");
      const text = src.slice(pos, end);
      mode.atLineStart = text.endsWith("\n");
      push("stringLit", text);
      continue;
    }
    const c = src[pos];
    if (c === " " || c === "\t") {
      spaces++;
      pos++;
      continue;
    }
    if (c === "\n" || (c === "\r" && src[pos + 1] === "\n")) {
      push("newline", c === "\n" ? "\n" : "\r\n");
      continue;
    }
    if (c === "#" || (c === "/" && src[pos + 1] === "/")) {
      const nl = src.indexOf("\n", pos);
      push("comment", nl < 0 ? src.slice(pos) : src.slice(pos, nl + 1));
      continue;
    }
    if (c === "/" && src[pos + 1] === "*") {
      const close = src.indexOf("*/", pos + 2);
      push("comment", close < 0 ? src.slice(pos) : src.slice(pos, close + 2));
      continue;
    }
    if (c === '"') {
      push("oquote", '"');
      modes.push({ kind: "quoted" });
      continue;
    }
    const heredoc = c === "<" ? sticky(HEREDOC_START) : null;
    if (heredoc) {
      push("oheredoc", heredoc[0]);
      modes.push({ kind: "heredoc", marker: heredoc[2], atLineStart: true });
      continue;
    }
    if (mode.inTemplate && mode.braces === 0 && (c === "}" || (c === "~" && src[pos + 1] === "}"))) {
      push("templateSeqEnd", c === "}" ? "}" : "~}");
      modes.pop();
      if (modes[modes.length - 1].kind === "heredoc")
        (modes[modes.length - 1] as { atLineStart: boolean }).atLineStart = false;
      continue;
    }
    if (c === "{") {
      mode.braces++;
      push("obrace", "{");
      continue;
    }
    if (c === "}") {
      mode.braces = Math.max(0, mode.braces - 1);
      push("cbrace", "}");
      continue;
    }
    const number = sticky(NUMBER);
    if (number) {
      push("number", number[0]);
      continue;
    }
    const ident = sticky(IDENT);
    if (ident) {
      push("ident", ident[0]);
      continue;
    }
    const op = OPERATORS.find(([text]) => src.startsWith(text, pos));
    push(op ? op[1] : "other", op ? op[0] : String.fromCodePoint(src.codePointAt(pos)!));
  }
  return tokens;
}
