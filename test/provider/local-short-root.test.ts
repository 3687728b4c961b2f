// A local host whose root is deep in the file system (a Heat stack's host under the server's store): its services'
// Unix sockets under "$HOST_ROOT" still fit, because HOST_ROOT is then a short link to the root. Real HAProxy checks
// a configuration with its admin socket there, a process listens on a socket there and gantry talks to it, and the
// link goes with the root.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LocalMachine } from "../../provider/hosts/local/local-machine.js";
import { forgetShortRoot, LONGEST_DIRECT_ROOT, shortRootLink } from "../../provider/hosts/local/socket-safe-root.js";
import { LocalDriver } from "../../provider/hosts/local-driver.js";
import { removeDir, tempDir, waitFor } from "./helpers.js";

const machine = new LocalMachine();
const SOCKET = "/run/haproxy/admin.sock";

function deepRoot(): { dir: string; root: string } {
  const dir = tempDir();
  const root = join(dir, ".gantry/stacks/cd247cff-f3cd-4eee-bf30-cc206eae842e/.gantry/hosts/mesos-node-7");
  mkdirSync(root, { recursive: true });
  assert.ok(root.length + SOCKET.length > 107, `${root}${SOCKET} is longer than a socket path may be`);
  return { dir, root };
}

test("a short root is HOST_ROOT as it is", async () => {
  const root = tempDir();
  try {
    assert.ok(root.length <= LONGEST_DIRECT_ROOT);
    const d = new LocalDriver({ name: "short", driver: "local", address: "127.0.77.12", root }, machine);
    assert.is((await d.run('printf %s "$HOST_ROOT"')).stdout, root);
    assert.is(shortRootLink(root), undefined);
  } finally {
    removeDir(root);
  }
});

test("haproxy -c accepts an admin socket under a deep root", async () => {
  const { dir, root } = deepRoot();
  try {
    const d = new LocalDriver({ name: "lb", driver: "local", address: "127.0.77.12", root }, machine);
    const cfg = [
      "global",
      `  stats socket "\${HOST_ROOT}${SOCKET}" mode 600 level admin`,
      "defaults",
      "  mode http",
      "  timeout client 1s",
      "  timeout server 1s",
      "  timeout connect 1s",
      "",
    ].join("\n");
    await d.writeFile("/etc/haproxy/haproxy.cfg", cfg);
    const r = await d.run('haproxy -c -f "$HOST_ROOT/etc/haproxy/haproxy.cfg"');
    assert.is(r.exitCode, 0, r.stderr + r.stdout);
    const home = (await d.run('printf %s "$HOST_ROOT"')).stdout;
    assert.ok(home.length <= LONGEST_DIRECT_ROOT, home);
    assert.is(readlinkSync(home), root);
  } finally {
    forgetShortRoot(root);
    removeDir(dir);
  }
});

test("a socket under a deep root: a process listens, gantry talks to it; the link goes with the root", async () => {
  const { dir, root } = deepRoot();
  const d = new LocalDriver({ name: "echo", driver: "local", address: "127.0.77.12", root }, machine);
  try {
    await d.writeFile("/.gantry-host", "");
    const server =
      'require("node:fs").mkdirSync(process.env.HOST_ROOT + "/run/haproxy", { recursive: true });' +
      'require("node:net").createServer((s) => s.on("data", (b) => s.end("pong " + b)))' +
      `.listen(process.env.HOST_ROOT + "${SOCKET}")`;
    await d.startProcess({ name: "echo", command: process.execPath, args: ["-e", server] });
    await waitFor(() => existsSync(join(root, SOCKET)), 30_000);
    assert.is(await d.exchangeUnixSocket(SOCKET, "ping"), "pong ping");
    await d.stopProcess("echo", 5000);
    const link = shortRootLink(root)!;
    assert.ok(existsSync(link));
    await d.removeTree("/");
    assert.not.ok(existsSync(root));
    assert.not.ok(spawnSync("test", ["-L", link]).status === 0, `${link} removed with the root`);
  } finally {
    await d.stopProcess("echo", 5000).catch(() => undefined);
    removeDir(dir);
  }
});

test.run();
