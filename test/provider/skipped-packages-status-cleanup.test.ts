// Review fixes: a skipped package becomes installable; service status is
// refreshed by update and is volatile; host address claims leave no empty dirs.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UNKNOWN, type Attrs } from "../../contract/values.js";
import { freePort, makeCtx, planLike, removeDir, simHost, tempDir } from "./helpers.js";
import { localHost } from "./local-host.js";
import { builtinType, resetTestEngine } from "../engine-fixture.js";

const pkg = builtinType("package");
const service = builtinType("service");
const hostType = builtinType("host");

test(
  "package: a skipped package stays skipped while it has " + "no candidate, and is planned for install once it has one",
  async () => {
    const fabric = resetTestEngine().hosts.simFabric;
    const ctx = makeCtx("/tmp/gantry-review", "mesos");
    const config = { host: simHost("master-1", { unavailable: ["mesos"] }), name: "mesos", if_unavailable: "skip" };
    const s = await pkg.create(ctx, planLike(pkg, null, config, ctx).planned);
    assert.is(s.installed_version, null);
    assert.type(s.skipped, "string");

    // still no candidate: read returns prior unchanged (no drift) and warns
    ctx.limitations.length = 0;
    const still = (await pkg.read(ctx, s))!;
    assert.equal(still, s);
    assert.equal(
      ctx.limitations.map((l) => [l.name, l.outcome, l.reason]),
      [["mesos", "not installed", "no package in the reachable repositories"]],
      "says so while it is still skipped",
    );
    assert.is(planLike(pkg, still, config, ctx).action, "noop");

    // a repository now offers it
    fabric.host("master-1").unavailable.delete("mesos");
    ctx.limitations.length = 0;
    const now = (await pkg.read(ctx, s))!;
    assert.is(now.skipped, null);
    assert.is(now.installed_version, null);
    assert.equal(ctx.limitations, [], "nothing said once it can be installed");
    const p = planLike(pkg, now, config, ctx);
    assert.is(p.action, "update", "the next plan installs it");
    assert.is(p.planned.installed_version, UNKNOWN);
    const installed = await pkg.update(ctx, now, p.planned);
    assert.is(installed.installed_version, "1.0.0-sim");
    assert.is(installed.skipped, null);
    assert.is(planLike(pkg, (await pkg.read(ctx, installed))!, config, ctx).action, "noop");

    // with a pinned version the plan says which version it installs
    const pinnedCfg = { ...config, name: "marathon", version: "1.4.0" };
    fabric.host("master-1").unavailable.add("marathon");
    const sp = await pkg.create(ctx, planLike(pkg, null, pinnedCfg, ctx).planned);
    assert.type(sp.skipped, "string");
    fabric.host("master-1").unavailable.delete("marathon");
    const pp = planLike(pkg, (await pkg.read(ctx, sp))!, pinnedCfg, ctx);
    assert.is(pp.action, "update");
    assert.is(pp.planned.installed_version, "1.4.0");
  },
);

test("package: installed from outside while skipped reads as installed", async () => {
  const fabric = resetTestEngine().hosts.simFabric;
  const ctx = makeCtx("/tmp/gantry-review", "mesos");
  const config = { host: simHost("master-1", { unavailable: ["mesos"] }), name: "mesos", if_unavailable: "skip" };
  const s = await pkg.create(ctx, planLike(pkg, null, config, ctx).planned);
  fabric.host("master-1").packages.set("mesos", "1.11.0-1");
  const r = (await pkg.read(ctx, s))!;
  assert.is(r.installed_version, "1.11.0-1");
  assert.is(r.skipped, null);
  assert.is(planLike(pkg, r, config, ctx).action, "noop");
});

test("package: skipped for a missing requirement stays skipped until the requirement can be installed", async () => {
  const fabric = resetTestEngine().hosts.simFabric;
  const ctx = makeCtx("/tmp/gantry-review", "docker");
  const h = simHost("agent-1", { unavailable: ["mesos"] });
  const docker = { host: h, name: "docker.io", if_unavailable: "skip", requires_packages: ["mesos"] };
  const d = await pkg.create(ctx, planLike(pkg, null, docker, ctx).planned);
  assert.type(d.skipped, "string");
  assert.equal(await pkg.read(ctx, d), d, "its requirement has no candidate: unchanged");
  fabric.host("agent-1").unavailable.delete("mesos");
  const r = (await pkg.read(ctx, d))!;
  assert.is(r.skipped, null, "its requirement can be installed now");
  assert.is(planLike(pkg, r, docker, ctx).action, "update");
});

test("service: status is volatile in the schema", () => {
  assert.is(service.schema.status!.volatile, true);
  assert.is(service.schema.status!.computed, true);
  assert.not.match(service.description, /supervis/i);
  assert.match(service.description, /nothing restarts it by itself between runs/);
});

// Answers "Mode: <contents of <root>/mode>" to anything sent, like ZooKeeper's srvr.
const MODE_SERVER = `
const fs = require("fs");
process.on("SIGHUP", () => {});
require("net").createServer((s) => s.once("data", () => \
s.end("Zookeeper version: sim\\nMode: " + fs.readFileSync(process.env.HOST_ROOT + "/mode", "utf8") + "\\n")))
  .listen(Number(process.env.PORT), process.env.HOST_ADDRESS);
`;

test("service: update refreshes status when the process is running, healthy and unchanged", async () => {
  const address = "127.0.203.11";
  const h = await localHost(address, "rf1");
  const port = await freePort(address);
  try {
    const root = String(h.host.root);
    writeFileSync(join(root, "mode"), "follower");
    const ctx = h.ctx("zk");
    const config: Attrs = {
      host: h.host,
      command: process.execPath,
      args: ["-e", MODE_SERVER],
      environment: { PORT: String(port) },
      ports: [port],
      health_check: { type: "tcp", send: "srvr\n", expect: "Mode: \\w+", interval_ms: 100, retries: 50 },
    };
    const s1 = await service.create(ctx, planLike(service, null, config, ctx).planned);
    assert.is(s1.status, "Mode: follower");
    writeFileSync(join(root, "mode"), "leader");
    // nothing changed: update (e.g. on another attribute's behalf) keeps the process and refreshes status
    const s2 = await service.update(ctx, s1, planLike(service, s1, config, ctx).planned);
    assert.is(s2.pid, s1.pid, "not restarted");
    assert.is(s2.status, "Mode: leader");
    assert.is(s2.healthy, true);
    // reload path too
    writeFileSync(join(root, "mode"), "follower");
    const s3 = await service.update(ctx, s2, planLike(service, s2, { ...config, reload_triggers: "v2" }, ctx).planned);
    assert.is(s3.pid, s1.pid, "reloaded, not restarted");
    assert.is(s3.status, "Mode: follower");
  } finally {
    await h.cleanup();
  }
});

test("host: destroying the last local host removes the empty address-claim dir (and hosts dir)", async () => {
  const dir = tempDir();
  try {
    const ctxA = makeCtx(dir, "ha");
    const ctxB = makeCtx(dir, "hb");
    const a = await hostType.create(
      ctxA,
      planLike(hostType, null, { driver: "local", address: "127.0.203.21" }, ctxA).planned,
    );
    const b = await hostType.create(
      ctxB,
      planLike(hostType, null, { driver: "local", address: "127.0.203.22" }, ctxB).planned,
    );
    const hosts = join(dir, ".gantry", "hosts");
    const claims = join(hosts, ".addresses");
    assert.ok(existsSync(join(claims, "127.0.203.21")));
    await hostType.delete(ctxA, a);
    assert.not.ok(existsSync(join(claims, "127.0.203.21")), "claim released");
    assert.ok(existsSync(join(claims, "127.0.203.22")), "the other host keeps its claim");
    await hostType.delete(ctxB, b);
    assert.not.ok(existsSync(claims), "empty claim dir removed");
    assert.not.ok(existsSync(hosts), "empty hosts dir removed");
    assert.ok(existsSync(join(dir, ".gantry")), "the data dir itself stays");
    // a new host claims again from scratch
    const c = await hostType.create(
      ctxA,
      planLike(hostType, null, { driver: "local", address: "127.0.203.21" }, ctxA).planned,
    );
    assert.ok(existsSync(join(claims, "127.0.203.21")));
    await hostType.delete(ctxA, c);
    assert.not.ok(existsSync(hosts));
  } finally {
    removeDir(dir);
  }
});

test("host: the hosts dir stays when something else is in it (only empty dirs are removed)", async () => {
  const dir = tempDir();
  try {
    const ctx = makeCtx(dir, "hc");
    const h = await hostType.create(
      ctx,
      planLike(hostType, null, { driver: "local", address: "127.0.203.23" }, ctx).planned,
    );
    const hosts = join(dir, ".gantry", "hosts");
    writeFileSync(join(hosts, "keep.txt"), "x");
    await hostType.delete(ctx, h);
    assert.not.ok(existsSync(join(hosts, ".addresses")));
    assert.ok(existsSync(join(hosts, "keep.txt")));
  } finally {
    removeDir(dir);
  }
});

test.run();
