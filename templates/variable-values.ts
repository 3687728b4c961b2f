// Values for input variables from outside the configuration: environment
// variables (GANTRY_VAR_name, TF_VAR_name), variable files and -var
// arguments, in Terraform's order of precedence (later wins): the
// environment, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json)
// in lexical order, then -var-file and -var in the order given.
// Defaults, conversion to the type and validation are the planner's job.

import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { DiagnosticBag, type Origin } from "../contract/diagnostics.js";
import { evaluateConstant } from "../planner/constant-expression.js";
import type { Expr } from "../planner/expressions/ast.js";
import { EvalError } from "../planner/expressions/evaluate.js";
import { compileValue, ExpressionSyntaxError, parseExpression } from "../planner/expressions/parse.js";
import type { Config, VariableConfig } from "../planner/model.js";
import type { VariableInput, VariableSource } from "../planner/variables.js";

export interface VariableValueOptions {
  /** -var arguments, "name=value". */
  vars?: string[];
  /** -var-file paths (relative to the current directory): .tfvars (HCL), .tfvars.json / .json, .yaml / .yml. */
  varFiles?: string[];
  /** Environment to read GANTRY_VAR_* / TF_VAR_* from (pass process.env). */
  env?: Record<string, string | undefined>;
  /** -var and -var-file in the order given on the command line (later wins); replaces vars/varFiles when set. */
  ordered?: { kind: "var" | "file"; value: string }[];
  /** Whether terraform.tfvars and *.auto.tfvars in the configuration's directory are read (default: yes). */
  autoFiles?: boolean;
}

/**
 * A value given as text on the command line or in the environment, as Terraform reads it: taken as written for a
 * variable with no type or a primitive type (converted to the type later), parsed as an expression of constants for
 * every other type (`["a","b"]`, `{a=1}`). Throws Error with a message.
 */
export function textValue(variable: VariableConfig, raw: string): unknown {
  if (variable.textAsLiteral) return raw;
  let expr: Expr;
  try {
    expr = parseExpression(raw);
  } catch (e) {
    if (!(e instanceof ExpressionSyntaxError)) throw e;
    throw new Error(`the value ${JSON.stringify(raw)} is not a valid expression: ${e.message}`);
  }
  try {
    return evaluateConstant(expr);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    throw new Error(`the value ${JSON.stringify(raw)} cannot be evaluated: ${e.message}`);
  }
}

/** yaml, loaded when a YAML variable file is first read rather than at every start. */
const requireHere = createRequire(import.meta.url);

/** Split "name=value" (the value may contain "="). */
export function parseVarArgument(arg: string): { name: string; value: string } {
  const eq = arg.indexOf("=");
  if (eq <= 0) throw new Error(`invalid -var ${JSON.stringify(arg)}: expected name=value`);
  const name = arg.slice(0, eq).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name))
    throw new Error(`invalid -var ${JSON.stringify(arg)}: ${JSON.stringify(name)} is not a variable name`);
  return { name, value: arg.slice(eq + 1) };
}

/** A variable file's values with the line of each (when known). */
export interface VarFileValues {
  values: Map<string, { value: unknown; line?: number }>;
}

/** A variable file that cannot be read, with the position of the problem when known. */
export class VarFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "VarFileError";
  }
}

/**
 * Parse the content of a variable file; the format is chosen by the file name: `.tfvars` in HCL (parsed by
 * @cdktf/hcl2json, Terraform's own HCL library), `.json` in JSON (both evaluated as Terraform evaluates them: as
 * expressions that may refer to nothing), `.yaml`/`.yml` as plain data. Throws VarFileError.
 */
export async function parseVarFile(fileName: string, content: string): Promise<VarFileValues> {
  const lower = fileName.toLowerCase();
  const values = new Map<string, { value: unknown; line?: number }>();
  const fromObject = (v: unknown, what: string, evaluateStrings: boolean): VarFileValues => {
    if (v === null || v === undefined) return { values };
    if (typeof v !== "object" || Array.isArray(v))
      throw new VarFileError(`${fileName} must contain ${what} mapping variable names to values`);
    for (const [k, x] of Object.entries(v)) {
      const line = lineOf(content, k);
      values.set(k, { value: evaluateStrings ? constantValue(fileName, k, x, line) : x, line });
    }
    return { values };
  };
  if (lower.endsWith(".json")) {
    let v: unknown;
    try {
      v = JSON.parse(content);
    } catch (e) {
      throw new VarFileError(`${fileName} is not valid JSON: ${(e as Error).message}`);
    }
    return fromObject(v, "a JSON object", true);
  }
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
    let v: unknown;
    try {
      // required, not imported: the CLI's bundle hands a dynamic import of yaml back without its named exports
      v = (requireHere("yaml") as typeof import("yaml")).parse(content);
    } catch (e) {
      throw new VarFileError(`${fileName} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    return fromObject(v, "a YAML map", false);
  }
  let parsed: unknown;
  try {
    // Loaded when a .tfvars file is read: the library starts a WebAssembly module.
    const { hclToJson: parseHcl } = await import("../hcl/hcl-wasm.js");
    parsed = await parseHcl(path.basename(fileName), content);
  } catch (e) {
    // "parse config: [a.tfvars:3,1-1: Missing expression; Expected the start of an expression, ...]"
    const text = String((e as Error).message ?? e);
    const m = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([\s\S]*?)\]?$/.exec(text);
    if (m) throw new VarFileError(`${fileName}:${m[1]},${m[2]}: ${m[3]}`, Number(m[1]), Number(m[2]));
    throw new VarFileError(`${fileName} is not valid HCL: ${text}`);
  }
  return fromObject(parsed, "attributes", true);
}

/** A value of a .tfvars or .tfvars.json file: strings are templates that may refer to nothing. */
function constantValue(fileName: string, name: string, raw: unknown, line: number | undefined): unknown {
  try {
    return evaluateConstant(compileValue(raw));
  } catch (e) {
    if (!(e instanceof EvalError || e instanceof ExpressionSyntaxError)) throw e;
    throw new VarFileError(`${fileName}: the value of "${name}" is not a constant: ${e.message}`, line, 1);
  }
}

/** The line where a top-level attribute is assigned (HCL `name =`, JSON `"name":`), for messages. */
function lineOf(content: string, name: string): number | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  const m = new RegExp(`^[ \\t{]*(?:${esc}|"${esc}")[ \\t]*[=:]`, "m").exec(content);
  return m ? content.slice(0, m.index).split("\n").length : undefined;
}

/**
 * Values of input variables from the environment, variable files and -var arguments, each with where it came from
 * (without defaults, conversion or validation). Names not declared in the configuration are errors for -var and
 * variable files; the environment is only consulted for declared variables. Throws GantryError with all problems.
 */
export async function resolveVariableInputs(
  config: Config,
  opts: VariableValueOptions,
): Promise<Map<string, VariableInput>> {
  const bag = new DiagnosticBag();
  const out = new Map<string, VariableInput>();
  const env = opts.env ?? {};

  for (const [name, decl] of config.variables) {
    for (const prefix of ["TF_VAR_", "GANTRY_VAR_"]) {
      const raw = env[prefix + name];
      if (raw === undefined) continue;
      const source: VariableSource = { kind: "env", name: prefix + name };
      try {
        out.set(name, { value: textValue(decl, raw), source });
      } catch (e) {
        bag.error(`Invalid value for variable "${name}" set using ${prefix + name}: ${(e as Error).message}`);
      }
    }
  }

  const applyFile = async (file: string): Promise<void> => {
    let content: string;
    try {
      content = readFileSync(path.resolve(file), "utf8");
    } catch (e) {
      bag.error(`cannot read variable file ${file}: ${(e as Error).message}`);
      return;
    }
    let parsed: VarFileValues;
    try {
      parsed = await parseVarFile(file, content);
    } catch (e) {
      if (!(e instanceof VarFileError)) throw e;
      bag.error(e.message, {
        file,
        path: [],
        ...(e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : {}),
      });
      return;
    }
    for (const [name, { value, line }] of parsed.values) {
      const origin: Origin = line !== undefined ? { file, path: [name], line, column: 1 } : { file, path: [name] };
      if (!config.variables.has(name)) {
        bag.error(`variable "${name}" is not declared (set in ${file})`, origin, declaredList(config));
        return;
      }
      out.set(name, { value, source: { kind: "file", origin } });
    }
  };

  const applyVar = (arg: string): void => {
    let parsed: { name: string; value: string };
    try {
      parsed = parseVarArgument(arg);
    } catch (e) {
      bag.error((e as Error).message);
      return;
    }
    const decl = config.variables.get(parsed.name);
    if (!decl) {
      bag.error(`variable "${parsed.name}" is not declared`, undefined, declaredList(config));
      return;
    }
    try {
      out.set(parsed.name, { value: textValue(decl, parsed.value), source: { kind: "cli" } });
    } catch (e) {
      bag.error(`Invalid value for variable "${parsed.name}" set using -var: ${(e as Error).message}`);
    }
  };

  if (opts.autoFiles !== false) for (const f of autoVarFiles(config.dir)) await applyFile(f);
  if (opts.ordered)
    for (const item of opts.ordered) item.kind === "file" ? await applyFile(item.value) : applyVar(item.value);
  else {
    for (const f of opts.varFiles ?? []) await applyFile(f);
    for (const v of opts.vars ?? []) applyVar(v);
  }

  bag.throwIfErrors();
  return out;
}

/** The values of resolveVariableInputs alone. */
export async function resolveVariableValues(config: Config, opts: VariableValueOptions): Promise<Map<string, unknown>> {
  const inputs = await resolveVariableInputs(config, opts);
  return new Map([...inputs].map(([k, v]) => [k, v.value]));
}

/** terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order, when present. */
function autoVarFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const fixed = ["terraform.tfvars", "terraform.tfvars.json"].filter((n) => names.includes(n));
  const auto = names.filter((n) => n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json")).sort();
  return [...fixed, ...auto].map((n) => path.join(dir, n));
}

function declaredList(config: Config): string {
  const names = [...config.variables.keys()];
  return names.length ? `Declared variables: ${names.join(", ")}.` : "The configuration declares no variables.";
}
