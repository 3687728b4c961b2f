// A configuration directory as the commands see it: its configuration,
// variable values, state file, working data directory and resource types.

import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { getResourceType, resourceTypeNames } from "../provider/registry.js";
import { GantryError } from "../contract/diagnostics.js";
import type { TypeResolver } from "../planner/instances.js";
import type { Config } from "../planner/model.js";
import { readState, type State } from "../planner/state.js";
import type { Value } from "../contract/values.js";
import { resolveVariables } from "../planner/variables.js";
import { expandBlueprints } from "../blueprints/expand.js";
import { previousPlacementFromState } from "../blueprints/cluster-record.js";
import type { Diagnostic } from "../contract/diagnostics.js";
import type { SourceFile } from "../planner/model.js";
import { loadConfig, loadConfigFromFiles } from "../templates/load.js";
import { resolveVariableValues } from "../templates/variable-values.js";
import { GANTRY_VERSION } from "./render-json.js";

export const STATE_FILE_NAME = "gantry.tfstate";

export interface WorkspaceOptions {
  dir: string;
  statePath?: string;
  vars?: string[];
  varFiles?: string[];
}

export interface Workspace {
  dir: string;
  statePath: string;
  dataDir: string;
  types: TypeResolver;
  knownTypes: string[];
}

export function workspace(opts: { dir: string; statePath?: string }): Workspace {
  const dir = resolve(opts.dir);
  if (!existsSync(dir)) throw new GantryError(`configuration directory ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new GantryError(`${dir} is not a directory`);
  return {
    dir,
    statePath: resolve(opts.statePath ?? join(dir, STATE_FILE_NAME)),
    dataDir: join(dir, ".gantry"),
    types: (name) => getResourceType(name),
    knownTypes: resourceTypeNames(),
  };
}

export function ensureDataDir(ws: Workspace): void {
  mkdirSync(ws.dataDir, { recursive: true });
}

export interface LoadedConfig {
  config: Config;
  variables: Map<string, Value>;
  /** Warnings found while expanding blueprints (e.g. an even number of ZooKeeper members). */
  warnings: Diagnostic[];
}

/** `state` (none for validate and graph) gives the placement of the last apply, kept stable. */
export async function loadWorkspaceConfig(ws: Workspace, opts: WorkspaceOptions, state?: State): Promise<LoadedConfig> {
  const raw = await loadConfig(ws.dir);
  const provided = resolveVariableValues(raw, { vars: opts.vars ?? [], varFiles: opts.varFiles ?? [], env: process.env, ordered: commandLineVarOrder(opts) });
  const variables = resolveVariables(raw, provided as Map<string, unknown>);
  const previous = state && previousPlacementFromState(state);
  const { config, warnings } = expandBlueprints(raw, variables, { dataDir: ws.dataDir, previous });
  return { config, variables, warnings };
}

/** The configuration embedded in a saved plan, expanded exactly as when it was planned. */
export function replayConfig(ws: Workspace, files: SourceFile[], variables: Map<string, Value>, state: State): Config {
  const previous = previousPlacementFromState(state);
  return expandBlueprints(loadConfigFromFiles(ws.dir, files), variables, { dataDir: ws.dataDir, previous }).config;
}

/**
 * -var and -var-file as they stand on the command line (oclif keeps each
 * flag's values but not their order across flags); undefined when the
 * command line does not hold exactly these values (e.g. a programmatic call).
 */
function commandLineVarOrder(opts: WorkspaceOptions): { kind: "var" | "file"; value: string }[] | undefined {
  const argv = process.argv.slice(2);
  const out: { kind: "var" | "file"; value: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?(var|var-file)(?:=(.*))?$/s.exec(argv[i]);
    if (!m) continue;
    const value = m[2] ?? argv[++i];
    if (value !== undefined) out.push({ kind: m[1] === "var" ? "var" : "file", value });
  }
  const same = (kind: "var" | "file", list: string[] = []) =>
    JSON.stringify(out.filter((x) => x.kind === kind).map((x) => x.value)) === JSON.stringify(list);
  return same("var", opts.vars) && same("file", opts.varFiles) && out.length ? out : undefined;
}

export function loadState(ws: Workspace): State {
  return readState(ws.statePath, GANTRY_VERSION);
}
