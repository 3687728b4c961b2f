// Loading a configuration directory: every `*.gantry.yaml`, `*.tf` and `*.tf.json`
// file in it (not recursive, sorted by name), merged into one Config; a Heat
// stack's files (templates/hot/hot-sources.ts) load together through the HOT
// front end. All diagnostics of all files are collected and thrown together
// as one GantryError. Duplicate declarations (within or across files) name
// both locations.

import { readdir, readFile, stat } from "node:fs/promises";
import * as path from "node:path";
import { DiagnosticBag, GantryError, type Origin } from "../contract/diagnostics.js";
import { emptyConfig, type Config, type SourceFile } from "../planner/model.js";
import type { ConfigFragment } from "./fragment.js";
import { HOT_TEMPLATE_FILE, isHotFileName } from "./hot/hot-sources.js";
import { loadModules, type ModuleDirReader } from "./module-loader.js";
import { MAX_NESTING_DEPTH, scanSource, type Syntax } from "./source-scan.js";
import { decodeSource, MAX_SOURCE_BYTES, tooLargeError } from "./source-text.js";

/** A front end: one file's text to a fragment of the model. */
type FrontEnd = (file: string, text: string, bag: DiagnosticBag) => ConfigFragment | Promise<ConfigFragment>;

/**
 * The front ends these files need, loaded only then: a Terraform JSON
 * configuration does not pay for the YAML parser and its schema, nor the
 * reverse.
 */
async function frontEndsFor(names: string[]): Promise<(name: string) => FrontEnd | undefined> {
  const needs = (test: (n: string) => boolean) => names.some(test);
  const isNative = (n: string) => NATIVE_SUFFIXES.some((s) => n.endsWith(s));
  const [yaml, tf, hcl, bde] = await Promise.all([
    needs(isNative) ? import("./native-yaml.js") : undefined,
    needs((n) => n.endsWith(TF_JSON_SUFFIX)) ? import("./terraform-json.js") : undefined,
    needs((n) => n.endsWith(TF_SUFFIX)) ? import("./terraform-hcl.js") : undefined,
    needs((n) => n.endsWith(BDE_SUFFIX)) ? import("./bde-spec.js") : undefined,
  ]);
  return (name) => {
    if (isNative(name)) return yaml?.parseNativeYaml;
    if (name.endsWith(TF_JSON_SUFFIX)) return tf?.parseTerraformJson;
    if (name.endsWith(TF_SUFFIX)) return hcl?.parseTerraformHcl;
    if (name.endsWith(BDE_SUFFIX)) return bde?.parseBdeSpec;
    return undefined;
  };
}

const NATIVE_SUFFIXES = [".gantry.yaml", ".gantry.yml"];
const TF_JSON_SUFFIX = ".tf.json";
const TF_SUFFIX = ".tf";
const BDE_SUFFIX = ".bde.json";

/** True for file names this loader reads. */
export function isConfigFileName(name: string): boolean {
  return (
    NATIVE_SUFFIXES.some((s) => name.endsWith(s)) ||
    name.endsWith(TF_JSON_SUFFIX) ||
    name.endsWith(TF_SUFFIX) ||
    name.endsWith(BDE_SUFFIX) ||
    isHotFileName(name)
  );
}

/** Reads and merges the files of `dir` and of the modules it calls; throws GantryError with all problems. */
export async function loadConfig(dir: string): Promise<Config> {
  const abs = path.resolve(dir);
  const files = await readConfigDir(abs, abs, dir, false);
  if (files === undefined) throw new GantryError(`${dir} is not a directory`);
  return loadConfigFromFiles(abs, files, dir, (moduleDir) => readConfigDir(moduleDir, abs, moduleDir, true));
}

/**
 * The configuration files of directory `abs`, their paths relative to `root`; undefined when it is not a directory
 * (or, if `missingIsUndefined`, does not exist). Throws GantryError when it cannot be read.
 */
async function readConfigDir(
  abs: string,
  root: string,
  shown: string,
  missingIsUndefined: boolean,
): Promise<SourceFile[] | undefined> {
  let names: string[];
  try {
    const st = await stat(abs);
    if (!st.isDirectory()) return undefined;
    const entries = await readdir(abs, { withFileTypes: true });
    names = entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && isConfigFileName(e.name)).map((e) => e.name);
  } catch (e) {
    if (missingIsUndefined && (e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new GantryError(`cannot read configuration directory ${shown}: ${(e as Error).message}`);
  }
  names.sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(abs, name);
      const rel = abs === root ? name : path.relative(root, file).split(path.sep).join("/");
      const size = (await stat(file)).size;
      if (size > MAX_SOURCE_BYTES) throw tooLargeError(rel, size);
      return { path: rel, content: decodeSource(await readFile(file), rel) };
    }),
  );
}

/** Refuses, at the line and column, nesting deeper than gantry reads and integers a double cannot hold. */
function checkNesting(f: SourceFile, bag: DiagnosticBag): void {
  if (f.content.length > MAX_SOURCE_BYTES) {
    bag.add(tooLargeError(f.path, Buffer.byteLength(f.content)).diagnostics[0]!);
    return;
  }
  const syntax: Syntax | undefined = /\.json$/.test(f.path)
    ? "json"
    : /\.ya?ml$/.test(f.path)
      ? "yaml"
      : /\.(tf|tfvars|hcl)$/.test(f.path)
        ? "hcl"
        : undefined;
  if (!syntax) return;
  const found = scanSource(f.content, syntax);
  if (!found) return;
  const where = { file: f.path, path: [], line: found.line, column: found.column };
  if (found.problem === "too-deep")
    bag.error(
      `${f.path} nests deeper than ${MAX_NESTING_DEPTH} levels at line ${found.line}, column ${found.column}`,
      where,
    );
  else
    bag.error(
      `${f.path}: the number ${found.text} at line ${found.line}, column ${found.column} cannot be represented ` +
        "exactly (integers beyond ±2^53 lose precision); write it as a string",
      where,
    );
}

/** True for the path of a file in a module's directory (not the root's): it names a directory. */
function isModuleFile(p: string): boolean {
  return p.includes("/");
}

/**
 * Build a Config from files already in memory (e.g. a plan file's embedded
 * configuration); no disk reads. `dir` becomes Config.dir (made absolute).
 * Files whose paths name a directory belong to modules; modules are read through `readModuleDir` (by default from
 * these files).
 */
export async function loadConfigFromFiles(
  dir: string,
  files: SourceFile[],
  displayDir: string = dir,
  readModuleDir?: ModuleDirReader,
): Promise<Config> {
  const abs = path.resolve(dir);
  const bag = new DiagnosticBag();
  const rootFiles = files.filter((f) => !isModuleFile(f.path));
  if (rootFiles.length === 0) bag.error(`no *.gantry.yaml, *.tf or *.tf.json files in ${displayDir}`);
  for (const f of files) checkNesting(f, bag);
  bag.throwIfErrors();
  let config: Config;
  try {
    config = await buildConfig(abs, rootFiles, bag);
  } catch (e) {
    // nesting the scan cannot see (inside an expression string) still must not surface as a crash
    if (e instanceof RangeError && /call stack/i.test(e.message))
      throw new GantryError(
        `the configuration in ${displayDir} nests too deeply to be read ` +
          `(gantry reads at most ${MAX_NESTING_DEPTH} levels)`,
      );
    throw e;
  }
  if (config.modules?.size) {
    const read: ModuleDirReader =
      readModuleDir ??
      (async (moduleDir) => {
        const inDir = files.filter(
          (f) => isModuleFile(f.path) && path.dirname(path.resolve(abs, f.path)) === moduleDir,
        );
        return inDir.length ? inDir : undefined;
      });
    await loadModules(config, abs, read, (d, fs) => buildConfig(d, fs, bag), bag);
  }
  bag.throwIfErrors();
  const warnings = bag.items.filter((d) => d.severity === "warning");
  if (warnings.length) config.warnings = warnings;
  return config;
}

/** Parse and merge one directory's files (paths relative to the root configuration) into a Config of `dir`. */
async function buildConfig(dir: string, files: SourceFile[], bag: DiagnosticBag): Promise<Config> {
  const config = emptyConfig(dir);
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const frontEnd = await frontEndsFor(sorted.map((f) => f.path));
  const frags: ConfigFragment[] = [];
  // A HOT stack's files (template, environments, files map) load together, through one front end.
  const hot = sorted.filter((f) => isHotFileName(f.path));
  if (hot.length) {
    for (const f of hot) config.files.push({ path: f.path, content: f.content });
    if (hot.some((f) => f.path === HOT_TEMPLATE_FILE)) {
      const { parseHotStack } = await import("./hot/hot-template.js");
      frags.push(parseHotStack(hot, bag));
    } else
      for (const f of hot)
        bag.error(`${f.path} belongs to a Heat stack, but there is no ${HOT_TEMPLATE_FILE}`, {
          file: f.path,
          path: [],
        });
  }
  for (const f of sorted) {
    if (isHotFileName(f.path)) continue;
    // Strip a byte-order mark; keep the content as read in Config.files.
    const text = f.content.charCodeAt(0) === 0xfeff ? f.content.slice(1) : f.content;
    config.files.push({ path: f.path, content: f.content });
    const parse = frontEnd(f.path);
    if (parse) frags.push(await parse(f.path, text, bag));
    else
      bag.error(`${f.path} is not a configuration file (expected *.gantry.yaml, *.tf or *.tf.json)`, {
        file: f.path,
        path: [],
      });
  }

  // `what`: the kind of declaration (the message names it `kind "key"`) or the whole name; the message is made only
  // for a duplicate, not once per resource
  type What = string | (() => string);
  const merge = <T extends { origin: Origin }>(target: Map<string, T>, item: T, key: string, what: What): void => {
    const prev = target.get(key);
    if (prev) {
      bag.add({
        severity: "error",
        summary: `${typeof what === "string" ? `${what} "${key}"` : what()} is declared more than once`,
        origin: item.origin,
        related: [
          { label: "first declared here", origin: prev.origin },
          { label: "declared again here", origin: item.origin },
        ],
      });
      return;
    }
    target.set(key, item);
  };
  const modules = config.modules!;
  for (const frag of frags) {
    for (const v of frag.variables) merge(config.variables, v, v.name, "variable");
    for (const l of frag.locals) merge(config.locals, l, l.name, "local");
    for (const r of frag.resources) merge(config.resources, r, r.key, "resource");
    for (const o of frag.outputs) merge(config.outputs, o, o.name, "output");
    for (const m of frag.modules) merge(modules, m, m.name, "module");
    for (const r of frag.data) merge(config.data, r, r.key, () => `data "${r.type}" "${r.name}"`);
    for (const c of frag.checks) merge(config.checks, c, c.name, "check");
    config.moved.push(...frag.moved);
    for (const i of frag.imports) {
      const prev = config.imports.find((p) => p.to === i.to);
      if (prev)
        bag.add({
          severity: "error",
          summary: `Duplicate import configuration for "${i.to}"`,
          detail:
            `An import block for the resource "${i.to}" was already declared. A resource can have only one ` +
            "import block.",
          origin: i.origin,
          related: [{ label: "first declared here", origin: prev.origin }],
        });
      else config.imports.push(i);
    }
    for (const b of frag.backends) {
      if (config.backend) {
        bag.add({
          severity: "error",
          summary: "Duplicate backend configuration",
          detail: "A configuration may have only one backend block.",
          origin: b.origin,
          related: [{ label: "first declared here", origin: config.backend.origin }],
        });
      } else config.backend = b;
    }
  }
  return config;
}
