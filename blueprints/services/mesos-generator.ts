// Mesos service generator: master and agent configuration in the conventions of
// Mesosphere's deb package (mesosphere/mesos-deb-packaging, mesos-init-wrapper):
//
// - /etc/mesos/zk holds the zk://…/mesos URL; the packaged /etc/default/mesos-master
//   has ZK=`cat /etc/mesos/zk` and /etc/default/mesos-slave MASTER=`cat /etc/mesos/zk`.
// - /usr/bin/mesos-init-wrapper master|slave sources /etc/default/mesos and
//   /etc/default/mesos-<role>, turns some variables into flags (master: ZK IP PORT
//   CLUSTER LOGS; slave: MASTER IP LOGS ISOLATION), then appends one flag per regular
//   file in /etc/mesos-master or /etc/mesos-slave (`name` → --name=<contents>,
//   `?name` → --name), and for the slave joins /etc/mesos-slave/attributes/<key> and
//   /etc/mesos-slave/resources/<key> into --attributes / --resources (k:v;k:v).
// - Mesos refuses a flag given twice, so a flag the wrapper takes from a variable is
//   written as that variable (in /etc/default/mesos-<role>, sourced after
//   /etc/default/mesos) and never also as a file.
// - The package predates the agent rename: directories, files and units say "slave".

import { checkPort } from "../../provider/formats/tcp-port.js";
import { flagValueText, shellQuote, sortedEntries, type FlagValue } from "./config-text.js";
import type { DaemonCommand, ServiceFile } from "./generated-service.js";
import {
  MESOS_AGENT_FLAGS,
  MESOS_AGENT_NEGATABLE,
  MESOS_FLAG_ALIASES,
  MESOS_MASTER_FLAGS,
  MESOS_MASTER_NEGATABLE,
} from "./flag-names.js";
import { zkConnectString, type ZookeeperMember } from "./zookeeper-generator.js";

export const MESOS_ZK_FILE = "/etc/mesos/zk";
export const MESOS_MASTER_DIR = "/etc/mesos-master";
export const MESOS_AGENT_DIR = "/etc/mesos-slave";
export const MESOS_MASTER_DEFAULTS = "/etc/default/mesos-master";
export const MESOS_AGENT_DEFAULTS = "/etc/default/mesos-slave";
export const MESOS_INIT_WRAPPER = "/usr/bin/mesos-init-wrapper";
export const MESOS_MASTER_BINARY = "/usr/sbin/mesos-master";
export const MESOS_AGENT_BINARY = "/usr/sbin/mesos-slave";
export const MESOS_WORK_DIR = "/var/lib/mesos";
export const MESOS_MASTER_PORT = 5050;
export const MESOS_AGENT_PORT = 5051;
export const MESOS_ZK_PATH = "/mesos";

export type MesosDaemon = "mesos-master" | "mesos-agent";

/** Variables the wrapper turns into flags (package_conventions.env_to_flag), by flag. */
const ENV_FLAGS: Record<MesosDaemon, Record<string, string>> = {
  "mesos-master": { zk: "ZK", ip: "IP", port: "PORT", cluster: "CLUSTER", log_dir: "LOGS" },
  "mesos-agent": { master: "MASTER", ip: "IP", log_dir: "LOGS", isolation: "ISOLATION" },
};
/** The packaged value of ZK / MASTER: read the URL from /etc/mesos/zk at start. */
const FROM_ZK_FILE = "`cat /etc/mesos/zk`";
/** Flags that make the daemon print and exit: accepted by Mesos, never wanted in a deployment. */
const REFUSED = new Set(["help", "version"]);

/** Replicated-log quorum for `masters` masters: floor(n/2)+1 (1, 2, 3, 4 for 1, 3, 5, 7). */
export function mesosQuorum(masters: number): number {
  if (!Number.isInteger(masters) || masters < 1)
    throw new Error(`mesos: the number of masters must be a positive integer (got ${masters})`);
  return Math.floor(masters / 2) + 1;
}

/** Whether `name` (no `?`, no `no-`) is a flag of `daemon` in the reference's accepted_names. */
export function mesosAcceptsFlag(daemon: MesosDaemon, name: string): boolean {
  return (daemon === "mesos-master" ? MESOS_MASTER_FLAGS : MESOS_AGENT_FLAGS).includes(name);
}

export function mesosFlagNegatable(daemon: MesosDaemon, name: string): boolean {
  return (daemon === "mesos-master" ? MESOS_MASTER_NEGATABLE : MESOS_AGENT_NEGATABLE).includes(name);
}

/**
 * Check per-group overrides ({ flag: value }) for one daemon: every name must be a
 * flag of that daemon; booleans only for --[no-]flags. Throws naming flag and daemon.
 */
export function checkMesosOverrides(daemon: MesosDaemon, overrides: Record<string, FlagValue>): void {
  const seen = new Map<string, string>();
  for (const [name, value] of sortedEntries(overrides)) {
    if (!mesosAcceptsFlag(daemon, name))
      throw new Error(`${daemon}: unknown flag "${name}" (not in the ${daemon} flag list)`);
    if (REFUSED.has(name)) throw new Error(`${daemon}: flag "${name}" only prints and exits; it cannot be configured`);
    const canonical = MESOS_FLAG_ALIASES[name] ?? name;
    const other = seen.get(canonical);
    if (other !== undefined) throw new Error(`${daemon}: flags "${other}" and "${name}" are the same flag; give one`);
    seen.set(canonical, name);
    if (typeof value === "boolean" && !mesosFlagNegatable(daemon, name)) {
      throw new Error(`${daemon}: flag "${name}" takes a value, not ${value}`);
    }
    if (typeof value !== "boolean") flagValueText(daemon, name, value);
  }
}

interface Layout {
  daemon: MesosDaemon;
  dir: string;
  defaults: string;
}

/** Split final flags into /etc/default/mesos-<role> variables and flag files. */
function layout(l: Layout, flags: Map<string, FlagValue>, extraFiles: ServiceFile[]): ServiceFile[] {
  const env: string[] = [];
  const files: ServiceFile[] = [];
  const envFlags = ENV_FLAGS[l.daemon];
  for (const [name, value] of [...flags].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const variable = envFlags[name];
    if (variable !== undefined) {
      if (typeof value === "boolean") throw new Error(`${l.daemon}: flag "${name}" takes a value, not ${value}`);
      const text = flagValueText(l.daemon, name, value);
      env.push(`${variable}=${text === FROM_ZK_FILE ? text : shellQuote(text)}`);
    } else if (typeof value === "boolean") {
      files.push({ path: `${l.dir}/?${value ? "" : "no-"}${name}`, content: "", mode: "0644" });
    } else {
      files.push({ path: `${l.dir}/${name}`, content: `${flagValueText(l.daemon, name, value)}\n`, mode: "0644" });
    }
  }
  const header = `# Generated by gantry; sourced (set -o allexport) by ${MESOS_INIT_WRAPPER} after /etc/default/mesos.`;
  return [
    { path: l.defaults, content: `${[header, ...env].join("\n")}\n`, mode: "0644" },
    ...files,
    ...extraFiles,
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
}

function zkFile(url: string): ServiceFile {
  return { path: MESOS_ZK_FILE, content: `${url}\n`, mode: "0644" };
}

function workDir(p: string | undefined): string {
  const dir = p ?? MESOS_WORK_DIR;
  if (!dir.startsWith("/")) throw new Error(`mesos: work_dir must be an absolute path (got "${dir}")`);
  return dir;
}

export interface MesosMasterInput {
  /** The ZooKeeper ensemble (for zk://…/mesos). */
  zookeeper: ZookeeperMember[];
  /** ZooKeeper path for Mesos (/mesos). */
  zkPath?: string;
  /** How many masters the cluster has (quorum = floor(n/2)+1). */
  masters: number;
  /** This master's address: --ip, and --hostname unless `hostname` is given. */
  address: string;
  hostname?: string;
  /** --cluster: name shown in the web UI. */
  cluster?: string;
  workDir?: string;
  port?: number;
  /** Extra flags from the node group (checked against the master's flag list). */
  overrides?: Record<string, FlagValue>;
}

/** /etc/mesos/zk, /etc/default/mesos-master and /etc/mesos-master/<flag> files. */
export function mesosMasterFiles(input: MesosMasterInput): ServiceFile[] {
  const daemon = "mesos-master";
  const overrides = input.overrides ?? {};
  checkMesosOverrides(daemon, overrides);
  const url = zkConnectString(input.zookeeper, input.zkPath ?? MESOS_ZK_PATH);
  const flags = new Map<string, FlagValue>([
    ["zk", FROM_ZK_FILE],
    ["port", checkPort("mesos-master: port", input.port ?? MESOS_MASTER_PORT)],
    ["ip", input.address],
    ["hostname", input.hostname ?? input.address],
    ["quorum", mesosQuorum(input.masters)],
    ["work_dir", workDir(input.workDir)],
  ]);
  if (input.cluster !== undefined) flags.set("cluster", input.cluster);
  for (const [k, v] of Object.entries(overrides)) flags.set(k, v);
  if (flags.get("port") !== undefined && typeof flags.get("port") !== "boolean")
    checkPort("mesos-master: port", Number(flags.get("port")));
  return layout({ daemon, dir: MESOS_MASTER_DIR, defaults: MESOS_MASTER_DEFAULTS }, flags, [zkFile(url)]);
}

export interface MesosAgentInput {
  zookeeper: ZookeeperMember[];
  zkPath?: string;
  /** This agent's address: --ip, and --hostname unless `hostname` is given. */
  address: string;
  hostname?: string;
  workDir?: string;
  port?: number;
  /** The node has the mesos_docker role: containerizers=docker,mesos, executor_registration_timeout=5mins. */
  docker?: boolean;
  /** Rack or fault domain: attribute rack:<rack>. */
  rack?: string;
  /** More attributes (files under /etc/mesos-slave/attributes/). */
  attributes?: Record<string, string>;
  /** Resources, e.g. { cpus: "4", mem: "15000" } (files under /etc/mesos-slave/resources/). */
  resources?: Record<string, string | number>;
  overrides?: Record<string, FlagValue>;
}

function keyValueFiles(dir: string, what: string, entries: Record<string, string | number>): ServiceFile[] {
  return sortedEntries(entries).map(([k, v]) => {
    if (!/^[A-Za-z0-9_.-]+$/.test(k))
      throw new Error(`mesos-agent: ${what} name "${k}" must be letters, digits, ".", "_" or "-"`);
    const text = flagValueText("mesos-agent", `${what}/${k}`, v);
    if (text === "" || /[;:]/.test(text))
      throw new Error(`mesos-agent: ${what} "${k}" needs a non-empty value without ";" or ":" (got "${text}")`);
    return { path: `${dir}/${k}`, content: `${text}\n`, mode: "0644" };
  });
}

/** "k:v;k:v" (as the wrapper joins them) → { k: v }. */
function parseKeyValues(what: string, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(";").filter(Boolean)) {
    const i = part.indexOf(":");
    if (i <= 0) throw new Error(`mesos-agent: ${what} must be "key:value;key:value" (got "${text}")`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/** /etc/mesos/zk, /etc/default/mesos-slave, /etc/mesos-slave/<flag>, attributes/<key>, resources/<key>. */
export function mesosAgentFiles(input: MesosAgentInput): ServiceFile[] {
  const daemon = "mesos-agent";
  const overrides = { ...(input.overrides ?? {}) };
  checkMesosOverrides(daemon, overrides);
  const url = zkConnectString(input.zookeeper, input.zkPath ?? MESOS_ZK_PATH);
  const attributes: Record<string, string> = {
    ...(input.rack !== undefined ? { rack: input.rack } : {}),
    ...(input.attributes ?? {}),
  };
  const resources: Record<string, string | number> = { ...(input.resources ?? {}) };
  // attributes/resources are directories in this layout: an override lands there too.
  for (const [name, target] of [
    ["attributes", attributes],
    ["resources", resources],
  ] as const) {
    const v = overrides[name];
    if (v === undefined) continue;
    if (typeof v !== "string") throw new Error(`mesos-agent: flag "${name}" must be "key:value;key:value"`);
    Object.assign(target, parseKeyValues(name, v));
    delete overrides[name];
  }
  const flags = new Map<string, FlagValue>([
    ["master", FROM_ZK_FILE],
    ["ip", input.address],
    ["hostname", input.hostname ?? input.address],
    ["port", checkPort("mesos-agent: port", input.port ?? MESOS_AGENT_PORT)],
    ["work_dir", workDir(input.workDir)],
  ]);
  if (input.docker) {
    flags.set("containerizers", "docker,mesos");
    // Pulling an image can take longer than the default 1mins.
    flags.set("executor_registration_timeout", "5mins");
  }
  for (const [k, v] of Object.entries(overrides)) flags.set(k, v);
  return layout({ daemon, dir: MESOS_AGENT_DIR, defaults: MESOS_AGENT_DEFAULTS }, flags, [
    zkFile(url),
    ...keyValueFiles(`${MESOS_AGENT_DIR}/attributes`, "attributes", attributes),
    ...keyValueFiles(`${MESOS_AGENT_DIR}/resources`, "resources", resources),
  ]);
}

/**
 * The flags a set of files yields, as mesos-init-wrapper would pass them (for checks
 * and display): variables from /etc/default/mesos-<role> first, then flag files in
 * name order, then --attributes / --resources.
 */
export function mesosEffectiveFlags(
  daemon: MesosDaemon,
  files: ServiceFile[],
): { name: string; value: string | null; source: string }[] {
  const dir = daemon === "mesos-master" ? MESOS_MASTER_DIR : MESOS_AGENT_DIR;
  const defaults = daemon === "mesos-master" ? MESOS_MASTER_DEFAULTS : MESOS_AGENT_DEFAULTS;
  const zk = files.find((f) => f.path === MESOS_ZK_FILE)?.content.trim();
  const out: { name: string; value: string | null; source: string }[] = [];
  const byVar = Object.fromEntries(Object.entries(ENV_FLAGS[daemon]).map(([flag, v]) => [v, flag]));
  for (const line of files.find((f) => f.path === defaults)?.content.split("\n") ?? []) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (!m || byVar[m[1]!] === undefined) continue;
    let value = m[2]!;
    if (value === FROM_ZK_FILE) value = zk ?? "";
    else if (value.startsWith("'")) value = value.slice(1, -1).replace(/'\\''/g, "'");
    out.push({ name: byVar[m[1]!]!, value, source: defaults });
  }
  const direct = files
    .filter((f) => f.path.startsWith(`${dir}/`) && !f.path.slice(dir.length + 1).includes("/"))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const f of direct) {
    const name = f.path.slice(dir.length + 1);
    if (name.startsWith("?")) out.push({ name: name.slice(1), value: null, source: f.path });
    else out.push({ name, value: f.content.replace(/\n$/, ""), source: f.path });
  }
  for (const sub of ["attributes", "resources"]) {
    const parts = files
      .filter((f) => f.path.startsWith(`${dir}/${sub}/`) && f.content.length > 0)
      .sort((a, b) => (a.path < b.path ? -1 : 1))
      .map((f) => `${f.path.slice(dir.length + sub.length + 2)}:${f.content.replace(/\n$/, "")}`);
    if (parts.length) out.push({ name: sub, value: parts.join(";"), source: `${dir}/${sub}/` });
  }
  return out;
}

/** The master as the package's unit runs it (ExecStart=/usr/bin/mesos-init-wrapper master). */
export function mesosMasterCommand(opts: { port?: number } = {}): DaemonCommand {
  const port = opts.port ?? MESOS_MASTER_PORT;
  return {
    name: "mesos-master",
    command: MESOS_INIT_WRAPPER,
    args: ["master"],
    ports: [port],
    health_check: { type: "http", port, path: "/health" },
  };
}

/** The agent as the package's unit runs it (ExecStart=/usr/bin/mesos-init-wrapper slave). */
export function mesosAgentCommand(opts: { port?: number } = {}): DaemonCommand {
  const port = opts.port ?? MESOS_AGENT_PORT;
  return {
    name: "mesos-slave",
    command: MESOS_INIT_WRAPPER,
    args: ["slave"],
    ports: [port],
    health_check: { type: "http", port, path: "/health" },
  };
}
