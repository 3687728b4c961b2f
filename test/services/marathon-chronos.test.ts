import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ServiceFile } from "../../blueprints/services/generated-service.js";
import { chronosCommand, chronosFiles } from "../../blueprints/services/chronos-generator.js";
import { marathonCommand, marathonFiles } from "../../blueprints/services/marathon-generator.js";
import { mesosMasterCommand } from "../../blueprints/services/mesos-generator.js";
import { zookeeperCommand, zookeeperIds } from "../../blueprints/services/zookeeper-generator.js";
import { reference } from "./reference.js";

const marathonRef = reference("marathon-flags.json");
const chronosRef = reference("chronos-flags.json");
const zk = zookeeperIds(3).map((id) => ({ id, address: `10.0.0.${id}` }));

/** conf-dir files → flag → value; every name (after the ? rule) must be in accepted_names. */
function confFlags(dir: string, accepted: string[], files: ServiceFile[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const f of files) {
    assert.ok(f.path.startsWith(`${dir}/`), `${f.path} is not under ${dir}`);
    let name = f.path.slice(dir.length + 1);
    assert.not.match(name, /\//);
    assert.not.match(name, /^\./, "dot-files are ignored by the launcher");
    const valueless = name.startsWith("?");
    if (valueless) name = name.slice(1);
    assert.ok(accepted.includes(name), `${f.path}: "${name}" is not in accepted_names`);
    assert.ok(!out.has(name), `${name} twice`);
    out.set(name, valueless ? null : f.content.replace(/\n$/, ""));
  }
  return out;
}

test("marathon: master, zk, http_port 8080 and hostname under /etc/marathon/conf, all accepted names", () => {
  assert.is(marathonRef.package_conventions.conf_dir, "/etc/marathon/conf");
  const files = marathonFiles({ zookeeper: zk, hostname: "10.0.1.1" });
  const flags = confFlags(marathonRef.package_conventions.conf_dir, marathonRef.accepted_names, files);
  assert.equal(Object.fromEntries(flags), {
    hostname: "10.0.1.1",
    http_port: String(marathonRef.package_conventions.default_http_port),
    master: "zk://10.0.0.1:2181,10.0.0.2:2181,10.0.0.3:2181/mesos",
    zk: "zk://10.0.0.1:2181,10.0.0.2:2181,10.0.0.3:2181/marathon",
  });
  for (const f of marathonRef.flags.filter((x: any) => x.required))
    assert.ok(flags.has(f.name), `required --${f.name}`);
});

test("marathon overrides: accepted names only; toggles become ?name / ?disable_name", () => {
  const files = marathonFiles({
    zookeeper: zk,
    hostname: "m1",
    overrides: { task_launch_timeout: 600000, checkpoint: false, metrics: true, framework_name: "marathon-prod" },
  });
  const flags = confFlags("/etc/marathon/conf", marathonRef.accepted_names, files);
  assert.is(flags.get("task_launch_timeout"), "600000");
  assert.is(flags.get("framework_name"), "marathon-prod");
  assert.is(flags.get("disable_checkpoint"), null);
  assert.is(flags.get("metrics"), null);
  assert.throws(
    () => marathonFiles({ zookeeper: zk, hostname: "m1", overrides: { zk_hosts: "x" } }),
    /marathon: unknown flag "zk_hosts"/,
  );
  assert.throws(
    () => marathonFiles({ zookeeper: zk, hostname: "m1", overrides: { http_port: false } }),
    /marathon: flag "http_port" has no disabling form/,
  );
});

test(
  "chronos: master, zk_hosts (plain list), http_port 4400 " + "(the package's) and hostname under /etc/chronos/conf",
  () => {
    const pc = chronosRef.package_conventions;
    const files = chronosFiles({ zookeeper: zk, hostname: "10.0.1.1" });
    const flags = confFlags(pc.conf_dir, chronosRef.accepted_names, files);
    assert.equal(Object.fromEntries(flags), {
      hostname: "10.0.1.1",
      http_port: String(pc.http_port_packaged),
      master: "zk://10.0.0.1:2181,10.0.0.2:2181,10.0.0.3:2181/mesos",
      zk_hosts: "10.0.0.1:2181,10.0.0.2:2181,10.0.0.3:2181",
    });
    assert.is(pc.packaged_files["/etc/chronos/conf/http_port"], "4400");
  },
);

test("chronos overrides: unknown names rejected; switches take booleans, valued flags take values", () => {
  const files = chronosFiles({
    zookeeper: zk,
    hostname: "c1",
    overrides: { http_compression: false, mesos_framework_name: "chronos-prod", mail_ssl: true },
  });
  const flags = confFlags("/etc/chronos/conf", chronosRef.accepted_names, files);
  assert.is(flags.get("disable_http_compression"), null);
  assert.is(flags.get("mail_ssl"), null);
  assert.is(flags.get("mesos_framework_name"), "chronos-prod");
  assert.throws(
    () => chronosFiles({ zookeeper: zk, hostname: "c1", overrides: { zk: "zk://x/y" } }),
    /chronos: unknown flag "zk"/,
  );
  assert.throws(() => chronosFiles({ zookeeper: zk, hostname: "c1", overrides: { mail_ssl: "yes" } }), /switch/);
  assert.throws(() => chronosFiles({ zookeeper: zk, hostname: "c1", overrides: { zk_path: true } }), /takes a value/);
  assert.throws(
    () => chronosFiles({ zookeeper: zk, hostname: "c1", overrides: { mesos_checkpoint: false } }),
    /no disabling form/,
  );
  assert.throws(() => chronosFiles({ zookeeper: zk, hostname: "c1", overrides: { help: true } }), /prints and exits/);
});

test("a master running Mesos, Marathon, Chronos and ZooKeeper (AdminServer on) uses no port twice", () => {
  const zkCmd = zookeeperCommand({ input: { adminServerPort: 8081 } });
  const all = [mesosMasterCommand(), marathonCommand(), chronosCommand(), zkCmd].flatMap((c) =>
    c.ports.map((p) => [p, c.name] as const),
  );
  const seen = new Map<number, string>();
  for (const [p, name] of all) {
    assert.ok(!seen.has(p), `port ${p} used by ${seen.get(p)} and ${name}`);
    seen.set(p, name);
  }
  assert.equal(
    [...seen.keys()].sort((a, b) => a - b),
    [2181, 2888, 3888, 4400, 5050, 8080, 8081],
  );
  // Upstream defaults would clash: Chronos' own 8080 and ZooKeeper's AdminServer 8080.
  const chronosDefault = chronosRef.flags.find((f: any) => f.name === "http_port").default;
  assert.is(chronosDefault, "8080");
  assert.is(String(marathonCommand().ports[0]), chronosDefault, "why chronos must move to 4400");
  // The configuration files carry the same ports as the commands.
  const m = marathonFiles({ zookeeper: zk, hostname: "h" })
    .find((f) => f.path.endsWith("/http_port"))!
    .content.trim();
  const c = chronosFiles({ zookeeper: zk, hostname: "h" })
    .find((f) => f.path.endsWith("/http_port"))!
    .content.trim();
  assert.is(Number(m), marathonCommand().ports[0]);
  assert.is(Number(c), chronosCommand().ports[0]);
});

test("commands: the packages' launchers; --no-logger only when asked", () => {
  assert.equal([marathonCommand().command, marathonCommand().args], ["/usr/bin/marathon", []]);
  assert.equal(marathonCommand({ noLogger: true }).args, ["--no-logger"]);
  assert.is(chronosCommand().command, chronosRef.package_conventions.systemd.ExecStart);
  assert.equal(marathonCommand().health_check, { type: "http", port: 8080, path: "/ping" });
  assert.ok(
    marathonRef.rest_endpoints.some((e: any) => e.method === "GET" && e.path === "/ping" && e.success_status === 200),
  );
  assert.ok(
    chronosRef.api.endpoints.some(
      (e: any) => e.method === "GET" && e.path === chronosCommand().health_check!.path && e.success_status === 200,
    ),
  );
});

test.run();
