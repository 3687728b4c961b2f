// The built-in functions of the expression language (named as in Terraform).

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { UNKNOWN, containsUnknown, deepEqual, typeName, type Value } from "../../contract/values.js";
import { EvalError, toTemplateString, type EvalScope } from "./evaluate.js";

type Fn = (args: Value[], scope: EvalScope) => Value;

function list(v: Value, fn: string): Value[] {
  if (Array.isArray(v)) return v;
  throw new EvalError(`${fn}() needs a list, got ${typeName(v)}`);
}
function obj(v: Value, fn: string): { [k: string]: Value } {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) return v as { [k: string]: Value };
  throw new EvalError(`${fn}() needs a map or object, got ${typeName(v)}`);
}
function str(v: Value, fn: string): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new EvalError(`${fn}() needs a string, got ${typeName(v)}`);
}
function num(v: Value, fn: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !isNaN(Number(v))) return Number(v);
  throw new EvalError(`${fn}() needs a number, got ${typeName(v)}`);
}
const hash = (alg: string) => (a: Value[]) => createHash(alg).update(str(a[0], alg)).digest("hex");

function format(spec: string, args: Value[]): string {
  let i = 0;
  return spec.replace(/%([%sdvqf])/g, (_m, c: string) => {
    if (c === "%") return "%";
    const v = args[i++];
    if (v === undefined) throw new EvalError(`format(): not enough arguments for ${JSON.stringify(spec)}`);
    if (c === "d") return String(Math.trunc(num(v, "format")));
    if (c === "f") return String(num(v, "format"));
    if (c === "q") return JSON.stringify(toTemplateString(v));
    if (c === "v" && typeof v === "object") return JSON.stringify(v);
    return toTemplateString(v);
  });
}

const FUNCTIONS: Record<string, Fn> = {
  length: ([v]) =>
    typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : Object.keys(obj(v, "length")).length,
  join: ([sep, l]) =>
    list(l, "join")
      .map((x) => str(x, "join"))
      .join(str(sep, "join")),
  split: ([sep, s]) => str(s, "split").split(str(sep, "split")),
  format: ([spec, ...rest]) => format(str(spec, "format"), rest),
  formatlist: ([spec, ...rest]) => {
    const n = Math.max(...rest.map((r) => (Array.isArray(r) ? r.length : 1)));
    return Array.from({ length: n }, (_, i) =>
      format(
        str(spec, "formatlist"),
        rest.map((r) => (Array.isArray(r) ? r[i] : r)),
      ),
    );
  },
  upper: ([s]) => str(s, "upper").toUpperCase(),
  lower: ([s]) => str(s, "lower").toLowerCase(),
  title: ([s]) => str(s, "title").replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: ([s]) => str(s, "trimspace").trim(),
  replace: ([s, a, b]) => str(s, "replace").split(str(a, "replace")).join(str(b, "replace")),
  substr: ([s, off, len]) => {
    const t = [...str(s, "substr")];
    const o = num(off, "substr");
    const l = num(len, "substr");
    return t.slice(o, l < 0 ? undefined : o + l).join("");
  },
  startswith: ([s, p]) => str(s, "startswith").startsWith(str(p, "startswith")),
  endswith: ([s, p]) => str(s, "endswith").endsWith(str(p, "endswith")),
  concat: (args) => args.flatMap((a) => list(a, "concat")),
  flatten: ([l]) => {
    const out: Value[] = [];
    const walk = (x: Value) => (Array.isArray(x) ? x.forEach(walk) : out.push(x));
    walk(list(l, "flatten"));
    return out;
  },
  distinct: ([l]) => list(l, "distinct").filter((x, i, arr) => arr.findIndex((y) => deepEqual(x, y)) === i),
  contains: ([l, v]) => list(l, "contains").some((x) => deepEqual(x, v)),
  element: ([l, i]) => {
    const a = list(l, "element");
    if (a.length === 0) throw new EvalError("element() of an empty list");
    return a[((num(i, "element") % a.length) + a.length) % a.length];
  },
  index: ([l, v]) => {
    const i = list(l, "index").findIndex((x) => deepEqual(x, v));
    if (i < 0) throw new EvalError("index(): value not in list");
    return i;
  },
  range: (args) => {
    const [start, end, step] =
      args.length === 1
        ? [0, num(args[0], "range"), 1]
        : [num(args[0], "range"), num(args[1], "range"), args[2] === undefined ? 1 : num(args[2], "range")];
    if (step === 0) throw new EvalError("range(): step must not be zero");
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) {
      out.push(i);
      if (out.length > 1_000_000) throw new EvalError("range(): more than 1,000,000 elements");
    }
    return out;
  },
  keys: ([m]) => Object.keys(obj(m, "keys")).sort(),
  values: ([m]) => {
    const o = obj(m, "values");
    return Object.keys(o)
      .sort()
      .map((k) => o[k]);
  },
  lookup: ([m, k, d]) => {
    const o = obj(m, "lookup");
    const key = str(k, "lookup");
    if (key in o) return o[key];
    if (d === undefined) throw new EvalError(`lookup(): no key ${JSON.stringify(key)} and no default`);
    return d;
  },
  merge: (args) => Object.assign({}, ...args.filter((a) => a !== null).map((a) => obj(a, "merge"))),
  zipmap: ([k, v]) => {
    const ks = list(k, "zipmap");
    const vs = list(v, "zipmap");
    return Object.fromEntries(ks.map((x, i) => [str(x, "zipmap"), vs[i] ?? null]));
  },
  coalesce: (args) => {
    const v = args.find((a) => a !== null && a !== "");
    if (v === undefined) throw new EvalError("coalesce(): all arguments are null or empty");
    return v;
  },
  min: (args) => Math.min(...args.map((a) => num(a, "min"))),
  max: (args) => Math.max(...args.map((a) => num(a, "max"))),
  abs: ([a]) => Math.abs(num(a, "abs")),
  floor: ([a]) => Math.floor(num(a, "floor")),
  ceil: ([a]) => Math.ceil(num(a, "ceil")),
  tostring: ([v]) => (v === null ? null : str(v, "tostring")),
  tonumber: ([v]) => (v === null ? null : num(v, "tonumber")),
  tobool: ([v]) => {
    if (v === null || typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    throw new EvalError(`tobool() cannot convert ${JSON.stringify(v)}`);
  },
  tolist: ([v]) => list(v, "tolist"),
  toset: ([v]) => FUNCTIONS.distinct([v], undefined as never),
  tomap: ([v]) => obj(v, "tomap"),
  jsonencode: ([v]) => JSON.stringify(v),
  jsondecode: ([s]) => {
    try {
      return JSON.parse(str(s, "jsondecode")) as Value;
    } catch (e) {
      throw new EvalError(`jsondecode(): ${(e as Error).message}`);
    }
  },
  base64encode: ([s]) => Buffer.from(str(s, "base64encode")).toString("base64"),
  base64decode: ([s]) => Buffer.from(str(s, "base64decode"), "base64").toString("utf8"),
  md5: hash("md5"),
  sha1: hash("sha1"),
  sha256: hash("sha256"),
  file: ([p], scope) => {
    const path = str(p, "file");
    try {
      return readFileSync(isAbsolute(path) ? path : join(scope.pathModule, path), "utf8");
    } catch (e) {
      throw new EvalError(`file(): cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  },
};

/** How many arguments each function takes: [least, most]. */
const ARITY: Record<string, [number, number]> = {
  length: [1, 1],
  join: [2, 2],
  split: [2, 2],
  format: [1, Infinity],
  formatlist: [1, Infinity],
  upper: [1, 1],
  lower: [1, 1],
  title: [1, 1],
  trimspace: [1, 1],
  replace: [3, 3],
  substr: [3, 3],
  startswith: [2, 2],
  endswith: [2, 2],
  concat: [1, Infinity],
  flatten: [1, 1],
  distinct: [1, 1],
  contains: [2, 2],
  element: [2, 2],
  index: [2, 2],
  range: [1, 3],
  keys: [1, 1],
  values: [1, 1],
  lookup: [2, 3],
  merge: [0, Infinity],
  zipmap: [2, 2],
  coalesce: [1, Infinity],
  min: [1, Infinity],
  max: [1, Infinity],
  abs: [1, 1],
  floor: [1, 1],
  ceil: [1, 1],
  tostring: [1, 1],
  tonumber: [1, 1],
  tobool: [1, 1],
  tolist: [1, 1],
  toset: [1, 1],
  tomap: [1, 1],
  jsonencode: [1, 1],
  jsondecode: [1, 1],
  base64encode: [1, 1],
  base64decode: [1, 1],
  md5: [1, 1],
  sha1: [1, 1],
  sha256: [1, 1],
  file: [1, 1],
};

export function callFunction(name: string, args: Value[], scope: EvalScope): Value {
  const fn = FUNCTIONS[name];
  if (!fn) throw new EvalError(`unknown function "${name}"`);
  const [least, most] = ARITY[name] ?? [0, Infinity];
  if (args.length < least || args.length > most)
    throw new EvalError(
      `${name}() takes ${least === most ? least : most === Infinity ? `at least ${least}` : `${least} to ${most}`} ` +
        `argument${most === 1 ? "" : "s"}, got ${args.length}`,
    );
  if (name !== "coalesce" && containsUnknown(args)) return UNKNOWN;
  return fn(args, scope);
}

export const FUNCTION_NAMES = Object.keys(FUNCTIONS);
