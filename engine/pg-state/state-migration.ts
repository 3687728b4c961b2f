// `gantry state migrate`: a workspace's state moves from its local file into PostgreSQL (-to pg) or back
// (-to local), unchanged: the text is stored and written back byte for byte, serial and lineage included. Both
// sides are locked while it moves; the source is left as it was.

import { existsSync, mkdirSync, readFileSync, copyFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { GantryError } from "../../contract/diagnostics.js";
import { deserializeState, writeFileAtomic } from "../../planner/state.js";
import { chooseBackend } from "../backend-choice.js";
import { FileStateBackend } from "../state-backend.js";
import { currentWorkspaceName, DEFAULT_WORKSPACE, STATE_FILE_NAME, workspaceStatePath } from "../workspace-names.js";
import { localBackendPath } from "../../templates/local-backend.js";
import { PgStateBackend } from "./pg-state-backend.js";
import { PgStateStore } from "./pg-state-store.js";

export interface StateMigrationRequest {
  dir: string;
  env: Record<string, string | undefined>;
  /** Where the state goes. */
  to: "pg" | "local";
  /** The local state file (default: the workspace's, as the local backend keeps it). */
  statePath?: string;
  backendConfig?: string[];
  /** Replace a state already at the destination. */
  force?: boolean;
  lockTimeoutMs?: number;
}

export interface StateMigrationResult {
  from: string;
  to: string;
  workspace: string;
  serial: number;
  lineage: string;
  bytes: number;
}

export async function migrateState(req: StateMigrationRequest): Promise<StateMigrationResult> {
  const dir = resolve(req.dir);
  const choice = chooseBackend(dir, req.env, req.backendConfig);
  if (choice.type !== "pg")
    throw new GantryError({
      severity: "error",
      summary: "state migrate needs the pg backend's settings",
      detail:
        'Give them in a backend "pg" block, with -backend-config conn_str=postgres://user@host/db, or in ' +
        "GANTRY_PG_CONN.",
    });
  const workspace = currentWorkspaceName(dir, req.env).name;
  const path = resolve(
    req.statePath ??
      (workspace === DEFAULT_WORKSPACE
        ? resolve(dir, localBackendPath(dir) ?? STATE_FILE_NAME)
        : workspaceStatePath(dir, workspace)),
  );
  const file = new FileStateBackend(path);
  const pgBackend = new PgStateBackend(new PgStateStore(choice.settings), workspace);
  const timeout = req.lockTimeoutMs ?? 0;
  try {
    const pgLease = await pgBackend.lock("state migrate", timeout);
    try {
      mkdirSync(dirname(path), { recursive: true });
      const fileLease = await file.lock("state migrate", timeout);
      try {
        if (req.to === "pg") {
          if (!existsSync(path)) throw new GantryError(`state migrate: there is no local state ${path}`);
          const body = readFileSync(path, "utf8");
          const state = deserializeState(body, path);
          const there = await pgBackend.readStored();
          if (there && !req.force)
            throw new GantryError({
              severity: "error",
              summary: `state migrate: ${pgBackend.location} already holds a state (serial ${there.serial})`,
              detail: "Use -force to make the local state its current version (the versions before stay in history).",
            });
          await pgBackend.put({ serial: state.serial, lineage: state.lineage, body });
          return result(path, pgBackend.location, workspace, state.serial, state.lineage, body);
        }
        const stored = await pgBackend.readStored();
        if (!stored) throw new GantryError(`state migrate: ${pgBackend.location} holds no state`);
        if (existsSync(path) && !req.force)
          throw new GantryError({
            severity: "error",
            summary: `state migrate: the local state ${path} exists`,
            detail: "Use -force to replace it (the file before is kept as its .backup).",
          });
        if (existsSync(path)) copyFileSync(path, `${path}.backup`);
        writeFileAtomic(path, stored.body);
        return result(pgBackend.location, path, workspace, stored.serial, stored.lineage, stored.body);
      } finally {
        await fileLease.release();
      }
    } finally {
      await pgLease.release();
    }
  } finally {
    await pgBackend.close();
  }
}

function result(
  from: string,
  to: string,
  workspace: string,
  serial: number,
  lineage: string,
  body: string,
): StateMigrationResult {
  return { from, to, workspace, serial, lineage, bytes: Buffer.byteLength(body) };
}
