// The connection remote-exec and file run over: Terraform's `connection`
// block (type "ssh") turned into the ssh driver's own connection
// (provider/hosts/ssh/ssh-connection.ts: host key check, retries, timeouts,
// jump host), opened for one provisioner run and closed after it.
//
// As Terraform's: host (required), port 22, user "root", password,
// private_key (the key's text), agent (SSH_AUTH_SOCK, default true),
// host_key, timeout ("5m"), script_path ("/tmp/terraform_%RAND%.sh"),
// target_platform "unix", and a bastion (bastion_host, bastion_port,
// bastion_user, bastion_host_key) reached with the same credentials.
// Unlike Terraform, a host key is always checked: against host_key when it is
// given, otherwise against ~/.ssh/known_hosts; an unknown key is refused.
// Commands run as the connection's user (no sudo), as Terraform runs them.

import { homedir } from "node:os";

import type { AttributeSchema } from "../../contract/resource-type.js";
import type { Attrs } from "../../contract/values.js";
import { KnownHosts } from "../hosts/ssh/known-hosts.js";
import { PinnedHostKeys } from "../hosts/ssh/pinned-host-keys.js";
import { SshConnection } from "../hosts/ssh/ssh-connection.js";
import { knownHostsName, type SshSettings } from "../hosts/ssh/ssh-settings.js";
import { optBool, optNumber, optString } from "../types/attrs.js";

export const CONNECTION_SCHEMA: Record<string, AttributeSchema> = {
  type: { kind: "string", description: 'The connection type: "ssh".' },
  host: { kind: "string", description: "The address of the machine.", required: true },
  port: { kind: "number", description: "The ssh port (default 22)." },
  user: { kind: "string", description: 'The user to log in as (default "root").' },
  password: { kind: "string", description: "A password to log in with." },
  private_key: { kind: "string", description: "The text of a private key to log in with." },
  agent: { kind: "bool", description: "Whether to ask the ssh agent at SSH_AUTH_SOCK (default true)." },
  host_key: { kind: "string", description: "The machine's public key (default: ~/.ssh/known_hosts is checked)." },
  timeout: { kind: "string", description: 'How long to try to connect (default "5m").' },
  script_path: { kind: "string", description: "Where remote-exec puts its scripts on the machine." },
  target_platform: { kind: "string", description: 'The machine\'s platform: "unix".' },
  bastion_host: { kind: "string", description: "A host to connect through." },
  bastion_port: { kind: "number", description: "The bastion's ssh port (default: port)." },
  bastion_user: { kind: "string", description: "The user on the bastion (default: user)." },
  bastion_host_key: { kind: "string", description: "The bastion's public key." },
};

const DEFAULT_TIMEOUT = "5m";
const DEFAULT_SCRIPT_PATH = "/tmp/terraform_%RAND%.sh";

export interface ProvisionerConnection {
  readonly connection: SshConnection;
  /** script_path with %RAND% replaced by a fresh number. */
  scriptPath(): string;
  close(): void;
}

/**
 * A connection for `provisioner` from its evaluated connection block; says what it connects to (Terraform's
 * "Connecting to remote host via SSH..." lines) and connects ("Connected!"). Throws the provisioner's error when the
 * block is missing or wrong, or the machine cannot be reached.
 */
export async function openProvisionerConnection(
  provisioner: string,
  attrs: Attrs | undefined,
  output: (text: string) => void,
  signal: AbortSignal,
): Promise<ProvisionerConnection> {
  const fail = (why: string) => new Error(`${provisioner} provisioner error: ${why}`);
  if (!attrs) throw fail("Missing connection configuration for provisioner.");
  const type = optString(attrs, "type") ?? "ssh";
  if (type !== "ssh") throw fail(`connection type "${type}" is not supported: gantry connects over ssh only`);
  const platform = optString(attrs, "target_platform") ?? "unix";
  if (platform !== "unix") throw fail(`target_platform "${platform}" is not supported: gantry runs on unix only`);
  const host = optString(attrs, "host");
  if (!host) throw fail('The connection\'s "host" is empty.');
  const user = optString(attrs, "user") || "root";
  const port = whole(optNumber(attrs, "port") ?? 22, "port", fail);
  const password = optString(attrs, "password");
  const privateKey = optString(attrs, "private_key");
  const agentSocket = optBool(attrs, "agent") === false ? undefined : process.env.SSH_AUTH_SOCK;
  if (!password && !privateKey && !agentSocket)
    throw fail("no credentials: the connection needs a private_key or a password, or an ssh agent (SSH_AUTH_SOCK)");
  const timeoutText = optString(attrs, "timeout") ?? DEFAULT_TIMEOUT;
  const timeoutMs = goDurationMs(timeoutText);
  if (timeoutMs === undefined || timeoutMs <= 0)
    throw fail(`the connection's timeout must be a duration such as "5m" or "30s" (got "${timeoutText}")`);
  const bastionHost = optString(attrs, "bastion_host");
  const jump = bastionHost
    ? {
        address: bastionHost,
        port: whole(optNumber(attrs, "bastion_port") ?? port, "bastion_port", fail),
        user: optString(attrs, "bastion_user") || user,
      }
    : undefined;

  const keys = new PinnedHostKeys(new KnownHosts(`${homedir()}/.ssh/known_hosts`));
  const hostKey = optString(attrs, "host_key");
  const bastionHostKey = optString(attrs, "bastion_host_key");
  try {
    if (hostKey) keys.pin(knownHostsName({ address: host, port }), hostKey, "the connection's host_key");
    if (jump && bastionHostKey) keys.pin(knownHostsName(jump), bastionHostKey, "the connection's bastion_host_key");
  } catch (e) {
    throw fail((e as Error).message);
  }

  const settings: SshSettings = {
    hostName: host,
    address: host,
    port,
    user,
    agentSocket,
    ...(privateKey ? { privateKey } : {}),
    ...(password ? { password } : {}),
    knownHostsFile: keys.file,
    acceptNewHostKey: false,
    sudo: false,
    jump,
    connectTimeoutMs: timeoutMs,
    commandTimeoutMs: 0,
    maxSessions: 4,
  };
  if (jump) {
    output("Using configured bastion host...");
    output(`  Host: ${jump.address}:${jump.port}`);
    output(`  User: ${jump.user}`);
  }
  output("Connecting to remote host via SSH...");
  output(`  Host: ${host}:${port}`);
  output(`  User: ${user}`);
  output(`  Password: ${!!password}`);
  output(`  Private key: ${!!privateKey}`);
  output("  Certificate: false");
  output(`  SSH Agent: ${!!agentSocket}`);
  output(`  Checking Host Key: ${hostKey ? "true (host_key)" : "true (known_hosts)"}`);
  output(`  Target Platform: ${platform}`);

  const connection = new SshConnection(settings, keys, settings, `connection ${user}@${knownHostsName(settings)}`);
  try {
    await connection.exec("true", { idempotent: true, signal });
  } catch (e) {
    connection.close();
    throw fail((e as Error).message);
  }
  output("Connected!");
  const scriptPath = optString(attrs, "script_path") || DEFAULT_SCRIPT_PATH;
  return {
    connection,
    scriptPath: () => scriptPath.replace(/%RAND%/g, String(Math.floor(Math.random() * 2 ** 31))),
    close: () => connection.close(),
  };
}

function whole(n: number, field: string, fail: (why: string) => Error): number {
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw fail(`the connection's ${field} must be a port number from 1 to 65535 (got ${n})`);
  return n;
}

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 };

/** A Go duration ("5m", "1m30s", "250ms") in milliseconds; undefined when it is not one. */
export function goDurationMs(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(t)) return t === "0" ? 0 : undefined;
  let ms = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ms;
}
