// `workspace new|select|list|show|delete` as Terraform's local backend does
// them; refusals carry Terraform's messages (with "gantry" for "terraform").
// With the pg backend the workspaces are rows of its schema (the selection stays in <dir>/.gantry/environment).

import { resolve } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import { chooseBackend } from "./backend-choice.js";
import { PgStateBackend } from "./pg-state/pg-state-backend.js";
import { PgStateStore } from "./pg-state/pg-state-store.js";
import { FileStateBackend, type StateBackend } from "./state-backend.js";
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

/** The pg backend's store when the directory's state is in PostgreSQL (closed by `use`'s end). */
async function withPgStore<T>(
  dir: string,
  env: Env,
  backendConfig: string[] | undefined,
  use: (store: PgStateStore | undefined) => Promise<T>,
): Promise<T> {
  const choice = chooseBackend(dir, env, backendConfig);
  if (choice.type !== "pg") return use(undefined);
  const store = new PgStateStore(choice.settings);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

async function exists(store: PgStateStore | undefined, dir: string, name: string): Promise<boolean> {
  return store ? name === DEFAULT_WORKSPACE || store.workspaceExists(name) : workspaceExists(dir, name);
}

async function create(store: PgStateStore | undefined, dir: string, name: string): Promise<void> {
  if (store) await store.createWorkspace(name);
  else createWorkspace(dir, name);
}

export async function listNamedWorkspaces(dir: string, env: Env, backendConfig?: string[]): Promise<WorkspaceList> {
  const abs = resolve(dir);
  const current = currentWorkspaceName(abs, env);
  return withPgStore(abs, env, backendConfig, async (store) => {
    if (!store) return { current, names: listWorkspaces(abs) };
    const named = (await store.workspaceNames()).filter((n) => n !== DEFAULT_WORKSPACE).sort();
    return { current, names: [DEFAULT_WORKSPACE, ...named] };
  });
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
export async function newNamedWorkspace(dir: string, name: string, env: Env, backendConfig?: string[]): Promise<void> {
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
  await withPgStore(abs, env, backendConfig, async (store) => {
    if (await exists(store, abs, name)) throw new GantryError(`Workspace ${JSON.stringify(name)} already exists`);
    await create(store, abs, name);
  });
  selectWorkspace(abs, name);
}

/** Selects a workspace; returns whether it was created (-or-create) and whether anything changed. */
export async function selectNamedWorkspace(
  dir: string,
  name: string,
  env: Env,
  orCreate = false,
  backendConfig?: string[],
): Promise<{ created: boolean; changed: boolean }> {
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
  const created = await withPgStore(abs, env, backendConfig, async (store) => {
    if (await exists(store, abs, name)) return false;
    if (!orCreate) throw doesNotExist(name);
    await create(store, abs, name);
    return true;
  });
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
  opts: { force?: boolean; lockTimeoutMs?: number; backendConfig?: string[] } = {},
): Promise<{ hadResources: boolean }> {
  const abs = resolve(dir);
  return withPgStore(abs, env, opts.backendConfig, (store) => deleteIn(store, abs, name, env, opts));
}

async function deleteIn(
  store: PgStateStore | undefined,
  abs: string,
  name: string,
  env: Env,
  opts: { force?: boolean; lockTimeoutMs?: number },
): Promise<{ hadResources: boolean }> {
  if (!validWorkspaceName(name) || !(await exists(store, abs, name))) throw doesNotExist(name);
  if (currentWorkspaceName(abs, env).name === name)
    throw new GantryError(
      `Workspace ${JSON.stringify(name)} is your active workspace.\n\nYou cannot delete the currently active ` +
        "workspace. Please switch\nto another workspace and try again.",
    );
  if (name === DEFAULT_WORKSPACE) throw new GantryError("Cannot delete the default workspace");
  const backend: StateBackend = store
    ? new PgStateBackend(store, name)
    : new FileStateBackend(workspaceStatePath(abs, name));
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
  if (store) await store.deleteWorkspace(name);
  else deleteWorkspace(abs, name);
  return { hadResources: addresses.length > 0 };
}
