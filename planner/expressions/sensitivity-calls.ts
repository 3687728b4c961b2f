// The calls in an expression that change its sensitivity, as Terraform's marks do: sensitive(x) marks its result,
// nonsensitive(x) clears the marks of x, and issensitive(x) returns a bool that carries none of x's marks.

import { callsAFunction, collectRefs, type Expr, type RefExpr } from "./ast.js";

/**
 * The calls of sensitive(), nonsensitive() and issensitive() in an expression (found through any kind of node):
 * whether it calls sensitive() where nothing clears it, and the references whose sensitivity does not reach the
 * value (inside nonsensitive() or issensitive()).
 */
export function sensitivityCalls(e: Expr): { sensitive: boolean; cleared: ReadonlySet<RefExpr> } {
  if (!callsAFunction(e)) return NO_CALLS; // most expressions: their nodes are not walked twice
  let sensitive = false;
  let cleared: Set<RefExpr> | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const x of node) walk(x);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as { k?: string; fn?: string; args?: Expr[] };
    if (n.k === "lit" || n.k === "iter") return;
    if (n.k === "ref") {
      // a reference holds calls only in its index steps (`a[f(x)]`, a splat's steps): its names are plain text
      for (const s of (n as RefExpr).steps) if (s.k !== "attr") walk(s);
      return;
    }
    if (n.k === "call" && (n.fn === "nonsensitive" || n.fn === "issensitive")) {
      cleared ??= new Set();
      for (const a of n.args ?? []) for (const ref of collectRefs(a)) cleared.add(ref);
      return;
    }
    if (n.k === "call" && n.fn === "sensitive") sensitive = true;
    for (const k in node) walk((node as Record<string, unknown>)[k]);
  };
  walk(e);
  return { sensitive, cleared: cleared ?? NONE_CLEARED };
}

/** What an expression without nonsensitive() or issensitive() clears: nothing (never added to). */
const NONE_CLEARED: ReadonlySet<RefExpr> = new Set();

/** What an expression that calls no function changes: nothing. */
const NO_CALLS = Object.freeze({ sensitive: false, cleared: NONE_CLEARED });
