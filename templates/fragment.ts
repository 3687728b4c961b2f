// What one configuration file contributes, before files are merged into a
// Config (templates/load.ts reports duplicates across and within files), and
// the small normalizations every front end shares.

import { ExpressionSyntaxError, compileValue } from "../planner/expressions/parse.js";
import type { Expr } from "../planner/expressions/ast.js";
import type { Origin } from "../contract/diagnostics.js";
import type { CheckContext } from "./block-check.js";
import type { RawNode } from "./raw-config.js";
import { referencesInDialect } from "./short-type-names.js";
import type {
  BackendConfig,
  CheckConfig,
  ImportConfig,
  LocalConfig,
  ModuleCallConfig,
  MovedConfig,
  OutputConfig,
  ResourceConfig,
  VariableConfig,
} from "../planner/model.js";

export interface ConfigFragment {
  variables: VariableConfig[];
  locals: LocalConfig[];
  resources: ResourceConfig[];
  outputs: OutputConfig[];
  modules: ModuleCallConfig[];
  checks: CheckConfig[];
  data: ResourceConfig[];
  moved: MovedConfig[];
  imports: ImportConfig[];
  backends: BackendConfig[];
}

export function emptyFragment(): ConfigFragment {
  return {
    variables: [],
    locals: [],
    resources: [],
    outputs: [],
    modules: [],
    checks: [],
    data: [],
    moved: [],
    imports: [],
    backends: [],
  };
}

/** A placeholder for values that failed to compile (an error has been reported). */
export const INVALID_EXPR: Expr = { k: "lit", v: null };

/**
 * compileValue with syntax errors reported at `origin`, and resource references
 * in the model's form (full type names). `errorOrigin` may refine the
 * location from the error's offset inside the string.
 */
export function compileAt(
  raw: unknown,
  origin: Origin,
  what: string,
  ctx: CheckContext,
  errorOrigin?: (offset: number) => Origin | undefined,
): Expr {
  try {
    return referencesInDialect(compileValue(raw), ctx.dialect);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) {
      ctx.bag.error(
        `invalid expression in ${what}: ${e.message}`,
        (typeof raw === "string" && errorOrigin?.(e.offset)) || origin,
      );
      return INVALID_EXPR;
    }
    throw e;
  }
}

/** The value of `node` compiled as its language writes values (templates/raw-config.ts RawDialect.compile). */
export function compileNode(node: RawNode, what: string, ctx: CheckContext): Expr {
  if (ctx.dialect.compile) return ctx.dialect.compile(node, what);
  return compileAt(node.value, node.origin, what, ctx, node.originInString?.bind(node));
}

export const ADDRESS_RE = /^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$/;

/** Unwrap "${...}" around a whole string, if present. */
export function unwrapInterpolation(s: string): string {
  const t = s.trim();
  return t.startsWith("${") && t.endsWith("}") && t.indexOf("${", 2) === -1 ? t.slice(2, -1).trim() : t;
}

/**
 * "gantry_noop.a", "${gantry_noop.a}" → "gantry_noop.a" (types as written), "data.TYPE.NAME" too; undefined when
 * not a resource address.
 */
export function normalizeAddress(s: string): string | undefined {
  const t = unwrapInterpolation(s);
  return ADDRESS_RE.test(t) || (t.startsWith("data.") && ADDRESS_RE.test(t.slice(5))) ? t : undefined;
}

/**
 * replace_triggered_by entries: a resource, one instance, or an attribute of either ("gantry_noop.a",
 * "gantry_noop.a[0]", "gantry_noop.a.id").
 */
export const TRIGGER_RE = /^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(\[(\d+|"[^"]*")\])?(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/** "${gantry_noop.a.id}" → "gantry_noop.a.id" (types as written); undefined when not a trigger reference. */
export function normalizeTrigger(s: string): string | undefined {
  const t = unwrapInterpolation(s);
  return TRIGGER_RE.test(t) ? t : undefined;
}

/** Attribute name for ignore_changes: "content", "${content}" → "content". */
export function normalizeAttributeName(s: string): string {
  return unwrapInterpolation(s);
}

/** Human type name of a raw document value. */
export function rawTypeName(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a map";
  if (typeof v === "boolean") return "a bool";
  if (typeof v === "number") return "a number";
  if (typeof v === "string") return "a string";
  return typeof v;
}

/** Field path relative to its owner: ["lifecycle","ignore_changes",0] → "lifecycle.ignore_changes[0]". */
export function fieldPath(p: readonly (string | number)[]): string {
  let s = "";
  for (const seg of p) s += typeof seg === "number" ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}
