// `workspace new|select|list|show|delete` as Terraform's local backend does
// them; refusals carry Terraform's messages (with "gantry" for "terraform").

import { resolve } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import { FileStateBackend } from "./state-backend.js";
import {
  createWorkspace,
  currentWorkspaceName,
  DEFAULT_WORKSPACE,
  deleteWorkspace,
  invalidWorkspaceNameMessage,
  listWorkspaces,
  selectWorkspace,
  type SelectedWorkspace,
  validWorkspaceName,
  workspaceExists,
  workspaceStatePath,
} from "./workspace-names.js";

export type Env = Record<string, string | undefined>;

export interface WorkspaceList {
  current: SelectedWorkspace;
  names: string[];
}

export function listNamedWorkspaces(dir: string, env: Env): WorkspaceList {
  const abs = resolve(dir);
  return { current: currentWorkspaceName(abs, env), names: listWorkspaces(abs) };
}

export function showWorkspace(dir: string, env: Env): string {
  return currentWorkspaceName(resolve(dir), env).name;
}

function checkName(name: string): void {
  if (!validWorkspaceName(name)) throw new GantryError(invalidWorkspaceNameMessage(name));
}

function doesNotExist(name: string): GantryError {
  return new GantryError(
    `Workspace ${JSON.stringify(name)} doesn't exist.\n\nYou can create this workspace with the "new" subcommand\n` +
      'or include the "-or-create" flag with the "select" subcommand.',
  );
}

/** Creates a workspace and selects it. */
export function newNamedWorkspace(dir: string, name: string, env: Env): void {
  checkName(name);
  const abs = resolve(dir);
  const current = currentWorkspaceName(abs, env);
  if (current.overriddenBy && current.name !== name)
    throw new GantryError(
      `The workspace is currently overridden using the ${current.overriddenBy} environment\nvariable. You cannot ` +
        "create a new workspace when using this setting.\n\nTo create a new workspace, either unset this " +
        "environment variable or update it\nto match the workspace name you are trying to create, and then run " +
        "this command\nagain.",
    );
  if (workspaceExists(abs, name)) throw new GantryError(`Workspace ${JSON.stringify(name)} already exists`);
  createWorkspace(abs, name);
  selectWorkspace(abs, name);
}

/** Selects a workspace; returns whether it was created (-or-create) and whether anything changed. */
export function selectNamedWorkspace(
  dir: string,
  name: string,
  env: Env,
  orCreate = false,
): { created: boolean; changed: boolean } {
  checkName(name);
  const abs = resolve(dir);
  const current = currentWorkspaceName(abs, env);
  if (current.overriddenBy)
    throw new GantryError(
      `The selected workspace is currently overridden using the ${current.overriddenBy}\nenvironment variable.\n\n` +
        "To select a new workspace, either update this environment variable or unset\nit and then run this " +
        "command again.",
    );
  if (current.name === name) return { created: false, changed: false };
  let created = false;
  if (!workspaceExists(abs, name)) {
    if (!orCreate) throw doesNotExist(name);
    createWorkspace(abs, name);
    created = true;
  }
  selectWorkspace(abs, name);
  return { created, changed: true };
}

/**
 * Deletes a workspace other than the current one and "default". One whose
 * state still tracks instances is refused (listing them) unless `force`.
 * Returns whether the deleted state was not empty.
 */
export async function deleteNamedWorkspace(
  dir: string,
  name: string,
  env: Env,
  opts: { force?: boolean; lockTimeoutMs?: number } = {},
): Promise<{ hadResources: boolean }> {
  const abs = resolve(dir);
  if (!validWorkspaceName(name) || !workspaceExists(abs, name)) throw doesNotExist(name);
  if (currentWorkspaceName(abs, env).name === name)
    throw new GantryError(
      `Workspace ${JSON.stringify(name)} is your active workspace.\n\nYou cannot delete the currently active ` +
        "workspace. Please switch\nto another workspace and try again.",
    );
  if (name === DEFAULT_WORKSPACE) throw new GantryError("Cannot delete the default workspace");
  const backend = new FileStateBackend(workspaceStatePath(abs, name));
  const lease = await backend.lock("workspace delete", opts.lockTimeoutMs ?? 0);
  let addresses: string[];
  try {
    addresses = [...(await backend.read()).instances.keys()].sort();
  } finally {
    await lease.release();
  }
  if (addresses.length && !opts.force)
    throw new GantryError({
      severity: "error",
      summary: "Workspace is not empty",
      detail:
        `Workspace ${JSON.stringify(name)} is currently tracking the following resource instances:` +
        addresses.map((a) => `\n  - ${a}`).join("") +
        "\n\nDeleting this workspace would cause gantry to lose track of any associated remote objects, which " +
        "would then require you to delete them manually outside of gantry. You should destroy these objects with " +
        "gantry before deleting the workspace.\n\nIf you want to delete this workspace anyway, and have gantry " +
        "forget about these managed objects, use the -force option to disable this safety check.",
    });
  deleteWorkspace(abs, name);
  return { hadResources: addresses.length > 0 };
}
