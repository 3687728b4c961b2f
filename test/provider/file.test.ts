import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { UNKNOWN } from "../../contract/values.js";
import { planLike } from "./helpers.js";
import { localHost } from "./local-host.js";
import { builtinType } from "../engine-fixture.js";

const file = builtinType("file");
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

test("create, read, drift after an out-of-band edit, update, delete", async () => {
  const h = await localHost("127.0.77.50");
  try {
    const ctx = h.ctx("cfg");
    const config = { host: h.host, path: "/etc/app/app.conf", content: "port=1\n" };
    const p = planLike(file, null, config, ctx);
    assert.is(p.planned.sha256, sha("port=1\n"));
    assert.is(p.planned.mode, "0644");
    const s = await file.create(ctx, p.planned);
    const real = join(String(h.host.root), "etc/app/app.conf");
    assert.is(readFileSync(real, "utf8"), "port=1\n");
    assert.is(statSync(real).mode & 0o777, 0o644);
    assert.is(file.hostKey!(s), "lh");

    const fresh = await file.read(ctx, s);
    assert.equal(fresh, s);
    assert.is(planLike(file, fresh, config, ctx).action, "noop");

    // Out-of-band edit: content and mode drift show as an in-place update.
    writeFileSync(real, "port=999\n");
    chmodSync(real, 0o600);
    const drifted = (await file.read(ctx, s))!;
    assert.is(drifted.content, "port=999\n");
    assert.is(drifted.mode, "0600");
    assert.is(drifted.sha256, sha("port=999\n"));
    const fix = planLike(file, drifted, config, ctx);
    assert.is(fix.action, "update");
    assert.equal(fix.changed.sort(), ["content", "mode", "sha256"]);
    const s2 = await file.update(ctx, drifted, fix.planned);
    assert.is(readFileSync(real, "utf8"), "port=1\n");
    assert.is(statSync(real).mode & 0o777, 0o644);
    assert.equal(await file.read(ctx, s2), s2);

    assert.is(planLike(file, s2, { ...config, path: "/etc/app/other.conf" }, ctx).action, "replace");

    await file.delete(ctx, s2);
    assert.is(existsSync(real), false);
    assert.is(await file.read(ctx, s2), null, "missing file reads as gone");
  } finally {
    await h.cleanup();
  }
});

test("template with vars renders at plan time; content diff shows template changes", async () => {
  const h = await localHost("127.0.77.51");
  try {
    const ctx = h.ctx("zoo");
    writeFileSync(join(h.dir, "zoo.cfg.tpl"), "clientPort=${port}\nserver.1=${host}:2888\nliteral=$${x}\n");
    const config = {
      host: h.host,
      path: "/etc/zoo.cfg",
      template: "zoo.cfg.tpl",
      vars: { port: 2181, host: "a" },
      mode: "640",
    };
    assert.equal(file.validate!(config, ctx), []);
    const p = planLike(file, null, config, ctx);
    assert.is(p.planned.content, "clientPort=2181\nserver.1=a:2888\nliteral=${x}\n");
    assert.is(p.planned.mode, "0640");
    const s = await file.create(ctx, p.planned);
    assert.is(readFileSync(join(String(h.host.root), "etc/zoo.cfg"), "utf8"), p.planned.content);

    const again = planLike(file, (await file.read(ctx, s))!, config, ctx);
    assert.is(again.action, "noop");
    const changed = planLike(file, s, { ...config, vars: { port: 2182, host: "a" } }, ctx);
    assert.is(changed.action, "update");
    assert.match(String(changed.planned.content), /clientPort=2182/);
    const unknownVar = planLike(file, s, { ...config, vars: { port: UNKNOWN, host: "a" } }, ctx);
    assert.is(unknownVar.planned.content, UNKNOWN);
    assert.is(unknownVar.planned.sha256, UNKNOWN);
    assert.throws(
      () => planLike(file, null, { ...config, vars: { port: 1 } }, ctx),
      /variable "host" is not set in vars/,
    );
  } finally {
    await h.cleanup();
  }
});

test("validate: exactly one of content/template; mode; absolute path", () => {
  const info = { address: "gantry_file.x", name: "x", dataDir: "/tmp/d", configDir: "/tmp" };
  const h = { name: "h", driver: "sim", address: "1.2.3.4", root: "/r" };
  assert.ok(
    file.validate!({ host: h, path: "/a", content: "x", template: "t" }, info).some((e) => /not both/.test(e.message)),
  );
  assert.ok(file.validate!({ host: h, path: "/a" }, info).some((e) => /one of content or template/.test(e.message)));
  assert.ok(
    file.validate!({ host: h, path: "/a", content: "x", mode: "999" }, info).some((e) => e.attribute === "mode"),
  );
  assert.ok(file.validate!({ host: h, path: "rel", content: "x" }, info).some((e) => e.attribute === "path"));
  assert.ok(file.validate!({ host: "nope", path: "/a", content: "x" }, info).some((e) => e.attribute === "host"));
  assert.equal(file.validate!({ host: h, path: "/a", content: UNKNOWN }, info), []);
});

test.run();
