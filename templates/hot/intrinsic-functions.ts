// HOT's intrinsic functions: a template value (maps like {get_attr: [...]}
// anywhere inside) compiled into the planner's expressions. Which functions
// exist depends on the template's version, as in Heat. What a reference to a
// resource or parameter becomes is the template compiler's business
// (IntrinsicContext); this file knows the functions.
//
// FIRST VERSION (to be completed): get_param, get_resource, get_attr.

import type { Origin } from "../../contract/diagnostics.js";
import type { DiagnosticBag } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import type { Expr } from "../../planner/expressions/ast.js";
import type { RawNode } from "../raw-config.js";

/** What the template compiler gives the functions. */
export interface IntrinsicContext {
  /** The template's `heat_template_version`, as a date ("2021-04-16"; names like "wallaby" already resolved). */
  version: string;
  bag: DiagnosticBag;
  /** `get_param: name` or `[name, path...]`: the parameter's value (resolved from environments), path applied. */
  getParam(name: string, path: Expr[], origin: Origin): Expr;
  /** `get_resource: name`: the resource's physical id. */
  getResource(name: string, origin: Origin): Expr;
  /** `get_attr: [name, attribute, path...]` (no attribute: every attribute, as a map). */
  getAttr(name: string, attribute: Expr | undefined, path: Expr[], origin: Origin): Expr;
  /** A condition's value by name (conditions are static in HOT: parameters only). */
  condition(name: string, origin: Origin): boolean | undefined;
  /** `get_file: name`: the content from the `files` map. */
  file(name: string): string | undefined;
}

const lit = (v: Value): Expr => ({ k: "lit", v });

/** The value of `node` with every intrinsic function in it compiled. */
export function compileIntrinsics(node: RawNode, ctx: IntrinsicContext): Expr {
  const v = node.value;
  if (Array.isArray(v)) return { k: "list", items: v.map((_, i) => compileIntrinsics(node.child(i), ctx)) };
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const fn = keys[0];
      const arg = node.child(fn);
      switch (fn) {
        case "get_param": {
          const [name, ...path] = Array.isArray(arg.value) ? (arg.value as unknown[]) : [arg.value];
          if (typeof name !== "string") break;
          return ctx.getParam(
            name,
            path.map((_, i) => compileIntrinsics(arg.child(i + 1), ctx)),
            arg.origin,
          );
        }
        case "get_resource":
          if (typeof arg.value === "string") return ctx.getResource(arg.value, arg.origin);
          break;
        case "get_attr": {
          const a = arg.value;
          if (!Array.isArray(a) || typeof a[0] !== "string") break;
          const items = a.map((_, i) => compileIntrinsics(arg.child(i), ctx));
          return ctx.getAttr(a[0], items[1], items.slice(2), arg.origin);
        }
      }
    }
    const entries: Record<string, Expr> = {};
    for (const k of keys) entries[k] = compileIntrinsics(node.child(k), ctx);
    return { k: "map", entries };
  }
  return lit(v as Value);
}
