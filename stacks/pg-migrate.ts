// Brings a PostgreSQL stack store's schema up to date at open: the schema's migrations (store-schema.ts, shared with
// SQLite) and the shared store's own (store-work-schema.ts), each recorded in its table, all in one transaction
// under a transaction-scoped advisory lock, so that replicas starting together apply each migration once (the
// others wait for the lock, then find nothing left to do).

import { GantryError } from "../contract/diagnostics.js";
import type { PgDatabase } from "./pg-database.js";
import type { Migration } from "./store-schema.js";

/** The advisory lock key of the store's migrations (any constant; "gantry" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x67616e747279;

export interface MigrationTrack {
  /** The table that records the track's migrations (its CREATE TABLE IF NOT EXISTS statement and name). */
  table: string;
  tableName: string;
  migrations: readonly Migration[];
}

export async function migratePg(db: PgDatabase, where: string, tracks: readonly MigrationTrack[]): Promise<void> {
  await db.transaction(async () => {
    await db.run("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK_KEY]);
    for (const track of tracks) {
      await db.run(track.table);
      const row = await db.get<{ v: number | null }>(`SELECT MAX(version) AS v FROM ${track.tableName}`);
      const applied = row?.v ?? 0;
      const known = track.migrations.at(-1)?.version ?? 0;
      if (applied > known)
        throw new GantryError(
          `the stack store ${where} has schema version ${applied} (${track.tableName}); this gantry knows up to ` +
            `${known} (a newer gantry wrote it)`,
        );
      for (const m of track.migrations) {
        if (m.version <= applied) continue;
        for (const statement of m.statements) await db.run(statement);
        await db.run(`INSERT INTO ${track.tableName} (version, name, applied_at) VALUES (?, ?, ?)`, [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
      }
    }
  });
}
