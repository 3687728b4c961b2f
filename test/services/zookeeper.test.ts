import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  zkConnectString,
  zkHosts,
  zooCfg,
  zookeeperCommand,
  zookeeperFiles,
  zookeeperIds,
  zookeeperValidate,
  type ZookeeperMember,
} from "../../blueprints/services/zookeeper-generator.js";
import { reference } from "./reference.js";

const zk = reference("zookeeper-config.json");
const KEYS: { key: string; set_via: string }[] = zk.keys;
const PATTERNS = ["server.x", "group.x", "weight.x", "authProvider.N"];

function members(n: number): ZookeeperMember[] {
  return zookeeperIds(n).map((id) => ({ id, address: `10.0.0.${id}` }));
}

/** zoo.cfg → [key, value] pairs (comments and blank lines dropped). */
function parseCfg(text: string): [string, string][] {
  return text
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => {
      const i = l.indexOf("=");
      assert.ok(i > 0, `not key=value: ${l}`);
      return [l.slice(0, i), l.slice(i + 1)];
    });
}

/** The reference row a zoo.cfg key matches (patterns server.x, group.x, weight.x, authProvider.N). */
function keyRow(key: string) {
  const exact = KEYS.find((k) => k.key === key);
  if (exact) return exact;
  const m = /^(server|group|weight|authProvider)\.(\d+)$/.exec(key);
  return m ? KEYS.find((k) => PATTERNS.includes(k.key) && k.key.startsWith(`${m[1]}.`)) : undefined;
}

test("ids 1..n for 1, 3, 5 and 7 members; at most 255", () => {
  assert.equal(zookeeperIds(1), [1]);
  assert.equal(zookeeperIds(3), [1, 2, 3]);
  assert.equal(zookeeperIds(5), [1, 2, 3, 4, 5]);
  assert.equal(zookeeperIds(7), [1, 2, 3, 4, 5, 6, 7]);
  assert.is(zookeeperIds(255).at(-1), 255);
  assert.throws(() => zookeeperIds(256), /1\.\.255/);
  assert.throws(() => zookeeperIds(0), /1\.\.255/);
});

test("validation: ids in 1..255, unique, self a member, distinct addresses", () => {
  assert.equal(zookeeperValidate(members(3), 2), []);
  assert.match(zookeeperValidate([{ id: 0, address: "a" }]).join(), /1\.\.255/);
  assert.match(zookeeperValidate([{ id: 256, address: "a" }]).join(), /1\.\.255/);
  assert.match(zookeeperValidate([{ id: 1.5, address: "a" }]).join(), /integer/);
  assert.match(
    zookeeperValidate([
      { id: 1, address: "a" },
      { id: 1, address: "b" },
    ]).join(),
    /used twice/,
  );
  assert.match(
    zookeeperValidate([
      { id: 1, address: "a" },
      { id: 2, address: "a" },
    ]).join(),
    /two members at a/,
  );
  assert.match(zookeeperValidate(members(3), 4).join(), /self id 4 is not a member/);
  assert.match(
    zookeeperValidate(Array.from({ length: 256 }, (_, i) => ({ id: i + 1, address: `h${i}` }))).join(),
    /at most 255/,
  );
  assert.throws(() => zookeeperFiles({ members: members(3), self: 9 }), /self id 9/);
});

for (const n of [1, 3, 5, 7]) {
  test(`${n} members: every key documented and not sysprop-only; myid equals self and matches its server.N`, () => {
    const ms = members(n);
    for (const self of zookeeperIds(n)) {
      const files = zookeeperFiles({ members: ms, self });
      assert.equal(
        files.map((f) => f.path),
        ["/etc/zookeeper/conf/zoo.cfg", "/var/lib/zookeeper/myid"],
      );
      const pairs = parseCfg(files[0]!.content);
      for (const [key] of pairs) {
        const row = keyRow(key);
        assert.ok(row, `zoo.cfg key "${key}" is not documented in zookeeper-config.json`);
        assert.is.not(row!.set_via, "sysprop only", `zoo.cfg key "${key}" is sysprop only`);
      }
      const keys = pairs.map(([k]) => k);
      assert.is(new Set(keys).size, keys.length, "no key twice");
      const cfg = Object.fromEntries(pairs);
      const servers = pairs.filter(([k]) => k.startsWith("server."));
      assert.is(servers.length, n);
      assert.equal(
        servers.map(([k]) => Number(k.slice(7))),
        zookeeperIds(n),
      );
      for (const [k, v] of servers) assert.is(v, `10.0.0.${k.slice(7)}:2888:3888`);
      // myid: the one line, the integer id, which names this host's server line.
      const myid = files[1]!.content;
      assert.match(myid, /^\d+\n$/);
      const id = Number(myid.trim());
      assert.is(id, self);
      assert.ok(id >= zk.myid.range[0] && id <= zk.myid.range[1]);
      assert.is(cfg[`server.${id}`], `10.0.0.${self}:2888:3888`);
      assert.is(files[1]!.path, `${cfg.dataDir}/myid`);
      assert.is(cfg.clientPort, "2181");
      assert.is(cfg["admin.enableServer"], "false");
      assert.is(cfg["admin.serverPort"], undefined);
    }
  });
}

test("4lw whitelist: default srvr,mntr,ruok,stat,conf; custom list; unknown words refused", () => {
  const cfg = (words?: string[]) =>
    Object.fromEntries(
      parseCfg(zooCfg({ members: members(1), self: 1, ...(words ? { fourLetterWords: words } : {}) })),
    );
  assert.is(cfg()["4lw.commands.whitelist"], "srvr,mntr,ruok,stat,conf");
  const known = zk.four_letter_words.commands.map((c: { cmd: string }) => c.cmd);
  for (const w of cfg()["4lw.commands.whitelist"].split(",")) assert.ok(known.includes(w), w);
  assert.is(cfg(["ruok", "*"])["4lw.commands.whitelist"], "ruok,*");
  assert.throws(() => cfg(["rouk"]), /unknown four-letter word "rouk"/);
});

test("AdminServer: disabled by default, a chosen port enables it, 8080 is refused", () => {
  const on = Object.fromEntries(parseCfg(zooCfg({ members: members(3), self: 1, adminServerPort: 8081 })));
  assert.is(on["admin.enableServer"], "true");
  assert.is(on["admin.serverPort"], "8081");
  assert.is(zk.admin_server.default_port, 8080, "reference: upstream default is 8080");
  assert.throws(() => zooCfg({ members: members(3), self: 1, adminServerPort: 8080 }), /8080 clashes with Marathon/);
  assert.throws(() => zooCfg({ members: members(3), self: 1, adminServerPort: 2181 }), /must differ/);
  assert.equal(zookeeperCommand({ input: { adminServerPort: 8081 } }).ports, [2181, 2888, 3888, 8081]);
  assert.equal(zookeeperCommand().ports, [2181, 2888, 3888]);
});

test("custom dataDir, clientPort and timing land in zoo.cfg and the myid path", () => {
  const files = zookeeperFiles({
    members: members(3),
    self: 3,
    dataDir: "/srv/zk/",
    clientPort: 2191,
    tickTime: 3000,
    initLimit: 20,
    syncLimit: 10,
  });
  const cfg = Object.fromEntries(parseCfg(files[0]!.content));
  assert.is(cfg.dataDir, "/srv/zk");
  assert.is(cfg.clientPort, "2191");
  assert.is(cfg.tickTime, "3000");
  assert.is(cfg.initLimit, "20");
  assert.is(cfg.syncLimit, "10");
  assert.is(files[1]!.path, "/srv/zk/myid");
  assert.is(files[1]!.content, "3\n");
  assert.throws(() => zookeeperFiles({ members: members(3), self: 1, dataDir: "relative" }), /absolute/);
});

test("command: QuorumPeerMain with the zoo.cfg path, log4j binding on the classpath, as user zookeeper", () => {
  const c = zookeeperCommand({ cfgPath: "/etc/zookeeper/conf/zoo.cfg" });
  assert.is(c.command, "/usr/bin/java");
  assert.is(c.args.at(-2), "org.apache.zookeeper.server.quorum.QuorumPeerMain");
  assert.is(c.args.at(-1), "/etc/zookeeper/conf/zoo.cfg");
  const cp = c.args[c.args.indexOf("-cp") + 1]!.split(":");
  assert.ok(cp.includes("/usr/share/java/zookeeper.jar"));
  // Without an SLF4J binding Debian's ZooKeeper logs nothing (NOP logger).
  assert.ok(cp.includes("/usr/share/java/slf4j-log4j12.jar"));
  assert.ok(cp.includes("/usr/share/java/log4j-1.2.jar"));
  assert.ok(c.args.includes("-Dzookeeper.root.logger=INFO,CONSOLE"));
  assert.ok(c.args.includes("-Dlog4j.configuration=file:/etc/zookeeper/conf/log4j.properties"));
  assert.is(c.user, "zookeeper");
  assert.equal(c.health_check, { type: "tcp", port: 2181 });
  assert.is(zookeeperCommand({ cfgPath: "/x/zoo.cfg" }).args.at(-1), "/x/zoo.cfg");
});

test("connect strings: zk://…/path and the plain host list, in id order", () => {
  const ms = [
    { id: 3, address: "h3" },
    { id: 1, address: "h1" },
    { id: 2, address: "h2" },
  ];
  assert.is(zkConnectString(ms, "/mesos"), "zk://h1:2181,h2:2181,h3:2181/mesos");
  assert.is(zkConnectString(ms), "h1:2181,h2:2181,h3:2181");
  assert.is(zkHosts(ms, 2191), "h1:2191,h2:2191,h3:2191");
  assert.is(zkConnectString(ms, "/a/b"), "zk://h1:2181,h2:2181,h3:2181/a/b");
  assert.throws(() => zkConnectString(ms, "mesos"), /znode path/);
  assert.throws(() => zkConnectString([], "/mesos"), /no members/);
});

test.run();
