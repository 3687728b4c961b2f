import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { LocalDriver } from "../../provider/hosts/local-driver.js";
import { LocalMachine } from "../../provider/hosts/local/local-machine.js";
import { freePort, killGroup, pidAlive, removeDir, tempDir, waitFor } from "./helpers.js";

const machine = new LocalMachine();

function driver(root: string, address = "127.0.77.10", name = "ld") {
  return new LocalDriver({ name, driver: "local", address, root }, machine);
}

test("describe names host, address and root", () => {
  const d = driver("/tmp/x-root", "127.0.77.11", "web");
  assert.is(d.describe, "local host web (127.0.77.11, root /tmp/x-root)");
});

test("writeFile is atomic, creates parents, sets mode; readFile/statFile/removeFile", async () => {
  const root = tempDir();
  try {
    const d = driver(root);
    await d.writeFile("/etc/app/conf.txt", "one\n", 0o600);
    const real = join(root, "etc/app/conf.txt");
    assert.is(readFileSync(real, "utf8"), "one\n");
    assert.is(statSync(real).mode & 0o7777, 0o600);
    assert.equal(await d.statFile("/etc/app/conf.txt"), { mode: 0o600, size: 4 });
    await d.writeFile("etc/app/conf.txt", "two two\n"); // relative = relative to root
    assert.is(await d.readFile("/etc/app/conf.txt"), "two two\n");
    assert.is(statSync(real).mode & 0o7777, 0o644, "default mode 0644");
    // No temp files left behind in the directory.
    assert.equal(readdirSync(join(root, "etc/app")), ["conf.txt"]);
    assert.is(await d.readFile("/etc/missing"), null);
    assert.is(await d.statFile("/etc/missing"), null);
    await d.removeFile("/etc/app/conf.txt");
    assert.is(existsSync(real), false);
    await d.removeFile("/etc/app/conf.txt"); // idempotent
  } finally {
    removeDir(root);
  }
});

test("a failed write leaves the old file intact", async () => {
  const root = tempDir();
  try {
    const d = driver(root);
    await d.writeFile("/f", "keep");
    // Writing over a directory fails at rename: the temp file must be cleaned up.
    mkdirSync(join(root, "dir"));
    writeFileSync(join(root, "dir", "x"), "y");
    await d.writeFile("/dir", "boom").then(
      () => assert.unreachable("writing over a non-empty directory should fail"),
      () => undefined,
    );
    assert.equal(readdirSync(root).sort(), ["dir", "f"]);
    assert.is(await d.readFile("/f"), "keep");
  } finally {
    removeDir(root);
  }
});

test("paths escaping the root are rejected", async () => {
  const root = tempDir();
  try {
    const d = driver(root);
    for (const p of ["/../etc/passwd", "../x", "/a/../../b", "a/b/../../../c"]) {
      await d.readFile(p).then(
        () => assert.unreachable(`read of ${p} should be rejected`),
        (e: Error) => assert.match(e.message, /escapes the host root/),
      );
      await d.writeFile(p, "x").then(
        () => assert.unreachable(`write of ${p} should be rejected`),
        (e: Error) => assert.match(e.message, /escapes the host root/),
      );
    }
    // ".." inside the root is fine.
    await d.writeFile("/a/b/../c", "ok");
    assert.is(readFileSync(join(root, "a/c"), "utf8"), "ok");
  } finally {
    removeDir(root);
  }
});

test("run: sh -c in the root with HOST_* env, exit codes, timeout, abort", async () => {
  const root = tempDir();
  try {
    const d = driver(root, "127.0.77.12", "runner");
    const r = await d.run('echo "$HOST_NAME $HOST_ADDRESS $HOST_ROOT $EXTRA"; pwd; echo err >&2; exit 3', {
      env: { EXTRA: "e1" },
    });
    assert.is(r.exitCode, 3);
    assert.is(r.stdout, `runner 127.0.77.12 ${root} e1\n${root}\n`);
    assert.is(r.stderr, "err\n");

    const t0 = Date.now();
    await d.run("sleep 5", { timeoutMs: 200 }).then(
      () => assert.unreachable("should time out"),
      (e: Error) => assert.match(e.message, /timed out after 200 ms/),
    );
    assert.ok(Date.now() - t0 < 3000, "timeout honoured");

    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const t1 = Date.now();
    await d.run("sleep 5", { signal: ac.signal }).then(
      () => assert.unreachable("should abort"),
      () => undefined,
    );
    assert.ok(Date.now() - t1 < 3000, "abort honoured");
  } finally {
    removeDir(root);
  }
});

test("processes: start, log, pid file with start time, inspect, stop kills the group", async () => {
  const root = tempDir();
  let pid: number | undefined;
  try {
    const d = driver(root);
    const st = await d.startProcess({ name: "sleeper", command: "echo started-$HOST_NAME; sleep 30 & sleep 30; wait" });
    pid = st.pid;
    assert.ok(st.running);
    assert.type(pid, "number");
    assert.ok(Math.abs(st.startedAt! - Date.now()) < 60_000, "startedAt is near now");
    const rec = JSON.parse(readFileSync(join(root, "run/gantry/sleeper.json"), "utf8"));
    assert.is(rec.pid, pid);
    assert.type(rec.startTicks, "number");
    assert.is(rec.command, "echo started-$HOST_NAME; sleep 30 & sleep 30; wait");
    await waitFor(async () => ((await d.readProcessLog("sleeper")) ?? "").includes("started-ld"), 30_000, "log output");
    assert.equal(await d.inspectProcess("sleeper"), { running: true, pid, startedAt: st.startedAt });
    assert.equal(await d.listProcesses(), ["sleeper"]);
    await d.startProcess({ name: "sleeper", command: "sleep 1" }).then(
      () => assert.unreachable("second start should fail"),
      (e: Error) => assert.match(e.message, /already running/),
    );

    await d.stopProcess("sleeper", 2000);
    assert.is(await pidAlive(pid!), false);
    assert.equal(await d.inspectProcess("sleeper"), { running: false });
    assert.is(existsSync(join(root, "run/gantry/sleeper.json")), false);
    await d.stopProcess("sleeper"); // idempotent
  } finally {
    killGroup(pid);
    removeDir(root);
  }
});

const plainAndStragglers =
  "a plain command is exec'd (pid is the program); stragglers of a killed shell are stopped on restart";
test(plainAndStragglers, async () => {
  const root = tempDir();
  const pids: number[] = [];
  try {
    const d = driver(root);
    const plain = await d.startProcess({ name: "plain", command: "sleep 30" });
    pids.push(plain.pid!);
    // The shell execs sleep right after it starts: wait for it (a loaded machine may be slow).
    const cmdline = () => readFileSync(`/proc/${plain.pid}/cmdline`, "utf8");
    await waitFor(async () => /^sleep\0/.test(cmdline()), 30_000, "the shell to exec sleep");
    assert.match(cmdline(), /^sleep\0/, "the pid is sleep itself");
    await d.stopProcess("plain", 1000);

    // A shell line: the leader is sh; kill it from outside, its child lingers in the group.
    const tree = await d.startProcess({ name: "tree", command: "sleep 30 & wait" });
    pids.push(tree.pid!);
    const children = async () =>
      readdirSync("/proc")
        .filter((e) => /^\d+$/.test(e) && Number(e) !== tree.pid)
        .filter((e) => {
          try {
            const st = readFileSync(`/proc/${e}/stat`, "utf8");
            const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
            return Number(f[2]) === tree.pid && f[0] !== "Z";
          } catch {
            return false;
          }
        })
        .map(Number);
    await waitFor(async () => (await children()).length > 0, 30_000, "child in the group");
    const kids = await children();
    pids.push(...kids);
    process.kill(tree.pid!, "SIGKILL");
    await waitFor(async () => !(await pidAlive(tree.pid!)), 30_000, "leader gone");
    assert.is((await d.inspectProcess("tree")).running, false);
    assert.ok(await pidAlive(kids[0]!), "the child survived its shell");
    const again = await d.startProcess({ name: "tree", command: "sleep 30" });
    pids.push(again.pid!);
    assert.is(await pidAlive(kids[0]!), false, "restart stopped the straggler");
    await d.stopProcess("tree", 1000);
  } finally {
    for (const p of pids) killGroup(p);
    removeDir(root);
  }
});

test("stopProcess escalates to SIGKILL after graceMs", async () => {
  const root = tempDir();
  let pid: number | undefined;
  try {
    const d = driver(root);
    const st = await d.startProcess({
      name: "stubborn",
      command: process.execPath,
      args: ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('is-' + 'ready')"],
    });
    pid = st.pid;
    await waitFor(async () => ((await d.readProcessLog("stubborn")) ?? "").includes("is-ready"), 30_000, "ready");
    const t0 = Date.now();
    await d.stopProcess("stubborn", 300);
    const took = Date.now() - t0;
    assert.ok(took >= 280, `waited the grace period (${took} ms)`);
    assert.is(await pidAlive(pid!), false);
  } finally {
    killGroup(pid);
    removeDir(root);
  }
});

test("a reused pid is not mistaken for ours (start time must match)", async () => {
  const root = tempDir();
  try {
    const d = driver(root);
    // Our own pid is alive, but its start time differs from the recorded one.
    mkdirSync(join(root, "run/gantry"), { recursive: true });
    writeFileSync(
      join(root, "run/gantry/ghost.json"),
      JSON.stringify({ pid: process.pid, startTicks: 1, startedAt: 0, command: "x", args: [] }),
    );
    assert.equal(await d.inspectProcess("ghost"), { running: false });
    await d.stopProcess("ghost", 100); // must not signal the test process
    assert.is(existsSync(join(root, "run/gantry/ghost.json")), false);
  } finally {
    removeDir(root);
  }
});

test("checkTcp / checkHttp against a server on the host address", async () => {
  const root = tempDir();
  const address = "127.0.77.13";
  const port = await freePort(address);
  let pid: number | undefined;
  try {
    const d = driver(root, address);
    assert.is(await d.checkTcp(port, 500), false);
    assert.equal(await d.checkHttp(port, "/", 500), { ok: false });
    const st = await d.startProcess({
      name: "web",
      command: process.execPath,
      args: [
        "-e",
        "require('http').createServer((q,s)=>{s.statusCode=q.url==='/missing'?404:200;s.end('hello '+q.url)})" +
          ".listen(+process.env.PORT, process.env.HOST_ADDRESS)",
      ],
      env: { PORT: String(port) },
    });
    pid = st.pid;
    await waitFor(() => d.checkTcp(port, 500), 30_000, "port open");
    assert.equal(await d.checkHttp(port, "/health"), { ok: true, status: 200, body: "hello /health" });
    assert.equal(await d.checkHttp(port, "/missing"), { ok: false, status: 404, body: "hello /missing" });
    // Only the host's own address: another loopback address does not answer.
    assert.is(await driver(root, "127.0.77.14").checkTcp(port, 500), false);
    await d.stopProcess("web");
    assert.is(await d.checkTcp(port, 500), false);
  } finally {
    killGroup(pid);
    removeDir(root);
  }
});

test("packageVersion reads dpkg (installed package bash; unknown package null)", async () => {
  const d = driver("/tmp/unused-root");
  const v = await d.packageVersion("bash");
  assert.type(v, "string");
  assert.ok(/^\d/.test(v!), `bash version looks like a version: ${v}`);
  assert.is(await d.packageVersion("gantry-surely-not-a-package"), null);
  await d.packageVersion("Bad Name;rm").then(
    () => assert.unreachable("invalid name rejected"),
    (e: Error) => assert.match(e.message, /invalid Debian package name/),
  );
});

test("removeTree refuses to remove an unmarked root", async () => {
  const root = tempDir();
  try {
    const d = driver(root);
    writeFileSync(join(root, "precious"), "x");
    await d.removeTree("/").then(
      () => assert.unreachable("should refuse"),
      (e: Error) => assert.match(e.message, /refusing to remove root .*\.gantry-host/),
    );
    assert.ok(existsSync(join(root, "precious")));
    await d.writeFile("/sub/x", "1");
    await d.removeTree("/sub");
    assert.is(existsSync(join(root, "sub")), false);
    writeFileSync(join(root, ".gantry-host"), "{}");
    await d.removeTree("/");
    assert.is(existsSync(root), false);
  } finally {
    removeDir(root);
  }
});

test.run();
