import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UNKNOWN } from "../../contract/values.js";
import { candidateAddress } from "../../provider/types/host.js";
import { killGroup, makeCtx, pidAlive, planLike, removeDir, tempDir } from "./helpers.js";
import { builtinType, resetTestEngine, testEngine } from "../engine-fixture.js";

const host = builtinType("host");

test("plan fills name, root and a deterministic loopback address", () => {
  const dir = tempDir();
  try {
    const ctx = makeCtx(dir, "web-0");
    const p = planLike(host, null, { driver: "local" }, ctx);
    assert.is(p.planned.name, "web-0");
    assert.is(p.planned.root, join(dir, ".gantry", "hosts", "web-0"));
    assert.is(p.planned.address, candidateAddress("web-0"));
    assert.match(String(p.planned.address), /^127\.77\.\d+\.\d+$/);
    assert.is(p.planned.id, UNKNOWN);
    assert.is(planLike(host, null, { driver: "local" }, ctx).planned.address, p.planned.address, "deterministic");
    assert.is.not(candidateAddress("web-1"), candidateAddress("web-0"));
    const explicit = planLike(host, null, { driver: "local", address: "127.0.77.40", root: "/srv/x" }, ctx);
    assert.is(explicit.planned.address, "127.0.77.40");
    assert.is(explicit.planned.root, "/srv/x");
  } finally {
    removeDir(dir);
  }
});

test("validate: unknown driver, non-loopback local address, relative root", () => {
  const info = makeCtx("/tmp", "h");
  const errs = host.validate!({ driver: "winrm", address: "10.0.0.1", root: "rel" }, info);
  assert.ok(errs.some((e) => e.attribute === "driver" && /known drivers: local, ssh, sim/.test(e.message)));
  assert.ok(errs.some((e) => e.attribute === "root"));
  const local = host.validate!({ driver: "local", address: "10.0.0.1" }, info);
  assert.ok(local.some((e) => e.attribute === "address" && /loopback/.test(e.message)));
  assert.equal(host.validate!({ driver: "sim", address: "10.0.0.1" }, info), []);
});

test("local host: create writes marker, read, delete stops processes and removes root", async () => {
  const dir = tempDir();
  let pid: number | undefined;
  try {
    const ctx = makeCtx(dir, "h1");
    const p = planLike(host, null, { driver: "local", address: "127.0.77.41" }, ctx);
    const s = await host.create(ctx, p.planned);
    assert.match(String(s.id), /^[0-9a-f-]{36}$/);
    const root = String(s.root);
    assert.ok(existsSync(join(root, ".gantry-host")));
    assert.equal(await host.read(ctx, s), s);
    assert.is(host.hostKey!(s), "h1");
    assert.is(planLike(host, s, { driver: "local", address: "127.0.77.41" }, ctx).action, "noop");
    assert.is(planLike(host, s, { driver: "local", address: "127.0.77.42" }, ctx).action, "replace");

    const d = testEngine().hosts.connect({ name: "h1", driver: "local", address: "127.0.77.41", root });
    pid = (await d.startProcess({ name: "bg", command: "sleep 60" })).pid;
    assert.ok(await pidAlive(pid!));

    await host.delete(ctx, s);
    assert.is(await pidAlive(pid!), false, "process stopped");
    assert.is(existsSync(root), false, "root removed");
    assert.is(await host.read(ctx, s), null, "gone after delete");
    await host.delete(ctx, s); // idempotent
  } finally {
    killGroup(pid);
    removeDir(dir);
  }
});

test("local host: delete refuses a root without the marker; create refuses to adopt one", async () => {
  const dir = tempDir();
  try {
    const ctx = makeCtx(dir, "h2");
    const root = join(dir, "not-ours");
    mkdirSync(root);
    writeFileSync(join(root, "precious.txt"), "data");
    const attrs = { driver: "local", address: "127.0.77.43", root, name: "h2", options: null, id: "x" };
    await host.delete(ctx, attrs).then(
      () => assert.unreachable("must refuse"),
      (e: Error) => assert.match(e.message, /refusing to remove root .*no \.gantry-host marker/),
    );
    assert.is(readFileSync(join(root, "precious.txt"), "utf8"), "data");
    await host.create(ctx, attrs).then(
      () => assert.unreachable("must refuse"),
      (e: Error) => assert.match(e.message, /will not adopt a directory it did not create/),
    );
    assert.is(existsSync(join(root, ".gantry-host")), false);
  } finally {
    removeDir(dir);
  }
});

test("local host: two hosts claiming one address collide at create; plan skips claimed addresses", async () => {
  const dir = tempDir();
  try {
    const a = makeCtx(dir, "ha");
    const sa = await host.create(a, planLike(host, null, { driver: "local", address: "127.0.77.44" }, a).planned);
    const b = makeCtx(dir, "hb");
    await host.create(b, planLike(host, null, { driver: "local", address: "127.0.77.44" }, b).planned).then(
      () => assert.unreachable("collision"),
      (e: Error) => assert.match(e.message, /already used by host "ha"; set "address" explicitly/),
    );
    // A default address already claimed by another host is skipped at plan time.
    const c = makeCtx(dir, "hc");
    const taken = candidateAddress("hc");
    mkdirSync(join(dir, ".gantry", "hosts", ".addresses"), { recursive: true });
    writeFileSync(join(dir, ".gantry", "hosts", ".addresses", taken), "someone-else\n");
    const pc = planLike(host, null, { driver: "local" }, c);
    assert.is(pc.planned.address, candidateAddress("hc", 1));
    await host.delete(a, sa);
    assert.is(existsSync(join(dir, ".gantry", "hosts", ".addresses", "127.0.77.44")), false, "claim released");
  } finally {
    removeDir(dir);
  }
});

test("sim host: create registers in the fabric, read null after reset, delete clears", async () => {
  const fabric = resetTestEngine().hosts.simFabric;
  const ctx = makeCtx("/tmp/gantry-sim-host", "s1");
  const p = planLike(host, null, { driver: "sim", options: { latency_ms: 0 } }, ctx);
  const s = await host.create(ctx, p.planned);
  assert.ok(fabric.host("s1").files.has("/.gantry-host"));
  assert.equal(await host.read(ctx, s), s);
  // options change in place
  const upd = planLike(host, s, { driver: "sim", options: { latency_ms: 1 } }, ctx);
  assert.is(upd.action, "update");
  const s2 = await host.update(ctx, s, upd.planned);
  assert.is(s2.id, s.id);
  await testEngine()
    .hosts.connect({ name: "s1", driver: "sim", address: String(s.address), root: String(s.root) })
    .startProcess({ name: "p", command: "x" });
  await host.delete(ctx, s2);
  assert.is(fabric.host("s1").processes.size, 0);
  assert.is(await host.read(ctx, s2), null);
  await host.create(ctx, p.planned);
  resetTestEngine().hosts.simFabric;
  assert.is(await host.read(ctx, s), null, "a fresh fabric has no such host");
});

test.run();
