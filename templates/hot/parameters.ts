// A HOT template's parameters: their schemas (type, default, hidden, label,
// description, immutable, tags, constraints) and their values, from the
// environment's `parameters` (first), its `parameter_defaults`, then the
// template's default, converted and checked as Heat does, with Heat's
// messages (heat/engine/parameters.py, heat/engine/hot/parameters.py).
//
// Types and their values:
//   string                a string (anything else is written as Python writes it: 5 → "5", true → "True")
//   number                a number, or a string read as one ("4" → 4, "1e3" → 1000)
//   boolean               true/false, or "yes"/"no", "on"/"off", "1"/"0", "t"/"f", "y"/"n", "true"/"false" (any case)
//   comma_delimited_list  a list (items made strings), or a string split at commas ("" is [])
//   json                  a map or list, or a string holding JSON
//
// Heat checks in this order and stops at the first error; here every error
// is reported, in the same order: the schemas, the parameters the
// environment sets that the template does not declare, then each parameter
// (its constraints fit its type, its default meets them, its value).

import { DiagnosticBag, type Origin } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import type { RawNode } from "../raw-config.js";
import type { HotEnvironment } from "./environment.js";
import {
  boolFromString,
  CONSTRAINT_CLASS,
  checkConstraint,
  checkDict,
  constraintValidFor,
  HeatValueError,
  type HotParameterType,
  type ParameterConstraint,
  readConstraint,
  strToNum,
} from "./parameter-constraints.js";
import { PythonJsonError, pythonJsonLoads } from "./python-json.js";
import { pyJsonDumps, pyStr, pyTruthy } from "../../planner/expressions/functions/python-rendering.js";

export const HOT_PARAMETER_TYPES: readonly HotParameterType[] = [
  "string",
  "number",
  "comma_delimited_list",
  "json",
  "boolean",
];

/** The newest template version: every feature. */
const LATEST = "2021-04-16";

export interface ParameterSchema {
  name: string;
  type: HotParameterType;
  description?: unknown;
  /** The template's default (undefined when none, as when null). */
  default?: unknown;
  hidden: boolean;
  label?: unknown;
  immutable: boolean;
  tags?: unknown[];
  constraints: ParameterConstraint[];
  /** The parameter's node in the template. */
  node: RawNode;
}

export interface ParameterOptions {
  /** The template's heat_template_version as a date ("2021-04-16"); decides modulo and tags. Default: newest. */
  version?: string;
  /**
   * Check values (and report missing ones): true for a stack (Heat's strict validation), false for
   * `template validate`, which checks only the schemas, the defaults and the undeclared parameters.
   */
  validateValues?: boolean;
  /**
   * Parameters whose values are known only when the stack runs (a nested stack's parameters given by its provider
   * resource's properties that refer to other resources): neither required now nor checked.
   */
  suppliedLater?: ReadonlySet<string>;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function schemaKeys(version: string): string[] {
  const keys = ["type", "description", "default", "schema", "constraints", "hidden", "label", "immutable"];
  if (version >= "2018-03-02") keys.push("tags");
  return keys;
}

/** Read one parameter's schema; Heat's error message when it is invalid. */
export function readParameterSchema(name: string, node: RawNode, version = LATEST): ParameterSchema | string {
  const def = node.value;
  const bad = checkDict(def, schemaKeys(version), `parameter (${name})`);
  if (bad) return bad;
  const d = def as Record<string, unknown>;
  if (!("type" in d)) return `Missing parameter type for parameter: ${name}`;
  if ("tags" in d && !Array.isArray(d.tags)) return `Tags property should be a list for parameter: ${name}`;
  const type = d.type;
  const constraints: ParameterConstraint[] = [];
  const cs = d.constraints;
  if (cs !== undefined && cs !== null) {
    if (!Array.isArray(cs)) return `Invalid parameter constraints for parameter ${name}, expected a list`;
    for (let i = 0; i < cs.length; i++) {
      const c = readConstraint(node.child("constraints").child(i), version);
      if (typeof c === "string") return c;
      constraints.push(c);
    }
  }
  if (typeof type !== "string" || !(HOT_PARAMETER_TYPES as readonly string[]).includes(type)) {
    return `Invalid type (${pyStr(type)})`;
  }
  return {
    name,
    type: type as HotParameterType,
    ...(d.description != null ? { description: d.description } : {}),
    ...(d.default != null ? { default: d.default } : {}),
    hidden: pyTruthy(d.hidden ?? false),
    ...(d.label != null ? { label: d.label } : {}),
    immutable: pyTruthy(d.immutable ?? false),
    ...(Array.isArray(d.tags) ? { tags: d.tags } : {}),
    constraints,
    node,
  };
}

/** Every parameter's schema, in template order; the invalid ones are reported (Heat's messages) and left out. */
export function readParameterSchemas(
  file: string,
  parameters: RawNode,
  bag: DiagnosticBag,
  version = LATEST,
): ParameterSchema[] {
  const section = parameters.value;
  if (section === undefined || section === null) return [];
  if (!isMap(section)) {
    bag.error("The parameters section must be a mapping of parameter names to their definitions", {
      ...parameters.origin,
      file: parameters.origin.file || file,
    });
    return [];
  }
  const out: ParameterSchema[] = [];
  for (const name of Object.keys(section)) {
    const s = readParameterSchema(name, parameters.child(name), version);
    if (typeof s === "string") {
      const at = parameters.child(name);
      bag.error(s, at.origin, `In the definition of parameter "${name}".`);
    } else out.push(s);
  }
  return out;
}

/** The value of a parameter as Heat's Parameter.value() gives it; throws HeatValueError when it cannot be read. */
export function parameterValue(type: HotParameterType, raw: unknown): Value {
  switch (type) {
    case "string":
      return pyStr(raw);
    case "number":
      return strToNum(raw) as Value;
    case "boolean":
      return boolFromString(pyStr(raw));
    case "comma_delimited_list":
      return parseList(raw);
    case "json":
      return parseJson(raw);
  }
}

function parseList(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map((x) => pyStr(x));
  if (typeof raw !== "string") {
    const t =
      typeof raw === "number" ? (Number.isInteger(raw) ? "int" : "float") : typeof raw === "boolean" ? "bool" : "dict";
    throw new HeatValueError(`Value must be a comma-delimited list string: '${t}' object has no attribute 'split'`);
  }
  return raw === "" ? [] : raw.split(",");
}

function parseJson(raw: unknown): Value {
  if (typeof raw !== "string") return raw as Value;
  if (raw === "") return raw;
  try {
    return pythonJsonLoads(raw) as Value;
  } catch (e) {
    if (e instanceof PythonJsonError) throw new HeatValueError(`Value must be valid JSON: ${e.message}`);
    throw e;
  }
}

/** Heat's _validate of a value: converted by type, then checked against every constraint. */
function validateValue(s: ParameterSchema, raw: unknown, skipCustom: boolean): void {
  let checked: unknown = raw;
  if (s.type === "number") strToNum(raw);
  else if (s.type === "boolean") boolFromString(raw);
  else if (s.type === "comma_delimited_list") checked = parseList(raw);
  else if (s.type === "json") checked = parseJson(raw);
  for (const c of s.constraints) {
    if (skipCustom && c.kind === "custom_constraint") continue;
    checkConstraint(c, checked, s.type);
  }
}

/** Heat's schema check: constraints that fit the type, a default that meets them. An error message or undefined. */
function schemaError(s: ParameterSchema): string | undefined {
  for (const c of s.constraints) {
    if (!constraintValidFor(c, s.type)) return `${CONSTRAINT_CLASS[c.kind]} constraint invalid for ${s.type}`;
  }
  if (s.default === undefined) return undefined;
  let value = s.default;
  if (s.type === "comma_delimited_list") {
    if (Array.isArray(value)) value = value.map((x) => pyStr(x));
    else if (typeof value === "string") value = value.split(",");
    else {
      const t =
        typeof value === "number"
          ? Number.isInteger(value)
            ? "int"
            : "float"
          : typeof value === "boolean"
            ? "bool"
            : "dict";
      return `Default must be a comma-delimited list string: '${t}' object has no attribute 'split'`;
    }
  }
  try {
    for (const c of s.constraints) if (c.kind !== "custom_constraint") checkConstraint(c, value, s.type);
  } catch (e) {
    if (e instanceof HeatValueError) return `Invalid default ${pyStr(s.default)} (${e.message})`;
    throw e;
  }
  return undefined;
}

interface Source {
  raw: unknown;
  origin: Origin;
  /** Where it came from: the environment's parameters, its parameter_defaults or the template's default. */
  from: "parameters" | "parameter_defaults" | "default";
}

function valueSource(file: string, s: ParameterSchema, env: HotEnvironment): Source | undefined {
  const decl = s.node.origin.file ? s.node.origin : { ...s.node.origin, file };
  const user = env.parameters[s.name];
  if (user !== undefined && user !== null) {
    return { raw: user, origin: env.origins?.parameters?.[s.name] ?? decl, from: "parameters" };
  }
  const pd = env.parameterDefaults[s.name];
  if (pd !== undefined && pd !== null) {
    return { raw: pd, origin: env.origins?.parameterDefaults?.[s.name] ?? decl, from: "parameter_defaults" };
  }
  if (s.default !== undefined) return { raw: s.default, origin: s.node.child("default").origin, from: "default" };
  return undefined;
}

/**
 * The parameters' values (template order) with every check Heat makes, errors reported in Heat's words. A
 * parameter whose value is missing or invalid has no entry.
 */
export function resolveParameters(
  file: string,
  parameters: RawNode,
  env: HotEnvironment,
  bag: DiagnosticBag,
  opts: ParameterOptions = {},
): Map<string, Value> {
  const strict = opts.validateValues ?? true;
  const schemas = readParameterSchemas(file, parameters, bag, opts.version ?? LATEST);
  const declared = new Set(isMap(parameters.value) ? Object.keys(parameters.value) : []);
  for (const name of Object.keys(env.parameters)) {
    if (declared.has(name)) continue;
    bag.add({
      severity: "error",
      summary: `The Parameter (${name}) was not defined in template.`,
      origin:
        env.origins?.parameters?.[name] ?? (env.file ? { file: env.file, path: ["parameters", name] } : undefined),
      code: "UnknownUserParameter",
    });
  }
  const out = new Map<string, Value>();
  for (const s of schemas) {
    const invalid = (msg: string, origin: Origin, detail?: string) =>
      bag.error(`Parameter '${s.name}' is invalid: ${msg}`, origin, detail);
    const bad = schemaError(s);
    if (bad) {
      invalid(bad, s.node.origin);
      continue;
    }
    const src = valueSource(file, s, env);
    if (opts.suppliedLater?.has(s.name)) continue;
    if (!src) {
      if (strict) {
        const summary = `The Parameter (${s.name}) was not provided.`;
        bag.add({ severity: "error", summary, origin: s.node.origin, code: "UserParameterMissing" });
      }
      continue;
    }
    try {
      if (strict) validateValue(s, src.raw, false);
      out.set(s.name, parameterValue(s.type, src.raw));
    } catch (e) {
      if (!(e instanceof HeatValueError)) throw e;
      if (!strict) continue;
      const custom = s.constraints.find((c) => c.kind === "custom_constraint");
      const name = custom?.kind === "custom_constraint" ? custom.name : "";
      invalid(
        e.message,
        src.origin,
        custom && e.message.includes("(constraint not found)")
          ? `gantry has no custom constraints: "${name}" cannot be checked.`
          : undefined,
      );
    }
  }
  return out;
}

/**
 * Each parameter's value as Heat's stack shows it (`str()` of Heat's Parameter, template order): hidden ones as
 * `******`, booleans as `True`/`False`, lists joined with commas, JSON as `json.dumps` writes it, numbers as Python
 * writes them; a value that is missing or cannot be read as "". Values are not checked against constraints.
 */
export function parameterTexts(
  file: string,
  parameters: RawNode,
  env: HotEnvironment,
  version = LATEST,
): Record<string, string> {
  const values = resolveParameters(file, parameters, env, new DiagnosticBag(), { version, validateValues: false });
  const out: Record<string, string> = {};
  for (const s of readParameterSchemas(file, parameters, new DiagnosticBag(), version)) {
    const v = values.get(s.name);
    if (s.hidden) out[s.name] = "******";
    else if (v === undefined) out[s.name] = "";
    else if (s.type === "comma_delimited_list" && Array.isArray(v)) out[s.name] = v.map((x) => pyStr(x)).join(",");
    else if (s.type === "json") out[s.name] = pyJsonDumps(v);
    else out[s.name] = pyStr(v);
  }
  return out;
}

/**
 * The `Parameters` section of Heat's validate answer (template order): Type, Description, NoEcho, Label,
 * Default, Value, Tags and the constraints (MinLength, MaxLength, MinValue, MaxValue, Step, Offset,
 * AllowedValues, AllowedPattern, CustomConstraint, ConstraintDescription), as Heat shows them. Parameters
 * whose schema is invalid are left out (resolveParameters reports them).
 */
export function describeParameters(
  file: string,
  parameters: RawNode,
  env: HotEnvironment,
  opts: ParameterOptions = {},
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of readParameterSchemas(file, parameters, new DiagnosticBag(), opts.version ?? LATEST)) {
    const typeNames: Record<HotParameterType, string> = {
      string: "String",
      number: "Number",
      comma_delimited_list: "CommaDelimitedList",
      json: "Json",
      boolean: "Boolean",
    };
    const r: Record<string, unknown> = {
      Type: typeNames[s.type],
      Description: pyTruthy(s.description) ? s.description : "",
      NoEcho: s.hidden ? "true" : "false",
      Label: pyTruthy(s.label) ? s.label : s.name,
    };
    const pd = env.parameterDefaults[s.name];
    if (pd !== undefined && pd !== null) r.Default = pd;
    else if (s.default !== undefined) r.Default = s.default;
    const user = env.parameters[s.name];
    if (pyTruthy(user)) r.Value = user;
    if (s.tags && s.tags.length > 0) r.Tags = s.tags;
    const descriptions: string[] = [];
    for (const c of s.constraints) {
      switch (c.kind) {
        case "length":
          if (c.min !== undefined) r.MinLength = c.min;
          if (c.max !== undefined) r.MaxLength = c.max;
          break;
        case "range":
          if (c.min !== undefined) r.MinValue = c.min;
          if (c.max !== undefined) r.MaxValue = c.max;
          break;
        case "modulo":
          r.Step = c.step;
          r.Offset = c.offset;
          break;
        case "allowed_values":
          r.AllowedValues = [...c.allowed];
          break;
        case "allowed_pattern":
          r.AllowedPattern = c.pattern;
          break;
        case "custom_constraint":
          r.CustomConstraint = c.name;
          break;
      }
      if (c.description) descriptions.push(c.description);
    }
    if (descriptions.length > 0) r.ConstraintDescription = descriptions.join(" ");
    out[s.name] = r;
  }
  return out;
}

/**
 * The immutable parameters whose value an update changes, in template order (Heat's error:
 * "The following parameters are immutable and may not be updated: a, b").
 */
export function immutableParametersModified(
  file: string,
  newParameters: RawNode,
  oldValues: ReadonlyMap<string, Value>,
  newValues: ReadonlyMap<string, Value>,
  version = LATEST,
): string[] {
  const out: string[] = [];
  for (const s of readParameterSchemas(file, newParameters, new DiagnosticBag(), version)) {
    if (!s.immutable || !oldValues.has(s.name) || !newValues.has(s.name)) continue;
    if (JSON.stringify(oldValues.get(s.name)) !== JSON.stringify(newValues.get(s.name))) out.push(s.name);
  }
  return out;
}

/** Heat's message for immutable parameters an update changes. */
export function immutableParametersMessage(names: string[]): string {
  return `The following parameters are immutable and may not be updated: ${names.join(", ")}`;
}

/**
 * The declared parameters' types (name → HOT type), for mergeEnvironments' `parameterTypes`: with them,
 * environments merge exactly as Heat merges a stack's environment files.
 */
export function parameterTypesOf(parameters: RawNode): Record<string, string> {
  const out: Record<string, string> = {};
  const section = parameters.value;
  if (!isMap(section)) return out;
  for (const [name, def] of Object.entries(section)) {
    const t = isMap(def) ? def.type : undefined;
    if (typeof t === "string") out[name] = t;
  }
  return out;
}

/**
 * The parameters as a stack shows them (Heat's `parameters` of a stack: str() of each value): strings as they
 * are, numbers and booleans as Python writes them ("True"), lists joined with commas, json as JSON text, hidden
 * ones as "******". Template order; parameters without a value are left out. (The pseudo parameters
 * OS::stack_id, OS::stack_name and OS::project_id are the stack's, added by the caller.)
 */
export function stackParameterTexts(
  file: string,
  parameters: RawNode,
  values: ReadonlyMap<string, Value>,
  version = LATEST,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of readParameterSchemas(file, parameters, new DiagnosticBag(), version)) {
    if (!values.has(s.name)) continue;
    const v = values.get(s.name);
    if (s.hidden) out[s.name] = "******";
    else if (s.type === "comma_delimited_list" && Array.isArray(v)) out[s.name] = v.map((x) => pyStr(x)).join(",");
    else if (s.type === "json") out[s.name] = pyJsonDumps(v);
    else out[s.name] = pyStr(v);
  }
  return out;
}
