// Draining through HAProxy's runtime API, against a real HAProxy 2.6: a server
// set to drain finishes the request it has, takes no new one, and the wait ends
// when its sessions are at 0 (bounded when they do not end).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { HostDriver } from "../../contract/host-driver.js";
import { haproxyConfig } from "../../provider/formats/haproxy-cfg.js";
import { socketExchange } from "../../provider/hosts/network-probes.js";
import { drainServers, serverStats } from "../../provider/types/haproxy-drain.js";
import { freePort } from "../cli/cli-harness.js";

const root = mkdtempSync(join(tmpdir(), "gantry-drain-"));
const SOCKET = "/admin.sock";
/** The part of a host driver the drain uses: the admin socket under the root. */
const driver = {
  describe: "test host",
  exchangeUnixSocket: (path: string, send: string, timeoutMs?: number) =>
    socketExchange({ path: join(root, path) }, send, timeoutMs),
} as unknown as HostDriver;

let haproxy: ChildProcess;
let app: http.Server;
let front = 0;
/** Requests the app holds this long before answering. */
let holdMs = 0;

function get(): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: front, path: "/", agent: false }, (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode!));
      })
      .once("error", reject);
  });
}

async function until(what: string, cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

const stat = async () => serverStats((await driver.exchangeUnixSocket!(SOCKET, "show stat -1 4 -1\n")) ?? "");

test.before(async () => {
  app = http.createServer((_req, res) => setTimeout(() => res.end("ok\n"), holdMs));
  const appPort = await freePort("127.0.0.1");
  await new Promise<void>((r) => app.listen(appPort, "127.0.0.1", r));
  front = await freePort("127.0.0.1");
  const cfg = haproxyConfig({
    apps: [{ id: "/web", servicePort: front, mode: "http", tasks: [{ host: "127.0.0.1", port: appPort }] }],
    bindAddress: "127.0.0.1",
    statsPort: await freePort("127.0.0.1"),
    statsBindAddress: "127.0.0.1",
    log: "stdout",
    adminSocket: `\${HOST_ROOT}${SOCKET}`,
  });
  writeFileSync(join(root, "haproxy.cfg"), cfg);
  haproxy = spawn("/usr/sbin/haproxy", ["-W", "-db", "-f", join(root, "haproxy.cfg")], {
    env: { ...process.env, HOST_ROOT: root },
    stdio: "ignore",
  });
  await until("HAProxy's admin socket", async () => (await stat()).size > 0);
  await until("a first answer", async () => (await get().catch(() => 0)) === 200);
});

test.after(() => {
  haproxy?.kill("SIGTERM");
  app?.close();
  rmSync(root, { recursive: true, force: true });
});

test("a drained server finishes its request first, then takes no new one", async () => {
  const server = [...(await stat()).keys()][0]!;
  const [backend, name] = server.split("/") as [string, string];
  holdMs = 1500;
  let answeredAt = 0;
  const inFlight = get().then((s) => ((answeredAt = Date.now()), s));
  await until("the request to reach the server", async () => ((await stat()).get(server)?.busy ?? 0) > 0);
  const result = await drainServers(driver, SOCKET, [{ backend, server: name }], 10_000);
  const drainedAt = Date.now();
  assert.match(result, /^drained web_\d+\/127_0_0_1_\d+ in \d+ ms$/);
  assert.is(await inFlight, 200, "the request in flight was answered");
  assert.ok(answeredAt > 0 && answeredAt <= drainedAt + 50, "the drain waited for it");
  holdMs = 0;
  assert.is(await get(), 503, "no new request goes to a drained server (it is the only one)");
  await driver.exchangeUnixSocket!(SOCKET, `set server ${server} state ready\n`);
  assert.is(await get(), 200, "ready again");
});

test("the wait is bounded, and nothing answering is nothing to drain", async () => {
  const server = [...(await stat()).keys()][0]!;
  const [backend, name] = server.split("/") as [string, string];
  holdMs = 3000;
  const inFlight = get();
  await until("the request to reach the server", async () => ((await stat()).get(server)?.busy ?? 0) > 0);
  const result = await drainServers(driver, SOCKET, [{ backend, server: name }], 300);
  assert.match(result, /timed out after 300 ms/);
  assert.is(await inFlight, 200);
  await driver.exchangeUnixSocket!(SOCKET, `set server ${server} state ready\n`);
  assert.match(await drainServers(driver, "/nothing.sock", [{ backend, server: name }], 300), /not running/);
});

test.run();
