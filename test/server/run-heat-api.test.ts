// The Heat API on a real loopback socket: one log line per request, and an
// orderly stop that closes the stack operations.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseListenAddress, runHeatApi } from "../../server/run-heat-api.js";
import { StackOperationsDouble } from "./stack-operations-double.js";

test("listens, logs method, path, status and ms per request, stops and closes the operations", async () => {
  const ops = new StackOperationsDouble();
  const { token } = await ops.store.issueToken("t1", []);
  const lines: string[] = [];
  const api = await runHeatApi({ operations: ops, host: "127.0.0.1", port: 0, log: (l) => lines.push(l) });
  const root = await fetch(`${api.url}/`);
  assert.is(root.status, 300);
  const body = (await root.json()) as { versions: { links: { href: string }[] }[] };
  assert.is(body.versions[0].links[0].href, `${api.url}/v1/`);
  const list = await fetch(`${api.url}/v1/t1/stacks`, { headers: { "X-Auth-Token": token } });
  assert.is(list.status, 200);
  assert.equal(await list.json(), { stacks: [] });
  await api.stop();
  assert.ok(ops.closed);
  assert.match(lines[0], /^GET \/ 300 \d+ms$/);
  assert.match(lines[1], /^GET \/v1\/t1\/stacks 200 \d+ms$/);
  let refused = false;
  try {
    await fetch(`${api.url}/`);
  } catch {
    refused = true;
  }
  assert.ok(refused, "no requests taken after stop");
  await api.stop();
});

test("--listen addresses", () => {
  assert.equal(parseListenAddress("127.0.0.1:8004"), { host: "127.0.0.1", port: 8004 });
  assert.equal(parseListenAddress("[::1]:9000"), { host: "::1", port: 9000 });
  assert.equal(parseListenAddress("8004"), { host: "127.0.0.1", port: 8004 });
  assert.equal(parseListenAddress(":8004"), { host: "127.0.0.1", port: 8004 });
  assert.throws(() => parseListenAddress("localhost"), /is not HOST:PORT/);
  assert.throws(() => parseListenAddress("h:99999"), /is not HOST:PORT/);
});

test.run();
