// Evaluates expressions against a scope, as HCL and Terraform do: operands are
// converted as cty converts them, conditionals unify their branches' types,
// and unknown values ("known after apply") propagate as Terraform's do (an
// unknown condition or collection makes the result unknown; a list with some
// unknown elements keeps its known length).

import {
  UNKNOWN,
  collectionKind,
  containsUnknown,
  isUnknown,
  setMember,
  typeName,
  type Unknown,
  unknownOf,
  type Value,
  withCollectionKind,
} from "../../contract/values.js";
import type { ValueType } from "../../contract/value-type.js";
import { friendlyName } from "../type-names.js";
import { convertible } from "../type-unification.js";
import type { Expr, ForExpr, Step } from "./ast.js";
import { ConditionalTypeError, checkBranchTypes, conditionalResult } from "./conditional-types.js";
import { callFunction } from "./functions/registry.js";
import { asBool, asNumber, asString, friendlyTypeName, notABool, notANumber } from "./primitive-conversion.js";
import { evaluateReference } from "./references.js";
import { sensitivityCalls } from "./sensitivity-calls.js";
import { valuesEqual } from "./value-equality.js";

export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

/** An error worded as Terraform words its diagnostics: "Summary: Detail". */
export function evalError(summary: string, detail: string): EvalError {
  return new EvalError(`${summary}: ${detail}`);
}

export interface EvalScope {
  variable(name: string): Value;
  local(name: string): Value;
  /** The whole resource: an object, a list of objects (count) or a map of objects (for_each). */
  resource(type: string, name: string): Value;
  /** One instance (`type.name[key]`), without building the whole resource; undefined when the scope cannot tell. */
  resourceInstance?(type: string, name: string, key: number | string): Value | undefined;
  /** `data.type.name`, where the configuration has data resources. */
  dataResource?(type: string, name: string): Value;
  /** `module.name`, where the configuration has module calls. */
  module?(name: string): Value;
  /** `self`: only where Terraform allows it (provisioner and connection blocks, postconditions). */
  self?(): Value;
  /** Unknown where the instance is not known yet (validate). */
  countIndex?: number | Unknown;
  each?: { key: string | Unknown; value: Value };
  /** Absolute path of the module's directory (`path.module`). */
  pathModule: string;
  /** Absolute path of the root module's directory (`path.root`); pathModule when not given. */
  pathRoot?: string;
  cwd: string;
  /** `terraform.workspace` (default: "default"). */
  workspaceName?: string;
  /** Which walk evaluates: while planning, timestamp(), uuid() and bcrypt() are unknown. Unset: known (console). */
  phase?: "plan" | "apply";
  /** What plantimestamp() returns (RFC 3339): the plan's time, kept for apply. Unset: now. */
  planTimestamp?: string;
  /** `terraform.workspace`: the selected workspace's name ("default" when not given). */
  workspace?: string;
  /** `terraform.applying`: true only while applying. */
  applying?: boolean;
  /** The console's scope: its console-only functions (`type`) are there. Elsewhere they do not exist. */
  console?: boolean;
  /**
   * Whether an expression's value is sensitive (issensitive()): it uses a sensitive variable, local, module output
   * or resource attribute, or calls sensitive(). Unset: only sensitive() calls count.
   */
  sensitive?(e: Expr): boolean;
}

/** The values of the names bound by enclosing `for` expressions, innermost first. */
export type Bindings = { name: string; value: Value; up: Bindings } | undefined;

export function evaluate(e: Expr, scope: EvalScope): Value {
  return ev(e, scope, undefined);
}

export function ev(e: Expr, scope: EvalScope, env: Bindings): Value {
  switch (e.k) {
    case "lit":
      return e.v;
    case "tmpl":
      return evaluateTemplate(e.parts, scope, env);
    case "ref":
      return evaluateReference(e, scope, env);
    case "iter": {
      for (let b = env; b; b = b.up) if (b.name === e.name) return b.value;
      throw new EvalError(`"${e.name}" is not bound here`);
    }
    case "call":
      return evaluateCall(e, scope, env);
    case "unary":
      return evaluateUnary(e.op, ev(e.e, scope, env));
    case "bin":
      return evaluateBinary(e.op, e.l, e.r, scope, env);
    case "cond":
      return evaluateConditional(e.c, e.t, e.f, scope, env);
    case "list": {
      const out: Value[] = new Array(e.items.length);
      for (let i = 0; i < e.items.length; i++) out[i] = ev(e.items[i], scope, env);
      return out;
    }
    case "obj": {
      const out: { [k: string]: Value } = {};
      let known = true;
      for (const [ke, ve] of e.entries) {
        const k = ev(ke, scope, env);
        const v = ev(ve, scope, env);
        if (isUnknown(k)) known = false;
        else if (k === null) throw evalError("Null value as key", "Can't use a null value as a key.");
        else {
          const s = asString(k);
          if (s === undefined)
            throw evalError(
              "Incorrect key type",
              `Can't use this value as a key: a ${friendlyTypeName(k)} is not a string.`,
            );
          out[s] = v;
        }
      }
      return known ? out : UNKNOWN;
    }
    case "map": {
      const out: { [k: string]: Value } = {};
      // own keys only, and "__proto__" kept as a key (data may have one), never taken as the prototype
      for (const k of Object.keys(e.entries)) {
        setMember(out, k, ev(e.entries[k], scope, env));
      }
      return out;
    }
    case "post":
      return applyStepsIn(ev(e.e, scope, env), e.steps, 0, scope, env);
    case "for":
      return evaluateFor(e, scope, env);
    case "tjoin":
      return joinTemplateFor(e.e, scope, env);
  }
}

/** The steps of a reference or postfix expression, applied to `v`. */
export function applySteps(v: Value, steps: Step[], scope: EvalScope, _text?: string): Value {
  return applyStepsIn(v, steps, 0, scope, undefined);
}

export function applyStepsIn(v: Value, steps: Step[], from: number, scope: EvalScope, env: Bindings): Value {
  for (let i = from; i < steps.length; i++) {
    const s = steps[i];
    if (isUnknown(v)) {
      if (v.type.k === "any" || s.k === "splat") return UNKNOWN;
      v = unknownOf(s.k === "attr" ? attrType(v.type, s.name) : elementType(v.type));
      continue;
    }
    if (s.k === "attr") v = getAttr(v, s.name);
    else if (s.k === "index") v = index(v, ev(s.index, scope, env));
    else {
      // a splat: a value that is not a list becomes a list of it (null: an empty list); over a list or set it
      // gives a list, otherwise a tuple (as HCL's)
      const list = v === null ? [] : Array.isArray(v) ? v : [v];
      const kind = collectionKind(v);
      const keep = (out: Value[]) => (kind === "list" || kind === "set" ? withCollectionKind(out, "list") : out);
      if (s.each === undefined) return keep(list.map((el) => applyStepsIn(el, steps, i + 1, scope, env)));
      const each = s.each;
      v = keep(list.map((el) => applyStepsIn(el, each, 0, scope, env)));
    }
  }
  return v;
}

/** The type of attribute `name` of a value of type `t` not yet known; the errors getAttr gives a known one. */
function attrType(t: ValueType, name: string): ValueType {
  if (t.k === "object") {
    if (!Object.hasOwn(t.attrs, name))
      throw evalError("Unsupported attribute", `This object does not have an attribute named "${name}".`);
    return t.attrs[name];
  }
  if (t.k === "map") return t.elem;
  if (t.k === "string" || t.k === "number" || t.k === "bool")
    throw evalError("Unsupported attribute", `Can't access attributes on a primitive-typed value (${t.k}).`);
  return { k: "any" };
}

/** The type of an element of a value of type `t` not yet known, selected by an index. */
function elementType(t: ValueType): ValueType {
  return t.k === "list" || t.k === "map" ? t.elem : { k: "any" };
}

function getAttr(v: Value, name: string): Value {
  if (v === null)
    throw evalError(
      "Attempt to get attribute from null value",
      "This value is null, so it does not have any attributes.",
    );
  if (Array.isArray(v) && collectionKind(v) === "set")
    throw evalError(
      "Unsupported attribute",
      "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the " +
        "set?",
    );
  if (Array.isArray(v))
    throw evalError(
      "Unsupported attribute",
      `Can't access attributes on a list of objects. Did you mean to access attribute "${name}" for a specific ` +
        "element of the list, or across all elements of the list?",
    );
  if (typeof v !== "object")
    throw evalError("Unsupported attribute", `Can't access attributes on a primitive-typed value (${typeName(v)}).`);
  if (!Object.hasOwn(v, name))
    throw evalError("Unsupported attribute", `This object does not have an attribute named "${name}".`);
  return (v as { [k: string]: Value })[name];
}

const SET_INDEX =
  "Elements of a set are identified only by their value and don't have any separate index or key to select with, " +
  "so it's only possible to perform operations across all elements of the set.";
const NO_ELEMENT = "The given key does not identify an element in this collection value";
const BY_NAME_ONLY = " An object only supports looking up attributes by name, not by numeric index.";

function index(v: Value, key: Value): Value {
  if (v === null)
    throw evalError("Attempt to index null value", "This value is null, so it does not have any indices.");
  if (key === null) throw evalError("Invalid index", "Can't use a null value as an indexing key.");
  if (Array.isArray(v) && collectionKind(v) === "set") throw evalError("Invalid index", SET_INDEX);
  if (isUnknown(key)) return UNKNOWN;
  if (Array.isArray(v)) {
    const n = asNumber(key);
    if (n === undefined) throw evalError("Invalid index", `${NO_ELEMENT}: a number is required.`);
    if (!Number.isInteger(n))
      throw evalError(
        "Invalid index",
        `${NO_ELEMENT}: indexing a sequence requires a whole number, but the given index has a fractional part.`,
      );
    if (n < 0)
      throw evalError("Invalid index", `${NO_ELEMENT}: a negative number is not a valid index for a sequence.`);
    if (n >= v.length)
      throw evalError(
        "Invalid index",
        v.length === 0
          ? `${NO_ELEMENT}: the collection has no elements.`
          : `${NO_ELEMENT}: the given index is greater than or equal to the length of the collection.`,
      );
    return v[n];
  }
  if (typeof v === "object") {
    const k = asString(key);
    if (k === undefined) throw evalError("Invalid index", `${NO_ELEMENT}: string required.`);
    if (!Object.hasOwn(v, k))
      throw evalError("Invalid index", `${NO_ELEMENT}.${typeof key === "number" ? BY_NAME_ONLY : ""}`);
    return (v as { [k: string]: Value })[k];
  }
  throw evalError("Invalid index", "This value does not have any indices.");
}

/** A template's parts joined; unknown when any part is unknown. */
function evaluateTemplate(parts: (string | Expr)[], scope: EvalScope, env: Bindings): Value {
  let s = "";
  let known = true;
  for (const p of parts) {
    if (typeof p === "string") {
      s += p;
      continue;
    }
    const v = ev(p, scope, env);
    if (v === null)
      throw evalError(
        "Invalid template interpolation value",
        "The expression result is null. Cannot include a null value in a string template.",
      );
    if (isUnknown(v)) {
      known = false;
      if (!convertible(v.type, { k: "string" }))
        throw evalError(
          "Invalid template interpolation value",
          `Cannot include the given value in a string template: string required, but have ${friendlyName(v.type)}.`,
        );
      continue;
    }
    const str = asString(v);
    if (str === undefined)
      throw evalError(
        "Invalid template interpolation value",
        `Cannot include the given value in a string template: string required, but have ${friendlyTypeName(v)}.`,
      );
    s += str;
  }
  return known ? s : unknownOf({ k: "string" });
}

/** Converts a value for use in a string (functions' `%s` and the like): null is empty. */
export function toTemplateString(v: Value): string {
  if (v === null) return "";
  const s = asString(v);
  if (s === undefined) throw new EvalError(`cannot interpolate a ${typeName(v)} into a string`);
  return s;
}

function evaluateCall(e: Extract<Expr, { k: "call" }>, scope: EvalScope, env: Bindings): Value {
  if (e.fn === "try" || e.fn === "can") return tryOrCan(e.fn, e.args, scope, env);
  if (e.fn === "issensitive" && e.args.length === 1 && !e.expand) return isSensitive(e.args[0], scope, env);
  const args: Value[] = [];
  for (const a of e.args) args.push(ev(a, scope, env));
  if (e.expand) {
    const last = args.pop()!;
    if (isUnknown(last)) return UNKNOWN;
    if (last === null)
      throw evalError(
        "Invalid expanding argument value",
        "The expanding argument (indicated by ...) must not be null.",
      );
    if (!Array.isArray(last))
      throw evalError(
        "Invalid expanding argument value",
        "The expanding argument (indicated by ...) must be of a tuple, list, or set type.",
      );
    for (const x of last) args.push(x);
  }
  return callFunction(e.fn, args, scope);
}

/**
 * `issensitive(x)`: true when x is sensitive, as Terraform's marks would make it: derived from a sensitive variable,
 * local, module output or resource attribute (the scope tells, where it knows the configuration) or from a call of
 * sensitive() not cleared by nonsensitive(). Otherwise false, or unknown while x is.
 */
function isSensitive(arg: Expr, scope: EvalScope, env: Bindings): Value {
  const v = ev(arg, scope, env);
  if (scope.sensitive ? scope.sensitive(arg) : sensitivityCalls(arg).sensitive) return true;
  return isUnknown(v) ? UNKNOWN : false;
}

/**
 * `try(a, b, ...)`: the first argument that evaluates without error; `can(a)`: whether it does. Both stay unknown
 * when that argument's value is not wholly known (it could still fail once known), as Terraform's do.
 */
function tryOrCan(fn: "try" | "can", args: Expr[], scope: EvalScope, env: Bindings): Value {
  if (fn === "can" && args.length !== 1)
    throw evalError("Invalid function call", `can() takes exactly 1 argument, got ${args.length}.`);
  if (args.length === 0) throw evalError("Invalid function call", "try() needs at least one argument.");
  const failures: string[] = [];
  for (const a of args) {
    let v: Value;
    try {
      v = ev(a, scope, env);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      if (fn === "can") return false;
      failures.push(err.message);
      continue;
    }
    if (containsUnknown(v)) return UNKNOWN;
    return fn === "can" ? true : v;
  }
  throw evalError(
    "Error in function call",
    `Call to function "try" failed: no expression succeeded:\n${failures.map((f) => `- ${f}`).join("\n")}\n` +
      "At least one expression must produce a successful result.",
  );
}

function evaluateUnary(op: "!" | "-", v: Value): Value {
  if (op === "!") {
    if (isUnknown(v)) return UNKNOWN;
    const b = asBool(v);
    if (b === undefined) throw evalError("Invalid operand", `Unsuitable value for unary operand: ${notABool(v)}.`);
    return !b;
  }
  if (isUnknown(v)) return UNKNOWN;
  const n = asNumber(v);
  if (n === undefined) throw evalError("Invalid operand", `Unsuitable value for unary operand: ${notANumber(v)}.`);
  return -n;
}

/** Evaluates `e`, keeping an error instead of throwing it. */
function attempt(e: Expr, scope: EvalScope, env: Bindings): { v: Value; err?: EvalError } {
  try {
    return { v: ev(e, scope, env) };
  } catch (err) {
    if (err instanceof EvalError) return { v: UNKNOWN, err };
    throw err;
  }
}

/** `&&` and `||`: both sides are evaluated; a decisive known side wins even when the other failed (as HCL does). */
function evaluateLogical(op: "&&" | "||", le: Expr, re: Expr, scope: EvalScope, env: Bindings): Value {
  const l = attempt(le, scope, env);
  const r = attempt(re, scope, env);
  const lb = isUnknown(l.v) ? undefined : asBool(l.v);
  if (!isUnknown(l.v) && (lb === undefined || l.v === null))
    throw evalError("Invalid operand", `Unsuitable value for left operand: ${notABool(l.v)}.`);
  const rb = isUnknown(r.v) ? undefined : asBool(r.v);
  if (!isUnknown(r.v) && (rb === undefined || r.v === null))
    throw evalError("Invalid operand", `Unsuitable value for right operand: ${notABool(r.v)}.`);
  const decisive = op === "||";
  if (lb === undefined && rb === undefined) {
    if (l.err) throw l.err;
    if (r.err) throw r.err;
    return UNKNOWN;
  }
  if (lb === decisive) return decisive;
  if (rb === decisive) return decisive;
  if (lb === undefined) {
    if (l.err) throw l.err;
    return UNKNOWN;
  }
  if (rb === undefined) {
    if (r.err) throw r.err;
    return UNKNOWN;
  }
  return !decisive;
}

function evaluateBinary(op: string, le: Expr, re: Expr, scope: EvalScope, env: Bindings): Value {
  if (op === "&&" || op === "||") return evaluateLogical(op, le, re, scope, env);
  const l = ev(le, scope, env);
  const r = ev(re, scope, env);
  if (op === "==" || op === "!=") {
    if (containsUnknown(l) || containsUnknown(r)) return UNKNOWN;
    return valuesEqual(l, r) === (op === "==");
  }
  const a = isUnknown(l) ? 0 : asNumber(l);
  if (a === undefined) throw evalError("Invalid operand", `Unsuitable value for left operand: ${notANumber(l)}.`);
  const b = isUnknown(r) ? 0 : asNumber(r);
  if (b === undefined) throw evalError("Invalid operand", `Unsuitable value for right operand: ${notANumber(r)}.`);
  if (isUnknown(l) || isUnknown(r)) return UNKNOWN;
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      if ((a === 0 && !Number.isFinite(b)) || (b === 0 && !Number.isFinite(a)))
        throw evalError("Operation failed", "Error during operation: can't multiply zero by infinity.");
      return a * b;
    case "/":
      // as cty's big floats: x/0 is an infinity, 0/0 an error
      if ((a === 0 && b === 0) || (!Number.isFinite(a) && !Number.isFinite(b)))
        throw evalError(
          "Operation failed",
          "Error during operation: can't divide zero by zero or infinity by infinity.",
        );
      return a / b;
    case "%":
      if (b === 0) return a; // cty: x % 0 is x
      if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b;
      return a - b * Math.trunc(a / b);
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
  }
  throw new EvalError(`unknown operator ${op}`);
}

/**
 * `c ? t : f`: both branches are evaluated (an error counts only in the chosen one) and must have types that
 * unify; the chosen value is converted to that type. An unknown condition gives an unknown (null when both
 * branches are null).
 */
function evaluateConditional(ce: Expr, te: Expr, fe: Expr, scope: EvalScope, env: Bindings): Value {
  const c = ev(ce, scope, env);
  if (c === null)
    throw evalError("Null condition", "The condition value is null. Conditions must either be true or false.");
  const t = attempt(te, scope, env);
  const f = attempt(fe, scope, env);
  try {
    if (isUnknown(c)) {
      const type = !t.err && !f.err ? checkBranchTypes(t.v, f.v) : undefined;
      return t.v === null && f.v === null ? null : unknownOf(type ?? { k: "any" });
    }
    const b = asBool(c);
    if (b === undefined) throw evalError("Incorrect condition type", "The condition expression must be of type bool.");
    const [chosen, other] = b ? [t, f] : [f, t];
    if (chosen.err) throw chosen.err;
    return conditionalResult(chosen.v, other.err ? undefined : other.v, b);
  } catch (err) {
    if (err instanceof ConditionalTypeError)
      throw evalError(
        "Inconsistent conditional result types",
        `The true and false result expressions must have consistent types. ${err.message}.`,
      );
    throw err;
  }
}

/**
 * The key/value pairs a `for` iterates: lists and tuples by index, sets by value (the key is the element too),
 * objects and maps by key in lexical order.
 */
function elements(coll: Value): [Value, Value][] | string {
  if (Array.isArray(coll)) return collectionKind(coll) === "set" ? coll.map((v) => [v, v]) : coll.map((v, i) => [i, v]);
  if (coll !== null && typeof coll === "object" && !isUnknown(coll)) {
    const o = coll as { [k: string]: Value };
    return Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]);
  }
  return friendlyTypeName(coll);
}

function bind(f: ForExpr, k: Value, v: Value, env: Bindings): Bindings {
  const withKey: Bindings = f.keyVar === undefined ? env : { name: f.keyVar, value: k, up: env };
  return { name: f.valVar, value: v, up: withKey };
}

/** Whether an element passes the `if` clause: true, false, or undefined when unknown. */
function include(f: ForExpr, scope: EvalScope, env: Bindings): boolean | undefined {
  const c = ev(f.cond!, scope, env);
  if (c === null) throw evalError("Invalid 'for' condition", "The value of the 'if' clause must not be null.");
  if (isUnknown(c)) return undefined;
  const b = asBool(c);
  if (b === undefined) throw evalError("Invalid 'for' condition", `The 'if' clause value is invalid: ${notABool(c)}.`);
  return b;
}

function evaluateFor(f: ForExpr, scope: EvalScope, env: Bindings): Value {
  const coll = ev(f.coll, scope, env);
  if (coll === null)
    throw evalError(
      "Iteration over null value",
      "A null value cannot be used as the collection in a 'for' expression.",
    );
  if (isUnknown(coll)) return UNKNOWN;
  const els = elements(coll);
  if (typeof els === "string")
    throw evalError(
      "Iteration over non-iterable value",
      `A value of type ${els} cannot be used as the collection in a 'for' expression.`,
    );
  let known = true;
  if (f.key === undefined) {
    const out: Value[] = [];
    for (const [k, v] of els) {
      const inner = bind(f, k, v, env);
      if (f.cond) {
        const inc = include(f, scope, inner);
        if (inc === undefined) known = false;
        if (!inc) continue;
      }
      out.push(ev(f.val, scope, inner));
    }
    return known ? out : UNKNOWN;
  }
  const out: { [k: string]: Value } = {};
  const groups = f.group ? new Map<string, Value[]>() : undefined;
  for (const [k, v] of els) {
    const inner = bind(f, k, v, env);
    if (f.cond) {
      const inc = include(f, scope, inner);
      if (inc === undefined) known = false;
      if (!inc) continue;
    }
    const kv = ev(f.key, scope, inner);
    if (kv === null)
      throw evalError("Invalid object key", "Key expression in 'for' expression must not produce a null value.");
    if (isUnknown(kv)) {
      known = false;
      continue;
    }
    const key = asString(kv);
    if (key === undefined)
      throw evalError(
        "Invalid object key",
        `The key expression produced an invalid result: string required, but have ${friendlyTypeName(kv)}.`,
      );
    const val = ev(f.val, scope, inner);
    if (groups) {
      const g = groups.get(key);
      if (g) g.push(val);
      else groups.set(key, [val]);
    } else if (Object.hasOwn(out, key))
      throw evalError(
        "Duplicate object key",
        `Two different items produced the key "${key}" in this 'for' expression. If duplicates are expected, use the ` +
          "ellipsis (...) after the value expression to enable grouping by key.",
      );
    else out[key] = val;
  }
  if (!known) return UNKNOWN;
  if (groups) for (const key of [...groups.keys()].sort()) out[key] = groups.get(key)!;
  return out;
}

/** A template `%{for}`: its body's strings joined. */
function joinTemplateFor(f: ForExpr, scope: EvalScope, env: Bindings): Value {
  const parts = evaluateFor(f, scope, env);
  if (isUnknown(parts)) return UNKNOWN;
  let s = "";
  for (const p of parts as Value[]) {
    if (p === null)
      throw evalError(
        "Invalid template interpolation value",
        "An iteration result is null. Cannot include a null value in a string template.",
      );
    if (isUnknown(p)) return UNKNOWN;
    s += p as string;
  }
  return s;
}
