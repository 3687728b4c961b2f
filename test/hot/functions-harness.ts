// Compiles HOT values with a small IntrinsicContext of its own and evaluates the result with the planner's
// evaluator: parameters are literals, resources are `heat_test.<name>` references whose values the test gives.

import { parse } from "yaml";
import { DiagnosticBag, type Diagnostic } from "../../contract/diagnostics.js";
import { UNKNOWN, type Value } from "../../contract/values.js";
import type { Expr, Step } from "../../planner/expressions/ast.js";
import { type EvalScope, evaluate } from "../../planner/expressions/evaluate.js";
import { PathNode } from "../../templates/raw-config.js";
import {
  compileIntrinsics,
  conditionDefinitionValue,
  HotConditions,
  heatPath,
  type FacadeAttribute,
  type IntrinsicContext,
} from "../../templates/hot/intrinsic-functions.js";

export interface Setup {
  params?: Record<string, Value>;
  /** The `conditions` section: definitions by name. */
  conditions?: Record<string, unknown>;
  files?: Record<string, string>;
  resources?: string[];
  facade?: Partial<Record<FacadeAttribute, Value>>;
}

const index = (e: Expr): Step => ({ k: "index", index: e });

export function context(version: string, setup: Setup = {}): IntrinsicContext {
  const bag = new DiagnosticBag();
  const resources = setup.resources ?? ["r", "s"];
  const ref = (name: string): Expr => ({
    k: "ref",
    root: "heat_test",
    steps: [{ k: "attr", name }],
    text: `heat_test.${name}`,
  });
  const conditions = new HotConditions(new PathNode("t.yaml", ["conditions"], setup.conditions));
  const ctx: IntrinsicContext = {
    version,
    bag,
    getParam(name, path, origin) {
      if (!setup.params || !Object.hasOwn(setup.params, name)) {
        bag.error(`The Parameter (${name}) was not provided.`, origin);
        return { k: "lit", v: null };
      }
      return heatPath("get_param", { k: "lit", v: setup.params[name] }, path);
    },
    getResource(name) {
      return { k: "post", e: ref(name), steps: [{ k: "attr", name: "id" }] };
    },
    getAttr(name, attribute, path) {
      if (!attribute) return ref(name);
      return heatPath("get_attr", { k: "post", e: ref(name), steps: [index(attribute)] }, path);
    },
    condition: (name) => conditions.value(name, ctx),
    file: (name) => setup.files?.[name],
    hasResource: (name) => resources.includes(name),
    resourceFacade: setup.facade ? (attribute) => ({ k: "lit", v: setup.facade?.[attribute] ?? null }) : undefined,
  };
  return ctx;
}

export interface Compiled {
  expr: Expr;
  diagnostics: Diagnostic[];
  /** The messages of the errors. */
  errors: string[];
}

/** Compiles `yaml` (a template value) as a template of `version` would. */
export function compile(version: string, yaml: string, setup: Setup = {}): Compiled {
  const ctx = context(version, setup);
  const node = new PathNode("t.yaml", ["outputs", "o", "value"], parse(yaml));
  const expr = compileIntrinsics(node, ctx);
  return {
    expr,
    diagnostics: ctx.bag.items,
    errors: ctx.bag.items.filter((d) => d.severity === "error").map((d) => d.summary),
  };
}

/** A condition definition's value. */
export function condition(
  version: string,
  yaml: string,
  setup: Setup = {},
): { value?: boolean; diagnostics: Diagnostic[] } {
  const ctx = context(version, setup);
  const value = conditionDefinitionValue("c", new PathNode("t.yaml", ["conditions", "c"], parse(yaml)), ctx);
  return { value, diagnostics: ctx.bag.items };
}

/** Evaluates a compiled value; resources' values by name (absent: unknown, as while planning). */
export function run(expr: Expr, resources: Record<string, Value> = {}): Value {
  const scope: EvalScope = {
    variable: () => UNKNOWN,
    local: () => UNKNOWN,
    resource: (_type, name) => (Object.hasOwn(resources, name) ? resources[name] : UNKNOWN),
    pathModule: "",
    cwd: "",
  };
  return evaluate(expr, scope);
}

/** Compiles and evaluates; throws when compiling reported errors. */
export function value(version: string, yaml: string, setup: Setup = {}, resources: Record<string, Value> = {}): Value {
  const c = compile(version, yaml, setup);
  if (c.errors.length) throw new Error(`unexpected errors: ${c.errors.join("; ")}`);
  return run(c.expr, resources);
}

/** Compiles, expecting errors; returns their messages. */
export function errors(version: string, yaml: string, setup: Setup = {}): string[] {
  const c = compile(version, yaml, setup);
  if (!c.errors.length) throw new Error(`expected an error, got ${JSON.stringify(c.expr)}`);
  return c.errors;
}
