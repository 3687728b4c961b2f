// Draining HAProxy when it runs on an ssh host: its admin socket is on that
// host, reached through the host's SSH connection (a stream-local channel; no
// tool needed on the host). A drained server finishes the request it has and
// takes no new one, as on local hosts; with sudo (a non-root login) the socket
// is reached through socat on the host, and a host without socat says so.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as http from "node:http";

import { haproxyConfig } from "../../provider/formats/haproxy-cfg.js";
import { SshDriver } from "../../provider/hosts/ssh-driver.js";
import { drainServers, serverStats } from "../../provider/types/haproxy-drain.js";
import { Testbed, waitFor } from "./testbed.js";

const skip = Testbed.unavailable();
const bed = new Testbed("gtod", 90);
const drivers: SshDriver[] = [];
const it = skip ? test.skip : test;
if (skip) console.log(skip);

/** Ports inside the hosts' own network namespaces (nothing else listens there). */
const APP_PORT = 8081;
const FRONT_PORT = 10000;
const SOCKET = "/run/gantry-haproxy/admin.sock";

function driver(i: number, options: Record<string, unknown> = {}): SshDriver {
  const d = new SshDriver(bed.spec(i, options));
  drivers.push(d);
  return d;
}

/** An app that answers after the number of milliseconds its path says ("/1500"). */
const APP = `
import http.server, time
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ms = int(self.path.strip("/") or "0")
        time.sleep(ms / 1000)
        self.send_response(200); self.send_header("Content-Length", "3"); self.end_headers(); self.wfile.write(b"ok\\n")
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("0.0.0.0", ${APP_PORT}), H).serve_forever()
`;

function get(path = "/0"): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: bed.hosts[0]!.address, port: FRONT_PORT, path, agent: false }, (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode!));
      })
      .once("error", reject);
  });
}

let lb: SshDriver;
const stat = async () => serverStats((await lb.exchangeUnixSocket(SOCKET, "show stat -1 4 -1\n")) ?? "");

test.before(async () => {
  if (skip) return;
  bed.fresh(2);
  lb = driver(1);
  const app = driver(2);
  await app.writeFile("/srv/app/app.py", APP);
  await app.startProcess({ name: "app", command: "/usr/bin/python3", args: ["/srv/app/app.py"] });
  await waitFor("the app on host 2", () => app.checkTcp(APP_PORT), 60_000);
  const cfg = haproxyConfig({
    apps: [
      {
        id: "/web",
        servicePort: FRONT_PORT,
        mode: "http",
        tasks: [{ host: bed.hosts[1]!.address, port: APP_PORT }],
      },
    ],
    bindAddress: bed.hosts[0]!.address,
    statsPort: 9090,
    statsBindAddress: bed.hosts[0]!.address,
    log: "stdout",
    adminSocket: SOCKET,
  });
  await lb.writeFile("/etc/haproxy/haproxy.cfg", cfg);
  await lb.run("mkdir -p /run/gantry-haproxy");
  await lb.startProcess({
    name: "haproxy",
    command: "/usr/sbin/haproxy",
    args: ["-W", "-db", "-f", "/etc/haproxy/haproxy.cfg"],
  });
  await waitFor("HAProxy's admin socket on host 1", async () => (await stat()).size > 0, 60_000);
  await waitFor("a first answer through HAProxy", async () => (await get().catch(() => 0)) === 200, 60_000);
});

test.after(async () => {
  if (!skip) {
    await lb?.stopProcess("haproxy").catch(() => undefined);
    await drivers[1]?.stopProcess("app").catch(() => undefined);
  }
  for (const d of drivers) d.close();
  if (!skip) bed.down();
});

it("the admin socket answers through the SSH connection; a path where nothing listens is null", async () => {
  const servers = [...(await stat()).keys()];
  assert.is(servers.length, 1, servers.join(", "));
  assert.is(await lb.exchangeUnixSocket("/run/gantry-haproxy/none.sock", "show info\n"), null);
  // this machine has no such socket: the answer came from the host
  assert.match((await lb.exchangeUnixSocket(SOCKET, "show info\n")) ?? "", /^Name: HAProxy$/m);
});

it("a drained server finishes its request first, then takes no new one; ready again after", async () => {
  const server = [...(await stat()).keys()][0]!;
  const [backend, name] = server.split("/") as [string, string];
  let answeredAt = 0;
  const inFlight = get("/1500").then((s) => ((answeredAt = Date.now()), s));
  await waitFor("the request to reach the server", async () => ((await stat()).get(server)?.busy ?? 0) > 0);
  const said = await drainServers(lb, SOCKET, [{ backend, server: name }], 30_000);
  const drainedAt = Date.now();
  assert.match(said, /^drained web_\d+\/\S+ in \d+ ms$/);
  assert.is(await inFlight, 200, "the request in flight was answered");
  assert.ok(answeredAt > 0 && answeredAt <= drainedAt + 200, "the drain waited for it");
  assert.is((await stat()).get(server)?.status, "DRAIN");
  assert.is(await get(), 503, "no new request goes to a drained server (it is the only one)");
  await lb.exchangeUnixSocket(SOCKET, `set server ${server} state ready\n`);
  await waitFor("the server to be UP", async () => (await stat()).get(server)?.status === "UP");
  assert.is(await get(), 200, "ready again");
});

it("with sudo the socket is reached through socat on the host; a host without it says so", async () => {
  const hasSocat = bed.inHost(1, "command -v socat || true").trim() !== "";
  const op = driver(1, { user: "operator" });
  assert.is(op.settings.sudo, true);
  if (hasSocat) assert.match((await op.exchangeUnixSocket(SOCKET, "show info\n")) ?? "", /^Name: HAProxy$/m);
  else
    await op.exchangeUnixSocket(SOCKET, "show info\n").then(
      () => assert.unreachable("no socat on the host: must say so"),
      (e: Error) => assert.match(e.message, /cannot reach the Unix socket .*socat is not installed there/),
    );
  assert.is(await op.exchangeUnixSocket("/run/gantry-haproxy/none.sock", "show info\n"), null);
});

test.run();
