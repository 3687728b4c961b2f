import { test } from "uvu";
import * as assert from "uvu/assert";
import { SimDriver, SimFabric } from "../../provider/hosts/sim-driver.js";
import { HostConnections } from "../../provider/hosts/host-connections.js";

function sim(name = "web", options?: Record<string, unknown>, fabric = new SimFabric()) {
  return new SimDriver({ name, driver: "sim", address: "10.0.0.1", root: "/sim", options }, fabric);
}

test("describe says SIMULATED", () => {
  assert.is(sim("web").describe, "SIMULATED host web (sim fabric)");
});

test("files, processes and probes live in the fabric", async () => {
  const fabric = new SimFabric();
  const d = sim("a", undefined, fabric);
  assert.is(await d.statFile("/"), null, "an untouched host has no root");
  await d.writeFile("/etc/x.conf", "hello", 0o600);
  assert.is(await d.readFile("/etc/x.conf"), "hello");
  assert.equal(await d.statFile("/etc/x.conf"), { mode: 0o600, size: 5 });
  assert.ok(await d.statFile("/etc"), "directories exist implicitly");
  assert.equal(fabric.host("a").files.get("/etc/x.conf"), { content: "hello", mode: 0o600 });
  await d.readFile("/../x").then(
    () => assert.unreachable("escape"),
    (e: Error) => assert.match(e.message, /escapes the host root/),
  );

  assert.is(await d.checkTcp(8080), false);
  const st = await d.startProcess({ name: "svc", command: "srv", ports: [8080] });
  assert.ok(st.running);
  assert.is(await d.checkTcp(8080), true);
  assert.equal(await d.checkHttp(8080, "/"), { ok: true, status: 200, body: "" });
  assert.is(await d.checkTcp(9090), false);
  assert.equal(await d.inspectProcess("svc"), { running: true, pid: st.pid, startedAt: st.startedAt });
  fabric.killProcess("a", "svc");
  assert.equal(await d.inspectProcess("svc"), { running: false });
  assert.is(await d.checkTcp(8080), false);
  assert.equal(await d.listProcesses(), ["svc"]);
  await d.stopProcess("svc");
  assert.equal(await d.listProcesses(), []);

  // Another host in the same fabric is separate.
  assert.is(await sim("b", undefined, fabric).readFile("/etc/x.conf"), null);

  await d.removeTree("/");
  assert.is(await d.statFile("/"), null);
  assert.is(await d.readFile("/etc/x.conf"), null);
});

test("run records commands; tiny vocabulary; everything else is a no-op", async () => {
  const fabric = new SimFabric();
  const d = sim("r", undefined, fabric);
  await d.writeFile("/opt/done", "");
  assert.equal(await d.run("test -e /opt/done"), { exitCode: 0, stdout: "", stderr: "" });
  assert.is((await d.run("test -e /opt/missing")).exitCode, 1);
  assert.is((await d.run("test -d /opt")).exitCode, 0);
  assert.is((await d.run("test -f /opt")).exitCode, 1);
  assert.is((await d.run("false")).exitCode, 1);
  assert.is((await d.run("exit 7")).exitCode, 7);
  assert.is((await d.run("apt-get moo", { env: { A: "1" } })).exitCode, 0);
  assert.equal(
    fabric.host("r").commandLog.map((c) => c.command),
    ["test -e /opt/done", "test -e /opt/missing", "test -d /opt", "test -f /opt", "false", "exit 7", "apt-get moo"],
  );
  assert.equal(fabric.host("r").commandLog[6]!.env, { A: "1" });
});

test("packages: install, version, unavailable error names package and host", async () => {
  const fabric = new SimFabric();
  const d = sim("master-1", { unavailable: ["mesos"], packages: { zookeeper: "3.4.5" } }, fabric);
  assert.is(await d.packageVersion("zookeeper"), "3.4.5");
  assert.is(await d.packageVersion("haproxy"), null);
  assert.is(await d.installPackage("haproxy", "2.0.1"), "2.0.1");
  assert.is(await d.packageVersion("haproxy"), "2.0.1");
  assert.type(await d.installPackage("marathon"), "string");
  try {
    await d.installPackage("mesos");
    assert.unreachable("mesos is unavailable");
  } catch (e) {
    assert.is(
      (e as Error).message,
      'package "mesos" cannot be installed on host "master-1" (sim): E: Unable to locate package mesos',
    );
  }
  await d.removePackage("haproxy");
  assert.is(await d.packageVersion("haproxy"), null);
  const only = sim("h2", { available: ["a1"] }, fabric);
  assert.is(await only.installPackage("a1"), "1.0.0-sim");
  await only.installPackage("b1").then(
    () => assert.unreachable("not available"),
    (e: Error) => assert.match(e.message, /"b1".*"h2"/),
  );
});

test("latency: operations take latency_ms; zero latency uses no timers (100,000 ops fast)", async () => {
  const fabric = new SimFabric();
  const slow = sim("slow", { latency_ms: 40 }, fabric);
  const t0 = Date.now();
  await slow.writeFile("/a", "1");
  await slow.readFile("/a");
  const took = Date.now() - t0;
  assert.ok(took >= 75, `two ops at 40 ms took ${took} ms`);

  const fast = sim("fast", undefined, fabric);
  const t1 = Date.now();
  for (let i = 0; i < 100_000; i++) await fast.writeFile(`/f${i % 100}`, "x");
  const took2 = Date.now() - t1;
  assert.ok(took2 < 3000, `100,000 zero-latency ops took ${took2} ms`);
  assert.is(fabric.opCounts.get("writeFile"), 100_001);
});

test("injected failures: op, host, match, times, error; run exit codes", async () => {
  const fabric = new SimFabric();
  const a = sim("a", undefined, fabric);
  const b = sim("b", undefined, fabric);
  fabric.injectFailure({ host: "a", op: "writeFile", match: "/etc/", times: 2, error: "disk full" });
  await a.writeFile("/tmp/ok", "1"); // no match
  await b.writeFile("/etc/ok", "1"); // other host
  for (let i = 0; i < 2; i++) {
    await a.writeFile("/etc/x", "1").then(
      () => assert.unreachable("injected"),
      (e: Error) => assert.is(e.message, "disk full"),
    );
  }
  await a.writeFile("/etc/x", "1"); // times exhausted
  assert.is(await a.readFile("/etc/x"), "1");

  fabric.injectFailure({ op: "run", match: "deploy", exit_code: 42, error: "nope" });
  assert.equal(await a.run("deploy now"), { exitCode: 42, stdout: "", stderr: "nope" });
  assert.equal(await b.run("deploy again"), { exitCode: 42, stdout: "", stderr: "nope" }, "no host = every host");
  fabric.injectFailure({ op: "startProcess", times: 1 });
  await a.startProcess({ name: "p", command: "x" }).then(
    () => assert.unreachable("injected"),
    (e: Error) => assert.match(e.message, /injected failure: startProcess p on SIMULATED host a/),
  );
  assert.ok((await a.startProcess({ name: "p", command: "x" })).running);
  fabric.clearFailures();
  assert.is((await a.run("deploy now")).exitCode, 0);
});

test("fail_ops in host options (through the engine's host connections); each engine has its own fabric", async () => {
  const hosts = new HostConnections();
  const spec = {
    name: "cfg",
    driver: "sim",
    address: "10.0.0.2",
    root: "/sim",
    options: { fail_ops: [{ op: "installPackage", match: "mesos", times: 1, error: "mirror down" }] },
  };
  const d = hosts.connect(spec);
  assert.is(hosts.connect({ ...spec }), d, "cached per name/driver/root/address/options");
  await d.installPackage("mesos").then(
    () => assert.unreachable("injected"),
    (e: Error) => assert.is(e.message, "mirror down"),
  );
  assert.type(await d.installPackage("mesos"), "string");
  assert.is(hosts.simFabric.host("cfg").packages.has("mesos"), true);

  // Another engine's connections: a fabric of their own, the options applied afresh there.
  const other = new HostConnections();
  const d2 = other.connect(spec);
  assert.is.not(d2, d);
  assert.is(await d2.packageVersion("mesos"), null);
  await d2.installPackage("mesos").then(
    () => assert.unreachable("re-applied"),
    (e: Error) => assert.is(e.message, "mirror down"),
  );
  assert.is(hosts.simFabric.host("cfg").packages.has("mesos"), true, "the first engine's host is untouched");
});

test("connect: unknown driver lists known drivers; one driver per host spec", () => {
  const hosts = new HostConnections();
  assert.throws(
    () => hosts.connect({ name: "x", driver: "winrm", address: "10.0.0.1", root: "/r" }),
    (e: Error) => e.message === 'host "x": unknown host driver "winrm" (known drivers: local, ssh, sim)',
  );
  const l1 = hosts.connect({ name: "x", driver: "local", address: "127.0.77.20", root: "/tmp/gantry-x" });
  assert.is(hosts.connect({ name: "x", driver: "local", address: "127.0.77.20", root: "/tmp/gantry-x" }), l1);
  assert.is.not(hosts.connect({ name: "x", driver: "local", address: "127.0.77.21", root: "/tmp/gantry-x" }), l1);
  assert.match(l1.describe, /^local host x/);
});

test.run();
