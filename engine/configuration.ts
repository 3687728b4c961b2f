// The configuration of a workspace: its files read by the front ends,
// variable values resolved in Terraform's order, and clusters expanded into
// resources (placed as before, when there was a before).

import { previousPlacementFromState } from "../blueprints/cluster-record.js";
import { clustersOf, expandBlueprintsLazily } from "../blueprints/lazy-expand.js";
import { type Diagnostic, GantryError, type Origin } from "../contract/diagnostics.js";
import type { Value } from "../contract/values.js";
import type { Config, SourceFile } from "../planner/model.js";
import type { State } from "../planner/state.js";
import { expandModules } from "../planner/module-expansion.js";
import { resolveVariables, type VariableInput } from "../planner/variables.js";
import { loadConfig, loadConfigFromFiles } from "../templates/load.js";
import { SourceLocator } from "../templates/locate.js";
import { resolveVariableInputs } from "../templates/variable-values.js";
import type { EventSink } from "./events.js";
import type { Workspace } from "./workspace.js";

export interface LoadedConfiguration {
  config: Config;
  variables: Map<string, Value>;
  /** Warnings found while expanding blueprints (e.g. an even number of ZooKeeper members). */
  warnings: Diagnostic[];
  /** Hosts of clusters marked failed (recorded in the state, or replaced by this plan). */
  failedHosts: Set<string>;
  /** Every cluster's inventory hosts. */
  clusterHosts: Set<string>;
}

/**
 * Reads and expands the workspace's configuration; with the state it was
 * applied to (`prior`), clusters stay placed as they were.
 */
export async function loadConfiguration(
  ws: Workspace,
  prior: State | undefined,
  /** Hosts to mark failed now (-replace-host, lost hosts in a reconcile) → why. */
  replaceHosts?: Record<string, string>,
  onEvent?: EventSink,
): Promise<LoadedConfiguration> {
  const raw = ws.files ? await loadConfigFromFiles(ws.dir, ws.files) : await loadConfig(ws.dir);
  const provided = await resolveVariableInputs(raw, {
    vars: ws.vars,
    varFiles: ws.varFiles,
    env: ws.env,
    ordered: ws.variableOrder,
  });
  for (const [name, value] of Object.entries(ws.values)) provided.set(name, { value, source: { kind: "program" } });
  // the files positions are read from, kept by this load (and its configuration's module variables) alone
  const locator = new SourceLocator();
  const variables = resolveVariables(raw, provided, { where: (o) => where(locator, o, ws.dir, raw.files) });
  onEvent?.({ type: "progress", step: "configuration-read" });
  const previous = prior && previousPlacementFromState(prior);
  const expanded = await expandBlueprintsLazily(raw, variables, { dataDir: ws.dataDir, previous, replaceHosts });
  const { config, failedHosts, clusterHosts } = expanded;
  // the front ends' warnings (a feature accepted but ignored) first, then the blueprints'
  const warnings = [...(raw.warnings ?? []), ...expanded.warnings];
  const modular = locateModuleVariables(locator, expandModules(config, variables), ws.dir, raw.files);
  return { config: modular, variables, warnings, failedHosts, clusterHosts };
}

/**
 * The workspace's configuration as `terraform validate` sees it: every input variable unknown (default or not, in the
 * root module and inside modules), so that what is checked holds for any values, and a variable without a value is
 * no error. Values given with -var or -var-file (which Terraform's validate does not take) are checked against their
 * variables and used; the environment and terraform.tfvars are not read. Every module call is expanded once, its
 * count.index and each unknown, as Terraform validates a module once whatever its count or for_each. Clusters are
 * expanded with the values a plan would have where they are known (a given value or the default).
 */
export async function loadConfigurationToValidate(ws: Workspace): Promise<LoadedConfiguration> {
  const raw = ws.files ? await loadConfigFromFiles(ws.dir, ws.files) : await loadConfig(ws.dir);
  const provided = await resolveVariableInputs(raw, {
    vars: ws.vars,
    varFiles: ws.varFiles,
    ordered: ws.variableOrder,
    autoFiles: false,
  });
  for (const [name, value] of Object.entries(ws.values)) provided.set(name, { value, source: { kind: "program" } });
  const locator = new SourceLocator();
  const options = { where: (o: Origin) => where(locator, o, ws.dir, raw.files) };
  const variables = resolveVariables(raw, provided, { ...options, unset: "unknown" });
  const planned = clustersOf(raw).length ? clusterVariables(raw, provided, variables) : variables;
  const expanded = await expandBlueprintsLazily(raw, planned, { dataDir: ws.dataDir, unknownLeftAsWritten: true });
  const { config, failedHosts, clusterHosts } = expanded;
  const warnings = [...(raw.warnings ?? []), ...expanded.warnings];
  const modular = locateModuleVariables(locator, expandModules(config, variables, { once: true }), ws.dir, raw.files);
  return { config: modular, variables, warnings, failedHosts, clusterHosts };
}

/** Variables as a cluster's expansion at validate takes them: given or default values, where they are acceptable. */
function clusterVariables(
  raw: Config,
  provided: Map<string, VariableInput>,
  unknown: Map<string, Value>,
): Map<string, Value> {
  try {
    return resolveVariables(raw, provided, { unset: "default" });
  } catch (e) {
    if (e instanceof GantryError) return unknown; // a default its own rules refuse: plan says so
    throw e;
  }
}

/** The configuration embedded in a saved plan, expanded exactly as when it was planned. */
export async function replayConfiguration(
  ws: Workspace,
  files: SourceFile[],
  variables: Map<string, Value>,
  prior: State,
  replaceHosts?: Record<string, string>,
): Promise<Config> {
  const raw = await loadConfigFromFiles(ws.dir, files);
  const previous = previousPlacementFromState(prior);
  const { config } = await expandBlueprintsLazily(raw, variables, { dataDir: ws.dataDir, previous, replaceHosts });
  return locateModuleVariables(new SourceLocator(), expandModules(config, variables), ws.dir, files);
}

/**
 * Module variables get the line and column of their declaration (front ends keep only paths), so that a value one
 * refuses (its type, a validation rule) says where it is declared. Located when first read, by a message: locating
 * in a `.tf` file loads the synchronous HCL parser, some 0.4 s of CPU that a run without such a message never spends.
 * Each declaration is located once: every instance of a module shares it.
 */
function locateModuleVariables(locator: SourceLocator, config: Config, dir: string, files: SourceFile[]): Config {
  const located = new Set<Origin>();
  for (const l of config.locals.values()) {
    const origin = l.input?.origin;
    if (!origin || located.has(origin) || origin.line !== undefined) continue;
    located.add(origin);
    let position: { line: number; column: number } | undefined | null = null; // null: not looked for yet
    const find = () => {
      // located by its file and path alone (locate reads line and column first, which are these getters)
      if (position === null) position = locator.locate({ file: origin.file, path: origin.path }, dir, files);
      return position;
    };
    Object.defineProperties(origin, {
      line: { get: () => find()?.line, enumerable: true, configurable: true },
      column: { get: () => find()?.column, enumerable: true, configurable: true },
    });
  }
  return config;
}

/** "main.tf.json:3,5": an origin as Terraform names a place in messages. */
function where(locator: SourceLocator, origin: Origin, dir: string, files: SourceFile[]): string {
  const p = locator.locate(origin, dir, files);
  return p ? `${origin.file}:${p.line},${p.column}` : origin.file;
}
