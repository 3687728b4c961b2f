// The resources a blueprint expands into, evaluated by a real plan, checked
// against upstream ground truth in shared/reference: Mesos flag files,
// Marathon/Chronos conf dirs, zoo.cfg keys and myid, ports, Marathon app
// definitions (the official schema, Draft 4), Chronos jobs and HAProxy apps.

import { test } from "uvu";
import * as assert from "uvu/assert";
import AjvDraft04 from "ajv-draft-04";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../planner/plan.js";
import {
  clusterYaml,
  configDir,
  exampleCopy,
  group,
  planDir,
  plannedFiles,
  plannedServices,
  reference,
  simPool,
  type PlannedFile,
} from "./harness.js";

// ---- ground truth -----------------------------------------------------------

interface MesosFlagRow {
  name: string;
  required: boolean;
  negatable: boolean;
  aliases?: string[];
}
const mesosRef = reference<{
  master: MesosFlagRow[];
  agent: MesosFlagRow[];
  common: MesosFlagRow[];
  accepted_names: { "mesos-master": string[]; "mesos-agent": string[] };
  package_conventions: {
    env_to_flag: { master: Record<string, string>; slave: Record<string, string> };
    zk_file: { path: string };
  };
}>("mesos-flags.json");
const marathonRef = reference<{ accepted_names: string[] }>("marathon-flags.json");
const chronosRef = reference<{
  accepted_names: string[];
  api: { job_fields: { name: string }[]; job_fields_outside_table: { name: string }[] };
}>("chronos-flags.json");
const zkRef = reference<{ keys: { key: string; set_via: string }[]; admin_server: { default_port: number } }>(
  "zookeeper-config.json",
);
const appSchema = reference<Record<string, unknown>>("marathon-app-definition.schema.json");

type Daemon = "mesos-master" | "mesos-agent";
function mesosRows(d: Daemon): Map<string, MesosFlagRow> {
  const out = new Map<string, MesosFlagRow>();
  for (const r of [...(d === "mesos-master" ? mesosRef.master : mesosRef.agent), ...mesosRef.common])
    for (const n of [r.name, ...(r.aliases ?? [])]) out.set(n, r);
  return out;
}
const ROWS: Record<Daemon, Map<string, MesosFlagRow>> = {
  "mesos-master": mesosRows("mesos-master"),
  "mesos-agent": mesosRows("mesos-agent"),
};

/**
 * The flag a file under /etc/mesos-master or /etc/mesos-slave stands for (the
 * reference README's rules): "<dir>/name" → name; "<dir>/?name" and
 * "<dir>/?no-name" → name (must be negatable); "attributes/<k>" and
 * "resources/<k>" → attributes / resources. Returns problems, empty when fine.
 */
function mesosFileProblems(daemon: Daemon, rel: string): string[] {
  const first = rel.split("/")[0];
  let name = first;
  let boolean = false;
  if (name.startsWith("?")) {
    boolean = true;
    name = name.slice(1).replace(/^no-/, "");
  }
  const problems: string[] = [];
  if (!mesosRef.accepted_names[daemon].includes(name))
    problems.push(`${daemon}: "${rel}" names no accepted flag ("${name}")`);
  if (rel.includes("/") && !["attributes", "resources"].includes(first))
    problems.push(`${daemon}: "${rel}" is in a subdirectory the wrapper does not read`);
  if (boolean && !ROWS[daemon].get(name)?.negatable)
    problems.push(`${daemon}: "?${name}" but the flag is not negatable`);
  return problems;
}

/** Flags the daemon gets: its flag files plus the env-derived flags of /etc/default/mesos-<role>. */
function mesosFlagsSet(files: PlannedFile[], node: string, daemon: Daemon): Map<string, string> {
  const dir = daemon === "mesos-master" ? "/etc/mesos-master/" : "/etc/mesos-slave/";
  const envFile = daemon === "mesos-master" ? "/etc/default/mesos-master" : "/etc/default/mesos-slave";
  const envToFlag = mesosRef.package_conventions.env_to_flag[daemon === "mesos-master" ? "master" : "slave"];
  const zkFile = files
    .find((f) => f.node === node && f.path === mesosRef.package_conventions.zk_file.path)
    ?.content.trim();
  const out = new Map<string, string>();
  for (const f of files.filter((x) => x.node === node)) {
    if (f.path.startsWith(dir))
      out.set(
        f.path
          .slice(dir.length)
          .split("/")[0]
          .replace(/^\?(no-)?/, ""),
        f.content.trim(),
      );
    if (f.path === envFile)
      for (const line of f.content.split("\n")) {
        const m = /^([A-Z_]+)=(.*)$/.exec(line);
        const flag = m && envToFlag[m[1]];
        if (!m || !flag?.startsWith("--")) continue;
        const value = m[2] === "`cat /etc/mesos/zk`" ? (zkFile ?? "") : m[2];
        out.set(flag.slice(2), value);
      }
  }
  return out;
}

const zkKeys = zkRef.keys;
function zooCfgKeyProblem(key: string): string | undefined {
  const exact = zkKeys.find((k) => k.key === key);
  const pattern = zkKeys.find(
    (k) =>
      /\.(x|N)$/.test(k.key) &&
      new RegExp(`^${k.key.replace(/\./g, "\\.").replace(/\\\.(x|N)$/, "\\.\\d+")}$`).test(key),
  );
  const row = exact ?? pattern;
  if (!row) return `zoo.cfg key "${key}" is not a documented key`;
  if (row.set_via === "sysprop only") return `zoo.cfg key "${key}" is a system property only`;
  return undefined;
}

function parseProps(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const i = line.indexOf("=");
    assert.ok(i > 0, `zoo.cfg line without "=": ${line}`);
    assert.not.ok(out.has(line.slice(0, i)), `zoo.cfg key ${line.slice(0, i)} given twice`);
    out.set(line.slice(0, i), line.slice(i + 1));
  }
  return out;
}

const Ajv = AjvDraft04.default;
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
const { $schema: _s, ...draft4 } = appSchema;
const validateApp = ajv.compile(draft4);

// ---- checks of a plan ------------------------------------------------------

function checkMesosFiles(files: PlannedFile[]): void {
  const problems: string[] = [];
  for (const f of files) {
    if (f.path.startsWith("/etc/mesos-master/"))
      problems.push(...mesosFileProblems("mesos-master", f.path.slice("/etc/mesos-master/".length)));
    if (f.path.startsWith("/etc/mesos-slave/"))
      problems.push(...mesosFileProblems("mesos-agent", f.path.slice("/etc/mesos-slave/".length)));
  }
  assert.equal(problems, []);
}

function checkZooKeeper(files: PlannedFile[], expectMembers: number): void {
  const cfgs = files.filter((f) => f.path === "/etc/zookeeper/conf/zoo.cfg");
  const myids = files.filter((f) => f.path.endsWith("/myid"));
  assert.is(cfgs.length, expectMembers, "one zoo.cfg per member");
  assert.is(myids.length, expectMembers, "one myid per member");
  const ids = myids.map((f) => {
    assert.match(f.content, /^\d+\n$/, `myid of ${f.node} is a single line with the id`);
    return Number(f.content.trim());
  });
  assert.equal(
    [...ids].sort((a, b) => a - b),
    Array.from({ length: expectMembers }, (_, i) => i + 1),
    "ids 1..n, unique",
  );
  for (const cfg of cfgs) {
    const props = parseProps(cfg.content);
    const problems = [...props.keys()].map(zooCfgKeyProblem).filter(Boolean);
    assert.equal(problems, [], `zoo.cfg of ${cfg.node}`);
    const servers = [...props].filter(([k]) => /^server\.\d+$/.test(k));
    assert.is(servers.length, expectMembers, `server.N lines complete on ${cfg.node}`);
    assert.equal(
      servers.map(([k]) => Number(k.slice(7))).sort((a, b) => a - b),
      Array.from({ length: expectMembers }, (_, i) => i + 1),
    );
    const myid = Number(myids.find((m) => m.node === cfg.node)!.content.trim());
    assert.ok(myid >= 1 && myid <= 255);
    const own = props.get(`server.${myid}`);
    assert.ok(own, `${cfg.node} has server.${myid}`);
    assert.is(own!.split(":")[0], cfg.hostAddress, `server.${myid} of ${cfg.node} is its own address`);
    // every member's server.N is that member's address
    for (const m of myids) assert.is(props.get(`server.${m.content.trim()}`)!.split(":")[0], m.hostAddress);
    // 4lw: anything beyond srvr needs the whitelist; gantry's health checks use ruok/srvr/mntr
    assert.ok(props.has("4lw.commands.whitelist"), "4lw.commands.whitelist present");
    // AdminServer off or not on 8080 (Marathon's port)
    const adminOn = props.get("admin.enableServer") !== "false";
    if (adminOn)
      assert.is.not(
        Number(props.get("admin.serverPort") ?? zkRef.admin_server.default_port),
        8080,
        "AdminServer not on 8080",
      );
  }
}

function checkMesosRequired(files: PlannedFile[], masters: number, expectQuorum: number): void {
  const masterNodes = [...new Set(files.filter((f) => f.path.startsWith("/etc/mesos-master/")).map((f) => f.node))];
  const agentNodes = [...new Set(files.filter((f) => f.path.startsWith("/etc/mesos-slave/")).map((f) => f.node))];
  assert.is(masterNodes.length, masters);
  assert.is(expectQuorum, Math.floor(masters / 2) + 1);
  const requiredMaster = [...ROWS["mesos-master"].values()].filter((r) => r.required).map((r) => r.name);
  const requiredAgent = [...ROWS["mesos-agent"].values()].filter((r) => r.required).map((r) => r.name);
  assert.equal([...new Set(requiredMaster)].sort(), ["quorum", "work_dir", "zk"]);
  assert.equal([...new Set(requiredAgent)].sort(), ["master", "work_dir"]);
  for (const n of masterNodes) {
    const set = mesosFlagsSet(files, n, "mesos-master");
    for (const r of requiredMaster) assert.ok(set.get(r), `master ${n} sets required --${r}`);
    assert.is(set.get("quorum"), String(expectQuorum), `quorum of ${n}`);
    assert.match(set.get("zk")!, /^zk:\/\/[^/]+\/\S+$/);
  }
  for (const n of agentNodes) {
    const set = mesosFlagsSet(files, n, "mesos-agent");
    for (const r of requiredAgent) assert.ok(set.get(r), `agent ${n} sets required --${r}`);
    assert.match(set.get("master")!, /^zk:\/\//);
  }
}

function checkConfDirs(files: PlannedFile[]): { marathon: number; chronos: number } {
  const problems: string[] = [];
  let marathon = 0;
  let chronos = 0;
  const nameOf = (rel: string) => rel.replace(/^\?/, "");
  for (const f of files) {
    if (f.path.startsWith("/etc/marathon/conf/")) {
      marathon++;
      const n = nameOf(f.path.slice("/etc/marathon/conf/".length));
      if (
        !marathonRef.accepted_names.includes(n) &&
        !(n.startsWith("disable_") && marathonRef.accepted_names.includes(n.slice(8)))
      )
        problems.push(`marathon: ${n}`);
    }
    if (f.path.startsWith("/etc/chronos/conf/")) {
      chronos++;
      const n = nameOf(f.path.slice("/etc/chronos/conf/".length));
      if (
        !chronosRef.accepted_names.includes(n) &&
        !(n.startsWith("disable_") && chronosRef.accepted_names.includes(n.slice(8)))
      )
        problems.push(`chronos: ${n}`);
    }
  }
  assert.equal(problems, []);
  return { marathon, chronos };
}

function checkPorts(p: Plan): void {
  const seen = new Map<string, string>();
  const clashes: string[] = [];
  for (const s of plannedServices(p))
    for (const port of s.ports) {
      const k = `${s.hostAddress}:${port}`;
      if (seen.has(k)) clashes.push(`${k}: ${seen.get(k)} and ${s.address}`);
      seen.set(k, s.address);
    }
  assert.equal(clashes, []);
}

// ---- the example -----------------------------------------------------------

// The example as shipped (local hosts), and the same blueprint on simulated hosts
// (driver: sim), where apps and jobs go through Marathon's and Chronos' APIs.
const exampleLocal = (async () => {
  const dir = exampleCopy();
  return { dir, ...(await planDir(dir)) };
})();
const example = (async () => {
  const dir = exampleCopy();
  const file = join(dir, "cluster.gantry.yaml");
  const text = readFileSync(file, "utf8");
  // the hosts' driver is a variable (default local); the example runs apps as processes, Marathon's API on sim hosts
  const sim = text.replace(/(driver:\n\s+type: string\n\s+default: )local/, "$1sim");
  assert.ok(sim !== text && sim.includes("app_runner: processes"));
  writeFileSync(file, sim.replace("app_runner: processes", "app_runner: marathon"));
  return { dir, ...(await planDir(dir)) };
})();
const both = async () => [await exampleLocal, await example];

test(
  "example (local and sim hosts): plans, no even-ensemble " + "warnings, and expands into every kind of resource",
  async () => {
    for (const { plan, warnings } of await both()) {
      assert.equal(
        warnings.filter((w) => /even number/.test(w.summary)),
        [],
      );
      const types = new Set(plan.changes.map((c) => c.type));
      for (const t of [
        "gantry_host",
        "gantry_package",
        "gantry_file",
        "gantry_service",
        "gantry_haproxy_config",
        "gantry_cluster",
      ])
        assert.ok(types.has(t), `has ${t}`);
      assert.ok(plan.changes.every((c) => c.action === "create"));
    }
    const sim = new Set((await example).plan.changes.map((c) => c.type));
    assert.ok(
      sim.has("gantry_marathon_app") && sim.has("gantry_chronos_job"),
      "on sim hosts, apps and jobs through the frameworks' APIs",
    );
  },
);

test("example: every /etc/mesos-master and /etc/mesos-slave file names an accepted flag of its daemon", async () => {
  for (const { plan } of await both()) {
    const files = plannedFiles(plan);
    assert.ok(files.some((f) => f.path.startsWith("/etc/mesos-master/")));
    assert.ok(files.some((f) => f.path.startsWith("/etc/mesos-slave/")));
    checkMesosFiles(files);
  }
});

test("the ?/no- rules of the reference: the checker itself accepts and refuses what it should", () => {
  assert.equal(mesosFileProblems("mesos-agent", "?no-switch_user"), []);
  assert.equal(mesosFileProblems("mesos-agent", "attributes/rack"), []);
  assert.equal(mesosFileProblems("mesos-agent", "resources/cpus"), []);
  assert.equal(mesosFileProblems("mesos-master", "quorum"), []);
  assert.is(mesosFileProblems("mesos-master", "containerizers").length, 1, "an agent flag in the master's dir");
  assert.is(mesosFileProblems("mesos-master", "?quorum").length, 1, "quorum is not negatable");
  assert.ok(zooCfgKeyProblem("server.12") === undefined && zooCfgKeyProblem("bogus") !== undefined);
  assert.ok(
    zooCfgKeyProblem("zookeeper.admin.enableServer") !== undefined ||
      zkKeys.every((k) => k.key !== "zookeeper.admin.enableServer"),
  );
});

test("example: required flags are set (files or /etc/mesos/zk + /etc/default) and quorum = floor(3/2)+1", async () => {
  for (const { plan } of await both()) checkMesosRequired(plannedFiles(plan), 3, 2);
});

test("example: /etc/marathon/conf and /etc/chronos/conf names are accepted flags", async () => {
  for (const { plan } of await both()) checkConfDirs(plannedFiles(plan));
  const n = checkConfDirs(plannedFiles((await example).plan));
  assert.ok(n.marathon >= 3 && n.chronos >= 3, JSON.stringify(n));
});

test("example: Chronos listens on the package's 4400, Marathon on 8080 (no clash)", async () => {
  const files = plannedFiles((await example).plan);
  assert.is(files.filter((x) => x.path === "/etc/chronos/conf/http_port").length, 3);
  for (const f of files.filter((x) => x.path === "/etc/chronos/conf/http_port")) assert.is(f.content.trim(), "4400");
  for (const f of files.filter((x) => x.path === "/etc/marathon/conf/http_port"))
    assert.is.not(f.content.trim(), "4400");
});

test(
  "example: zoo.cfg keys documented, none sysprop-only; myid " +
    "= own server.N; 4lw whitelist; AdminServer not on 8080",
  async () => {
    for (const { plan } of await both()) checkZooKeeper(plannedFiles(plan), 3);
  },
);

test("example: no two services on one port of one host", async () => {
  for (const { plan } of await both()) {
    assert.ok(plannedServices(plan).length >= 10);
    checkPorts(plan);
  }
});

test("example: every marathon_app definition validates against the official schema (Draft 4)", async () => {
  const apps = (await example).plan.changes.filter((c) => c.type === "gantry_marathon_app");
  assert.ok(apps.length >= 1);
  for (const a of apps) {
    const def = a.after!.definition;
    assert.ok(validateApp(def), `${a.address}: ${JSON.stringify(validateApp.errors)}`);
  }
  // and the validator is not a pushover
  assert.not.ok(validateApp({ id: "/x", cpus: "1" }));
  assert.not.ok(validateApp({ cmd: "x" }), "id is required");
  assert.not.ok(validateApp({ id: "/x", bogus: 1 }), "additionalProperties false");
});

test("example: every chronos_job has name, command and schedule (and only documented fields)", async () => {
  const jobs = (await example).plan.changes.filter((c) => c.type === "gantry_chronos_job");
  assert.ok(jobs.length >= 1);
  // the API table plus the fields api.md describes in prose (epsilon, async) and the code-only ones
  const fields = new Set([...chronosRef.api.job_fields, ...chronosRef.api.job_fields_outside_table].map((f) => f.name));
  for (const j of jobs) {
    const job = j.after!.job as Record<string, unknown>;
    for (const f of ["name", "command", "schedule"]) assert.type(job[f], "string", `${j.address} ${f}`);
    assert.match(String(job.schedule), /^R\d*\/[^/]*\/P/);
    assert.is(String(j.key), job.name);
    assert.equal(
      Object.keys(job).filter((k) => !fields.has(k)),
      [],
      "undocumented job fields",
    );
  }
});

test("example: haproxy_config routes reference the marathon_app's tasks", async () => {
  const { plan, config } = await example;
  const cfgs = plan.changes.filter((c) => c.type === "gantry_haproxy_config");
  const apps = plan.changes.filter((c) => c.type === "gantry_marathon_app");
  assert.is(cfgs.length, 1);
  const routed = (cfgs[0].after!.apps as { id: string; service_port: number }[]).map((a) => a.id);
  assert.equal(
    routed,
    apps.map((a) => (a.after!.definition as { id: string }).id),
  );
  // tasks are the marathon_app's computed tasks: a reference to them, so unknown until apply
  assert.ok(cfgs[0].deferred, "haproxy_config waits for the marathon_app's tasks");
  const refs: string[] = [];
  JSON.stringify(
    config.resources.get(cfgs[0].resourceKey)!.properties.apps.value,
    (k, v) => (k === "text" && typeof v === "string" && refs.push(v), v),
  );
  assert.ok(refs.includes(`gantry_marathon_app.${apps[0].name}["web"].tasks`), refs.join(", "));
  const service = (cfgs[0].after!.apps as { service_port: number }[])[0].service_port;
  const portDefs = (apps[0].after!.definition as { portDefinitions: { port: number }[] }).portDefinitions;
  assert.is(service, portDefs[0].port, "route's service port is the app's service port");
});

// ---- ensembles of 1, 3, 5, 7 -----------------------------------------------

for (const [n, quorum] of [
  [1, 1],
  [3, 2],
  [5, 3],
  [7, 4],
] as const) {
  test(
    `ensemble of ${n}: ids 1..${n} unique, server.N complete on ` +
      `every member, quorum ${quorum}, flags accepted, no port clash`,
    async () => {
      const dir = configDir(
        {
          "cluster.gantry.yaml": clusterYaml("c", {
            distro: { name: "mesos", version: "1.0.1" },
            host_pools: [simPool(2 * n + 2, `127.0.86.${10 + n * 20}`)],
            node_groups: [
              group("zookeeper", ["zookeeper"], n, { placement: { instance_per_host: 1 } }),
              group("master", ["mesos_master", "mesos_marathon", "mesos_chronos"], n, {
                placement: { instance_per_host: 1 },
              }),
              group("agent", ["mesos_slave"], 2, { placement: { instance_per_host: 1 } }),
            ],
          }),
        },
        `ens${n}`,
      );
      const { plan, warnings } = await planDir(dir);
      assert.equal(warnings, [], "odd sizes: no warnings");
      const files = plannedFiles(plan);
      checkZooKeeper(files, n);
      checkMesosRequired(files, n, quorum);
      checkMesosFiles(files);
      checkConfDirs(files);
      checkPorts(plan);
      // every zk connect string names all n members
      for (const f of files.filter((x) => x.path === "/etc/mesos/zk"))
        assert.is(
          f.content
            .trim()
            .replace(/^zk:\/\//, "")
            .split("/")[0]
            .split(",").length,
          n,
        );
    },
  );
}

test.run();
