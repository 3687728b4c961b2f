// How an ssh host is reached, read once from its host spec: the gantry_host
// attributes user, port, private_key_file, known_hosts_file, accept_new_host_key,
// sudo, jump_host, connect_timeout_ms, command_timeout_ms and max_sessions
// (carried in HostSpec.options), with defaults and errors naming the host and field.

import { homedir } from "node:os";
import { isIP } from "node:net";

import type { HostSpec } from "../../../contract/host-driver.js";

/** The host spec option names an ssh host understands (the gantry_host attributes of the same names). */
export const SSH_OPTION_NAMES = [
  "user",
  "port",
  "private_key_file",
  "known_hosts_file",
  "accept_new_host_key",
  "sudo",
  "jump_host",
  "connect_timeout_ms",
  "command_timeout_ms",
  "max_sessions",
] as const;

export interface SshEndpoint {
  address: string;
  port: number;
  user: string;
}

export interface SshSettings extends SshEndpoint {
  /** Host name as declared, for errors. */
  hostName: string;
  /** A private key file; without one the agent at SSH_AUTH_SOCK is asked. */
  privateKeyFile?: string;
  /** The agent socket when no key file is given. */
  agentSocket?: string;
  /** A private key's text, instead of a file (Terraform's connection `private_key`). */
  privateKey?: string;
  /** A password (Terraform's connection `password`), tried after the key or agent. */
  password?: string;
  /** known_hosts file the host keys are pinned in (default ~/.ssh/known_hosts). */
  knownHostsFile: string;
  /** First contact: an unknown host's key is added to knownHostsFile (a changed key is still refused). */
  acceptNewHostKey: boolean;
  /** Commands run through `sudo -n` (default: when user is not root). */
  sudo: boolean;
  /** A bastion the connection goes through ("user@address:port"; user and port default to this host's). */
  jump?: SshEndpoint;
  connectTimeoutMs: number;
  /** Longest a command may run unless the caller says otherwise (0: no limit). */
  commandTimeoutMs: number;
  /** Channels open at once on the connection (sshd's MaxSessions is 10 by default). */
  maxSessions: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_MAX_SESSIONS = 8;
const USER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function sshSettings(spec: HostSpec): SshSettings {
  const o = spec.options ?? {};
  const where = (field: string) => `ssh host "${spec.name}": "${field}"`;
  const str = (field: string): string | undefined => {
    const v = o[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" || v === "") throw new Error(`${where(field)} must be a non-empty string`);
    return v;
  };
  /** A file name; "~/" is the home directory, as ssh reads it. */
  const file = (field: string): string | undefined => {
    const v = str(field);
    return v?.startsWith("~/") ? `${homedir()}${v.slice(1)}` : v;
  };
  const int = (field: string, min: number, max: number): number | undefined => {
    const v = o[field];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
      throw new Error(`${where(field)} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`);
    }
    return n;
  };
  const bool = (field: string): boolean | undefined => {
    const v = o[field];
    if (v === undefined || v === null) return undefined;
    if (v === true || v === "true") return true;
    if (v === false || v === "false") return false;
    throw new Error(`${where(field)} must be true or false (got ${JSON.stringify(v)})`);
  };
  if (!isIP(spec.address) && !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(spec.address)) {
    throw new Error(`ssh host "${spec.name}": "address" must be an IP address or a DNS name (got "${spec.address}")`);
  }
  const user = str("user") ?? "root";
  if (!USER_NAME.test(user)) throw new Error(`${where("user")} is not a user name (got "${user}")`);
  const port = int("port", 1, 65535) ?? 22;
  const jumpText = str("jump_host");
  const privateKeyFile = file("private_key_file");
  const agentSocket = privateKeyFile ? undefined : process.env.SSH_AUTH_SOCK;
  if (!privateKeyFile && !agentSocket) {
    throw new Error(
      `ssh host "${spec.name}": no key: set "private_key_file" or run an ssh agent (SSH_AUTH_SOCK is not set)`,
    );
  }
  return {
    hostName: spec.name,
    address: spec.address,
    port,
    user,
    privateKeyFile,
    agentSocket,
    knownHostsFile: file("known_hosts_file") ?? `${homedir()}/.ssh/known_hosts`,
    acceptNewHostKey: bool("accept_new_host_key") ?? false,
    sudo: bool("sudo") ?? user !== "root",
    jump: jumpText === undefined ? undefined : parseJump(jumpText, user, spec.name),
    connectTimeoutMs: int("connect_timeout_ms", 100, 600_000) ?? DEFAULT_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: int("command_timeout_ms", 0, 24 * 3_600_000) ?? DEFAULT_COMMAND_TIMEOUT_MS,
    maxSessions: int("max_sessions", 1, 256) ?? DEFAULT_MAX_SESSIONS,
  };
}

/** "[user@]address[:port]" of a jump host. */
function parseJump(text: string, defaultUser: string, hostName: string): SshEndpoint {
  const m = /^(?:([A-Za-z_][A-Za-z0-9_.-]*)@)?([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?$/.exec(text);
  const port = m?.[3] === undefined ? 22 : Number(m[3]);
  if (!m || port < 1 || port > 65535) {
    throw new Error(`ssh host "${hostName}": "jump_host" must look like user@address:port (got "${text}")`);
  }
  return { user: m[1] ?? defaultUser, address: m[2]!.replace(/^\[|\]$/g, ""), port };
}

/** How an endpoint is named in known_hosts: "address", or "[address]:port" off port 22. */
export function knownHostsName(endpoint: { address: string; port: number }): string {
  return endpoint.port === 22 ? endpoint.address : `[${endpoint.address}]:${endpoint.port}`;
}
