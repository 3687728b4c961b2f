// ZooKeeper service generator: zoo.cfg and myid in the conventions of Debian's
// `zookeeper` package (3.8.0 in bookworm), and the java command line that runs
// the server in the foreground.
//
// What the Debian package installs (dpkg -L zookeeper libzookeeper-java, zookeeperd):
// - /etc/zookeeper/conf is an alternatives link (zookeeper-conf) to
//   /etc/zookeeper/conf_example: zoo.cfg, log4j.properties, environment, myid.
// - /var/lib/zookeeper (owner zookeeper) with myid -> /etc/zookeeper/conf/myid (a symlink).
//   The shipped zoo.cfg still says dataDir=/tmp/zookeeper (upstream's sample); we set
//   dataDir=/var/lib/zookeeper so the package's myid link and ownership apply.
// - /usr/share/java/zookeeper.jar, whose manifest Class-Path lists its dependencies
//   but no SLF4J binding: with the package's own CLASSPATH
//   ("/etc/zookeeper/conf:/usr/share/java/zookeeper.jar") SLF4J falls back to its NOP
//   logger and the server logs nothing. Debian patches ZooKeeper back to log4j 1.2
//   (log4j.properties, root logger from -Dzookeeper.root.logger), so the command adds
//   slf4j-log4j12.jar and log4j-1.2.jar (dependencies of libzookeeper-java).
// - zookeeperd's init script runs: java -cp $CLASSPATH $JAVA_OPTS
//   -Dzookeeper.log.dir=$ZOO_LOG_DIR -Dzookeeper.root.logger=$ZOO_LOG4J_PROP $ZOOMAIN $ZOOCFG
//   as user zookeeper; ZOOMAIN=org.apache.zookeeper.server.quorum.QuorumPeerMain.

import { checkPort } from "../../provider/formats/tcp-port.js";
import { singleLine } from "./config-text.js";
import type { DaemonCommand, ServiceFile } from "./generated-service.js";

export const ZOOKEEPER_CONF_DIR = "/etc/zookeeper/conf";
export const ZOOKEEPER_CFG = `${ZOOKEEPER_CONF_DIR}/zoo.cfg`;
export const ZOOKEEPER_DATA_DIR = "/var/lib/zookeeper";
export const ZOOKEEPER_LOG_DIR = "/var/log/zookeeper";
export const ZOOKEEPER_CLIENT_PORT = 2181;
export const ZOOKEEPER_QUORUM_PORT = 2888;
export const ZOOKEEPER_ELECTION_PORT = 3888;
/** Upstream's AdminServer default; taken by Marathon, so never used here. */
export const ZOOKEEPER_ADMIN_DEFAULT_PORT = 8080;
export const DEFAULT_FOUR_LETTER_WORDS = ["srvr", "mntr", "ruok", "stat", "conf"] as const;
/** Every 4lw command ZooKeeper 3.8 knows (zookeeperAdmin.md). */
export const FOUR_LETTER_WORDS = [
  "conf",
  "cons",
  "crst",
  "dump",
  "envi",
  "ruok",
  "srst",
  "srvr",
  "stat",
  "wchs",
  "wchc",
  "dirs",
  "wchp",
  "mntr",
  "isro",
  "hash",
  "gtmk",
  "stmk",
] as const;
export const ZOOKEEPER_MAX_ID = 255;
export const ZOOKEEPER_MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
export const ZOOKEEPER_CLASSPATH = [
  ZOOKEEPER_CONF_DIR,
  "/usr/share/java/zookeeper.jar",
  "/usr/share/java/slf4j-log4j12.jar",
  "/usr/share/java/log4j-1.2.jar",
] as const;

export interface ZookeeperMember {
  /** Server id, 1..255 (myid). */
  id: number;
  /** Address (IP or host name) the other members reach it at. */
  address: string;
}

export interface ZookeeperInput {
  members: ZookeeperMember[];
  /** Id of the member these files are for. */
  self: number;
  dataDir?: string;
  /** Separate transaction log directory (dataLogDir). */
  dataLogDir?: string;
  clientPort?: number;
  /**
   * clientPortAddress: the address clients connect to (all addresses when unset).
   * Needed when several members share one machine.
   */
  clientPortAddress?: string;
  quorumPort?: number;
  electionPort?: number;
  /** AdminServer port; null (the default) disables the AdminServer. 8080 is refused (Marathon's port). */
  adminServerPort?: number | null;
  /** Milliseconds (2000). */
  tickTime?: number;
  /** Ticks (10, as Debian's sample). */
  initLimit?: number;
  /** Ticks (5, as Debian's sample). */
  syncLimit?: number;
  /** 4lw.commands.whitelist (srvr, mntr, ruok, stat, conf); "*" allows all. */
  fourLetterWords?: string[];
  /** autopurge.purgeInterval in hours (24); 0 disables. */
  autopurgeHours?: number;
  /** autopurge.snapRetainCount (3, the minimum). */
  autopurgeRetain?: number;
  /** Where zoo.cfg goes (/etc/zookeeper/conf/zoo.cfg). */
  cfgPath?: string;
}

/** Ids for an ensemble of `count` members: 1..count. */
export function zookeeperIds(count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > ZOOKEEPER_MAX_ID) {
    throw new Error(`zookeeper: an ensemble has 1..${ZOOKEEPER_MAX_ID} members (got ${count})`);
  }
  return Array.from({ length: count }, (_, i) => i + 1);
}

/** Members needed for a ZooKeeper majority: floor(n/2)+1. */
export function zookeeperMajority(count: number): number {
  return Math.floor(count / 2) + 1;
}

/** Problems with an ensemble description (empty when valid). */
export function zookeeperValidate(members: ZookeeperMember[], self?: number): string[] {
  const errs: string[] = [];
  if (members.length === 0) errs.push("zookeeper: the ensemble has no members");
  if (members.length > ZOOKEEPER_MAX_ID)
    errs.push(`zookeeper: at most ${ZOOKEEPER_MAX_ID} members (got ${members.length})`);
  const ids = new Set<number>();
  const addrs = new Set<string>();
  for (const m of members) {
    if (!Number.isInteger(m.id) || m.id < 1 || m.id > ZOOKEEPER_MAX_ID)
      errs.push(`zookeeper: server id must be an integer 1..${ZOOKEEPER_MAX_ID} (got ${m.id} for ${m.address})`);
    else if (ids.has(m.id)) errs.push(`zookeeper: server id ${m.id} is used twice`);
    ids.add(m.id);
    if (typeof m.address !== "string" || !/^[A-Za-z0-9._-]+$/.test(m.address)) {
      errs.push(`zookeeper: member ${m.id} needs a host name or IPv4 address (got ${JSON.stringify(m.address)})`);
    } else if (addrs.has(m.address)) errs.push(`zookeeper: two members at ${m.address} (their ports would clash)`);
    addrs.add(m.address);
  }
  if (self !== undefined && !members.some((m) => m.id === self))
    errs.push(`zookeeper: self id ${self} is not a member (ids: ${[...ids].join(", ")})`);
  return errs;
}

function positiveInt(what: string, v: number): number {
  if (!Number.isInteger(v) || v < 0) throw new Error(`zookeeper: ${what} must be a non-negative integer (got ${v})`);
  return v;
}

/** The zoo.cfg text for one member (the same text on every member: myid tells them apart). */
export function zooCfg(input: ZookeeperInput): string {
  const errs = zookeeperValidate(input.members, input.self);
  if (errs.length) throw new Error(errs.join("; "));
  const clientPort = checkPort("zookeeper: clientPort", input.clientPort ?? ZOOKEEPER_CLIENT_PORT);
  const quorumPort = checkPort("zookeeper: quorumPort", input.quorumPort ?? ZOOKEEPER_QUORUM_PORT);
  const electionPort = checkPort("zookeeper: electionPort", input.electionPort ?? ZOOKEEPER_ELECTION_PORT);
  const admin = input.adminServerPort ?? null;
  if (admin !== null) {
    checkPort("zookeeper: adminServerPort", admin);
    if (admin === ZOOKEEPER_ADMIN_DEFAULT_PORT)
      throw new Error(
        "zookeeper: adminServerPort 8080 clashes with Marathon's http_port; " +
          "pick another port or null to disable the AdminServer",
      );
  }
  const ports = [clientPort, quorumPort, electionPort, ...(admin === null ? [] : [admin])];
  if (new Set(ports).size !== ports.length)
    throw new Error(`zookeeper: client, quorum, election and admin ports must differ (got ${ports.join(", ")})`);
  const words = input.fourLetterWords ?? [...DEFAULT_FOUR_LETTER_WORDS];
  for (const w of words) {
    if (w !== "*" && !(FOUR_LETTER_WORDS as readonly string[]).includes(w))
      throw new Error(`zookeeper: unknown four-letter word "${w}" (known: ${FOUR_LETTER_WORDS.join(", ")}, or "*")`);
  }
  const dataDir = absPath("dataDir", input.dataDir ?? ZOOKEEPER_DATA_DIR);
  const lines = [
    "# Generated by gantry. ZooKeeper 3.8 (Debian package zookeeper).",
    `tickTime=${positiveInt("tickTime", input.tickTime ?? 2000)}`,
    `initLimit=${positiveInt("initLimit", input.initLimit ?? 10)}`,
    `syncLimit=${positiveInt("syncLimit", input.syncLimit ?? 5)}`,
    `dataDir=${dataDir}`,
    ...(input.dataLogDir ? [`dataLogDir=${absPath("dataLogDir", input.dataLogDir)}`] : []),
    `clientPort=${clientPort}`,
    ...(input.clientPortAddress
      ? [`clientPortAddress=${singleLine("zookeeper: clientPortAddress", input.clientPortAddress)}`]
      : []),
    `autopurge.snapRetainCount=${Math.max(3, positiveInt("autopurgeRetain", input.autopurgeRetain ?? 3))}`,
    `autopurge.purgeInterval=${positiveInt("autopurgeHours", input.autopurgeHours ?? 24)}`,
    `4lw.commands.whitelist=${[...new Set(words)].join(",")}`,
    ...(admin === null ? ["admin.enableServer=false"] : ["admin.enableServer=true", `admin.serverPort=${admin}`]),
    ...[...input.members]
      .sort((a, b) => a.id - b.id)
      .map((m) => `server.${m.id}=${m.address}:${quorumPort}:${electionPort}`),
  ];
  return `${lines.join("\n")}\n`;
}

function absPath(what: string, p: string): string {
  singleLine(`zookeeper: ${what}`, p);
  if (!p.startsWith("/")) throw new Error(`zookeeper: ${what} must be an absolute path (got "${p}")`);
  return p.replace(/\/+$/, "") || "/";
}

/** zoo.cfg and <dataDir>/myid for member `self`. */
export function zookeeperFiles(input: ZookeeperInput): ServiceFile[] {
  const cfg = zooCfg(input);
  const dataDir = absPath("dataDir", input.dataDir ?? ZOOKEEPER_DATA_DIR);
  return [
    { path: absPath("cfgPath", input.cfgPath ?? ZOOKEEPER_CFG), content: cfg, mode: "0644" },
    // On Debian <dataDir>/myid is packaged as a symlink to /etc/zookeeper/conf/myid:
    // writing through it lands the same id in both places.
    { path: `${dataDir}/myid`, content: `${input.self}\n`, mode: "0644" },
  ];
}

export interface ZookeeperCommandOptions {
  cfgPath?: string;
  /**
   * log4j root logger (INFO,CONSOLE: stdout, for gantry to keep; INFO,ROLLINGFILE: <logDir>/zookeeper.log
   * as Debian's init script).
   */
  rootLogger?: string;
  logDir?: string;
  /** Extra JVM options, e.g. ["-Xmx1g"]. */
  jvmOptions?: string[];
  java?: string;
  /** Ports for the service's `ports` (from the same input as the files). */
  input?: Pick<ZookeeperInput, "clientPort" | "quorumPort" | "electionPort" | "adminServerPort">;
}

/** java … QuorumPeerMain <zoo.cfg>, in the foreground, as Debian's zookeeperd runs it. */
export function zookeeperCommand(opts: ZookeeperCommandOptions = {}): DaemonCommand {
  const cfg = opts.cfgPath ?? ZOOKEEPER_CFG;
  const clientPort = opts.input?.clientPort ?? ZOOKEEPER_CLIENT_PORT;
  const admin = opts.input?.adminServerPort ?? null;
  return {
    name: "zookeeper",
    command: opts.java ?? "/usr/bin/java",
    args: [
      "-cp",
      ZOOKEEPER_CLASSPATH.join(":"),
      ...(opts.jvmOptions ?? []),
      `-Dlog4j.configuration=file:${ZOOKEEPER_CONF_DIR}/log4j.properties`,
      `-Dzookeeper.log.dir=${opts.logDir ?? ZOOKEEPER_LOG_DIR}`,
      `-Dzookeeper.root.logger=${opts.rootLogger ?? "INFO,CONSOLE"}`,
      ZOOKEEPER_MAIN,
      cfg,
    ],
    ports: [
      clientPort,
      opts.input?.quorumPort ?? ZOOKEEPER_QUORUM_PORT,
      opts.input?.electionPort ?? ZOOKEEPER_ELECTION_PORT,
      ...(admin === null ? [] : [admin]),
    ],
    user: "zookeeper",
    health_check: { type: "tcp", port: clientPort },
  };
}

/** "h1:2181,h2:2181,h3:2181" (Chronos zk_hosts, ZooKeeper clients), members in id order. */
export function zkHosts(members: ZookeeperMember[], clientPort: number = ZOOKEEPER_CLIENT_PORT): string {
  if (members.length === 0) throw new Error("zookeeper: no members to connect to");
  return [...members]
    .sort((a, b) => a.id - b.id)
    .map((m) => `${m.address}:${clientPort}`)
    .join(",");
}

/**
 * "zk://h1:2181,h2:2181/<path>" (Mesos --zk/--master, Marathon --zk/--master); without a
 * path, the plain "h1:2181,h2:2181" form.
 */
export function zkConnectString(
  members: ZookeeperMember[],
  path?: string,
  clientPort: number = ZOOKEEPER_CLIENT_PORT,
): string {
  const hosts = zkHosts(members, clientPort);
  if (path === undefined) return hosts;
  if (!/^(\/[A-Za-z0-9._-]+)+$/.test(path))
    throw new Error(`zookeeper: znode path must look like /name[/name…] (got "${path}")`);
  return `zk://${hosts}${path}`;
}
