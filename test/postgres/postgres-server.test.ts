// The test harness's PostgreSQL starts, takes a database and stops cleanly.
import { existsSync } from "node:fs";
import pg from "pg";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { postgresAvailable, startPostgres } from "../postgres-server.js";

test("a fresh PostgreSQL 15 starts on loopback, makes a database and is removed on stop", async () => {
  assert.ok(postgresAvailable(), "PostgreSQL 15 is installed (.ci/run installs postgresql-15)");
  const server = await startPostgres();
  try {
    const url = await server.createDatabase("gantry_harness");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SHOW server_version_num");
    await client.end();
    assert.ok(Number(rows[0].server_version_num) >= 150000, rows[0].server_version_num);
  } finally {
    await server.stop();
  }
  assert.not.ok(existsSync(server.dir));
});

test.run();
