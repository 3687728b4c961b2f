// Pulumi.yaml, the project file, as Pulumi reads it (sdk/go/common/workspace/project.go): `name`, `runtime` (a name,
// or `{name, options}`), `main`, `description`, `stackConfigDir` (or the old `config: <dir>`), and `config`
// declarations: for a project key a type (string, integer, boolean, array with `items`, object), `description`,
// `default`, `secret`; for another namespace's key only a `value`. A short-hand entry (`key: value`) is a `default`
// for a project key and a `value` for another namespace's, as Pulumi rewrites it. Declarations are checked as
// Project.Validate checks them, in Pulumi's words, with the file and line.

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { GantryError } from "../../contract/diagnostics.js";
import { isProjectNamespaced } from "./config-key.js";
import { LocatedYaml } from "./located-yaml.js";
import { validateConfigValue, typeNameOf, type ProjectConfigItems } from "./project-config-type.js";

export type { ProjectConfigItems } from "./project-config-type.js";

export interface ProjectConfigDeclaration {
  /** The key as written in Pulumi.yaml (`region`, `aws:region`). */
  key: string;
  /** Declared type: "string" | "integer" | "boolean" | "array" | "object"; absent when untyped. */
  type?: string;
  items?: ProjectConfigItems;
  description?: string;
  /** The default for a project key (used when the stack does not set it). */
  default?: unknown;
  /** The value for another namespace's key (and, rarely, a project key). */
  value?: unknown;
  /** The stack must set it as a secret. */
  secret: boolean;
  /** Line of the key in Pulumi.yaml. */
  line: number;
}

export interface PulumiRuntime {
  name: string;
  /** runtime.options (nodejs: typescript, nodeargs, packagemanager, ...). */
  options: Record<string, unknown>;
}

export interface PulumiProject {
  /** The project file (Pulumi.yaml, Pulumi.yml or Pulumi.json). */
  file: string;
  /** The project's directory. */
  dir: string;
  name: string;
  runtime: PulumiRuntime;
  /** `main` as written (the program's entry, relative to dir), if set. */
  main?: string;
  description?: string;
  /** Where Pulumi.<stack>.yaml files live, relative to dir ("" = dir itself). */
  stackConfigDir: string;
  /** Config declarations by key as written. */
  config: Record<string, ProjectConfigDeclaration>;
  /** The whole file as plain JS, for anything not modelled here. */
  raw: Record<string, unknown>;
  /** The parsed file, for locating errors. */
  source: LocatedYaml;
}

export const PROJECT_FILE_NAMES = ["Pulumi.yaml", "Pulumi.yml", "Pulumi.json"];

/** The project file of `dir`, or undefined when there is none. */
export function findProjectFile(dir: string): string | undefined {
  return PROJECT_FILE_NAMES.map((f) => join(dir, f)).find((f) => existsSync(f));
}

/** Read and check the Pulumi project in `dir`. */
export function readPulumiProject(dir: string): PulumiProject {
  const file = findProjectFile(dir);
  if (!file) throw new GantryError(`no Pulumi.yaml project file found in ${dir}`);
  const src = LocatedYaml.read(file);
  const raw = src.toJS();
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw src.error([], `expected project to be an object, was '${raw === null ? "nil" : typeof raw}'`);
  const doc = raw as Record<string, unknown>;

  if (!("name" in doc)) throw src.error([], "project is missing a 'name' attribute");
  if (typeof doc.name !== "string" || doc.name === "")
    throw src.error(["name"], "project is missing a non-empty string 'name' attribute");
  const name = doc.name;

  if (!("runtime" in doc) || doc.runtime === null) throw src.error([], "project is missing a 'runtime' attribute");
  const runtime = readRuntime(src, doc.runtime);

  for (const field of ["main", "description", "stackConfigDir"] as const) {
    if (field in doc && doc[field] !== null && typeof doc[field] !== "string")
      throw src.error([field], `${field}: expected string, but got ${jsonTypeName(doc[field])}`);
  }

  let stackConfigDir = typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : "";
  let configSection = doc.config;
  if (typeof configSection === "string") {
    if ("stackConfigDir" in doc)
      throw src.error(
        ["config"],
        "Should not use both config and stackConfigDir to define the stack directory. Use only stackConfigDir instead.",
      );
    stackConfigDir = configSection;
    configSection = undefined;
  }

  const config: Record<string, ProjectConfigDeclaration> = {};
  if (configSection !== undefined && configSection !== null) {
    if (typeof configSection !== "object" || Array.isArray(configSection))
      throw src.error(["config"], `config: expected object, but got ${jsonTypeName(configSection)}`);
    for (const [key, entry] of Object.entries(configSection as Record<string, unknown>)) {
      config[key] = readDeclaration(src, name, key, entry);
    }
  }

  return {
    file,
    // absolute: the program runs with it as its working directory (chdir), wherever gantry was started
    dir: resolve(dir),
    name,
    runtime,
    main: typeof doc.main === "string" ? doc.main : undefined,
    description: typeof doc.description === "string" ? doc.description : undefined,
    stackConfigDir,
    config,
    raw: doc,
    source: src,
  };
}

function readRuntime(src: LocatedYaml, v: unknown): PulumiRuntime {
  const bad = "runtime section must be a string or an object with name and options attributes";
  if (typeof v === "string") return { name: v, options: {} };
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const r = v as Record<string, unknown>;
    const opts = r.options ?? {};
    if (typeof r.name !== "string" || typeof opts !== "object" || opts === null || Array.isArray(opts))
      throw src.error(["runtime"], bad);
    return { name: r.name, options: opts as Record<string, unknown> };
  }
  throw src.error(["runtime"], bad);
}

const DECLARATION_FIELDS = ["type", "description", "items", "default", "value", "secret"];

function readDeclaration(src: LocatedYaml, project: string, key: string, entry: unknown): ProjectConfigDeclaration {
  const path = ["config", key];
  const line = src.origin(path).line ?? 0;
  const projectKey = isProjectNamespaced(project, key);
  // Short-hand: a scalar or a list is the default of a project key, the value of another namespace's.
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
    if (entry === null) return { key, secret: false, line };
    return projectKey ? { key, default: entry, secret: false, line } : { key, value: entry, secret: false, line };
  }
  const e = entry as Record<string, unknown>;
  for (const field of Object.keys(e)) {
    if (!DECLARATION_FIELDS.includes(field))
      throw src.error(
        [...path, field],
        `config.${key}: '${field}' not allowed; the allowed attributes are ${DECLARATION_FIELDS.slice(0, -1)
          .map((f) => `'${f}'`)
          .join(", ")} and 'secret'`,
      );
  }
  const decl: ProjectConfigDeclaration = { key, secret: false, line };
  if (e.type !== undefined && e.type !== null) {
    if (typeof e.type !== "string" || !["string", "integer", "boolean", "array", "object"].includes(e.type))
      throw src.error(
        [...path, "type"],
        `config.${key}.type: value must be one of "string", "integer", "boolean", "array", "object"`,
      );
    decl.type = e.type;
  }
  if (e.items !== undefined && e.items !== null) decl.items = readItems(src, [...path, "items"], e.items);
  if (typeof e.description === "string") decl.description = e.description;
  if (e.default !== undefined && e.default !== null) decl.default = e.default;
  if (e.value !== undefined && e.value !== null) decl.value = e.value;
  if (e.secret !== undefined && e.secret !== null) {
    if (typeof e.secret !== "boolean")
      throw src.error([...path, "secret"], `config.${key}.secret: expected boolean, but got ${jsonTypeName(e.secret)}`);
    decl.secret = e.secret;
  }

  // Project.Validate, in Pulumi's words.
  if (decl.default !== undefined && decl.value !== undefined)
    throw src.error(path, `project config '${key}' cannot have both a 'default' and 'value' attribute`);
  if (projectKey) {
    if (decl.type === "array" && !decl.items)
      throw src.error(
        path,
        `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' ` +
          "attribute",
      );
    if (decl.type && decl.default !== undefined && !validateConfigValue(decl.type, decl.items, decl.default))
      throw src.error(
        [...path, "default"],
        `The default value specified for configuration key '${key}' is not of the expected type ` +
          `'${typeNameOf(decl.type, decl.items)}'`,
      );
  } else {
    if (decl.type)
      throw src.error(path, `Configuration key '${key}' is not namespaced by the project and should not define a type`);
    if (decl.default !== undefined)
      throw src.error(
        path,
        `Configuration key '${key}' is not namespaced by the project and should not define a default value. ` +
          "Did you mean to use the 'value' attribute instead of 'default'?",
      );
    if (decl.value === undefined)
      throw src.error(path, `Configuration key '${key}' is namespaced and must provide an attribute 'value'`);
  }
  return decl;
}

function readItems(src: LocatedYaml, path: (string | number)[], v: unknown): ProjectConfigItems {
  if (!v || typeof v !== "object" || Array.isArray(v) || typeof (v as { type?: unknown }).type !== "string")
    throw src.error(path, `${path.join(".")}: expected an object with a string 'type'`);
  const r = v as { type: string; items?: unknown };
  const items: ProjectConfigItems = { type: r.type };
  if (r.items !== undefined && r.items !== null) items.items = readItems(src, [...path, "items"], r.items);
  return items;
}

function jsonTypeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}
