// The pg backend's tables, as numbered migrations kept in the repository. Each is applied once, in order, when a
// gantry first connects to a schema: all in one transaction under an advisory lock, so that two gantry processes
// starting together neither apply a migration twice nor see half of one. `schema` is a quoted identifier.

import type pg from "pg";
import { GantryError } from "../../contract/diagnostics.js";

export interface PgStateMigration {
  version: number;
  name: string;
  statements(schema: string): string[];
}

export const PG_STATE_MIGRATIONS: readonly PgStateMigration[] = [
  {
    version: 1,
    name: "workspaces, state versions and lock rows",
    statements: (s) => [
      // one row per workspace; serial and lineage name its current version (0 and "": none written yet)
      `CREATE TABLE ${s}.gantry_workspaces (
        name text PRIMARY KEY,
        serial bigint NOT NULL DEFAULT 0,
        lineage text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      // every version ever written, the current one included; the body is the state file's text, byte for byte
      `CREATE TABLE ${s}.gantry_state_versions (
        workspace text NOT NULL REFERENCES ${s}.gantry_workspaces (name) ON DELETE CASCADE,
        serial bigint NOT NULL,
        lineage text NOT NULL,
        body text NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        written_by text NOT NULL,
        operation text NOT NULL,
        PRIMARY KEY (workspace, lineage, serial)
      )`,
      `CREATE INDEX gantry_state_versions_by_time ON ${s}.gantry_state_versions (workspace, written_at)`,
      // who holds a workspace's lock: valid only while the session backend_pid holds the advisory lock
      `CREATE TABLE ${s}.gantry_state_locks (
        workspace text PRIMARY KEY,
        lock_id text NOT NULL,
        operation text NOT NULL,
        who text NOT NULL,
        pid integer NOT NULL,
        created_at timestamptz NOT NULL,
        backend_pid integer NOT NULL
      )`,
    ],
  },
];

/** Applies the migrations `schema` lacks (creating the schema unless told it exists); returns the versions applied. */
export async function migratePgState(
  client: pg.ClientBase,
  schema: string,
  schemaName: string,
  skipSchemaCreation: boolean,
): Promise<number[]> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
      `gantry-state-migrations:${schemaName}`,
    ]);
    if (skipSchemaCreation) {
      const { rowCount } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schemaName]);
      if (!rowCount)
        throw new GantryError(
          `backend "pg": schema ${JSON.stringify(schemaName)} does not exist (skip_schema_creation is set)`,
        );
    } else await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.gantry_state_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${schema}.gantry_state_migrations`);
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of PG_STATE_MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const sql of m.statements(schema)) await client.query(sql);
      await client.query(`INSERT INTO ${schema}.gantry_state_migrations (version, name) VALUES ($1, $2)`, [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    const newest = Math.max(0, ...done);
    const known = PG_STATE_MIGRATIONS[PG_STATE_MIGRATIONS.length - 1]!.version;
    if (newest > known)
      throw new GantryError(
        `backend "pg": schema ${JSON.stringify(schemaName)} was migrated by a newer gantry (version ${newest}; ` +
          `this one knows up to ${known})`,
      );
    await client.query("COMMIT");
    return applied;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}
