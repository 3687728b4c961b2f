// Opens the stack store at a location given by storeLocation: a SQLite file, or a PostgreSQL database (a URL).

import { PgStackStore } from "./pg-stack-store.js";
import { SqliteStackStore } from "./sqlite-stack-store.js";
import type { StackStore } from "./stack-store.js";
import { isPostgresLocation } from "./store-location.js";

export async function openStackStore(location: string): Promise<StackStore> {
  if (isPostgresLocation(location)) return PgStackStore.open(location);
  return SqliteStackStore.open(location);
}
