// The constraints of a HOT parameter (length, range, modulo, allowed_values,
// allowed_pattern, custom_constraint), read and checked with Heat's messages
// (heat/engine/hot/parameters.py, heat/engine/constraints.py).

import type { Origin } from "../../contract/diagnostics.js";
import type { RawNode } from "../raw-config.js";
import { pyEqual, pyJsonDumps, pyRepr, pyStr } from "../../planner/expressions/functions/python-rendering.js";

export type HotParameterType = "string" | "number" | "comma_delimited_list" | "json" | "boolean";

export type ParameterConstraint = { description?: string; origin: Origin } & (
  | { kind: "range"; min?: number; max?: number }
  | { kind: "length"; min?: number; max?: number }
  | { kind: "modulo"; step: number; offset: number }
  | { kind: "allowed_values"; allowed: unknown[] }
  | { kind: "allowed_pattern"; pattern: string; regex?: RegExp }
  | { kind: "custom_constraint"; name: string }
);

/** Heat's class name of a constraint (in "Range constraint invalid for string"). */
export const CONSTRAINT_CLASS: Record<ParameterConstraint["kind"], string> = {
  range: "Range",
  length: "Length",
  modulo: "Modulo",
  allowed_values: "AllowedValues",
  allowed_pattern: "AllowedPattern",
  custom_constraint: "CustomConstraint",
};

/** The parameter types each constraint applies to. */
const VALID_TYPES: Record<ParameterConstraint["kind"], HotParameterType[]> = {
  range: ["number"],
  modulo: ["number"],
  length: ["string", "comma_delimited_list", "json"],
  allowed_values: ["string", "number", "boolean", "comma_delimited_list"],
  allowed_pattern: ["string"],
  custom_constraint: ["string", "number", "boolean", "comma_delimited_list"],
};

export function constraintValidFor(c: ParameterConstraint, type: HotParameterType): boolean {
  return VALID_TYPES[c.kind].includes(type);
}

/** A Heat error with its exception type. */
export class HeatValueError extends Error {
  constructor(
    message: string,
    /** Python's exception class: ValueError, TypeError … */
    readonly pyType = "ValueError",
  ) {
    super(message);
  }
}

/** Python's str_to_num: a number, or a string read by int() then float(). */
export function strToNum(v: unknown): number | boolean {
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v !== "string") {
    const t = v === null || v === undefined ? "NoneType" : Array.isArray(v) ? "list" : "dict";
    throw new HeatValueError(
      `int() argument must be a string, a bytes-like object or a real number, not '${t}'`,
      "TypeError",
    );
  }
  const s = v.trim();
  if (/^[+-]?\d(?:_?\d)*$/.test(s)) return Number(s.replace(/_/g, ""));
  const lower = s.toLowerCase();
  if (/^[+-]?(?:inf|infinity)$/.test(lower)) return lower.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(lower)) return Number.NaN;
  const digits = "\\d(?:_?\\d)*";
  const float = new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`);
  if (float.test(s)) return Number(s.replace(/_/g, ""));
  throw new HeatValueError(`could not convert string to float: ${pyRepr(v)}`);
}

function num(v: unknown): number {
  const n = strToNum(v);
  return typeof n === "boolean" ? Number(n) : n;
}

/** Python's len() of a parameter value. */
function pyLen(v: unknown): number {
  if (typeof v === "string") return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (v !== null && typeof v === "object") return Object.keys(v).length;
  const t =
    v === null || v === undefined
      ? "NoneType"
      : typeof v === "number"
        ? Number.isInteger(v)
          ? "int"
          : "float"
        : "bool";
  throw new HeatValueError(`object of type '${t}' has no len()`, "TypeError");
}

const pyNum = (n: number | undefined) => (n === undefined ? "None" : pyStr(n));

/** Python's `a % b` (the result takes the divisor's sign). */
function pyMod(a: number, b: number): number {
  return a - b * Math.floor(a / b);
}

/** The value of a boolean as Heat reads it (oslo's bool_from_string, strict). */
export function boolFromString(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  const s = pyStr(v);
  const lower = s.trim().toLowerCase();
  if (["1", "t", "true", "on", "y", "yes"].includes(lower)) return true;
  if (["0", "f", "false", "off", "n", "no"].includes(lower)) return false;
  throw new HeatValueError(
    `Unrecognized value '${s}', acceptable values are: ` +
      "'0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
  );
}

/** Heat's to_schema_type, for allowed_values. */
function toSchemaType(v: unknown, type: HotParameterType): unknown {
  try {
    if (type === "number") return strToNum(v);
    if (type === "string") return pyStr(v);
    if (type === "boolean") return boolFromString(pyStr(v));
  } catch {
    throw new HeatValueError(`Value "${pyStr(v)}" is invalid for data type "${type}".`);
  }
  return v;
}

function isValid(c: ParameterConstraint, value: unknown, type: HotParameterType): boolean {
  switch (c.kind) {
    case "range":
    case "length": {
      const n = c.kind === "range" ? num(value) : pyLen(value);
      return !(c.min !== undefined && n < c.min) && !(c.max !== undefined && n > c.max);
    }
    case "modulo":
      return pyMod(num(value), c.step) === c.offset;
    case "allowed_values": {
      if (Array.isArray(value)) return value.every((v) => c.allowed.some((a) => pyEqual(v, a)));
      const allowed = c.allowed.map((a) => toSchemaType(a, type));
      const v = toSchemaType(value, type);
      return allowed.some((a) => pyEqual(a, v));
    }
    case "allowed_pattern": {
      if (!c.regex) return true;
      const s = pyStr(value);
      c.regex.lastIndex = 0; // a sticky regex starts where its last match ended: every check starts at 0
      const m = c.regex.exec(s);
      return m !== null && m[0].length === s.length;
    }
    case "custom_constraint":
      return false;
  }
}

function errMsg(c: ParameterConstraint, value: unknown): string {
  switch (c.kind) {
    case "range":
      return `${pyStr(value)} is out of range (min: ${pyNum(c.min)}, max: ${pyNum(c.max)})`;
    case "length":
      return `length (${pyLen(value)}) is out of range (min: ${pyNum(c.min)}, max: ${pyNum(c.max)})`;
    case "modulo":
      return `${pyStr(value)} is not a multiple of ${pyStr(c.step)} with an offset of ${pyStr(c.offset)}`;
    case "allowed_values":
      return `${pyJsonDumps(value)} is not an allowed value [${c.allowed.map((x) => pyJsonDumps(x)).join(", ")}]`;
    case "allowed_pattern":
      return `"${pyStr(value)}" does not match pattern "${c.pattern}"`;
    case "custom_constraint":
      return `"${pyStr(value)}" does not validate ${c.name} (constraint not found)`;
  }
}

/** Check a value against one constraint; throws HeatValueError with Heat's message (or the constraint's own). */
export function checkConstraint(c: ParameterConstraint, value: unknown, type: HotParameterType): void {
  if (!isValid(c, value, type)) throw new HeatValueError(c.description ?? errMsg(c, value));
}

/** The text Heat uses to describe a constraint (Constraint.__str__), for schemas shown to users. */
export function describeConstraint(c: ParameterConstraint): string {
  let s: string;
  switch (c.kind) {
    case "range":
    case "length": {
      const what = c.kind === "range" ? "value" : "length";
      if (c.max === undefined) s = `The ${what} must be at least ${pyNum(c.min)}.`;
      else if (c.min === undefined) s = `The ${what} must be no greater than ${pyNum(c.max)}.`;
      else s = `The ${what} must be in the range ${pyNum(c.min)} to ${pyNum(c.max)}.`;
      break;
    }
    case "modulo":
      s = `The value must be a multiple of ${c.step} with an offset of ${c.offset}.`;
      break;
    case "allowed_values":
      s = `Allowed values: ${c.allowed.map((x) => pyJsonDumps(x)).join(", ")}`;
      break;
    case "allowed_pattern":
      s = `Value must match pattern: ${c.pattern}`;
      break;
    case "custom_constraint":
      s = `Value must be of type ${c.name}`;
      break;
  }
  return c.description ? `${c.description}\n${s}` : s;
}

/** A Python regular expression as a JavaScript one (the common syntax; named groups written (?P<name>…)). */
export function pythonRegex(pattern: string): RegExp {
  let flags = "y";
  let body = pattern;
  // Python's global inline flags at the start: (?i), (?s), (?m) (others are not supported here).
  const inline = /^\(\?([aiLmsux]+)\)/.exec(body);
  if (inline) {
    for (const f of inline[1]) if ("ims".includes(f) && !flags.includes(f)) flags += f;
    body = body.slice(inline[0].length);
  }
  const js = body
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, "(?<$1>")
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, "\\k<$1>")
    .replace(/(^|[^\\])\\A/g, "$1^")
    .replace(/(^|[^\\])\\Z/g, "$1$(?![\\s\\S])");
  return new RegExp(js, flags);
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Heat's _check_dict: a mapping with only the given keys. */
export function checkDict(v: unknown, allowed: readonly string[], entity: string): string | undefined {
  if (!isMap(v)) return `Invalid ${entity}, expected a mapping`;
  for (const k of Object.keys(v)) if (!allowed.includes(k)) return `Invalid key '${k}' for ${entity}`;
  return undefined;
}

const CONSTRAINT_KEYS = [
  "description",
  "length",
  "range",
  "modulo",
  "allowed_values",
  "allowed_pattern",
  "custom_constraint",
] as const;

function getNum(cdef: Record<string, unknown>, key: string): number | undefined {
  const v = cdef[key];
  if (v === undefined || v === null) return undefined;
  return num(v);
}

/**
 * Read one entry of a parameter's `constraints` list. Returns Heat's error message when it is invalid
 * (InvalidSchemaError, not prefixed with the parameter's name, as Heat reports these).
 */
export function readConstraint(node: RawNode, version: string): ParameterConstraint | string {
  const def = node.value;
  const bad = checkDict(def, CONSTRAINT_KEYS, "parameter constraints");
  if (bad) return bad;
  const d = def as Record<string, unknown>;
  const base = { origin: node.origin, ...(d.description != null ? { description: pyStr(d.description) } : {}) };
  try {
    if ("modulo" in d && version >= "2017-02-24") {
      const cdef = d.modulo;
      const err = checkDict(cdef, ["step", "offset"], "modulo constraint");
      if (err) return err;
      const m = cdef as Record<string, unknown>;
      const step = getNum(m, "step");
      const offset = getNum(m, "offset");
      if (step === undefined || offset === undefined) {
        return "A modulo constraint must have a step value and an offset value specified.";
      }
      if (!Number.isInteger(step) || !Number.isInteger(offset)) return "step/offset must be integer";
      if (step === 0) return "step cannot be 0.";
      if (Math.abs(offset) >= Math.abs(step)) return "offset must be smaller (by absolute value) than step.";
      if (step * offset < 0) return "step and offset must be both positive or both negative.";
      return { ...base, kind: "modulo", step, offset };
    }
    if ("range" in d || "length" in d) {
      const kind = "range" in d ? "range" : "length";
      const cdef = d[kind];
      const err = checkDict(cdef, ["min", "max"], `${kind} constraint`);
      if (err) return err;
      const min = getNum(cdef as Record<string, unknown>, "min");
      const max = getNum(cdef as Record<string, unknown>, "max");
      if (min === undefined && max === undefined) {
        return `A ${kind} constraint must have a min value and/or a max value specified.`;
      }
      if (kind === "length" && ![min, max].every((n) => n === undefined || Number.isInteger(n))) {
        return "min/max length must be integral";
      }
      return { ...base, kind, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    if ("allowed_values" in d) {
      if (!Array.isArray(d.allowed_values)) return "AllowedValues must be a list";
      return { ...base, kind: "allowed_values", allowed: d.allowed_values };
    }
    if ("allowed_pattern" in d) {
      const pattern = d.allowed_pattern;
      if (typeof pattern !== "string") return "AllowedPattern must be a string";
      let regex: RegExp;
      try {
        regex = pythonRegex(pattern);
      } catch (e) {
        return `Invalid allowed_pattern ${pyRepr(pattern)}: ${(e as Error).message}`;
      }
      return { ...base, kind: "allowed_pattern", pattern, regex };
    }
    if ("custom_constraint" in d) return { ...base, kind: "custom_constraint", name: pyStr(d.custom_constraint) };
  } catch (e) {
    return (e as Error).message;
  }
  return "No constraint expressed";
}
