// Heat's own gabbi API tests (unchanged, Debian's gabbi-run) through a real HAProxy in front of three `gantry serve`
// replicas sharing one PostgreSQL store: every request may land on another replica, so each file's create, poll,
// update and delete sequence only passes if the replicas agree through the store.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { PgStackStore } from "../../stacks/pg-stack-store.js";
import { startPostgres } from "../postgres-server.js";
import { GABBI_RUN, GABBITS, gabbiFailure, gabbiFiles, gabbiRun } from "../server/heat-gabbi-runner.js";
import { freshPgDatabase } from "../stacks/store-under-test.js";
import { type HaproxyFront, startHaproxyFront } from "./haproxy-front.js";
import { type Replica, startReplica, stopReplicas } from "./serve-replica.js";

test("Heat's gabbi API tests pass through HAProxy in front of three replicas on PostgreSQL", async () => {
  const files = gabbiFiles();
  assert.ok(files.length >= 6 && existsSync(GABBI_RUN), `gabbi files in ${GABBITS} and ${GABBI_RUN}`);
  const pg = await startPostgres();
  const replicas: Replica[] = [];
  const dir = mkdtempSync(join(tmpdir(), "gantry-haproxy-gabbi-"));
  let haproxy: HaproxyFront | undefined;
  const failures: string[] = [];
  try {
    const url = await freshPgDatabase(pg.url);
    const store = await PgStackStore.open(url);
    const { token } = await store.issueToken("demo", ["member"]);
    await store.close();
    replicas.push(
      ...(await Promise.all([0, 1, 2].map((i) => startReplica(url, mkdtempSync(join(dir, `replica-${i}-`)), 5)))),
    );
    haproxy = await startHaproxyFront(dir, replicas);
    for (const f of files) {
      const { ok, out } = await gabbiRun(haproxy.url, token, f, `gabbiha${process.pid}`);
      if (!ok) failures.push(gabbiFailure(f, out));
    }
    // the requests were spread over the replicas
    for (const r of replicas) assert.match(r.stderr(), /\/v1\/demo\/stacks/);
  } finally {
    await haproxy?.stop();
    await stopReplicas(replicas);
    await pg.stop();
  }
  assert.equal(failures, [], failures.join("\n\n"));
});

test.run();
