// The ssh host driver's operations one by one against testbed hosts (network
// namespaces with their own sshd and filesystem): commands, atomic writes,
// sudo for a non-root user, timeouts, pinned host keys, a dropped connection,
// processes, packages, one multiplexed connection, a jump host.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { SshDriver } from "../../provider/hosts/ssh-driver.js";
import { Testbed, waitFor } from "./testbed.js";

const skip = Testbed.unavailable();
const bed = new Testbed("gtsd", 71);
const drivers: SshDriver[] = [];

function driver(i: number, options: Record<string, unknown> = {}): SshDriver {
  const d = new SshDriver(bed.spec(i, options));
  drivers.push(d);
  return d;
}

const it = skip ? test.skip : test;
if (skip) console.log(skip);

test.before(() => {
  if (!skip) bed.fresh(3);
});

test.after(() => {
  for (const d of drivers) d.close();
  if (!skip) bed.down();
});

it("run: exit code, stdout, stderr, environment; commands run on the host, not here", async () => {
  const d = driver(1);
  const r = await d.run('echo "out $HOST_NAME $HOST_ADDRESS $EXTRA"; echo err >&2; cat /etc/testbed-host; exit 3', {
    env: { EXTRA: "it's here" },
  });
  assert.is(r.exitCode, 3);
  assert.is(r.stdout, `out h1 ${bed.hosts[0]!.address} it's here\ngtsd-h1\n`);
  assert.is(r.stderr, "err\n");
  assert.match(d.describe, /^ssh host h1 \(root@10\.213\.71\.11\)$/);
});

it("writeFile is atomic and sets the mode; read, stat, remove; files are the host's own", async () => {
  const d = driver(1);
  const content = 'line one\nit\'s "quoted" $HOME `x`\n';
  await d.writeFile("/srv/app/conf.txt", content, 0o640);
  assert.is(await d.readFile("/srv/app/conf.txt"), content);
  assert.equal(await d.statFile("/srv/app/conf.txt"), { mode: 0o640, size: Buffer.byteLength(content) });
  // on the host's own /srv (this machine's /srv does not have it)
  const real = join(bed.hosts[0]!.dir, "srv/app/conf.txt");
  assert.is(readFileSync(real, "utf8"), content);
  assert.is(statSync(real).mode & 0o7777, 0o640);
  assert.is(existsSync("/srv/app/conf.txt"), false);
  assert.is(await driver(2).readFile("/srv/app/conf.txt"), null, "host h2 has its own /srv");
  await d.writeFile("/srv/app/conf.txt", "two\n");
  assert.is((await d.statFile("/srv/app/conf.txt"))?.mode, 0o644, "default mode 0644");
  assert.equal(readdirSync(join(bed.hosts[0]!.dir, "srv/app")), ["conf.txt"], "no temp file left");
  // a big file comes back whole
  const big = "x".repeat(3 * 1024 * 1024 + 7);
  await d.writeFile("/var/tmp/big", big);
  assert.is((await d.readFile("/var/tmp/big"))?.length, big.length);
  assert.is(await d.readFile("/etc/missing"), null);
  assert.is(await d.statFile("/etc/missing"), null);
  await d.removeFile("/srv/app/conf.txt");
  assert.is(await d.statFile("/srv/app/conf.txt"), null);
  await d.removeFile("/srv/app/conf.txt"); // idempotent
});

it("a failed write leaves the old file and no temp file", async () => {
  const d = driver(1);
  await d.writeFile("/srv/keep/f", "keep");
  await d.run("mkdir -p /srv/keep/dir && touch /srv/keep/dir/x");
  await d.writeFile("/srv/keep/dir", "boom").then(
    () => assert.unreachable("writing over a non-empty directory must fail"),
    (e: Error) => assert.match(e.message, /ssh host h1 .*cannot write \/srv\/keep\/dir/),
  );
  assert.equal(readdirSync(join(bed.hosts[0]!.dir, "srv/keep")).sort(), ["dir", "f"]);
  assert.is(await d.readFile("/srv/keep/f"), "keep");
});

it("sudo: a non-root user works as root through sudo; without sudo it cannot write /etc", async () => {
  const op = driver(2, { user: "operator" });
  assert.is(op.settings.sudo, true, "sudo is the default for a non-root user");
  assert.is((await op.run("id -u")).stdout, "0\n");
  await op.writeFile("/etc/gantry-op.conf", "x\n", 0o600);
  assert.is(bed.inHost(2, "stat -c '%U %a' /etc/gantry-op.conf"), "root 600\n");
  const plain = driver(2, { user: "operator", sudo: false });
  assert.is((await plain.run("id -un")).stdout, "operator\n");
  await plain.writeFile("/etc/nope.conf", "x").then(
    () => assert.unreachable("operator cannot write /etc without sudo"),
    (e: Error) => assert.match(e.message, /cannot write \/etc\/nope\.conf.*Permission denied/),
  );
});

it("timeouts: a command over its time limit is killed on the host and reported", async () => {
  const d = driver(1);
  const started = Date.now();
  await d.run("sleep 31.25; echo never", { timeoutMs: 400 }).then(
    () => assert.unreachable("must time out"),
    (e: Error) => assert.match(e.message, /^command timed out after 400 ms on ssh host h1 .*: sleep 31\.25/),
  );
  assert.ok(Date.now() - started < 20_000);
  await waitFor("the sleep to be gone", () => !bed.inHost(1, "ps -eo args").includes("sleep 31.25"));
  // a connect timeout: nothing answers at an address of the subnet without a host
  const ghost = new SshDriver({ ...bed.spec(1, { connect_timeout_ms: 300 }), name: "ghost", address: "10.213.71.99" });
  drivers.push(ghost);
  await ghost.statFile("/").then(
    () => assert.unreachable("no host there"),
    (e: Error) =>
      assert.match(
        e.message,
        /^host ghost is unreachable: cannot connect to root@10\.213\.71\.99:22: no answer within/,
      ),
  );
});

it("host keys: an unknown key and a changed key are refused, naming host and fingerprint", async () => {
  const lines = readFileSync(bed.knownHostsFile, "utf8").trim().split("\n");
  // h1's address pinned with h2's key: a changed key
  const changed = join(bed.dir, "known_hosts.changed");
  writeFileSync(changed, `${bed.hosts[0]!.address} ${lines[1]!.split(" ").slice(1).join(" ")}\n`);
  await driver(1, { known_hosts_file: changed })
    .run("true")
    .then(
      () => assert.unreachable("a changed key must be refused"),
      (e: Error) => {
        assert.match(e.message, /ssh host "h1"/);
        assert.match(e.message, /host key CHANGED: 10\.213\.71\.11 now presents ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}/);
        assert.match(e.message, /pins SHA256:/);
      },
    );
  const empty = join(bed.dir, "known_hosts.empty");
  writeFileSync(empty, "");
  await driver(1, { known_hosts_file: empty })
    .run("true")
    .then(
      () => assert.unreachable("an unknown key must be refused"),
      (e: Error) =>
        assert.match(e.message, /ssh host "h1" .*unknown host key: 10\.213\.71\.11 presents ssh-ed25519 SHA256:/),
    );
  assert.is(readFileSync(empty, "utf8"), "", "nothing added without accept_new_host_key");
  // first contact allowed: the key is added, and then pinned
  const fresh = join(bed.dir, "known_hosts.fresh");
  assert.is((await driver(1, { known_hosts_file: fresh, accept_new_host_key: true }).run("echo ok")).stdout, "ok\n");
  assert.is(readFileSync(fresh, "utf8"), `${lines[0]}\n`);
  await driver(1, { known_hosts_file: changed, accept_new_host_key: true })
    .run("true")
    .then(
      () => assert.unreachable("accept_new_host_key never accepts a changed key"),
      (e: Error) => assert.match(e.message, /CHANGED/),
    );
});

it("a dropped connection is made again: safe operations are retried, a running command is reported", async () => {
  const d = driver(3);
  await d.writeFile("/srv/x", "1");
  assert.is(d.connects, 1);
  const dropSessions = () => {
    const master = bed.sshdPid(3);
    for (const pid of bed.pids(3, "sshd").filter((p) => p !== master)) process.kill(pid, "SIGKILL");
  };
  dropSessions();
  assert.is(await d.readFile("/srv/x"), "1", "retried on a new connection");
  assert.is(d.connects, 2);
  // a command that was running when the connection dropped is not run again
  await d.removeFile("/srv/started");
  const running = d.run("touch /srv/started; sleep 20");
  await waitFor("the command to start", () => existsSync(join(bed.hosts[2]!.dir, "srv/started")));
  dropSessions();
  await running.then(
    () => assert.unreachable("the connection was lost"),
    (e: Error) => assert.match(e.message, /connection lost while a command ran; it may or may not have completed/),
  );
  // sshd itself gone for a while: operations wait with backoff and go on once it is back
  process.kill(bed.sshdPid(3), "SIGKILL");
  dropSessions();
  const later = d.statFile("/srv/x");
  bed.up(3); // brings h3's sshd back, same host key
  assert.equal(await later, { mode: 0o644, size: 1 });
});

it("processes: start, inspect, signal, log, stop (the whole group); a second start is refused", async () => {
  const d = driver(2);
  const st = await d.startProcess({
    name: "worker",
    command: "/bin/sh",
    args: ["-c", 'trap "echo got-hup" HUP; echo "cwd $(pwd) $GREETING"; sleep 300 & while true; do wait; done'],
    cwd: "/srv/work",
    env: { GREETING: "hello there" },
  });
  assert.ok(st.running && st.pid && st.startedAt);
  assert.equal(await d.inspectProcess("worker"), st);
  assert.equal(await d.listProcesses(), ["worker"]);
  await d.startProcess({ name: "worker", command: "true" }).then(
    () => assert.unreachable("already running"),
    (e: Error) => assert.match(e.message, /process "worker" is already running \(pid \d+\)/),
  );
  await waitFor("the log", async () =>
    ((await d.readProcessLog("worker")) ?? "").includes("cwd /srv/work hello there"),
  );
  await d.signalProcess("worker", "SIGHUP");
  await waitFor("the HUP", async () => ((await d.readProcessLog("worker")) ?? "").includes("got-hup"));
  await d.stopProcess("worker", 2000);
  assert.equal(await d.inspectProcess("worker"), { running: false });
  assert.equal(await d.listProcesses(), []);
  assert.not.match(bed.inHost(2, "ps -eo args"), /sleep 300/, "the group's children are gone too");
  await d.stopProcess("worker"); // idempotent
  await d.signalProcess("worker", "SIGHUP").then(
    () => assert.unreachable("not running"),
    (e: Error) => assert.match(e.message, /it is not running/),
  );
  // a command without args is a shell command line, as on local hosts; a plain one is the process itself
  const line = await d.startProcess({ name: "line", command: "sleep 301" });
  assert.ok(line.running, "started");
  assert.match(bed.inHost(2, `ps -o args= -p ${line.pid}`), /^sleep 301$/m);
  const shell = await d.startProcess({ name: "shell", command: "echo from-a-shell; sleep 302" });
  await waitFor("the shell's output", async () => ((await d.readProcessLog("shell")) ?? "").includes("from-a-shell"));
  assert.ok(shell.running);
  await d.stopProcess("line", 2000);
  await d.stopProcess("shell", 2000);
  assert.not.match(bed.inHost(2, "ps -eo args"), /sleep 30[12]/);
});

it("packages: dpkg's versions on the host; an unknown package is null", async () => {
  const d = driver(1);
  const here = readFileSync("/var/lib/dpkg/status", "utf8");
  const bash = /Package: bash\n(?:.+\n)*?Version: (\S+)/.exec(here)?.[1];
  assert.is(await d.packageVersion("bash"), bash ?? null);
  assert.is(await d.packageVersion("no-such-package-gantry"), null);
});

it("one connection per host carries many operations at once, max_sessions at a time", async () => {
  const d = driver(1, { max_sessions: 3 });
  const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => d.run(`echo ${i}`)));
  assert.equal(
    answers.map((a) => a.stdout),
    Array.from({ length: 24 }, (_, i) => `${i}\n`),
  );
  assert.is(d.connects, 1);
});

it("look-ups asked for at once share one round trip, each with its own answer", async () => {
  const d = driver(1);
  await d.writeFile("/srv/batch/a", "alpha\n");
  await d.writeFile("/srv/batch/b", "beta\n", 0o600);
  await d.listProcesses(); // the first process look-up asks once whether the host runs systemd
  const before = d.roundTrips;
  const [a, b, missing, statB, statMissing, proc, list] = await Promise.all([
    d.readFile("/srv/batch/a"),
    d.readFile("/srv/batch/b"),
    d.readFile("/srv/batch/none"),
    d.statFile("/srv/batch/b"),
    d.statFile("/srv/batch/none"),
    d.inspectProcess("nothing-here"),
    d.listProcesses(),
  ]);
  assert.equal(
    [a, b, missing, statB, statMissing, proc, list],
    ["alpha\n", "beta\n", null, { mode: 0o600, size: 5 }, null, { running: false }, []],
  );
  assert.is(d.roundTrips - before, 1);
});

it("a jump host: h2 reached through h1", async () => {
  const d = driver(2, { jump_host: `root@${bed.hosts[0]!.address}` });
  assert.match(d.describe, /via 10\.213\.71\.11/);
  const r = await d.run('echo "$SSH_CLIENT"; cat /etc/testbed-host');
  assert.match(r.stdout, /^10\.213\.71\.11 \d+ 22\ngtsd-h2\n$/);
});

it("settings: clear errors naming host and field", () => {
  const bad = (options: Record<string, unknown>, re: RegExp) =>
    assert.throws(
      () => new SshDriver({ ...bed.spec(1, options) }),
      (e: Error) => re.test(e.message),
    );
  bad({ port: 70000 }, /ssh host "h1": "port" must be a whole number from 1 to 65535 \(got 70000\)/);
  bad({ sudo: "maybe" }, /ssh host "h1": "sudo" must be true or false/);
  bad({ jump_host: "a b" }, /"jump_host" must look like user@address:port/);
  bad({ private_key_file: undefined, user: "x y" }, /"user" is not a user name/);
});

test.run();
