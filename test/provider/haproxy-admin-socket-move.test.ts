// gantry_haproxy_config whose admin_socket changes in place, on a machine gantry does not own (an ssh host: what
// was at a path is recorded on the host, /var/lib/gantry/files). The new path is recorded as the first one was; the
// old socket goes with its record and the directories made for it, unless something still answers on it. Run on a
// sandbox host that answers as an ssh host does (same shell scripts, run locally under its root).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync } from "node:fs";
import * as net from "node:net";
import { join } from "node:path";

import type { HostDriver } from "../../contract/host-driver.js";
import type { Attrs } from "../../contract/values.js";
import { haproxyConfigType } from "../../provider/types/haproxy-config.js";
import { testHosts } from "../engine-fixture.js";
import { planLike } from "./helpers.js";
import { localHost, type LocalHostFixture } from "./local-host.js";

const RECORDS = "var/lib/gantry/files";

/** The sandbox host's driver, saying it is an ssh host (so what was at a path is recorded, as on a real machine). */
function asSshHost(d: HostDriver): HostDriver {
  const spec = { ...d.spec, driver: "ssh" };
  return new Proxy(d, {
    get(target, p) {
      if (p === "spec") return spec;
      const v = Reflect.get(target, p) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

function ctxOf(h: LocalHostFixture) {
  return {
    ...h.ctx("lb"),
    hosts: { connect: (spec: Parameters<typeof testHosts.connect>[0]) => asSshHost(testHosts.connect(spec)) },
  };
}

function config(h: LocalHostFixture, socket: string): Attrs {
  return {
    host: h.host,
    path: "/etc/haproxy/haproxy.cfg",
    apps: [{ id: "/web", service_port: 10000, tasks: [{ host: "127.0.0.1", port: 8080 }] }],
    admin_socket: socket,
    check_command: "true",
  };
}

async function move(h: LocalHostFixture, from: string, to: string): Promise<Attrs> {
  const ctx = ctxOf(h);
  const created = await haproxyConfigType.create(ctx, planLike(haproxyConfigType, null, config(h, from), ctx).planned);
  const { planned, action } = planLike(haproxyConfigType, created, config(h, to), ctx);
  assert.is(action, "update", "admin_socket changes in place");
  return await haproxyConfigType.update!(ctx, created, planned);
}

const root = (h: LocalHostFixture) => String(h.host.root);
const at = (h: LocalHostFixture, path: string) => existsSync(join(root(h), path));

test("a new admin socket directory: the old directory and record go; destroy removes the new one", async () => {
  const h = await localHost("127.0.77.90");
  try {
    const updated = await move(h, "/run/hap-old/admin.sock", "/run/hap-new/admin.sock");
    assert.is(at(h, "run/hap-new"), true, "the new socket's directory is made");
    assert.is(at(h, "run/hap-old"), false, "the old socket's directory (made for it, empty) is gone");
    assert.is(at(h, `${RECORDS}/run/hap-old/admin.sock.found`), false, "the old socket is forgotten");
    assert.is(at(h, `${RECORDS}/run/hap-new/admin.sock.found`), true, "the new socket is recorded");
    const ctx = ctxOf(h);
    await haproxyConfigType.delete(ctx, updated);
    assert.is(at(h, "run/hap-new"), false, "destroy removes the directory made for the new socket");
    assert.is(at(h, `${RECORDS}/run/hap-new/admin.sock.found`), false);
  } finally {
    await h.cleanup();
  }
});

test("a new admin socket in the same directory: the directory stays (the new socket goes there)", async () => {
  const h = await localHost("127.0.77.91");
  try {
    const updated = await move(h, "/run/hap/a.sock", "/run/hap/b.sock");
    assert.is(at(h, "run/hap"), true, "the shared directory stays although it is empty until HAProxy reloads");
    assert.is(at(h, `${RECORDS}/run/hap/a.sock.found`), false);
    assert.is(at(h, `${RECORDS}/run/hap/b.sock.found`), true);
    await haproxyConfigType.delete(ctxOf(h), updated);
    assert.is(at(h, "run/hap"), false, "destroy removes it");
  } finally {
    await h.cleanup();
  }
});

test("an old admin socket that still answers stays in place, its record forgotten", async () => {
  const h = await localHost("127.0.77.92");
  const server = net.createServer((c) => c.end("Name: HAProxy\n"));
  try {
    const ctx = ctxOf(h);
    const created = await haproxyConfigType.create(
      ctx,
      planLike(haproxyConfigType, null, config(h, "/run/hap/a.sock"), ctx).planned,
    );
    // HAProxy (not reloaded yet) listening on the old path
    await new Promise<void>((r) => server.listen(join(root(h), "run/hap/a.sock"), r));
    const { planned } = planLike(haproxyConfigType, created, config(h, "/run/hap2/b.sock"), ctx);
    await haproxyConfigType.update!(ctx, created, planned);
    assert.is(at(h, "run/hap/a.sock"), true, "the old socket stays while it answers");
    assert.is(at(h, `${RECORDS}/run/hap/a.sock.found`), false, "but it is no longer recorded");
    assert.match(ctx.logs.join("\n"), /still answers on its old admin socket \/run\/hap\/a\.sock/);
  } finally {
    server.close();
    await h.cleanup();
  }
});

test.run();
