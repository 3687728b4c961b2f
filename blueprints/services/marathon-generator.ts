// Marathon service generator: /etc/marathon/conf/<flag> files in the conventions of
// Mesosphere's marathon package (bin/marathon-framework at v1.1.1): each file
// <name> becomes --<name> <contents>, ?<name> becomes --<name>. Flag names are
// checked against Marathon v1.1.1's documented flags (flag-names.ts).

import { checkPort } from "../../provider/formats/tcp-port.js";
import type { FlagValue } from "./config-text.js";
import type { DaemonCommand, ServiceFile } from "./generated-service.js";
import { checkConfOverrides, confDirFiles, type ConfDirSpec } from "./conf-dir-generator.js";
import { MARATHON_FLAGS } from "./flag-names.js";
import { zkConnectString, type ZookeeperMember } from "./zookeeper-generator.js";

export const MARATHON_CONF_DIR = "/etc/marathon/conf";
export const MARATHON_HTTP_PORT = 8080;
export const MARATHON_ZK_PATH = "/marathon";
/** The package's launcher (the runnable jar with bin/marathon-framework prepended). */
export const MARATHON_LAUNCHER = "/usr/bin/marathon";

export const MARATHON_CONF: ConfDirSpec = {
  service: "marathon",
  dir: MARATHON_CONF_DIR,
  accepted: MARATHON_FLAGS,
  // Scallop toggles: --name enables, --disable_<name> disables.
  negation: (name) => (MARATHON_FLAGS.includes(`disable_${name}`) ? `disable_${name}` : undefined),
};

export interface MarathonInput {
  zookeeper: ZookeeperMember[];
  /** ZooKeeper path of the Mesos masters (/mesos). */
  mesosZkPath?: string;
  /** ZooKeeper path for Marathon's state (/marathon). */
  zkPath?: string;
  /** --hostname: the address Mesos and other Marathons reach this one at. */
  hostname: string;
  httpPort?: number;
  overrides?: Record<string, FlagValue>;
}

/** /etc/marathon/conf/{master,zk,http_port,hostname} plus overrides. */
export function marathonFiles(input: MarathonInput): ServiceFile[] {
  const overrides = input.overrides ?? {};
  checkConfOverrides(MARATHON_CONF, overrides);
  const flags: Record<string, FlagValue> = {
    master: zkConnectString(input.zookeeper, input.mesosZkPath ?? "/mesos"),
    zk: zkConnectString(input.zookeeper, input.zkPath ?? MARATHON_ZK_PATH),
    http_port: checkPort("marathon: http_port", input.httpPort ?? MARATHON_HTTP_PORT),
    hostname: input.hostname,
    ...overrides,
  };
  return confDirFiles(MARATHON_CONF, flags);
}

/**
 * Marathon as the package runs it. `noLogger` adds --no-logger (the launcher strips it) so output goes
 * to stdout, not syslog.
 */
export function marathonCommand(opts: { httpPort?: number; noLogger?: boolean } = {}): DaemonCommand {
  const port = opts.httpPort ?? MARATHON_HTTP_PORT;
  return {
    name: "marathon",
    command: MARATHON_LAUNCHER,
    args: opts.noLogger ? ["--no-logger"] : [],
    ports: [port],
    health_check: { type: "http", port, path: "/ping" },
  };
}
