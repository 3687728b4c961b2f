// One PostgreSQL schema holding gantry's states: a small connection pool (reads and state writes), the migrations
// applied on first use, the workspaces as rows and every state version written. The pool lets the process exit
// when idle; errors reaching PostgreSQL are GantryErrors naming the backend setting, never a stack trace.

import { hostname, userInfo } from "node:os";
import type pg from "pg";
import { GantryError } from "../../contract/diagnostics.js";
import { type PgBackendSettings, redactConnStr } from "./pg-backend-settings.js";
import { migratePgState } from "./pg-state-migrations.js";

export interface StateVersionInfo {
  serial: number;
  lineage: string;
  writtenAt: string;
  writtenBy: string;
  operation: string;
  /** Bytes of the state's text. */
  size: number;
  /** The workspace's current version. */
  current: boolean;
}

export interface StoredState {
  serial: number;
  lineage: string;
  body: string;
}

export class PgStateStore {
  /** The schema, quoted for SQL. */
  readonly schema: string;
  private pool: pg.Pool | undefined;
  private migrated: Promise<void> | undefined;

  constructor(readonly settings: PgBackendSettings) {
    this.schema = `"${settings.schemaName.replace(/"/g, '""')}"`;
  }

  /** The database as shown to users (password hidden). */
  get where(): string {
    return `${redactConnStr(this.settings.connStr)} (schema ${this.settings.schemaName})`;
  }

  /** A new connection of its own (a lock's session), connected; errors name the backend setting. */
  async connect(): Promise<pg.Client> {
    const { Client } = await loadPg();
    const client = new Client({ connectionString: this.settings.connStr, connectionTimeoutMillis: 10_000 });
    // a session ended under us (server stopped, force-unlock): the user of the client finds out on its next query
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => {});
      throw this.connectionError(e);
    }
    await this.ready();
    return client;
  }

  /** Runs `fn` with a pooled connection, the migrations applied first. */
  async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready();
    return this.pooled(fn);
  }

  /** Runs `fn` in one transaction (rolled back if it throws). */
  transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (c) => {
      await c.query("BEGIN");
      try {
        const out = await fn(c);
        await c.query("COMMIT");
        return out;
      } catch (e) {
        await c.query("ROLLBACK").catch(() => {});
        throw e;
      }
    });
  }

  private async pooled<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (!this.pool) {
      const { Pool } = await loadPg();
      let pool: pg.Pool;
      try {
        pool = new Pool({
          connectionString: this.settings.connStr,
          max: 4,
          idleTimeoutMillis: 5_000,
          connectionTimeoutMillis: 10_000,
          allowExitOnIdle: true,
        });
      } catch (e) {
        throw this.connectionError(e);
      }
      pool.on("error", () => {
        // an idle connection ended (server restart); the next query takes a new one
      });
      this.pool = pool;
    }
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw this.connectionError(e);
    }
    try {
      return await fn(client);
    } catch (e) {
      throw this.queryError(e);
    } finally {
      client.release();
    }
  }

  private ready(): Promise<void> {
    this.migrated ??= this.pooled(async (c) => {
      await migratePgState(c, this.schema, this.settings.schemaName, this.settings.skipSchemaCreation);
    }).catch((e) => {
      this.migrated = undefined;
      throw e;
    });
    return this.migrated;
  }

  /** Ends the pool's connections (a program that goes on after using the backend). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.migrated = undefined;
    await pool?.end().catch(() => {});
  }

  connectionError(e: unknown): GantryError {
    if (e instanceof GantryError) return e;
    const err = e as Error & { code?: string };
    return new GantryError({
      severity: "error",
      summary: `backend "pg": cannot connect to PostgreSQL with the conn_str from ${this.settings.connSource}`,
      detail: `${redactConnStr(this.settings.connStr)}: ${err.message || err.code || String(e)}`,
    });
  }

  private queryError(e: unknown): Error {
    if (e instanceof GantryError) return e;
    if ((e as { code?: string }).code) return new GantryError(`backend "pg" (${this.where}): ${(e as Error).message}`);
    return e as Error;
  }

  // ---- workspaces ----

  async workspaceNames(): Promise<string[]> {
    return this.withClient(async (c) => {
      const { rows } = await c.query<{ name: string }>(`SELECT name FROM ${this.schema}.gantry_workspaces`);
      return rows.map((r) => r.name);
    });
  }

  async workspaceExists(name: string): Promise<boolean> {
    return this.withClient(async (c) => {
      const { rowCount } = await c.query(`SELECT 1 FROM ${this.schema}.gantry_workspaces WHERE name = $1`, [name]);
      return (rowCount ?? 0) > 0;
    });
  }

  /** Creates an empty workspace; false when it exists already. */
  async createWorkspace(name: string): Promise<boolean> {
    return this.withClient(async (c) => {
      const { rowCount } = await c.query(
        `INSERT INTO ${this.schema}.gantry_workspaces (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
        [name],
      );
      return (rowCount ?? 0) > 0;
    });
  }

  /** Removes a workspace, its versions and its lock row. */
  async deleteWorkspace(name: string): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(`DELETE FROM ${this.schema}.gantry_state_locks WHERE workspace = $1`, [name]);
      await c.query(`DELETE FROM ${this.schema}.gantry_workspaces WHERE name = $1`, [name]);
    });
  }

  // ---- versions ----

  /** The workspace's current version (undefined: none written yet). */
  async current(workspace: string): Promise<StoredState | undefined> {
    return this.withClient(async (c) => {
      const { rows } = await c.query<{ serial: string; lineage: string; body: string | null }>(
        `SELECT w.serial, w.lineage, v.body FROM ${this.schema}.gantry_workspaces w
           LEFT JOIN ${this.schema}.gantry_state_versions v
             ON v.workspace = w.name AND v.serial = w.serial AND v.lineage = w.lineage
          WHERE w.name = $1`,
        [workspace],
      );
      const r = rows[0];
      return r?.body == null ? undefined : { serial: Number(r.serial), lineage: r.lineage, body: r.body };
    });
  }

  /** The version `serial` (of the current lineage first, else the last written with that serial). */
  async version(workspace: string, serial: number): Promise<StoredState | undefined> {
    return this.withClient(async (c) => {
      const { rows } = await c.query<{ serial: string; lineage: string; body: string }>(
        `SELECT v.serial, v.lineage, v.body FROM ${this.schema}.gantry_state_versions v
           LEFT JOIN ${this.schema}.gantry_workspaces w ON w.name = v.workspace
          WHERE v.workspace = $1 AND v.serial = $2
          ORDER BY (v.lineage = w.lineage) DESC, v.written_at DESC LIMIT 1`,
        [workspace, serial],
      );
      const r = rows[0];
      return r ? { serial: Number(r.serial), lineage: r.lineage, body: r.body } : undefined;
    });
  }

  /** Every version of the workspace, oldest first. */
  async history(workspace: string): Promise<StateVersionInfo[]> {
    return this.withClient(async (c) => {
      const { rows } = await c.query<{
        serial: string;
        lineage: string;
        written_at: Date;
        written_by: string;
        operation: string;
        size: number;
        current: boolean;
      }>(
        `SELECT v.serial, v.lineage, v.written_at, v.written_by, v.operation, octet_length(v.body) AS size,
                (w.serial = v.serial AND w.lineage = v.lineage) AS current
           FROM ${this.schema}.gantry_state_versions v
           JOIN ${this.schema}.gantry_workspaces w ON w.name = v.workspace
          WHERE v.workspace = $1 ORDER BY v.written_at, v.serial`,
        [workspace],
      );
      return rows.map((r) => ({
        serial: Number(r.serial),
        lineage: r.lineage,
        writtenAt: r.written_at.toISOString(),
        writtenBy: r.written_by,
        operation: r.operation,
        size: Number(r.size),
        current: r.current,
      }));
    });
  }

  /**
   * Records a new current version in one transaction, if the workspace is still at `expected` (the serial and
   * lineage its writer read); otherwise nothing is written and a conflict error says what is there.
   */
  async write(
    workspace: string,
    next: StoredState,
    expected: { serial: number; lineage: string },
    operation: string,
    location: string,
  ): Promise<void> {
    await this.transaction(async (c) => {
      await c.query(`INSERT INTO ${this.schema}.gantry_workspaces (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [
        workspace,
      ]);
      const { rows } = await c.query<{ serial: string; lineage: string }>(
        `SELECT serial, lineage FROM ${this.schema}.gantry_workspaces WHERE name = $1 FOR UPDATE`,
        [workspace],
      );
      const at = { serial: Number(rows[0]!.serial), lineage: rows[0]!.lineage };
      if (at.serial !== expected.serial || at.lineage !== expected.lineage)
        throw new GantryError({
          severity: "error",
          summary: "State conflict: the state was changed by another gantry since it was read",
          detail:
            `The state of ${location} is now at serial ${at.serial} (lineage ${at.lineage || "none"}), but this ` +
            `operation read serial ${expected.serial} (lineage ${expected.lineage || "none"}) and would write ` +
            `serial ${next.serial}. Nothing was written. Another gantry wrote the state (without the lock, or ` +
            "after a force-unlock); run the command again to work from the state as it is now.",
        });
      await c.query(
        `INSERT INTO ${this.schema}.gantry_state_versions
           (workspace, serial, lineage, body, written_by, operation) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (workspace, lineage, serial) DO UPDATE SET body = excluded.body, written_at = now(),
           written_by = excluded.written_by, operation = excluded.operation`,
        [workspace, next.serial, next.lineage, next.body, writer(), operation],
      );
      await c.query(
        `UPDATE ${this.schema}.gantry_workspaces SET serial = $2, lineage = $3, updated_at = now() WHERE name = $1`,
        [workspace, next.serial, next.lineage],
      );
    });
  }
}

/** The client library, loaded when a pg backend first connects (commands without one never load it). */
async function loadPg(): Promise<typeof pg> {
  return (await import("pg")).default;
}

/** "user@host (pid N)": who wrote a version. */
function writer(): string {
  return `${safeUser()}@${hostname()} (pid ${process.pid})`;
}

export function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? "unknown");
  }
}
