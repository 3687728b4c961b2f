// The tables only a shared (PostgreSQL) stack store has: who works on which stack. Several `gantry serve` replicas
// share one database; a replica holds a stack's lease (its owner id and an expiry it renews) while it has work for
// that stack. Numbered like the schema's migrations, recorded apart in `work_migrations` (the schema's own numbers
// stay the same for SQLite and PostgreSQL). Never edit a migration that has shipped: add the next one.

import type { Migration } from "./store-schema.js";

export const WORK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "stack work leases",
    statements: [
      // no foreign key: a lease is taken before its stack is inserted (a create), and outlives nothing
      `CREATE TABLE stack_work_leases (
        stack_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        operation TEXT NOT NULL,
        claimed_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        stop_reason TEXT
      )`,
      "CREATE INDEX stack_work_leases_owner ON stack_work_leases (owner)",
      "CREATE INDEX stack_work_leases_expiry ON stack_work_leases (expires_at)",
    ],
  },
];

export const WORK_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS work_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;
