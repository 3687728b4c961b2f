// Parser for the `${...}` expression language: templates, references,
// function calls, operators, conditionals, list and object constructors.

import type { Value } from "../../contract/values.js";
import type { BinOp, Expr, Step } from "./ast.js";

export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly offset: number,
  ) {
    super(
      `${message} at offset ${offset} in ${JSON.stringify(source.length > 80 ? `${source.slice(0, 77)}...` : source)}`,
    );
    this.name = "ExpressionSyntaxError";
  }
}

type Tok =
  | { t: "num"; v: number; at: number }
  | { t: "str"; v: (string | Expr)[]; at: number }
  | { t: "id"; v: string; at: number }
  | { t: "op"; v: string; at: number }
  | { t: "eof"; at: number };

const OPS = [
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "=>",
  "...",
  "[*]",
  ".*",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "!",
  "?",
  ":",
  ".",
  ",",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  "=",
];
/** OPS by first character, each list in the order of OPS (longest first): the lexer's operator lookup. */
const OPS_BY_FIRST = new Map<string, string[]>();
for (const op of OPS) (OPS_BY_FIRST.get(op[0]) ?? OPS_BY_FIRST.set(op[0], []).get(op[0])!).push(op);

/** The first of OPS that `s` has at `pos`. */
function operatorAt(s: string, pos: number): string | undefined {
  for (const op of OPS_BY_FIRST.get(s[pos]) ?? []) if (op.length === 1 || s.startsWith(op, pos)) return op;
  return undefined;
}

/** A number literal at lastIndex (sticky). */
const NUMBER = /[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/** /\s/ for one UTF-16 code unit, without a regular expression for ASCII. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}

/** [A-Za-z0-9_-] */
function isIdentifierPart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** Compile a raw value from a source document: strings with `${` become templates. */
export function compileValue(raw: unknown): Expr {
  if (typeof raw === "string")
    return raw.includes("${") || raw.includes("$${") ? parseTemplate(raw) : { k: "lit", v: raw };
  if (Array.isArray(raw)) {
    const items = raw.map(compileValue);
    return items.every((i) => i.k === "lit") ? { k: "lit", v: raw as Value } : { k: "list", items };
  }
  if (raw !== null && typeof raw === "object") {
    const entries: Record<string, Expr> = {};
    let allLit = true;
    for (const [key, v] of Object.entries(raw)) {
      const c = compileValue(v);
      entries[key] = c;
      if (c.k !== "lit") allLit = false;
    }
    return allLit ? { k: "lit", v: raw as Value } : { k: "map", entries };
  }
  if (raw === undefined) return { k: "lit", v: null };
  return { k: "lit", v: raw as Value };
}

/** Parse a template string. A string that is exactly one `${expr}` yields the expression itself (the raw value). */
export function parseTemplate(src: string): Expr {
  const parts: (string | Expr)[] = [];
  let lit = "";
  let i = 0;
  while (i < src.length) {
    // the next "${" or "$${" (the latter holds a "${" one character on)
    const open = src.indexOf("${", i);
    if (open < 0) {
      lit += src.slice(i);
      break;
    }
    if (open > i && src.charCodeAt(open - 1) === 36 /* "$": "$${" is a literal "${" */) {
      lit += `${src.slice(i, open - 1)}\${`;
      i = open + 2;
      continue;
    }
    lit += src.slice(i, open);
    const p = new Parser(src, open + 2);
    const e = p.parseExpr();
    p.expectOp("}");
    if (lit) parts.push(lit);
    lit = "";
    parts.push(e);
    i = p.pos;
  }
  if (lit) parts.push(lit);
  if (parts.length === 1 && typeof parts[0] !== "string") return parts[0];
  if (parts.every((p) => typeof p === "string")) return { k: "lit", v: parts.join("") };
  return { k: "tmpl", parts };
}

/** Parse a bare expression (no `${}` around it). */
export function parseExpression(src: string): Expr {
  const p = new Parser(src, 0);
  const e = p.parseExpr();
  const t = p.peek();
  if (t.t !== "eof") throw new ExpressionSyntaxError(`unexpected ${describe(t)}`, src, t.at);
  return e;
}

function describe(t: Tok): string {
  switch (t.t) {
    case "eof":
      return "end of expression";
    case "op":
      return `"${t.v}"`;
    case "id":
      return `identifier "${t.v}"`;
    case "num":
      return `number ${t.v}`;
    case "str":
      return "string";
  }
}

const BIN_PREC: Record<string, number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 4,
  ">": 4,
  "<=": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "%": 6,
};

class Parser {
  private tok: Tok | null = null;
  constructor(
    private readonly src: string,
    public pos: number,
  ) {}

  peek(): Tok {
    if (!this.tok) this.tok = this.lex();
    return this.tok;
  }
  next(): Tok {
    const t = this.peek();
    this.tok = null;
    return t;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.v === v;
  }
  expectOp(v: string): void {
    const t = this.next();
    if (t.t !== "op" || t.v !== v)
      throw new ExpressionSyntaxError(`expected "${v}" but found ${describe(t)}`, this.src, t.at);
  }

  private lex(): Tok {
    const s = this.src;
    while (this.pos < s.length && isSpace(s.charCodeAt(this.pos))) this.pos++;
    const at = this.pos;
    if (this.pos >= s.length) return { t: "eof", at };
    const c = s.charCodeAt(this.pos);
    if (c >= 48 && c <= 57) {
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(s)!;
      this.pos += m[0].length;
      return { t: "num", v: Number(m[0]), at };
    }
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
      let end = this.pos + 1;
      while (end < s.length && isIdentifierPart(s.charCodeAt(end))) end++;
      const v = s.slice(this.pos, end);
      this.pos = end;
      return { t: "id", v, at };
    }
    if (c === 34) return this.lexString(at);
    const op = operatorAt(s, this.pos);
    if (op === undefined) throw new ExpressionSyntaxError(`unexpected character ${JSON.stringify(s[this.pos])}`, s, at);
    this.pos += op.length;
    return { t: "op", v: op, at };
  }

  private lexString(at: number): Tok {
    const s = this.src;
    this.pos++; // opening quote
    const parts: (string | Expr)[] = [];
    let lit = "";
    while (true) {
      if (this.pos >= s.length) throw new ExpressionSyntaxError("unterminated string", s, at);
      const c = s[this.pos];
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === "\\") {
        const n = s[this.pos + 1];
        const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\" };
        if (n === "u") {
          lit += String.fromCharCode(parseInt(s.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
          continue;
        }
        if (!(n in map)) throw new ExpressionSyntaxError(`invalid escape \\${n}`, s, this.pos);
        lit += map[n];
        this.pos += 2;
        continue;
      }
      if (s.startsWith("$${", this.pos)) {
        lit += "${";
        this.pos += 3;
        continue;
      }
      if (s.startsWith("${", this.pos)) {
        const inner = new Parser(s, this.pos + 2);
        const e = inner.parseExpr();
        inner.expectOp("}");
        this.pos = inner.pos;
        if (lit) parts.push(lit);
        lit = "";
        parts.push(e);
        continue;
      }
      lit += c;
      this.pos++;
    }
    if (lit || parts.length === 0) parts.push(lit);
    return { t: "str", v: parts, at };
  }

  parseExpr(): Expr {
    const c = this.parseBinary(0);
    if (this.isOp("?")) {
      this.next();
      const t = this.parseExpr();
      this.expectOp(":");
      const f = this.parseExpr();
      return { k: "cond", c, t, f };
    }
    return c;
  }

  private parseBinary(minPrec: number): Expr {
    let l = this.parseUnary();
    while (true) {
      const t = this.peek();
      if (t.t !== "op" || !(t.v in BIN_PREC)) return l;
      const prec = BIN_PREC[t.v];
      if (prec <= minPrec) return l;
      this.next();
      const r = this.parseBinary(prec);
      l = { k: "bin", op: t.v as BinOp, l, r };
    }
  }

  private parseUnary(): Expr {
    if (this.isOp("!")) {
      this.next();
      return { k: "unary", op: "!", e: this.parseUnary() };
    }
    if (this.isOp("-")) {
      this.next();
      return { k: "unary", op: "-", e: this.parseUnary() };
    }
    return this.parsePostfix();
  }

  private parseSteps(): Step[] {
    const steps: Step[] = [];
    while (true) {
      if (this.isOp(".")) {
        this.next();
        const t = this.next();
        if (t.t === "id") steps.push({ k: "attr", name: t.v });
        else if (t.t === "num") steps.push({ k: "index", index: { k: "lit", v: t.v } });
        else if (t.t === "op" && t.v === "*") steps.push({ k: "splat" });
        else
          throw new ExpressionSyntaxError(`expected attribute name after "." but found ${describe(t)}`, this.src, t.at);
      } else if (this.isOp(".*")) {
        this.next();
        steps.push({ k: "splat" });
      } else if (this.isOp("[*]")) {
        this.next();
        steps.push({ k: "splat" });
      } else if (this.isOp("[")) {
        this.next();
        const index = this.parseExpr();
        this.expectOp("]");
        steps.push({ k: "index", index });
      } else return steps;
    }
  }

  private parsePostfix(): Expr {
    const start = this.peek().at;
    const t = this.next();
    let base: Expr;
    switch (t.t) {
      case "num":
        base = { k: "lit", v: t.v };
        break;
      case "str":
        base = t.v.length === 1 && typeof t.v[0] === "string" ? { k: "lit", v: t.v[0] } : { k: "tmpl", parts: t.v };
        break;
      case "id": {
        if (t.v === "true" || t.v === "false") {
          base = { k: "lit", v: t.v === "true" };
          break;
        }
        if (t.v === "null") {
          base = { k: "lit", v: null };
          break;
        }
        if (this.isOp("(")) {
          this.next();
          const args: Expr[] = [];
          while (!this.isOp(")")) {
            args.push(this.parseExpr());
            if (this.isOp("...")) this.next();
            if (!this.isOp(")")) this.expectOp(",");
          }
          this.next();
          base = { k: "call", fn: t.v, args };
          break;
        }
        const steps = this.parseSteps();
        const text = this.src.slice(start, this.peek().at).trim();
        return { k: "ref", root: t.v, steps, text };
      }
      case "op":
        if (t.v === "(") {
          base = this.parseExpr();
          this.expectOp(")");
          break;
        }
        if (t.v === "[") {
          const items: Expr[] = [];
          while (!this.isOp("]")) {
            items.push(this.parseExpr());
            if (!this.isOp("]")) this.expectOp(",");
          }
          this.next();
          base = { k: "list", items };
          break;
        }
        if (t.v === "{") {
          const entries: [Expr, Expr][] = [];
          while (!this.isOp("}")) {
            const kt = this.peek();
            let key: Expr;
            if (kt.t === "id") {
              this.next();
              key = { k: "lit", v: kt.v };
            } else key = this.parseExpr();
            if (this.isOp("=")) this.next();
            else this.expectOp(":");
            entries.push([key, this.parseExpr()]);
            if (this.isOp(",")) this.next();
          }
          this.next();
          base = { k: "obj", entries };
          break;
        }
        throw new ExpressionSyntaxError(`unexpected ${describe(t)}`, this.src, t.at);
      default:
        throw new ExpressionSyntaxError(`unexpected ${describe(t)}`, this.src, t.at);
    }
    const steps = this.parseSteps();
    return steps.length ? { k: "post", e: base, steps } : base;
  }
}
