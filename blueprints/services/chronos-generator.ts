// Chronos service generator: /etc/chronos/conf/<flag> files in the conventions of
// Mesosphere's chronos package (mesosphere/chronos-pkg bin/chronos-framework): each
// file <name> becomes --<name> <contents>, ?<name> becomes --<name>. The package sets
// http_port 4400 (Chronos' own default, 8080, is Marathon's). Flag names are checked
// against the Chronos v3 documented flags (flag-names.ts).

import { checkPort } from "../../provider/formats/tcp-port.js";
import type { FlagValue } from "./config-text.js";
import type { DaemonCommand, ServiceFile } from "./generated-service.js";
import { checkConfOverrides, confDirFiles, type ConfDirSpec } from "./conf-dir-generator.js";
import { CHRONOS_FLAGS, CHRONOS_VALUELESS_FLAGS } from "./flag-names.js";
import { zkConnectString, zkHosts, type ZookeeperMember } from "./zookeeper-generator.js";

export const CHRONOS_CONF_DIR = "/etc/chronos/conf";
export const CHRONOS_HTTP_PORT = 4400;
export const CHRONOS_LAUNCHER = "/usr/bin/chronos";

export const CHRONOS_CONF: ConfDirSpec = {
  service: "chronos",
  dir: CHRONOS_CONF_DIR,
  accepted: CHRONOS_FLAGS,
  refused: ["help"],
  // Only http_compression has a documented disabling form.
  negation: (name) =>
    CHRONOS_FLAGS.includes(`disable_${name}`) && CHRONOS_VALUELESS_FLAGS.includes(name) ? `disable_${name}` : undefined,
};

export interface ChronosInput {
  zookeeper: ZookeeperMember[];
  mesosZkPath?: string;
  hostname: string;
  httpPort?: number;
  overrides?: Record<string, FlagValue>;
}

/** /etc/chronos/conf/{master,zk_hosts,http_port,hostname} plus overrides. */
export function chronosFiles(input: ChronosInput): ServiceFile[] {
  const overrides = input.overrides ?? {};
  checkConfOverrides(CHRONOS_CONF, overrides);
  for (const [name, value] of Object.entries(overrides)) {
    const valueless = CHRONOS_VALUELESS_FLAGS.includes(name);
    if (valueless && typeof value !== "boolean")
      throw new Error(`chronos: flag "${name}" is a switch; give true or false (got ${JSON.stringify(value)})`);
    if (!valueless && typeof value === "boolean")
      throw new Error(`chronos: flag "${name}" takes a value, not ${value}`);
  }
  const flags: Record<string, FlagValue> = {
    master: zkConnectString(input.zookeeper, input.mesosZkPath ?? "/mesos"),
    // Chronos wants the plain host list; its znode is --zk_path (default /chronos/state).
    zk_hosts: zkHosts(input.zookeeper),
    http_port: checkPort("chronos: http_port", input.httpPort ?? CHRONOS_HTTP_PORT),
    hostname: input.hostname,
    ...overrides,
  };
  return confDirFiles(CHRONOS_CONF, flags);
}

/**
 * Chronos as the package runs it (ExecStart=/usr/bin/chronos); its health check asks the job list under
 * the version's API prefix ("/v1" for Chronos 3, "" for Chronos 2).
 */
export function chronosCommand(
  opts: { httpPort?: number; noLogger?: boolean; apiPrefix?: string } = {},
): DaemonCommand {
  const port = opts.httpPort ?? CHRONOS_HTTP_PORT;
  return {
    name: "chronos",
    command: CHRONOS_LAUNCHER,
    args: opts.noLogger ? ["--no-logger"] : [],
    ports: [port],
    health_check: { type: "http", port, path: `${opts.apiPrefix ?? "/v1"}/scheduler/jobs` },
  };
}
