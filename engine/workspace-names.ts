// Named workspaces, as Terraform's local backend keeps them: one state per
// workspace; "default" is `<dir>/gantry.tfstate`, any other NAME lives in
// `<dir>/gantry.tfstate.d/NAME/gantry.tfstate` (Terraform's
// `terraform.tfstate.d/NAME/terraform.tfstate`). The selected workspace is
// recorded in `<dir>/.gantry/environment` (Terraform's `.terraform/environment`);
// GANTRY_WORKSPACE or TF_WORKSPACE in the environment override it.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError } from "../contract/diagnostics.js";

export const STATE_FILE_NAME = "gantry.tfstate";
export const DEFAULT_WORKSPACE = "default";
/** Where the states of named workspaces other than "default" live, under the configuration directory. */
export const WORKSPACE_STATE_DIR = `${STATE_FILE_NAME}.d`;
/** The file (under the data directory) naming the selected workspace. */
export const ENVIRONMENT_FILE = join(".gantry", "environment");
/** Environment variables that override the selected workspace, in order of precedence. */
export const WORKSPACE_ENV_VARS = ["GANTRY_WORKSPACE", "TF_WORKSPACE"] as const;

/**
 * Terraform's rule: not empty, and nothing a URL path segment would escape
 * (letters, digits and `-_.~$&+:=@`).
 */
export function validWorkspaceName(name: string): boolean {
  return /^[A-Za-z0-9\-_.~$&+:=@]+$/.test(name);
}

export function invalidWorkspaceNameMessage(name: string): string {
  return (
    `The workspace name ${JSON.stringify(name)} is not allowed. The name must contain only URL safe\n` +
    "characters, contain no path separators, and not be an empty string."
  );
}

export interface SelectedWorkspace {
  name: string;
  /** Set by an environment variable (which one), not by `workspace select`. */
  overriddenBy?: string;
}

/** The workspace in use for `dir`: the environment's override, else the recorded selection, else "default". */
export function currentWorkspaceName(dir: string, env: Record<string, string | undefined>): SelectedWorkspace {
  for (const v of WORKSPACE_ENV_VARS) {
    const name = env[v];
    if (!name) continue;
    if (!validWorkspaceName(name)) throw new GantryError(`Invalid workspace name set using ${v}`);
    return { name, overriddenBy: v };
  }
  let recorded = "";
  try {
    recorded = readFileSync(join(dir, ENVIRONMENT_FILE), "utf8").trim();
  } catch {
    // nothing selected yet
  }
  const name = recorded || DEFAULT_WORKSPACE;
  if (!validWorkspaceName(name))
    throw new GantryError(
      `Invalid workspace name: The selected workspace described in ${JSON.stringify(join(dir, ENVIRONMENT_FILE))} ` +
        "has an invalid name. This suggests that the file contents were edited by something other than gantry. To " +
        "select a different, valid workspace name use commands `gantry workspace select` or `gantry workspace " +
        "select -or-create`.",
    );
  return { name };
}

/** Records `name` as the selected workspace of `dir`. */
export function selectWorkspace(dir: string, name: string): void {
  mkdirSync(join(dir, ".gantry"), { recursive: true });
  writeFileSync(join(dir, ENVIRONMENT_FILE), name, { mode: 0o644 });
}

/** The state file of a workspace. */
export function workspaceStatePath(dir: string, name: string): string {
  return name === DEFAULT_WORKSPACE
    ? join(dir, STATE_FILE_NAME)
    : join(dir, WORKSPACE_STATE_DIR, name, STATE_FILE_NAME);
}

/** "default" first, then every named workspace (a directory under gantry.tfstate.d), sorted. */
export function listWorkspaces(dir: string): string[] {
  let named: string[] = [];
  try {
    named = readdirSync(join(dir, WORKSPACE_STATE_DIR), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    // no named workspaces yet
  }
  return [DEFAULT_WORKSPACE, ...named];
}

export function workspaceExists(dir: string, name: string): boolean {
  return name === DEFAULT_WORKSPACE || existsSync(join(dir, WORKSPACE_STATE_DIR, name));
}

/** Creates a named workspace's directory (its state is written by the first command that records one). */
export function createWorkspace(dir: string, name: string): void {
  if (name !== DEFAULT_WORKSPACE) mkdirSync(join(dir, WORKSPACE_STATE_DIR, name), { recursive: true });
}

/** Removes a named workspace and its state ("default" cannot be removed). */
export function deleteWorkspace(dir: string, name: string): void {
  if (name === DEFAULT_WORKSPACE) throw new GantryError("Cannot delete the default workspace");
  rmSync(join(dir, WORKSPACE_STATE_DIR, name), { recursive: true, force: true });
}
