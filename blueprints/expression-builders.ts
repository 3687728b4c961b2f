// Expressions the expansion writes into the blocks it generates, built as the
// parser builds them from their text: ref("host", "mesos", at(ref("each",
// "value", "host"))) is `host.mesos[each.value.host]`.

import type { Value } from "../contract/values.js";
import type { Expr, Step } from "../planner/expressions/ast.js";

export type RefExpr = Extract<Expr, { k: "ref" }>;

/** An index step of a reference: `[each.key]`, `["web"]`. */
export interface IndexStep {
  index: Expr;
}

export const lit = (v: Value): Expr => ({ k: "lit", v });

export const list = (items: Expr[]): Expr => ({ k: "list", items });

/** A map with fixed keys: `{ id = ..., tasks = ... }`. */
export const map = (entries: Record<string, Expr>): Expr => ({ k: "map", entries });

/** An index step; a string indexes by that literal key. */
export const at = (index: Expr | string): IndexStep => ({ index: typeof index === "string" ? lit(index) : index });

/** `root.attr[index].attr…`, with its source text (error messages quote it). */
export function ref(root: string, ...path: (string | IndexStep)[]): RefExpr {
  const steps: Step[] = [];
  let text = root;
  for (const p of path) {
    if (typeof p === "string") {
      steps.push({ k: "attr", name: p });
      text += `.${p}`;
    } else {
      steps.push({ k: "index", index: p.index });
      text += `[${indexText(p.index)}]`;
    }
  }
  return { k: "ref", root, steps, text };
}

function indexText(e: Expr): string {
  if (e.k === "ref") return e.text;
  if (e.k === "lit" && typeof e.v === "string") return JSON.stringify(e.v);
  throw new Error(`an index of a generated reference is a reference or a string, not ${e.k}`);
}
