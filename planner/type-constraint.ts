// Type constraints of input variables as Terraform writes them: string,
// number, bool, any, list(T), set(T), map(T), tuple([T, ...]) and
// object({name = T, ...}) with optional(T) and optional(T, default)
// attributes; the legacy bare `list` and `map` mean list(any) and map(any).
// A constraint is an expression: it is read from the expression parser's
// syntax tree, never from text by hand.

import type { ValueType } from "../contract/value-type.js";
import type { Value } from "../contract/values.js";
import type { Expr } from "./expressions/ast.js";
import { EvalError } from "./expressions/evaluate.js";
import { ExpressionSyntaxError, parseExpression } from "./expressions/parse.js";
import { evaluateConstant } from "./constant-expression.js";
import { convertValue } from "./type-conversion.js";

export type TypeConstraint = ValueType;

export const ANY_TYPE: TypeConstraint = { k: "any" };

/** A type constraint that is not valid, with Terraform's wording; `part` is the offending piece as written. */
export class TypeConstraintError extends Error {
  constructor(
    readonly detail: string,
    readonly part?: string,
  ) {
    super(detail);
    this.name = "TypeConstraintError";
  }
}

const REQUIRES_ELEMENT = (k: string) => `The ${k} type constructor requires one argument specifying the element type.`;
const REQUIRES_ATTRS =
  "The object type constructor requires one argument specifying the attribute types and values as a map.";
const REQUIRES_TUPLE = "The tuple type constructor requires one argument specifying the element types as a list.";

/**
 * Reads a type constraint written as text (`"object({a=string})"`, possibly wrapped in `${...}` as Terraform's JSON
 * syntax allows). Throws TypeConstraintError.
 */
export function parseTypeConstraint(text: string): TypeConstraint {
  let src = text.trim();
  if (src.startsWith("${") && src.endsWith("}") && src.indexOf("${", 2) === -1) src = src.slice(2, -1).trim();
  let expr: Expr;
  try {
    expr = parseExpression(src);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) throw new TypeConstraintError(`Invalid type specification: ${e.message}.`);
    throw e;
  }
  return typeConstraintFromExpr(expr, src);
}

/** A variable's type constraint from its syntax tree (`src`: the text, for messages). Throws TypeConstraintError. */
export function typeConstraintFromExpr(expr: Expr, src: string): TypeConstraint {
  // The pre-0.12 shorthands: a bare list or map of any one element type.
  const kw = keyword(expr);
  if (kw === "list") return { k: "list", elem: ANY_TYPE };
  if (kw === "map") return { k: "map", elem: ANY_TYPE };
  return typeFromExpr(expr, src);
}

/** A type inside a constraint, from its syntax tree. */
function typeFromExpr(e: Expr, src: string): TypeConstraint {
  const kw = keyword(e);
  switch (kw) {
    case "string":
    case "number":
    case "bool":
    case "any":
      return { k: kw };
    case "list":
    case "map":
    case "set":
      throw new TypeConstraintError(REQUIRES_ELEMENT(kw), kw);
    case "object":
      throw new TypeConstraintError(REQUIRES_ATTRS, kw);
    case "tuple":
      throw new TypeConstraintError(REQUIRES_TUPLE, kw);
    case undefined:
      break;
    default:
      throw new TypeConstraintError(`The keyword "${kw}" is not a valid type specification.`, kw);
  }
  if (e.k !== "call")
    throw new TypeConstraintError(
      "A type specification is either a primitive type keyword (bool, number, string) or a complex type " +
        "constructor call, like list(string).",
      src,
    );
  switch (e.fn) {
    case "bool":
    case "string":
    case "number":
      throw new TypeConstraintError(`Primitive type keyword "${e.fn}" does not expect arguments.`, e.fn);
    case "any":
      throw new TypeConstraintError(`Type constraint keyword "any" does not expect arguments.`, e.fn);
    case "optional":
      throw new TypeConstraintError(`Keyword "optional" is valid only as a modifier for object type attributes.`);
    case "list":
    case "set":
    case "map":
      if (e.args.length !== 1) throw new TypeConstraintError(REQUIRES_ELEMENT(e.fn), `${e.fn}(...)`);
      return { k: e.fn, elem: typeFromExpr(e.args[0], src) };
    case "tuple": {
      if (e.args.length !== 1) throw new TypeConstraintError(REQUIRES_TUPLE, "tuple(...)");
      const list = e.args[0];
      if (list.k === "lit" && Array.isArray(list.v) && list.v.length === 0) return { k: "tuple", elems: [] };
      if (list.k !== "list") throw new TypeConstraintError("Tuple type constructor requires a list of element types.");
      return { k: "tuple", elems: list.items.map((i) => typeFromExpr(i, src)) };
    }
    case "object":
      if (e.args.length !== 1) throw new TypeConstraintError(REQUIRES_ATTRS, "object(...)");
      return objectType(e.args[0], src);
    default:
      throw new TypeConstraintError(`Keyword "${e.fn}" is not a valid type constructor.`, e.fn);
  }
}

function objectType(arg: Expr, src: string): TypeConstraint {
  const entries: [Expr, Expr][] = [];
  if (arg.k === "obj") entries.push(...arg.entries);
  else if (arg.k === "map") for (const [key, v] of Object.entries(arg.entries)) entries.push([lit(key), v]);
  else if (!(arg.k === "lit" && isEmptyObject(arg.v)))
    throw new TypeConstraintError(
      "Object type constructor requires a map whose keys are attribute names and whose values are the " +
        "corresponding attribute types.",
    );
  const attrs: Record<string, TypeConstraint> = {};
  const optional: string[] = [];
  const defaults: Record<string, Value> = {};
  for (const [keyExpr, valueExpr] of entries) {
    const name = attributeName(keyExpr);
    if (name === undefined) throw new TypeConstraintError("Object constructor map keys must be attribute names.");
    if (Object.hasOwn(attrs, name)) throw new TypeConstraintError("Object constructor map keys must be unique.", name);
    let typeExpr = valueExpr;
    let defaultExpr: Expr | undefined;
    if (valueExpr.k === "call" && valueExpr.fn === "optional") {
      if (valueExpr.args.length < 1)
        throw new TypeConstraintError("Optional attribute modifier requires the attribute type as its argument.", name);
      if (valueExpr.args.length > 2)
        throw new TypeConstraintError(
          "Optional attribute modifier expects at most two arguments: the attribute type, and a default value.",
          name,
        );
      typeExpr = valueExpr.args[0];
      defaultExpr = valueExpr.args[1];
      optional.push(name);
    }
    const type = typeFromExpr(typeExpr, src);
    attrs[name] = type;
    if (defaultExpr) defaults[name] = defaultOf(name, defaultExpr, type);
  }
  return { k: "object", attrs, optional, defaults };
}

/** optional(T, default): the default evaluated (constants only) and converted to T. */
function defaultOf(name: string, e: Expr, type: TypeConstraint): Value {
  let v: Value;
  try {
    v = evaluateConstant(e);
  } catch (err) {
    if (err instanceof EvalError)
      throw new TypeConstraintError(`Invalid default value for optional attribute "${name}": ${err.message}.`, name);
    throw err;
  }
  const c = convertValue(v, type);
  if (!c.ok)
    throw new TypeConstraintError(
      `Invalid default value for optional attribute "${name}": This default value is not compatible with the ` +
        `attribute's type constraint: ${c.message}.`,
      name,
    );
  return c.value;
}

function keyword(e: Expr): string | undefined {
  return e.k === "ref" && e.steps.length === 0 ? e.root : undefined;
}

function attributeName(e: Expr): string | undefined {
  if (e.k === "lit" && typeof e.v === "string") return e.v;
  return keyword(e);
}

function lit(v: Value): Expr {
  return { k: "lit", v };
}

function isEmptyObject(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0;
}

/** True for string, number and bool: -var and TF_VAR_ values of these types are taken as written. */
export function isPrimitiveType(t: TypeConstraint): boolean {
  return t.k === "string" || t.k === "number" || t.k === "bool";
}
