// A workspace's lock in PostgreSQL: a session-level advisory lock held by a connection of its own for as long as
// the operation runs, and a row saying who holds it (who, host, operation, since, id) for anyone refused. The row
// counts only while its session (backend_pid) holds the advisory lock: when the holder's process dies, even by
// kill -9, PostgreSQL ends its session and the advisory lock with it, so no lock is ever left stale; the next
// operation takes the lock and overwrites the row.

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type pg from "pg";
import { GantryError } from "../../contract/diagnostics.js";
import { describeLock, type LockInfo } from "../../planner/state-lock.js";
import type { StateLease } from "../state-backend.js";
import { type PgStateStore, safeUser } from "./pg-state-store.js";

interface LockRow {
  lock_id: string;
  operation: string;
  who: string;
  pid: number;
  created_at: Date;
  backend_pid: number;
}

/** The advisory lock's key for a workspace of a schema (one 64-bit number, computed by PostgreSQL). */
function lockKey(store: PgStateStore, workspace: string): string {
  return `gantry-state:${store.settings.schemaName}:${workspace}`;
}

export class PgStateLease implements StateLease {
  /** Set when the lock's session ended before release (force-unlock, server restart): writes must stop. */
  lost = false;
  private released = false;

  constructor(
    private readonly store: PgStateStore,
    private readonly client: pg.Client,
    private readonly workspace: string,
    readonly info: LockInfo,
  ) {
    client.on("error", () => {
      this.lost = true;
    });
    client.on("end", () => {
      if (!this.released) this.lost = true;
    });
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      if (!this.lost) {
        await this.client.query(
          `DELETE FROM ${this.store.schema}.gantry_state_locks WHERE workspace = $1 AND lock_id = $2`,
          [this.workspace, this.info.ID],
        );
        await this.client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [
          lockKey(this.store, this.workspace),
        ]);
      }
    } catch {
      // the session is gone: PostgreSQL released the advisory lock with it
    } finally {
      await this.client.end().catch(() => {});
    }
  }
}

/** Takes the workspace's lock, polling until timeoutMs passes (0: one try); a refusal names the holder. */
export async function acquirePgLock(
  store: PgStateStore,
  workspace: string,
  location: string,
  operation: string,
  timeoutMs: number,
): Promise<PgStateLease> {
  const client = await store.connect();
  const key = lockKey(store, workspace);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const { rows } = await client.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok",
        [key],
      );
      if (rows[0]?.ok) break;
      if (Date.now() >= deadline) {
        const held = await lockHolder(store, workspace, location);
        throw new GantryError({
          severity: "error",
          summary: "Error acquiring the state lock",
          detail:
            `The state of ${location} is locked by another gantry command.\nLock Info:\n` +
            (held ? describeLock(held) : "  (the holder is taking the lock right now)") +
            "\n\nWait for it to finish, or use -lock-timeout to wait. A lock held by a process that died is " +
            "released by PostgreSQL itself; 'gantry force-unlock ID' ends the holder's session.",
        });
      }
      await new Promise((r) => setTimeout(r, Math.min(250, Math.max(10, deadline - Date.now()))));
    }
    const info: LockInfo = {
      ID: randomUUID(),
      Operation: operation,
      Who: `${safeUser()}@${hostname()}`,
      Created: new Date().toISOString(),
      Path: location,
      PID: process.pid,
    };
    // a row left by a holder that died is stale (its advisory lock went with its session): it is replaced
    await client.query(
      `INSERT INTO ${store.schema}.gantry_state_locks (workspace, lock_id, operation, who, pid, created_at, backend_pid)
       VALUES ($1, $2, $3, $4, $5, $6, pg_backend_pid())
       ON CONFLICT (workspace) DO UPDATE SET lock_id = excluded.lock_id, operation = excluded.operation,
         who = excluded.who, pid = excluded.pid, created_at = excluded.created_at, backend_pid = excluded.backend_pid`,
      [workspace, info.ID, info.Operation, info.Who, info.PID, info.Created],
    );
    return new PgStateLease(store, client, workspace, info);
  } catch (e) {
    await client.end().catch(() => {});
    if (e instanceof GantryError) throw e;
    throw new GantryError(`backend "pg" (${store.where}): cannot lock the state: ${(e as Error).message}`);
  }
}

/** The live holder of the workspace's lock (a row whose session holds an advisory lock), if any. */
export async function lockHolder(
  store: PgStateStore,
  workspace: string,
  location: string,
): Promise<(LockInfo & { backendPid: number }) | undefined> {
  return store.withClient(async (c) => {
    const { rows } = await c.query<LockRow>(
      `SELECT l.lock_id, l.operation, l.who, l.pid, l.created_at, l.backend_pid
         FROM ${store.schema}.gantry_state_locks l
        WHERE l.workspace = $1 AND EXISTS (
          SELECT 1 FROM pg_locks p WHERE p.locktype = 'advisory' AND p.granted AND p.pid = l.backend_pid)`,
      [workspace],
    );
    const r = rows[0];
    return r
      ? {
          ID: r.lock_id,
          Operation: r.operation,
          Who: r.who,
          Created: r.created_at.toISOString(),
          Path: location,
          PID: r.pid,
          backendPid: r.backend_pid,
        }
      : undefined;
  });
}

/**
 * force-unlock: the lock `id` is taken away. A live holder's lock session is terminated (pg_terminate_backend), so
 * PostgreSQL releases the advisory lock and that gantry's later state writes are refused; a stale row is removed.
 */
export async function forceUnlockPg(
  store: PgStateStore,
  workspace: string,
  location: string,
  id: string,
): Promise<LockInfo> {
  const live = await lockHolder(store, workspace, location);
  const row = await store.withClient(async (c) => {
    const { rows } = await c.query<LockRow>(
      `SELECT lock_id, operation, who, pid, created_at, backend_pid FROM ${store.schema}.gantry_state_locks
        WHERE workspace = $1`,
      [workspace],
    );
    return rows[0];
  });
  if (!row) throw new GantryError(`the state of ${location} is not locked`);
  if (row.lock_id !== id)
    throw new GantryError({
      severity: "error",
      summary: `lock ID "${id}" does not match the existing lock`,
      detail: `Lock Info:\n${describeLock(live ?? undefined)}`,
    });
  await store.withClient(async (c) => {
    if (live?.ID === id) await c.query("SELECT pg_terminate_backend($1)", [live.backendPid]);
    await c.query(`DELETE FROM ${store.schema}.gantry_state_locks WHERE workspace = $1 AND lock_id = $2`, [
      workspace,
      id,
    ]);
  });
  return {
    ID: row.lock_id,
    Operation: row.operation,
    Who: row.who,
    Created: row.created_at.toISOString(),
    Path: location,
    PID: row.pid,
  };
}
