// A configuration directory as the commands see it: its configuration,
// variable values, state file, working data directory and resource types.

import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { getResourceType, resourceTypeNames } from "../provider/registry.js";
import { GantryError } from "../planner/diagnostics.js";
import type { TypeResolver } from "../planner/instances.js";
import type { Config } from "../planner/model.js";
import { readState, type State } from "../planner/state.js";
import type { Value } from "../planner/values.js";
import { resolveVariables } from "../planner/variables.js";
import { loadConfig } from "../templates/load.js";
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

export async function loadWorkspaceConfig(ws: Workspace, opts: WorkspaceOptions): Promise<{ config: Config; variables: Map<string, Value> }> {
  const config = await loadConfig(ws.dir);
  const provided = resolveVariableValues(config, { vars: opts.vars ?? [], varFiles: opts.varFiles ?? [], env: process.env });
  const variables = resolveVariables(config, provided as Map<string, unknown>);
  return { config, variables };
}

export function loadState(ws: Workspace): State {
  return readState(ws.statePath, GANTRY_VERSION);
}
