import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  bridgeAppName,
  haproxyConfig,
  marathonLbBackendName,
  type HaproxyApp,
  type HaproxyInput,
} from "../../provider/formats/haproxy-cfg.js";
import { haproxyCheckCommand, haproxyCommand } from "../../blueprints/services/haproxy-generator.js";
import { reference } from "./reference.js";

const facts = reference("haproxy-marathon-bridge.facts.json");
const HAPROXY = "/usr/sbin/haproxy";
const tmp = mkdtempSync(join(tmpdir(), "gantry-haproxy-"));
let n = 0;

/** Runs `haproxy -c -f` (the module's own check command) on the text; fails when haproxy is missing. */
function haproxyCheck(text: string): { ok: boolean; output: string } {
  if (!existsSync(HAPROXY))
    assert.unreachable(
      `${HAPROXY} is missing: install the Debian haproxy package (apt-get install -y haproxy) to run these tests`,
    );
  const path = join(tmp, `haproxy-${++n}.cfg`);
  writeFileSync(path, text);
  const c = haproxyCheckCommand(path);
  assert.equal(c.args, ["-c", "-f", path]);
  const r = spawnSync(c.command, c.args, { encoding: "utf8" });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** haproxy.cfg → sections: header line → directive lines. */
function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let cur: string[] | undefined;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    if (!line.startsWith(" ")) {
      assert.ok(!out.has(line), `section "${line}" twice`);
      out.set(line, (cur = []));
    } else cur!.push(line.trim());
  }
  return out;
}

const APPS: HaproxyApp[] = [
  {
    id: "/prod/web/frontend",
    servicePort: 10000,
    mode: "http",
    healthCheckPath: "/health",
    vhost: "web.example.com",
    tasks: [
      { host: "10.0.0.12", port: 31001 },
      { host: "10.0.0.11", port: 31000 },
    ],
  },
  {
    id: "/db",
    servicePort: 10001,
    mode: "tcp",
    tasks: [
      { host: "10.0.0.13", port: 31002 },
      { host: "10.0.0.13", port: 31002 },
    ],
  },
  { id: "api", servicePort: 10002, mode: "http", tasks: [{ host: "10.0.0.11", port: 31005 }] },
  { id: "/idle", servicePort: 10003, mode: "tcp", tasks: [] },
];

test("names follow the marathon-lb and bridge rules (every '/' replaced, as Python's str.replace)", () => {
  assert.is(marathonLbBackendName("/prod/web", 10000), "prod_web_10000");
  assert.is(marathonLbBackendName("/prod/web/frontend", 10000), "prod_web_frontend_10000");
  assert.is(marathonLbBackendName("api", 80), "api_80");
  assert.match(facts.marathon_lb.naming.backend, /e\.g\. \/prod\/web port 10000 -> prod_web_10000/);
  assert.is(bridgeAppName("/prod/web"), "prod_web");
  assert.match(facts.haproxy_marathon_bridge.data_source.app_name, /\/prod\/web -> prod_web/);
});

test(
  "marathon-lb style: passes haproxy -c without warnings; " +
    "frontend = backend name; roundrobin; one checked server per task",
  () => {
    const text = haproxyConfig({ apps: APPS });
    const check = haproxyCheck(text);
    assert.ok(check.ok, check.output);
    assert.not.match(check.output, /WARNING|ALERT/, check.output);
    const s = sections(text);
    assert.equal([...s.keys()].slice(0, 3), ["global", "defaults", "listen stats"]);
    assert.ok(s.get("listen stats")!.includes("bind 0.0.0.0:9090"));
    assert.ok(s.get("listen stats")!.includes("stats enable"));
    assert.ok(s.get("listen stats")!.includes("stats uri /haproxy?stats"));
    assert.not.ok(s.get("global")!.includes("daemon"), "runs in the foreground under a supervisor");
    for (const app of APPS) {
      const name = marathonLbBackendName(app.id, app.servicePort);
      const fe = s.get(`frontend ${name}`);
      const be = s.get(`backend ${name}`);
      assert.ok(fe && be, `frontend/backend ${name}`);
      assert.equal(fe, [
        `bind *:${app.servicePort}`,
        `mode ${app.mode}`,
        ...(app.mode === "http" ? ["option idle-close-on-response"] : []),
        `use_backend ${name}`,
      ]);
      assert.is(be![0], "balance roundrobin");
      assert.is(be![1], `mode ${app.mode}`);
      const servers = be!.filter((l) => l.startsWith("server "));
      const unique = [...new Map(app.tasks.map((t) => [`${t.host}:${t.port}`, t])).values()].sort((a, b) =>
        a.host < b.host ? -1 : a.host > b.host ? 1 : a.port - b.port,
      );
      assert.equal(
        servers.map((l) => l.split(" ").slice(1, 3).join(" ")),
        unique.map((t) => `${t.host.replace(/[^a-zA-Z0-9-]/g, "_")}_${t.port} ${t.host}:${t.port}`),
      );
      for (const l of servers) assert.match(l, / check( |$)/);
      assert.is(be!.includes(`option httpchk GET ${app.healthCheckPath}`), app.healthCheckPath !== undefined);
    }
    const http = s.get("frontend marathon_http_in")!;
    assert.ok(http.includes("bind *:80"));
    assert.ok(http.includes("acl host_web_example_com hdr(host) -i web.example.com"));
    assert.ok(http.includes("use_backend prod_web_frontend_10000 if host_web_example_com"));
  },
);

test(
  "bridge style: listen <app>-<port>, mode tcp, option tcplog, " +
    "balance leastconn, servers counted down; passes haproxy -c",
  () => {
    const apps = APPS.map(({ vhost: _v, healthCheckPath: _h, ...a }) => a);
    const text = haproxyConfig({ apps, style: "bridge" });
    const check = haproxyCheck(text);
    assert.ok(check.ok, check.output);
    assert.not.match(check.output, /WARNING|ALERT/, check.output);
    const s = sections(text);
    const web = s.get("listen prod_web_frontend-10000")!;
    assert.equal(web.slice(0, 4), ["bind 0.0.0.0:10000", "mode tcp", "option tcplog", "balance leastconn"]);
    assert.equal(
      web.filter((l) => l.startsWith("server")),
      ["server prod_web_frontend-2 10.0.0.11:31000 check", "server prod_web_frontend-1 10.0.0.12:31001 check"],
    );
    assert.ok(s.get("listen stats")!.includes("bind 127.0.0.1:9090"));
    for (const [k] of facts.haproxy_marathon_bridge.generated_config.per_app_listen.directives)
      assert.ok(
        web.some((l) => l.startsWith(k)),
        k,
      );
    assert.throws(() => haproxyConfig({ apps: [APPS[0]!], style: "bridge" }), /no vhost/);
  },
);

test("for route changes: an admin socket handing listeners over, retries on another server, health checks", () => {
  const root = mkdtempSync(join(tmp, "root-"));
  const text = haproxyConfig({ apps: APPS, adminSocket: "${HOST_ROOT}/admin.sock" });
  const path = join(tmp, "zero-drop.cfg");
  writeFileSync(path, text);
  const r = spawnSync(HAPROXY, ["-c", "-f", path], { encoding: "utf8", env: { ...process.env, HOST_ROOT: root } });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.not.match(r.stdout + r.stderr, /WARNING|ALERT/);
  const s = sections(text);
  assert.ok(
    s.get("global")!.includes('stats socket "${HOST_ROOT}/admin.sock" mode 600 level admin expose-fd listeners'),
  );
  const defaults = s.get("defaults")!;
  assert.ok(defaults.includes("option redispatch 1"), "every retry goes to another server");
  assert.ok(defaults.includes("retries 3"));
  assert.ok(defaults.includes("default-server init-addr libc,none inter 1s fall 2 rise 2"));
  const web = s.get("backend prod_web_frontend_10000")!;
  assert.ok(web.includes("retry-on conn-failure empty-response junk-response 503"));
  assert.ok(web.includes("http-request disable-l7-retry if !METH_GET"), "only GET and HEAD are sent twice");
  assert.not.ok(
    s.get("backend db_10001")!.some((l) => l.startsWith("retry-on")),
    "tcp: connection retries only",
  );
  assert.throws(() => haproxyConfig({ apps: APPS, adminSocket: "/a b" }), /adminSocket/);
});

test("deterministic: input order does not matter, only content", () => {
  const a = haproxyConfig({ apps: APPS });
  const b = haproxyConfig({ apps: [...APPS].reverse().map((x) => ({ ...x, tasks: [...x.tasks].reverse() })) });
  assert.is(a, b);
  const c = haproxyConfig({
    apps: APPS.map((x) => (x.id === "/db" ? { ...x, tasks: [...x.tasks, { host: "10.0.0.14", port: 31003 }] } : x)),
  });
  assert.is.not(a, c);
});

test("host names that do not resolve still give a valid file (server starts in maintenance)", () => {
  const text = haproxyConfig({
    apps: [{ id: "/x", servicePort: 10010, mode: "tcp", tasks: [{ host: "agent-7.invalid", port: 31000 }] }],
  });
  const check = haproxyCheck(text);
  assert.ok(check.ok, check.output);
  assert.match(text, /server agent-7_invalid_31000 agent-7\.invalid:31000 check/);
});

test("log to stdout instead of syslog; still valid in both styles", () => {
  for (const style of ["marathon-lb", "bridge"] as const) {
    const text = haproxyConfig({ apps: [APPS[1]!], style, log: "stdout" });
    assert.ok(haproxyCheck(text).ok);
    assert.equal(
      sections(text)
        .get("global")!
        .filter((l) => l.startsWith("log ")),
      ["log stdout format raw local0"],
    );
  }
  assert.equal(
    sections(haproxyConfig({ apps: [] }))
      .get("global")!
      .filter((l) => l.startsWith("log ")),
    ["log /dev/log local0", "log /dev/log local1 notice"],
  );
});

test("custom stats port, bind address and auth; still valid", () => {
  const input: HaproxyInput = { apps: [APPS[1]!], statsPort: 9091, bindAddress: "10.0.0.5", statsAuth: "admin:s3cret" };
  const text = haproxyConfig(input);
  assert.ok(haproxyCheck(text).ok);
  const s = sections(text);
  assert.ok(s.get("listen stats")!.includes("bind 0.0.0.0:9091"));
  assert.ok(s.get("listen stats")!.includes("stats auth admin:s3cret"));
  assert.ok(s.get("frontend db_10001")!.includes("bind 10.0.0.5:10001"));
});

test("bad input is refused: clashing service ports, stats port, invalid ids, hosts, vhost on tcp", () => {
  const one = (x: Partial<HaproxyApp>): HaproxyInput => ({
    apps: [{ id: "/a", servicePort: 10000, mode: "http", tasks: [], ...x }],
  });
  assert.throws(
    () => haproxyConfig({ apps: [APPS[0]!, { ...APPS[1]!, servicePort: 10000 }] }),
    /service port 10000 of \/db is already used by \/prod\/web\/frontend/,
  );
  assert.throws(() => haproxyConfig(one({ servicePort: 9090 })), /stats listener/);
  assert.throws(
    () => haproxyConfig({ apps: [APPS[0]!, { id: "/b", servicePort: 80, mode: "tcp", tasks: [] }] }),
    /marathon_http_in/,
  );
  assert.throws(() => haproxyConfig(one({ id: "/Bad App" })), /not a Marathon app id/);
  assert.throws(() => haproxyConfig(one({ tasks: [{ host: "a b", port: 1 }] })), /task host/);
  assert.throws(() => haproxyConfig(one({ tasks: [{ host: "h", port: 70000 }] })), /task port/);
  assert.throws(() => haproxyConfig(one({ mode: "tcp", vhost: "x.example" })), /vhost needs mode http/);
  assert.throws(() => haproxyConfig(one({ healthCheckPath: "health" })), /healthCheckPath/);
});

test("commands: check = haproxy -c -f <cfg>; daemon = master-worker in the foreground, reload by SIGUSR2", () => {
  assert.equal(haproxyCheckCommand("/etc/haproxy/haproxy.cfg"), {
    command: "/usr/sbin/haproxy",
    args: ["-c", "-f", "/etc/haproxy/haproxy.cfg"],
  });
  const d = haproxyCommand({ input: { apps: APPS } });
  assert.equal(d.args, ["-W", "-db", "-f", "/etc/haproxy/haproxy.cfg"]);
  assert.equal(d.ports, [80, 9090, 10000, 10001, 10002, 10003]);
  assert.match(d.reload!, /-c -f \/etc\/haproxy\/haproxy\.cfg && kill -USR2/);
  assert.equal(d.health_check, { type: "http", port: 9090, path: "/_haproxy_health_check" });
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
