import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ServiceFile } from "../../blueprints/services/generated-service.js";
import { dockerRequirements, DOCKER_UNAVAILABLE } from "../../blueprints/services/docker-generator.js";
import {
  checkMesosOverrides,
  mesosAgentCommand,
  mesosAgentFiles,
  mesosEffectiveFlags,
  mesosMasterCommand,
  mesosMasterFiles,
  mesosQuorum,
  type MesosDaemon,
} from "../../blueprints/services/mesos-generator.js";
import { zookeeperIds } from "../../blueprints/services/zookeeper-generator.js";
import { mesosFlagTable, reference, type MesosFlags } from "./reference.js";

const ref = reference<MesosFlags>("mesos-flags.json");
const pc = ref.package_conventions;
const zkMembers = zookeeperIds(3).map((id) => ({ id, address: `10.0.0.${id}` }));
const ZK_URL = "zk://10.0.0.1:2181,10.0.0.2:2181,10.0.0.3:2181/mesos";

const DIR: Record<MesosDaemon, string> = { "mesos-master": pc.flag_dirs.master, "mesos-agent": pc.flag_dirs.slave };
const DEFAULTS: Record<MesosDaemon, string> = {
  "mesos-master": "/etc/default/mesos-master",
  "mesos-agent": "/etc/default/mesos-slave",
};
/** env var → flag, from the reference's env_to_flag (ULIMIT is not a flag). */
function envToFlag(daemon: MesosDaemon): Record<string, string> {
  const m = pc.env_to_flag[daemon === "mesos-master" ? "master" : "slave"] as Record<string, string>;
  return Object.fromEntries(
    Object.entries(m)
      .filter(([, f]) => f.startsWith("--"))
      .map(([v, f]) => [v, f.slice(2)]),
  );
}

/** Check every generated file against the reference; returns flag → value as the wrapper would pass them. */
function checkAgainstReference(daemon: MesosDaemon, files: ServiceFile[]): Map<string, string | null> {
  const table = mesosFlagTable(daemon);
  const accepted = ref.accepted_names[daemon];
  const dir = DIR[daemon];
  const flags = new Map<string, string | null>();
  const add = (name: string, value: string | null, where: string) => {
    assert.ok(!flags.has(name), `${daemon}: flag --${name} given twice (again by ${where})`);
    flags.set(name, value);
  };
  const zk = files.find((f) => f.path === pc.zk_file.path);
  // Variables in /etc/default/mesos-<role>
  const defaults = files.find((f) => f.path === DEFAULTS[daemon]);
  const vars = envToFlag(daemon);
  for (const line of defaults?.content.split("\n") ?? []) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    assert.ok(m, `${DEFAULTS[daemon]}: not VAR=value: ${line}`);
    const flag = vars[m![1]!];
    assert.ok(flag, `${DEFAULTS[daemon]}: ${m![1]} is not a variable the wrapper reads`);
    let value = m![2]!;
    if (value === "`cat /etc/mesos/zk`") {
      assert.ok(zk, "a variable reads /etc/mesos/zk, which is not written");
      value = zk!.content.trim();
    } else if (value.startsWith("'")) {
      assert.match(value, /^'([^']|'\\'')*'$/, `badly quoted: ${line}`);
      value = value.slice(1, -1).replaceAll(`'\\''`, "'");
    } else assert.match(value, /^[A-Za-z0-9_@%+=:,./-]*$/, `needs quoting for sh: ${line}`);
    add(flag!, value, DEFAULTS[daemon]);
  }
  for (const f of files) {
    if (f.path === pc.zk_file.path || f.path === DEFAULTS[daemon]) continue;
    assert.ok(f.path.startsWith(`${dir}/`), `unexpected path ${f.path}`);
    const rest = f.path.slice(dir.length + 1);
    if (daemon === "mesos-agent" && /^(attributes|resources)\/[^/]+$/.test(rest)) {
      assert.ok(f.content.trim().length > 0, `${f.path} is empty (the wrapper skips it)`);
      continue;
    }
    assert.not.match(rest, /\//, `${f.path}: nested path`);
    let name = rest;
    if (name.startsWith("?")) {
      name = name.slice(1);
      if (name.startsWith("no-")) name = name.slice(3);
      assert.ok(table.get(name)?.negatable, `${f.path}: ${name} is not negatable`);
      add(name, null, f.path);
    } else add(name, f.content.replace(/\n$/, ""), f.path);
    assert.ok(accepted.includes(name), `${f.path}: "${name}" is not in accepted_names["${daemon}"]`);
  }
  const attrs = files.filter((f) => f.path.startsWith(`${dir}/attributes/`));
  if (attrs.length)
    add(
      "attributes",
      attrs.map((f) => `${f.path.slice(dir.length + 12)}:${f.content.trim()}`).join(";"),
      "attributes/",
    );
  for (const name of flags.keys()) assert.ok(accepted.includes(name), `--${name} is not a ${daemon} flag`);
  // Required flags are set.
  const own = daemon === "mesos-master" ? ref.master : ref.agent;
  for (const r of own.filter((x) => x.required))
    assert.ok(flags.has(r.name), `${daemon}: required --${r.name} is not set`);
  return flags;
}

for (const n of [1, 3, 5, 7]) {
  test(`quorum for ${n} masters is ${Math.floor(n / 2) + 1}, written to /etc/mesos-master/quorum`, () => {
    assert.is(mesosQuorum(n), [1, 2, 3, 4][[1, 3, 5, 7].indexOf(n)]);
    const files = mesosMasterFiles({ zookeeper: zkMembers, masters: n, address: "10.0.1.1" });
    const flags = checkAgainstReference("mesos-master", files);
    assert.is(flags.get("quorum"), String(mesosQuorum(n)));
    assert.is(files.find((f) => f.path === "/etc/mesos-master/quorum")!.content, `${mesosQuorum(n)}\n`);
  });
}

test("quorum input is checked", () => {
  assert.throws(() => mesosQuorum(0), /positive integer/);
  assert.is(mesosQuorum(2), 2);
  assert.is(mesosQuorum(4), 3);
});

test("master: zk file, packaged ZK variable, PORT 5050, ip/hostname/cluster/work_dir; effective flags", () => {
  const files = mesosMasterFiles({
    zookeeper: zkMembers,
    masters: 3,
    address: "10.0.1.1",
    hostname: "master-1",
    cluster: "prod cluster",
  });
  assert.is(files.find((f) => f.path === "/etc/mesos/zk")!.content, `${ZK_URL}\n`);
  const flags = checkAgainstReference("mesos-master", files);
  assert.is(flags.get("zk"), ZK_URL);
  assert.is(flags.get("port"), "5050");
  assert.is(flags.get("ip"), "10.0.1.1");
  assert.is(flags.get("hostname"), "master-1");
  assert.is(flags.get("cluster"), "prod cluster");
  assert.is(flags.get("work_dir"), "/var/lib/mesos");
  const defaults = files.find((f) => f.path === "/etc/default/mesos-master")!.content;
  assert.match(defaults, /^ZK=`cat \/etc\/mesos\/zk`$/m);
  assert.match(defaults, /^CLUSTER='prod cluster'$/m);
  // The module's own reading of its files agrees with the reference-driven one.
  const eff = new Map(mesosEffectiveFlags("mesos-master", files).map((f) => [f.name, f.value]));
  assert.equal(eff, flags);
  assert.equal(mesosMasterCommand(), {
    name: "mesos-master",
    command: "/usr/bin/mesos-init-wrapper",
    args: ["master"],
    ports: [5050],
    health_check: { type: "http", port: 5050, path: "/health" },
  });
  assert.is(pc.service_units.systemd.ExecStart["mesos-master"], "/usr/bin/mesos-init-wrapper master");
});

test("agent: MASTER from /etc/mesos/zk as packaged, port 5051, work_dir, rack attribute; docker role flags", () => {
  const plain = mesosAgentFiles({ zookeeper: zkMembers, address: "10.0.2.1", rack: "r1" });
  const flags = checkAgainstReference("mesos-agent", plain);
  assert.is(
    plain
      .find((f) => f.path === "/etc/default/mesos-slave")!
      .content.split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .find((l) => l.startsWith("MASTER=")),
    `MASTER=${pc.env_files["/etc/default/mesos-slave"].packaged.MASTER}`,
  );
  assert.is(flags.get("master"), ZK_URL);
  assert.is(flags.get("port"), "5051");
  assert.is(flags.get("work_dir"), "/var/lib/mesos");
  assert.is(flags.get("attributes"), "rack:r1");
  assert.is(flags.has("containerizers"), false);
  assert.is(flags.has("executor_registration_timeout"), false);
  assert.ok(plain.some((f) => f.path === "/etc/mesos-slave/attributes/rack" && f.content === "r1\n"));

  const docker = mesosAgentFiles({
    zookeeper: zkMembers,
    address: "10.0.2.1",
    docker: true,
    resources: { cpus: 4, mem: 15000 },
    attributes: { zone: "a" },
    rack: "r2",
  });
  const dflags = checkAgainstReference("mesos-agent", docker);
  assert.is(dflags.get("containerizers"), "docker,mesos");
  assert.is(dflags.get("executor_registration_timeout"), "5mins");
  assert.is(dflags.get("attributes"), "rack:r2;zone:a");
  assert.equal(
    new Map(mesosEffectiveFlags("mesos-agent", docker).map((f) => [f.name, f.value])).get("resources"),
    "cpus:4;mem:15000",
  );
  assert.equal(dockerRequirements().agentFlags, {
    containerizers: "docker,mesos",
    executor_registration_timeout: "5mins",
  });
  assert.equal(mesosAgentCommand().args, ["slave"]);
  assert.equal(mesosAgentCommand().ports, [5051]);
});

test("overrides: checked against the daemon's flags, unknown flags named with the daemon", () => {
  assert.throws(
    () => mesosMasterFiles({ zookeeper: zkMembers, masters: 3, address: "a", overrides: { containerizers: "docker" } }),
    /mesos-master: unknown flag "containerizers"/,
  );
  assert.throws(
    () => mesosAgentFiles({ zookeeper: zkMembers, address: "a", overrides: { quorum: 2 } }),
    /mesos-agent: unknown flag "quorum"/,
  );
  assert.throws(
    () => mesosAgentFiles({ zookeeper: zkMembers, address: "a", overrides: { no_such_flag: "x" } }),
    /mesos-agent: unknown flag "no_such_flag"/,
  );
  assert.throws(() => checkMesosOverrides("mesos-master", { work_dir: true }), /"work_dir" takes a value/);
  assert.throws(
    () => checkMesosOverrides("mesos-master", { slave_ping_timeout: "5secs", agent_ping_timeout: "5secs" }),
    /same flag/,
  );
  assert.throws(() => checkMesosOverrides("mesos-agent", { version: true }), /prints and exits/);
  assert.throws(() => checkMesosOverrides("mesos-agent", { hostname: "a\nb" }), /single line/);
});

test(
  "overrides: booleans become ?name / ?no-name files, " + "values become files, env-carried flags are not duplicated",
  () => {
    const agent = mesosAgentFiles({
      zookeeper: zkMembers,
      address: "10.0.2.1",
      overrides: {
        switch_user: false,
        systemd_enable_support: true,
        docker_stop_timeout: "30secs",
        isolation: "cgroups/cpu,cgroups/mem",
        attributes: "os:debian",
      },
    });
    const paths = agent.map((f) => f.path);
    assert.ok(paths.includes("/etc/mesos-slave/?no-switch_user"));
    assert.ok(paths.includes("/etc/mesos-slave/?systemd_enable_support"));
    assert.ok(paths.includes("/etc/mesos-slave/attributes/os"));
    assert.not.ok(paths.includes("/etc/mesos-slave/isolation"), "isolation goes to ISOLATION, not a file");
    const flags = checkAgainstReference("mesos-agent", agent);
    assert.is(flags.get("isolation"), "cgroups/cpu,cgroups/mem");
    assert.is(flags.get("docker_stop_timeout"), "30secs");

    const master = mesosMasterFiles({
      zookeeper: zkMembers,
      masters: 3,
      address: "10.0.1.1",
      overrides: { port: 5055, slave_reregister_timeout: "20mins", authenticate_agents: false },
    });
    const mflags = checkAgainstReference("mesos-master", master);
    assert.is(mflags.get("port"), "5055");
    assert.not.ok(master.some((f) => f.path === "/etc/mesos-master/port"));
    assert.is(mflags.get("slave_reregister_timeout"), "20mins");
    assert.ok(master.some((f) => f.path === "/etc/mesos-master/?no-authenticate_agents"));
  },
);

test("output is deterministic and sorted by path", () => {
  const a = mesosAgentFiles({
    zookeeper: zkMembers,
    address: "10.0.2.1",
    docker: true,
    rack: "r1",
    attributes: { b: "2", a: "1" },
  });
  const b = mesosAgentFiles({
    zookeeper: [...zkMembers].reverse(),
    address: "10.0.2.1",
    docker: true,
    rack: "r1",
    attributes: { a: "1", b: "2" },
  });
  assert.equal(a, b);
  assert.equal(
    a.map((f) => f.path),
    [...a.map((f) => f.path)].sort(),
  );
});

test("docker: package docker.io and a statement that Docker cannot run here", () => {
  const r = dockerRequirements();
  assert.equal(r.packages, ["docker.io"]);
  assert.is(r.statement, DOCKER_UNAVAILABLE);
  assert.match(r.statement, /Docker cannot run on our machines/);
});

test.run();
