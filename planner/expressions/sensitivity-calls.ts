// The calls in an expression that change its sensitivity, as Terraform's marks do: sensitive(x) marks its result,
// nonsensitive(x) clears the marks of x, and issensitive(x) returns a bool that carries none of x's marks.

import { collectRefs, type Expr, type RefExpr } from "./ast.js";

/**
 * The calls of sensitive(), nonsensitive() and issensitive() in an expression (found through any kind of node):
 * whether it calls sensitive() where nothing clears it, and the references whose sensitivity does not reach the
 * value (inside nonsensitive() or issensitive()).
 */
export function sensitivityCalls(e: Expr): { sensitive: boolean; cleared: Set<RefExpr> } {
  const out = { sensitive: false, cleared: new Set<RefExpr>() };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as { k?: string; fn?: string; args?: Expr[] };
    if (n.k === "lit") return;
    if (n.k === "call" && (n.fn === "nonsensitive" || n.fn === "issensitive")) {
      for (const a of n.args ?? []) for (const ref of collectRefs(a)) out.cleared.add(ref);
      return;
    }
    if (n.k === "call" && n.fn === "sensitive") out.sensitive = true;
    for (const v of Object.values(node)) walk(v);
  };
  walk(e);
  return out;
}
