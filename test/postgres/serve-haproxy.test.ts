// Three `gantry serve` replicas on one PostgreSQL store behind a real HAProxy (2.6, round robin, health-checked),
// driven by the real `openstack` client through HAProxy: stack create (waiting for CREATE_COMPLETE: its polls land
// on every replica), show and delete. Then one replica is stopped with SIGKILL: HAProxy's checks take it out and
// the client goes on through the others.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { PgStackStore } from "../../stacks/pg-stack-store.js";
import { startPostgres } from "../postgres-server.js";
import { freshPgDatabase } from "../stacks/store-under-test.js";
import { type HaproxyFront, startHaproxyFront } from "./haproxy-front.js";
import { type Replica, startReplica, stopReplicas } from "./serve-replica.js";
import { openstack } from "../server/openstack-cli.js";

const TEMPLATE = `heat_template_version: 2016-04-08
resources:
  test:
    type: OS::Heat::TestResource
    properties:
      value: through haproxy
  rand:
    type: OS::Heat::RandomString
    properties:
      length: 12
outputs:
  output_value:
    value: {get_attr: [test, output]}
`;

function jsonOf(stdout: string): Record<string, unknown> {
  const start = stdout.search(/^[[{]/m);
  if (start < 0) throw new Error(`no JSON in: ${stdout}`);
  return JSON.parse(stdout.slice(start)) as Record<string, unknown>;
}

test("openstack stack create, show and delete through HAProxy in front of three replicas", async () => {
  const pg = await startPostgres();
  const replicas: Replica[] = [];
  const dir = mkdtempSync(join(tmpdir(), "gantry-haproxy-"));
  let haproxy: HaproxyFront | undefined;
  try {
    const url = await freshPgDatabase(pg.url);
    const store = await PgStackStore.open(url);
    const { token } = await store.issueToken("demo", ["member"]);
    await store.close();
    replicas.push(
      ...(await Promise.all([0, 1, 2].map((i) => startReplica(url, mkdtempSync(join(dir, `replica-${i}-`)), 2)))),
    );
    haproxy = await startHaproxyFront(dir, replicas);
    const port = haproxy.port;
    writeFileSync(join(dir, "t.yaml"), TEMPLATE);
    const os = (...args: string[]) => openstack(`http://127.0.0.1:${port}/v1/demo`, token, args, dir);
    const created = jsonOf(await os("stack", "create", "--wait", "-t", "t.yaml", "ha1", "-f", "json"));
    assert.is(created.stack_status, "CREATE_COMPLETE", String(created.stack_status_reason));
    const shown = jsonOf(await os("stack", "show", "ha1", "-f", "json"));
    assert.is(shown.id, created.id);
    assert.is(shown.stack_status, "CREATE_COMPLETE");
    const outputs = shown.outputs as { output_key: string; output_value: unknown }[];
    assert.equal(
      outputs.map((o) => [o.output_key, o.output_value]),
      [["output_value", "through haproxy"]],
    );
    // the requests were spread: every replica answered some
    for (const r of replicas) assert.match(r.stderr(), /GET \/v1\/demo\/stacks/);
    // one replica dies: HAProxy takes it out, the client goes on through the others
    replicas[0]!.child.kill("SIGKILL");
    await replicas[0]!.exited;
    const second = jsonOf(await os("stack", "create", "--wait", "-t", "t.yaml", "ha2", "-f", "json"));
    assert.is(second.stack_status, "CREATE_COMPLETE", String(second.stack_status_reason));
    await os("stack", "delete", "--yes", "--wait", "ha1");
    await os("stack", "delete", "--yes", "--wait", "ha2");
    const list = JSON.parse(await os("stack", "list", "-f", "json")) as unknown[];
    assert.equal(list, []);
  } finally {
    await haproxy?.stop();
    await stopReplicas(replicas);
    await pg.stop();
  }
});

test.run();
