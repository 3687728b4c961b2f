// Values for input variables from outside the configuration: environment
// variables (GANTRY_VAR_name, TF_VAR_name), -var-file files and -var
// arguments. Later sources override earlier ones in that order (as in
// Terraform: environment, then files in order, then -var in order).
// Defaults and validation are the planner's job.

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { DiagnosticBag, type Origin } from "../contract/diagnostics.js";
import type { Config } from "../planner/model.js";

export interface VariableValueOptions {
  /** -var arguments, "name=value". */
  vars?: string[];
  /** -var-file paths (relative to the current directory): .tfvars.json / .json, .yaml / .yml, .tfvars. */
  varFiles?: string[];
  /** Environment to read GANTRY_VAR_* / TF_VAR_* from (pass process.env). */
  env?: Record<string, string | undefined>;
  /** -var and -var-file in the order given on the command line (later wins); replaces vars/varFiles when set. */
  ordered?: { kind: "var" | "file"; value: string }[];
}

/** Outer kind of a declared type: "list(string)" → "list". */
export function typeKind(type: string): string {
  const m = /^\s*([a-z]+)/.exec(type);
  return m ? m[1] : "any";
}

/**
 * Convert a string given on the command line or in the environment according
 * to the variable's declared type: strings stay strings; number, bool and
 * collections are parsed (collections as JSON). Throws Error with a message.
 */
export function convertStringValue(name: string, type: string, raw: string): unknown {
  const kind = typeKind(type);
  switch (kind) {
    case "number": {
      const t = raw.trim();
      const n = t === "" ? NaN : Number(t);
      if (!Number.isFinite(n))
        throw new Error(`variable "${name}" is a number, but the value ${JSON.stringify(raw)} is not a number`);
      return n;
    }
    case "bool":
      if (raw.trim() === "true") return true;
      if (raw.trim() === "false") return false;
      throw new Error(`variable "${name}" is a bool, but the value ${JSON.stringify(raw)} is not true or false`);
    case "list":
    case "set":
    case "tuple":
    case "map":
    case "object": {
      let v: unknown;
      try {
        v = JSON.parse(raw);
      } catch (e) {
        throw new Error(
          `variable "${name}" is a ${kind}, but the value ${JSON.stringify(raw)} is not valid ` +
            `JSON: ${(e as Error).message}`,
        );
      }
      const isList = Array.isArray(v);
      const isMap = v !== null && typeof v === "object" && !isList;
      if ((kind === "map" || kind === "object") && !isMap)
        throw new Error(`variable "${name}" is a ${kind}, but the value ${JSON.stringify(raw)} is not a JSON object`);
      if ((kind === "list" || kind === "set" || kind === "tuple") && !isList)
        throw new Error(`variable "${name}" is a ${kind}, but the value ${JSON.stringify(raw)} is not a JSON array`);
      return v;
    }
    default:
      return raw;
  }
}

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

/** Parse the content of a variable file; the format is chosen by the file name. Throws Error with line information. */
export function parseVarFile(fileName: string, content: string): VarFileValues {
  const lower = fileName.toLowerCase();
  const values = new Map<string, { value: unknown; line?: number }>();
  const fromObject = (v: unknown, what: string): VarFileValues => {
    if (v === null || v === undefined) return { values };
    if (typeof v !== "object" || Array.isArray(v))
      throw new Error(`${fileName} must contain ${what} mapping variable names to values`);
    for (const [k, x] of Object.entries(v)) values.set(k, { value: x });
    return { values };
  };
  if (lower.endsWith(".json")) {
    let v: unknown;
    try {
      v = JSON.parse(content);
    } catch (e) {
      throw new Error(`${fileName} is not valid JSON: ${(e as Error).message}`);
    }
    return fromObject(v, "a JSON object");
  }
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
    let v: unknown;
    try {
      v = parseYaml(content);
    } catch (e) {
      throw new Error(`${fileName} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    return fromObject(v, "a YAML map");
  }
  return parseTfvars(fileName, content);
}

/**
 * `name = value` lines; values are JSON literals (strings, numbers, bools, null, lists and maps in JSON), which may
 * span lines.
 */
function parseTfvars(fileName: string, content: string): VarFileValues {
  const values = new Map<string, { value: unknown; line?: number }>();
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#") || line.startsWith("//")) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`${fileName} line ${i + 1}: expected name = value`);
    const name = m[1];
    const startLine = i + 1;
    let text = stripTrailingComment(m[2]);
    // A list or map may continue over several lines until its brackets balance.
    while (!balanced(text) && i + 1 < lines.length) {
      i++;
      text += `\n${stripTrailingComment(lines[i])}`;
    }
    let value: unknown;
    try {
      value = parseJsonish(text.trim());
    } catch {
      throw new Error(
        `${fileName} line ${startLine}: the value of "${name}" must be a string in double quotes, a number, true, ` +
          `false, null, or a list or map written in JSON`,
      );
    }
    values.set(name, { value, line: startLine });
  }
  return { values };
}

/** JSON, tolerating trailing commas in lists and maps. */
function parseJsonish(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const relaxed = text.replace(/,(\s*[\]}])/g, "$1");
    if (relaxed === text) throw e;
    return JSON.parse(relaxed);
  }
}

function stripTrailingComment(s: string): string {
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      if (c === "\\") i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === "#" || (c === "/" && s[i + 1] === "/")) return s.slice(0, i).trimEnd();
  }
  return s;
}

function balanced(s: string): boolean {
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      if (c === "\\") i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
  }
  return depth <= 0 && !inStr;
}

/**
 * Values of input variables from the environment, -var-file files and -var
 * arguments (without defaults or validation). Names not declared in the
 * configuration are errors for -var and -var-file; the environment is only
 * consulted for declared variables. Throws GantryError with all problems.
 */
export function resolveVariableValues(config: Config, opts: VariableValueOptions): Map<string, unknown> {
  const bag = new DiagnosticBag();
  const out = new Map<string, unknown>();
  const env = opts.env ?? {};

  for (const [name, decl] of config.variables) {
    for (const prefix of ["TF_VAR_", "GANTRY_VAR_"]) {
      const raw = env[prefix + name];
      if (raw === undefined) continue;
      try {
        out.set(name, convertStringValue(name, decl.type, raw));
      } catch (e) {
        bag.error(`${(e as Error).message} (from environment variable ${prefix + name})`);
      }
    }
  }

  const applyFile = (file: string): void => {
    let content: string;
    try {
      content = readFileSync(path.resolve(file), "utf8");
    } catch (e) {
      bag.error(`cannot read variable file ${file}: ${(e as Error).message}`);
      return;
    }
    let parsed: VarFileValues;
    try {
      parsed = parseVarFile(file, content);
    } catch (e) {
      bag.error((e as Error).message, { file, path: [] });
      return;
    }
    for (const [name, { value, line }] of parsed.values) {
      const origin: Origin = line !== undefined ? { file, path: [name], line, column: 1 } : { file, path: [name] };
      if (!config.variables.has(name)) {
        bag.error(`variable "${name}" is not declared (set in ${file})`, origin, declaredList(config));
        return;
      }
      out.set(name, value);
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
      out.set(parsed.name, convertStringValue(parsed.name, decl.type, parsed.value));
    } catch (e) {
      bag.error(`${(e as Error).message} (from -var)`);
    }
  };

  // Terraform's order: the environment, then terraform.tfvars(.json) and *.auto.tfvars(.json)
  // from the configuration directory, then -var and -var-file in the order given.
  for (const f of autoVarFiles(config.dir)) applyFile(f);
  if (opts.ordered)
    for (const item of opts.ordered) item.kind === "file" ? applyFile(item.value) : applyVar(item.value);
  else {
    for (const f of opts.varFiles ?? []) applyFile(f);
    for (const v of opts.vars ?? []) applyVar(v);
  }

  bag.throwIfErrors();
  return out;
}

/** terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in name order, when present. */
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
