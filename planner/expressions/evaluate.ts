// Evaluates expressions against a scope. Unknown values propagate: any
// operation on an unknown operand yields unknown.

import { UNKNOWN, containsUnknown, deepEqual, isUnknown, typeName, type Value } from "../../contract/values.js";
import type { Expr, Step } from "./ast.js";
import { callFunction } from "./functions.js";

export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

export interface EvalScope {
  variable(name: string): Value;
  local(name: string): Value;
  /** The whole resource: an object, a list of objects (count) or a map of objects (for_each). */
  resource(type: string, name: string): Value;
  /** One instance (`type.name[key]`), without building the whole resource; undefined when the scope cannot tell. */
  resourceInstance?(type: string, name: string, key: number | string): Value | undefined;
  countIndex?: number;
  each?: { key: string; value: Value };
  /** The instance itself, in a postcondition. */
  self?: Value;
  /** Absolute path of the configuration directory (`path.module`, `path.root`). */
  pathModule: string;
  cwd: string;
}

export function evaluate(e: Expr, scope: EvalScope): Value {
  switch (e.k) {
    case "lit":
      return e.v;
    case "tmpl": {
      let s = "";
      for (const p of e.parts) {
        if (typeof p === "string") s += p;
        else {
          const v = evaluate(p, scope);
          if (containsUnknown(v)) return UNKNOWN;
          s += toTemplateString(v);
        }
      }
      return s;
    }
    case "ref":
      return evaluateRef(e.root, e.steps, e.text, scope);
    case "call": {
      const args = e.args.map((a) => evaluate(a, scope));
      return callFunction(e.fn, args, scope);
    }
    case "unary": {
      const v = evaluate(e.e, scope);
      if (isUnknown(v)) return UNKNOWN;
      if (e.op === "!") {
        if (typeof v !== "boolean") throw new EvalError(`"!" needs a bool, got ${typeName(v)}`);
        return !v;
      }
      return -toNumber(v, "-");
    }
    case "bin":
      return evaluateBinary(e.op, e.l, e.r, scope);
    case "cond": {
      const c = evaluate(e.c, scope);
      if (isUnknown(c)) return UNKNOWN;
      if (typeof c !== "boolean") throw new EvalError(`condition must be a bool, got ${typeName(c)}`);
      return evaluate(c ? e.t : e.f, scope);
    }
    case "list":
      return e.items.map((i) => evaluate(i, scope));
    case "obj": {
      const out: { [k: string]: Value } = {};
      for (const [ke, ve] of e.entries) {
        const k = evaluate(ke, scope);
        if (isUnknown(k)) return UNKNOWN;
        out[toTemplateString(k)] = evaluate(ve, scope);
      }
      return out;
    }
    case "map": {
      const out: { [k: string]: Value } = {};
      for (const [k, ve] of Object.entries(e.entries)) out[k] = evaluate(ve, scope);
      return out;
    }
    case "post":
      return applySteps(evaluate(e.e, scope), e.steps, scope, "expression");
  }
}

function evaluateRef(root: string, steps: Step[], text: string, scope: EvalScope): Value {
  const first = steps[0];
  const needName = (what: string): string => {
    if (first?.k !== "attr") throw new EvalError(`"${text}": ${what} must be followed by ".<name>"`);
    return first.name;
  };
  switch (root) {
    case "var":
      return applySteps(scope.variable(needName("var")), steps.slice(1), scope, text);
    case "local":
      return applySteps(scope.local(needName("local")), steps.slice(1), scope, text);
    case "count": {
      if (needName("count") !== "index") throw new EvalError(`"${text}": only count.index exists`);
      if (scope.countIndex === undefined) throw new EvalError(`"${text}" used in a resource without "count"`);
      return scope.countIndex;
    }
    case "each": {
      const n = needName("each");
      if (!scope.each) throw new EvalError(`"${text}" used in a resource without "for_each"`);
      if (n === "key") return applySteps(scope.each.key, steps.slice(1), scope, text);
      if (n === "value") return applySteps(scope.each.value, steps.slice(1), scope, text);
      throw new EvalError(`"${text}": each has only "key" and "value"`);
    }
    case "self":
      if (scope.self === undefined)
        throw new EvalError(
          `"${text}": the "self" object is not available in this context; it can be used only in postcondition blocks`,
        );
      return applySteps(scope.self, steps, scope, text);
    case "path": {
      const n = needName("path");
      if (n === "module" || n === "root") return scope.pathModule;
      if (n === "cwd") return scope.cwd;
      throw new EvalError(`"${text}": path has module, root and cwd`);
    }
    default: {
      const name = needName(`resource type "${root}"`);
      const second = steps[1];
      if (second?.k === "index" && scope.resourceInstance) {
        // type.name[key]...: look the instance up directly (a for_each of thousands is not rebuilt per reference)
        const key = evaluate(second.index, scope);
        if (isUnknown(key)) return UNKNOWN;
        if (typeof key === "number" || typeof key === "string") {
          const one = scope.resourceInstance(root, name, key);
          if (one !== undefined) return applySteps(one, steps.slice(2), scope, text);
        }
      }
      return applySteps(scope.resource(root, name), steps.slice(1), scope, text);
    }
  }
}

export function applySteps(v: Value, steps: Step[], scope: EvalScope, text: string): Value {
  for (let i = 0; i < steps.length; i++) {
    if (isUnknown(v)) return UNKNOWN;
    const s = steps[i];
    if (s.k === "splat") {
      const list = v === null ? [] : Array.isArray(v) ? v : [v];
      const rest = steps.slice(i + 1);
      return list.map((el) => applySteps(el, rest, scope, text));
    }
    if (s.k === "attr") {
      if (v === null || typeof v !== "object" || Array.isArray(v))
        throw new EvalError(`"${text}": cannot read attribute "${s.name}" of a ${typeName(v)}`);
      if (!(s.name in v)) throw new EvalError(`"${text}": unsupported attribute "${s.name}"`);
      v = v[s.name];
      continue;
    }
    const idx = evaluate(s.index, scope);
    if (isUnknown(idx)) return UNKNOWN;
    if (Array.isArray(v)) {
      const n = typeof idx === "number" ? idx : Number(idx);
      if (!Number.isInteger(n))
        throw new EvalError(`"${text}": list index must be a whole number, got ${JSON.stringify(idx)}`);
      if (n < 0 || n >= v.length) throw new EvalError(`"${text}": index ${n} out of range (length ${v.length})`);
      v = v[n];
    } else if (v !== null && typeof v === "object") {
      const k = String(idx);
      if (!(k in v)) throw new EvalError(`"${text}": no element with key ${JSON.stringify(k)}`);
      v = v[k];
    } else throw new EvalError(`"${text}": cannot index a ${typeName(v)}`);
  }
  return v;
}

export function toTemplateString(v: Value): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new EvalError(`cannot interpolate a ${typeName(v)} into a string`);
}

function toNumber(v: Value, op: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !isNaN(Number(v))) return Number(v);
  throw new EvalError(`"${op}" needs numbers, got ${typeName(v)}`);
}

function evaluateBinary(op: string, le: Expr, re: Expr, scope: EvalScope): Value {
  if (op === "&&" || op === "||") {
    const l = evaluate(le, scope);
    if (isUnknown(l)) return UNKNOWN;
    if (typeof l !== "boolean") throw new EvalError(`"${op}" needs bools, got ${typeName(l)}`);
    if (op === "&&" && !l) return false;
    if (op === "||" && l) return true;
    const r = evaluate(re, scope);
    if (isUnknown(r)) return UNKNOWN;
    if (typeof r !== "boolean") throw new EvalError(`"${op}" needs bools, got ${typeName(r)}`);
    return r;
  }
  const l = evaluate(le, scope);
  const r = evaluate(re, scope);
  if (containsUnknown(l) || containsUnknown(r)) return UNKNOWN;
  switch (op) {
    case "==":
      return deepEqual(l, r);
    case "!=":
      return !deepEqual(l, r);
  }
  const a = toNumber(l, op);
  const b = toNumber(r, op);
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0) throw new EvalError("division by zero");
      return a / b;
    case "%":
      if (b === 0) throw new EvalError("modulo by zero");
      return a % b;
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
