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

/**
 * Calls `visit` on an expression and on every expression inside it (index expressions in steps, also after a splat,
 * included), in source order, each before the expressions it holds.
 */
export function visitExprs(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.k) {
    case "lit":
    case "iter":
      break;
    case "tmpl":
      for (const p of e.parts) if (typeof p !== "string") visitExprs(p, visit);
      break;
    case "ref":
      visitStepExprs(e.steps, visit);
      break;
    case "call":
      for (const a of e.args) visitExprs(a, visit);
      break;
    case "unary":
      visitExprs(e.e, visit);
      break;
    case "bin":
      visitExprs(e.l, visit);
      visitExprs(e.r, visit);
      break;
    case "cond":
      visitExprs(e.c, visit);
      visitExprs(e.t, visit);
      visitExprs(e.f, visit);
      break;
    case "list":
      for (const i of e.items) visitExprs(i, visit);
      break;
    case "obj":
      for (const [k, v] of e.entries) {
        visitExprs(k, visit);
        visitExprs(v, visit);
      }
      break;
    case "map":
      for (const v of Object.values(e.entries)) visitExprs(v, visit);
      break;
    case "post":
      visitExprs(e.e, visit);
      visitStepExprs(e.steps, visit);
      break;
    case "for":
      visitExprs(e.coll, visit);
      if (e.key) visitExprs(e.key, visit);
      visitExprs(e.val, visit);
      if (e.cond) visitExprs(e.cond, visit);
      break;
    case "tjoin":
      visitExprs(e.e, visit);
      break;
  }
}

function visitStepExprs(steps: Step[], visit: (e: Expr) => void): void {
  for (const s of steps) {
    if (s.k === "index") visitExprs(s.index, visit);
    else if (s.k === "splat" && s.each) visitStepExprs(s.each, visit);
  }
}

/** Whether an expression calls a function anywhere in it (visitExprs' nodes, without a callback). */
export function callsAFunction(e: Expr): boolean {
  switch (e.k) {
    case "lit":
    case "iter":
      return false;
    case "call":
      return true;
    case "tmpl":
      for (const p of e.parts) if (typeof p !== "string" && callsAFunction(p)) return true;
      return false;
    case "ref":
      return stepsCallAFunction(e.steps);
    case "unary":
    case "tjoin":
      return callsAFunction(e.e);
    case "bin":
      return callsAFunction(e.l) || callsAFunction(e.r);
    case "cond":
      return callsAFunction(e.c) || callsAFunction(e.t) || callsAFunction(e.f);
    case "list":
      return e.items.some(callsAFunction);
    case "obj":
      return e.entries.some(([k, v]) => callsAFunction(k) || callsAFunction(v));
    case "map":
      return Object.values(e.entries).some(callsAFunction);
    case "post":
      return callsAFunction(e.e) || stepsCallAFunction(e.steps);
    case "for":
      return (
        callsAFunction(e.coll) ||
        (e.key !== undefined && callsAFunction(e.key)) ||
        callsAFunction(e.val) ||
        (e.cond !== undefined && callsAFunction(e.cond))
      );
  }
}

function stepsCallAFunction(steps: Step[]): boolean {
  for (const s of steps) {
    if (s.k === "index" && callsAFunction(s.index)) return true;
    if (s.k === "splat" && s.each && stepsCallAFunction(s.each)) return true;
  }
  return false;
}

/** Every reference in an expression, in source order (names bound by `for` are not references). */
export function collectRefs(e: Expr, out: RefExpr[] = []): RefExpr[] {
  visitExprs(e, (x) => {
    if (x.k === "ref") out.push(x);
  });
  return out;
}

export function isLiteral(e: Expr): e is { k: "lit"; v: Value } {
  return e.k === "lit";
}
