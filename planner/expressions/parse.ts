// Parser for HCL's expression language: literals, references, function calls
// (with `...` expansion), operators with HCL's precedence, conditionals, tuple
// and object constructors, `for` expressions, index, attribute and splat
// steps. Templates (`"..."` and whole `${...}` strings) are in parse-template.ts.

import { setMember, type Value } from "../../contract/values.js";
import type { BinOp, Expr, ForExpr, Step } from "./ast.js";
import { scanTemplate } from "./parse-template.js";

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

export type Tok =
  | { t: "num"; v: number; at: number }
  | { t: "str"; v: Expr; at: number }
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
  "~}",
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

/** A heredoc's marker and the newline after it, at lastIndex (sticky). */
const HEREDOC_MARKER = /([A-Za-z_][A-Za-z0-9_-]*)\r?\n/y;

/** A number literal at lastIndex (sticky). */
const NUMBER = /[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/** /\s/ for one UTF-16 code unit, without a regular expression for ASCII. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}

/** [A-Za-z_] */
function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** [A-Za-z0-9_-] */
function isIdentifierPart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/**
 * The items of an array filled by push, in an array of their number: the syntax tree lives as long as the
 * configuration, and a push leaves room for 17 entries (a reference's two steps: ~150 bytes instead of ~30).
 */
function exactLength<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

/** Compile a raw value from a source document: strings with `${` or `%{` become templates. */
export function compileValue(raw: unknown): Expr {
  if (typeof raw === "string")
    return raw.includes("${") || raw.includes("%{") ? parseTemplate(raw) : { k: "lit", v: raw };
  if (Array.isArray(raw)) {
    const items = raw.map(compileValue);
    return items.every((i) => i.k === "lit") ? { k: "lit", v: raw as Value } : { k: "list", items };
  }
  if (raw !== null && typeof raw === "object") {
    const entries: Record<string, Expr> = {};
    let allLit = true;
    for (const [key, v] of Object.entries(raw)) {
      const c = compileValue(v);
      setMember(entries, key, c);
      if (c.k !== "lit") allLit = false;
    }
    return allLit ? { k: "lit", v: raw as Value } : { k: "map", entries };
  }
  if (raw === undefined) return { k: "lit", v: null };
  return { k: "lit", v: raw as Value };
}

/**
 * Parse a template string (a JSON-syntax string, or heredoc content as the HCL converters hand it over): literal
 * text, `${...}` interpolations, `%{if}`/`%{for}` directives, `~` strip markers, `$${` and `%%{` escapes. A
 * template that is exactly one interpolation yields the expression itself (its raw value).
 */
export function parseTemplate(src: string): Expr {
  return (WHOLE_REFERENCE.test(src) && wholeReference(src)) || scanTemplate(src, 0, false, []).expr;
}

/** `${name.attr.attr}`: a whole string that is one reference with attribute steps only, no spaces. */
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*\}$/;

/**
 * The reference a WHOLE_REFERENCE string holds, as the parser makes it (the most common template by far: each of
 * 100,000 resources may have one), without lexing it token by token; undefined for `true`, `false` and `null`,
 * which are literals.
 */
function wholeReference(src: string): Expr | undefined {
  const text = src.slice(2, -1);
  const names = text.split(".");
  const root = names[0]!;
  if (root === "true" || root === "false" || root === "null") return undefined;
  const steps = new Array<Step>(names.length - 1);
  for (let i = 1; i < names.length; i++) steps[i - 1] = { k: "attr", name: names[i]! };
  return { k: "ref", root, steps, text };
}

/** Parse a bare expression (no `${}` around it). */
export function parseExpression(src: string): Expr {
  const p = new Parser(src, 0, []);
  const e = p.parseExpr();
  const t = p.peek();
  if (t.t !== "eof") throw new ExpressionSyntaxError(`unexpected ${describe(t)}`, src, t.at);
  return e;
}

export function describe(t: Tok): string {
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

/** HCL's binary operator precedence (higher binds tighter). */
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

export class Parser {
  private tok: Tok | null = null;
  /**
   * @param bound names bound by enclosing `for` expressions or directives (innermost last); shared with nested
   *   parsers, pushed and popped around each `for` body.
   */
  constructor(
    private readonly src: string,
    public pos: number,
    readonly bound: string[],
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
  isOp(v: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.v === v;
  }
  private isKeyword(v: string): boolean {
    const t = this.peek();
    return t.t === "id" && t.v === v;
  }
  expectOp(v: string): void {
    const t = this.next();
    if (t.t !== "op" || t.v !== v) throw this.error(`expected "${v}" but found ${describe(t)}`, t.at);
  }
  expectIdentifier(what: string): string {
    const t = this.next();
    if (t.t !== "id") throw this.error(`${what}, found ${describe(t)}`, t.at);
    return t.v;
  }
  error(message: string, at: number): ExpressionSyntaxError {
    return new ExpressionSyntaxError(message, this.src, at);
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
      // a namespaced function name (provider::NS::FN): one identifier, as HCL scans it
      while (s.startsWith("::", end) && isIdentifierStart(s.charCodeAt(end + 2))) {
        end += 3;
        while (end < s.length && isIdentifierPart(s.charCodeAt(end))) end++;
      }
      const v = s.slice(this.pos, end);
      this.pos = end;
      return { t: "id", v, at };
    }
    if (c === 34) {
      const { expr, end } = scanTemplate(s, this.pos + 1, true, this.bound);
      this.pos = end;
      return { t: "str", v: expr, at };
    }
    if (c === 60 && s.charCodeAt(this.pos + 1) === 60) return this.lexHeredoc(at);
    const op = operatorAt(s, this.pos);
    if (op === undefined) throw this.error(`unexpected character ${JSON.stringify(s[this.pos])}`, at);
    this.pos += op.length;
    return { t: "op", v: op, at };
  }

  /**
   * `<<EOT` or `<<-EOT`, a newline, the body (a template), and the marker again on a line of its own (spaces
   * before it allowed). The HCL converters leave heredocs inside expressions as this source text.
   */
  private lexHeredoc(at: number): Tok {
    const s = this.src;
    let p = at + 2;
    const flush = s[p] === "-";
    if (flush) p++;
    HEREDOC_MARKER.lastIndex = p;
    const m = HEREDOC_MARKER.exec(s);
    if (!m) throw this.error('invalid heredoc: an identifier and a newline are expected after "<<"', at);
    const marker = m[1];
    const bodyStart = HEREDOC_MARKER.lastIndex;
    let line = bodyStart;
    while (line <= s.length) {
      const nl = s.indexOf("\n", line);
      const lineEnd = nl < 0 ? s.length : nl;
      const text = s.slice(line, lineEnd).replace(/\r$/, "");
      if (text.trim() === marker) {
        const { expr } = scanTemplate(s, bodyStart, false, this.bound, { limit: line, flush });
        this.pos = line + text.indexOf(marker) + marker.length;
        return { t: "str", v: expr, at };
      }
      if (nl < 0) break;
      line = nl + 1;
    }
    throw this.error(`unterminated heredoc: no line with the closing marker "${marker}"`, at);
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
      if (t.t !== "op") return l;
      const prec = BIN_PREC[t.v];
      if (prec === undefined || prec <= minPrec) return l;
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

  /** Steps after a term; `attrOnly`: the steps of a `.*` splat (only `.name` and `.0`). */
  private parseSteps(attrOnly = false): Step[] {
    const steps: Step[] = [];
    while (true) {
      if (this.isOp(".")) {
        this.next();
        const t = this.next();
        if (t.t === "id") steps.push({ k: "attr", name: t.v });
        else if (t.t === "num") {
          if (!Number.isInteger(t.v) || /[.eE]/.test(this.src.slice(t.at, this.pos)))
            throw this.error(
              "invalid legacy index syntax: chaining two indexes (like .0.1) is not permitted, write [0][1]",
              t.at,
            );
          steps.push({ k: "index", index: { k: "lit", v: t.v }, dot: true });
        } else if (t.t === "op" && t.v === "*" && !attrOnly) this.pushAttrSplat(steps);
        else if (t.t === "op" && t.v === "*")
          throw this.error("nested splat expression not allowed inside an attribute-only splat (.*)", t.at);
        else throw this.error(`expected attribute name after "." but found ${describe(t)}`, t.at);
      } else if (attrOnly) {
        if (this.isOp(".*"))
          throw this.error("nested splat expression not allowed inside an attribute-only splat (.*)", this.peek().at);
        return exactLength(steps);
      } else if (this.isOp(".*")) {
        this.next();
        this.pushAttrSplat(steps);
      } else if (this.isOp("[*]")) {
        this.next();
        steps.push({ k: "splat" });
      } else if (this.isOp("[")) {
        this.next();
        if (this.isOp("*")) {
          this.next();
          this.expectOp("]");
          steps.push({ k: "splat" });
          continue;
        }
        const index = this.parseExpr();
        this.expectOp("]");
        steps.push({ k: "index", index });
      } else return exactLength(steps);
    }
  }

  /** `.*` with the attribute steps that apply to each element (later steps apply to the list it makes). */
  private pushAttrSplat(steps: Step[]): void {
    steps.push({ k: "splat", each: this.parseSteps(true) });
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
        base = t.v;
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
          base = this.parseCall(t.v);
          break;
        }
        if (this.bound.lastIndexOf(t.v) >= 0) {
          base = { k: "iter", name: t.v };
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
          if (this.isKeyword("for")) {
            base = this.parseFor("]");
            break;
          }
          const items: Expr[] = [];
          while (!this.isOp("]")) {
            items.push(this.parseExpr());
            if (!this.isOp("]")) this.expectOp(",");
          }
          this.next();
          base = { k: "list", items: exactLength(items) };
          break;
        }
        if (t.v === "{") {
          base = this.isKeyword("for") ? this.parseFor("}") : this.parseObject();
          break;
        }
        throw this.error(`unexpected ${describe(t)}`, t.at);
      default:
        throw this.error(`unexpected ${describe(t)}`, t.at);
    }
    const steps = this.parseSteps();
    return steps.length ? { k: "post", e: base, steps } : base;
  }

  private parseCall(fn: string): Expr {
    this.next(); // (
    const args: Expr[] = [];
    let expand = false;
    while (!this.isOp(")")) {
      args.push(this.parseExpr());
      if (this.isOp("...")) {
        const at = this.next().at;
        expand = true;
        if (!this.isOp(")")) throw this.error('the expanding argument (marked "...") must be the last argument', at);
        break;
      }
      if (!this.isOp(")")) this.expectOp(",");
    }
    this.next();
    const exact = exactLength(args);
    return expand ? { k: "call", fn, args: exact, expand } : { k: "call", fn, args: exact };
  }

  /** `{ key = value, ... }`: a bare identifier key is its own name; `(expr)` and other expressions are evaluated. */
  private parseObject(): Expr {
    const entries: [Expr, Expr][] = [];
    while (!this.isOp("}")) {
      const forced = this.isOp("(");
      const keyAt = this.peek().at;
      let key = this.parseExpr();
      if (!forced && ((key.k === "ref" && key.steps.length) || (key.k === "post" && key.e.k === "iter")))
        throw this.error(
          "ambiguous attribute key: to refer to something, wrap the key in parentheses; for a literal name " +
            "containing periods, wrap it in quotes",
          keyAt,
        );
      if (!forced && key.k === "ref" && key.steps.length === 0) key = { k: "lit", v: key.root };
      else if (!forced && key.k === "iter") key = { k: "lit", v: key.name };
      if (this.isOp("=")) this.next();
      else this.expectOp(":");
      entries.push([key, this.parseExpr()]);
      if (this.isOp(",")) this.next();
    }
    this.next();
    return { k: "obj", entries: exactLength(entries) };
  }

  /** `for k, v in coll : ...` after `[` or `{` (close is the matching bracket). */
  parseFor(close: "]" | "}"): ForExpr {
    this.next(); // for
    const first = this.expectIdentifier("a 'for' expression needs a variable name after 'for'");
    let keyVar: string | undefined;
    let valVar = first;
    if (this.isOp(",")) {
      this.next();
      keyVar = first;
      valVar = this.expectIdentifier("a 'for' expression needs a value variable name after the comma");
    }
    if (!this.isKeyword("in"))
      throw this.error(
        `a 'for' expression needs the 'in' keyword after its names, found ${describe(this.peek())}`,
        this.peek().at,
      );
    this.next();
    const coll = this.parseExpr();
    this.expectOp(":");
    const depth = this.bound.length;
    if (keyVar !== undefined) this.bound.push(keyVar);
    this.bound.push(valVar);
    try {
      let key: Expr | undefined;
      let group = false;
      if (close === "}") {
        key = this.parseExpr();
        if (!this.isOp("=>"))
          throw this.error(
            `an object 'for' expression needs "=>" between key and value, found ${describe(this.peek())}`,
            this.peek().at,
          );
        this.next();
      }
      const val = this.parseExpr();
      if (close === "}" && this.isOp("...")) {
        this.next();
        group = true;
      } else if (close === "]" && this.isOp("..."))
        throw this.error("grouping (\"...\") is only for object 'for' expressions", this.peek().at);
      let cond: Expr | undefined;
      if (this.isKeyword("if")) {
        this.next();
        cond = this.parseExpr();
      }
      this.expectOp(close);
      const e: ForExpr = { k: "for", valVar, coll, val };
      if (keyVar !== undefined) e.keyVar = keyVar;
      if (key) e.key = key;
      if (cond) e.cond = cond;
      if (group) e.group = true;
      return e;
    } finally {
      this.bound.length = depth;
    }
  }
}
