// Expression syntax tree: the `${...}` language shared by every front end
// (a subset of HCL's expression syntax).

import type { Value } from "../../contract/values.js";

export type Step = { k: "attr"; name: string } | { k: "index"; index: Expr } | { k: "splat" };

export type Expr =
  | { k: "lit"; v: Value }
  | { k: "tmpl"; parts: (string | Expr)[] }
  | { k: "ref"; root: string; steps: Step[]; text: string }
  | { k: "call"; fn: string; args: Expr[] }
  | { k: "unary"; op: "!" | "-"; e: Expr }
  | { k: "bin"; op: BinOp; l: Expr; r: Expr }
  | { k: "cond"; c: Expr; t: Expr; f: Expr }
  | { k: "list"; items: Expr[] }
  | { k: "obj"; entries: [Expr, Expr][] }
  | { k: "map"; entries: Record<string, Expr> }
  | { k: "post"; e: Expr; steps: Step[] };

export type BinOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | ">" | "<=" | ">=" | "&&" | "||";

/** Every reference in an expression, in source order. */
export function collectRefs(e: Expr, out: Extract<Expr, { k: "ref" }>[] = []): Extract<Expr, { k: "ref" }>[] {
  switch (e.k) {
    case "lit":
      break;
    case "tmpl":
      for (const p of e.parts) if (typeof p !== "string") collectRefs(p, out);
      break;
    case "ref":
      out.push(e);
      for (const s of e.steps) if (s.k === "index") collectRefs(s.index, out);
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
      for (const s of e.steps) if (s.k === "index") collectRefs(s.index, out);
      break;
  }
  return out;
}

export function isLiteral(e: Expr): e is { k: "lit"; v: Value } {
  return e.k === "lit";
}
