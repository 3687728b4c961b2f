// Rendering a template (`templatestring`, `templatefile`) with the expression language's own template parser: the
// template sees only the given variables, by their bare names (`${name}`).

import type { Value } from "../../../contract/values.js";
import { collectRefs, type Expr } from "../ast.js";
import { EvalError, evaluate, type EvalScope } from "../evaluate.js";
import { ExpressionSyntaxError, parseTemplate } from "../parse.js";
import { isMap } from "./argument-conversion.js";
import { FunctionError } from "./definition.js";

/** The scope a template is evaluated in: no variables, locals or resources; only the template's own names. */
export class TemplateScope implements EvalScope {
  readonly pathModule: string;
  readonly cwd: string;
  readonly phase: EvalScope["phase"];
  readonly planTimestamp: EvalScope["planTimestamp"];

  constructor(
    outer: EvalScope,
    /** The function rendering it: `templatefile` or `templatestring`. */
    readonly renderedBy: string,
  ) {
    this.pathModule = outer.pathModule;
    this.cwd = outer.cwd;
    this.phase = outer.phase;
    this.planTimestamp = outer.planTimestamp;
  }

  variable(name: string): Value {
    throw new EvalError(`var.${name}: a template sees only its own variables`);
  }
  local(name: string): Value {
    throw new EvalError(`local.${name}: a template sees only its own variables`);
  }
  resource(type: string, name: string): Value {
    throw new EvalError(`${type}.${name}: a template sees only its own variables`);
  }
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Replaces each reference to a template variable by its value (recursively through any expression node). */
function substitute(node: unknown, vars: Record<string, Value>): unknown {
  if (Array.isArray(node)) return node.map((n) => substitute(n, vars));
  if (node === null || typeof node !== "object") return node;
  const e = node as { k?: string; root?: string; steps?: unknown[] };
  if (e.k === "lit") return node;
  if (e.k === "ref" && e.root !== undefined && Object.hasOwn(vars, e.root)) {
    const lit: Expr = { k: "lit", v: vars[e.root] };
    const steps = substitute(e.steps, vars) as Extract<Expr, { k: "post" }>["steps"];
    return steps.length ? { k: "post", e: lit, steps } : lit;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = substitute(v, vars);
  return out;
}

export function renderTemplate(
  source: string,
  vars: Value,
  outer: EvalScope,
  renderedBy: string,
  where: string,
): Value {
  if (!isMap(vars)) throw new FunctionError("invalid vars value: must be a map", 1);
  for (const n of Object.keys(vars))
    if (!NAME.test(n))
      throw new FunctionError(
        `invalid template variable name ${JSON.stringify(n)}: must start with a letter, followed by zero or more ` +
          "letters, digits, and underscores",
        1,
      );
  let expr: Expr;
  try {
    expr = parseTemplate(source);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError)
      throw new FunctionError(`failed to parse template ${where}: ${e.message}`, 0);
    throw e;
  }
  for (const ref of collectRefs(expr))
    if (!Object.hasOwn(vars, ref.root))
      throw new FunctionError(`vars map does not contain key ${JSON.stringify(ref.root)}, referenced at ${where}`, 1);
  return evaluate(substitute(expr, vars) as Expr, new TemplateScope(outer, renderedBy));
}
