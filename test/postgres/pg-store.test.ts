// The stack store's tests (test/stacks/sqlite-store.test.ts) run against the PostgreSQL store: each store a fresh
// database on a real PostgreSQL 15 started for this file. The tests that look into a SQLite file keep using one.
import { test } from "uvu";
import { startPostgres } from "../postgres-server.js";

const server = await startPostgres();
process.env.GANTRY_TEST_PG_URL = server.url;
test.after(() => server.stop());
await import("../stacks/sqlite-store.test.js");
