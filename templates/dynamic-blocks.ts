// `dynamic "NAME" { for_each, iterator, content { ... } }` inside a resource:
// the nested block NAME, repeated once per element of for_each, becomes the
// property NAME, a list of the content bodies. It is compiled into a for
// expression: [for IT in [for k, v in FOR_EACH : { key = k, value = v }] :
// CONTENT], where the content's references to the iterator (IT.key,
// IT.value) read the bound element. A content may hold dynamic blocks of its
// own (their for_each and content may read the outer iterators); a static
// block and a dynamic one of the same name give the static ones first, as
// Terraform's do.

import type { Expr } from "../planner/expressions/ast.js";
import type { CheckContext } from "./block-check.js";
import { compileNode, rawTypeName, unwrapInterpolation } from "./fragment.js";
import type { RawNode } from "./raw-config.js";

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The property a dynamic block makes, or undefined (reported) when its body is not one. */
export function dynamicBlock(name: string, body: RawNode, what: string, ctx: CheckContext): Expr | undefined {
  const v = body.value;
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    ctx.bag.error(
      `dynamic "${name}" of ${what} must be a map with for_each and content, got ${rawTypeName(v)}`,
      body.origin,
    );
    return undefined;
  }
  const spec = v as Record<string, unknown>;
  let ok = true;
  for (const k of Object.keys(spec))
    if (!["for_each", "iterator", "content", "labels"].includes(k)) {
      ctx.bag.error(
        `unknown field "${k}" in dynamic "${name}" of ${what}; expected one of for_each, iterator, labels, content`,
        body.child(k).origin,
      );
      ok = false;
    }
  for (const k of ["for_each", "content"])
    if (!(k in spec)) {
      ctx.bag.error(`missing required field "${k}" in dynamic "${name}" of ${what}`, body.origin);
      ok = false;
    }
  // HCL's converter writes the iterator's bare name as "${name}"
  const iterator = typeof spec.iterator === "string" ? unwrapInterpolation(spec.iterator) : (spec.iterator ?? name);
  if (typeof iterator !== "string" || !NAME_RE.test(iterator)) {
    ctx.bag.error(`"iterator" of dynamic "${name}" of ${what} must be a name`, body.child("iterator").origin);
    ok = false;
  }
  // HCL writes `content { ... }` as a block: a list of one body
  const cn =
    Array.isArray(spec.content) && spec.content.length === 1 ? body.child("content").child(0) : body.child("content");
  const content = cn.value;
  if (ok && (content === null || typeof content !== "object" || Array.isArray(content))) {
    ctx.bag.error(
      `"content" of dynamic "${name}" of ${what} must be a map, got ${rawTypeName(content)}`,
      body.child("content").origin,
    );
    ok = false;
  }
  if (!ok) return undefined;
  const it = iterator as string;
  const fe = body.child("for_each");
  const coll = compileNode(fe, `"for_each" of dynamic "${name}"`, ctx);
  const inner = contentOf(cn, `"content" of dynamic "${name}"`, ctx);
  if (!inner) return undefined;
  const val = bindIterator(inner, it);
  const k = `${it}__key`;
  const elements: Expr = {
    k: "for",
    keyVar: k,
    valVar: it,
    coll,
    val: {
      k: "map",
      entries: { key: { k: "iter", name: k }, value: { k: "iter", name: it } },
    },
  };
  return { k: "for", valVar: it, coll: elements, val };
}

/** A content body compiled, its own dynamic blocks made lists beside its static arguments and blocks. */
function contentOf(cn: RawNode, what: string, ctx: CheckContext): Expr | undefined {
  const v = cn.value as Record<string, unknown>;
  if (!Object.hasOwn(v, "dynamic")) return compileNode(cn, what, ctx);
  const entries: Record<string, Expr> = {};
  for (const k of Object.keys(v)) if (k !== "dynamic") entries[k] = compileNode(cn.child(k), `"${k}" of ${what}`, ctx);
  let ok = true;
  for (const [block, node] of dynamicBodies(cn.child("dynamic"))) {
    const e = dynamicBlock(block, node, what, ctx);
    if (!e) ok = false;
    else if (Object.hasOwn(entries, block)) entries[block] = { k: "call", fn: "concat", args: [entries[block], e] };
    else entries[block] = e;
  }
  return ok ? { k: "map", entries } : undefined;
}

/** `dynamic: { NAME: {...} }`, or Terraform JSON's list forms (`[{ NAME: {...} }]`, `{ NAME: [{...}] }`). */
export function dynamicBodies(node: RawNode): [string, RawNode][] {
  const out: [string, RawNode][] = [];
  const v = node.value;
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) out.push(...dynamicBodies(node.child(i)));
  else if (v !== null && typeof v === "object")
    for (const [name, body] of Object.entries(v)) {
      const child = node.child(name);
      if (Array.isArray(body)) for (let i = 0; i < body.length; i++) out.push([name, child.child(i)]);
      else out.push([name, child]);
    }
  return out;
}

/** The expression with references to `it` (it.key, it.value) reading the name bound by the for expression. */
function bindIterator(e: Expr, it: string): Expr {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== "object") return x;
    const o = x as Record<string, unknown>;
    if (o.k === "ref" && o.root === it) return { k: "post", e: { k: "iter", name: it }, steps: walk(o.steps) };
    if (o.k === "lit") return o;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(o)) out[key] = walk(v);
    return out;
  };
  return walk(e) as Expr;
}
