// The stack store the store tests run against: a private SQLite store (":memory:"), or, when GANTRY_TEST_PG_URL
// names a PostgreSQL server (test/postgres/pg-store.test.ts sets it), the PostgreSQL store in a fresh database of
// that server for each store opened. The same tests then hold for both stores.

import { randomUUID } from "node:crypto";
import pg from "pg";
import { PgStackStore } from "../../stacks/pg-stack-store.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import type { StackStore } from "../../stacks/stack-store.js";

/** The kind of store under test. */
export function storeKind(): "sqlite" | "postgres" {
  return process.env.GANTRY_TEST_PG_URL ? "postgres" : "sqlite";
}

/** A new, empty database on the test's PostgreSQL server; its URL. */
export async function freshPgDatabase(serverUrl: string): Promise<string> {
  const name = `gantry_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty store of the kind under test. */
export async function openStore(): Promise<StackStore> {
  const server = process.env.GANTRY_TEST_PG_URL;
  if (!server) return SqliteStackStore.open(":memory:");
  return PgStackStore.open(await freshPgDatabase(server));
}
