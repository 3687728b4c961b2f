// Expression syntax tree: HCL's expression and template language, as every
// front end hands it over (`${...}` template strings, Terraform JSON style).

import type { Value } from "../../contract/values.js";

/**
 * One step after a value: `.name`, `[index]` (`dot`: written `.0`, HCL's legacy index), or a splat: `[*]` (no
 * `each`: every later step applies to each element) or `.*` (`each`: the `.name`/`.0` steps written right after
 * it apply to each element; later steps apply to the list it makes).
 */
export type Step =
  | { k: "attr"; name: string }
  | { k: "index"; index: Expr; dot?: boolean }
  | { k: "splat"; each?: Step[] };

export type Expr =
  | { k: "lit"; v: Value }
  /** A template: the parts' strings joined (always a string; a lone `${x}` is parsed as x itself). */
  | { k: "tmpl"; parts: (string | Expr)[] }
  | { k: "ref"; root: string; steps: Step[]; text: string }
  /** A name bound by an enclosing `for` (expression or template directive). */
  | { k: "iter"; name: string }
  /** `fn(args)`; `expand`: the last argument was written `args...`. */
  | { k: "call"; fn: string; args: Expr[]; expand?: boolean }
  | { k: "unary"; op: "!" | "-"; e: Expr }
  | { k: "bin"; op: BinOp; l: Expr; r: Expr }
  | { k: "cond"; c: Expr; t: Expr; f: Expr }
  | { k: "list"; items: Expr[] }
  | { k: "obj"; entries: [Expr, Expr][] }
  | { k: "map"; entries: Record<string, Expr> }
  | { k: "post"; e: Expr; steps: Step[] }
  /** `[for k, v in coll : val if cond]`, or with `key` `{for k, v in coll : key => val... if cond}`. */
  | ForExpr
  /** A template `%{for}` directive: the for expression's strings joined. */
  | { k: "tjoin"; e: ForExpr };

export type ForExpr = {
  k: "for";
  keyVar?: string;
  valVar: string;
  coll: Expr;
  key?: Expr;
  val: Expr;
  cond?: Expr;
  group?: boolean;
};

export type BinOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | ">" | "<=" | ">=" | "&&" | "||";

export type RefExpr = Extract<Expr, { k: "ref" }>;

/** Every reference in an expression, in source order (names bound by `for` are not references). */
export function collectRefs(e: Expr, out: RefExpr[] = []): RefExpr[] {
  switch (e.k) {
    case "lit":
    case "iter":
      break;
    case "tmpl":
      for (const p of e.parts) if (typeof p !== "string") collectRefs(p, out);
      break;
    case "ref":
      out.push(e);
      collectStepRefs(e.steps, out);
      break;
    case "call":
      for (const a of e.args) collectRefs(a, out);
      break;
    case "unary":
      collectRefs(e.e, out);
      break;
    case "bin":
      collectRefs(e.l, out);
      collectRefs(e.r, out);
      break;
    case "cond":
      collectRefs(e.c, out);
      collectRefs(e.t, out);
      collectRefs(e.f, out);
      break;
    case "list":
      for (const i of e.items) collectRefs(i, out);
      break;
    case "obj":
      for (const [k, v] of e.entries) {
        collectRefs(k, out);
        collectRefs(v, out);
      }
      break;
    case "map":
      for (const v of Object.values(e.entries)) collectRefs(v, out);
      break;
    case "post":
      collectRefs(e.e, out);
      collectStepRefs(e.steps, out);
      break;
    case "for":
      collectRefs(e.coll, out);
      if (e.key) collectRefs(e.key, out);
      collectRefs(e.val, out);
      if (e.cond) collectRefs(e.cond, out);
      break;
    case "tjoin":
      collectRefs(e.e, out);
      break;
  }
  return out;
}

function collectStepRefs(steps: Step[], out: RefExpr[]): void {
  for (const s of steps) if (s.k === "index") collectRefs(s.index, out);
}

export function isLiteral(e: Expr): e is { k: "lit"; v: Value } {
  return e.k === "lit";
}
