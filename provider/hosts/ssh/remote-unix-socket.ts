// A request to a Unix socket on an ssh host (HAProxy's admin socket): sent
// through the host's one SSH connection, answered until the peer closes.
// Without sudo, a stream-local channel (OpenSSH's direct-streamlocal, as
// `ssh -L local:/remote.sock`) reaches the socket as the login user: nothing
// has to be installed on the host (sshd failing to connect to the path means
// nothing listens there). With sudo, or when the server refuses such channels,
// `socat` on the host does it as the user the driver's commands run
// as (root with sudo), if the host has it; otherwise the error says so.

import type { Duplex } from "node:stream";

import type { RemoteShell } from "./remote-shell.js";
import { shellQuote } from "./shell-quote.js";
import type { SshConnection } from "./ssh-connection.js";

/** Answers kept at most (a `show stat` of a few hundred servers). */
const MAX_ANSWER = 4 * 1024 * 1024;
const NO_SOCKET = 10;
const NO_SOCAT = 11;

export class RemoteUnixSocket {
  constructor(
    private readonly connection: SshConnection,
    private readonly shell: RemoteShell,
    private readonly sudo: boolean,
    private readonly describe: string,
  ) {}

  /** What the peer at `machinePath` answered to `send`, or null when nothing listens there. */
  async exchange(machinePath: string, send: string, timeoutMs: number): Promise<string | null> {
    if (!this.sudo) {
      const channel = await this.connection.streamLocal(machinePath, timeoutMs);
      if (channel === "nothing-listens") return null;
      if (channel !== "refused") return exchangeOn(channel, send, timeoutMs);
    }
    const p = shellQuote(machinePath);
    const r = await this.shell.run(
      `[ -S ${p} ] || exit ${NO_SOCKET}; command -v socat >/dev/null 2>&1 || exit ${NO_SOCAT}; ` +
        `exec socat -t ${(timeoutMs / 1000).toFixed(3)} - UNIX-CONNECT:${p}`,
      { stdin: send, idempotent: false, timeoutMs: timeoutMs + 5_000, wholeStdout: true },
    );
    if (r.exitCode === NO_SOCKET) return null;
    if (r.exitCode === NO_SOCAT)
      throw new Error(
        `${this.describe}: cannot reach the Unix socket ${machinePath}: ` +
          (this.sudo
            ? "with sudo it is reached through socat on the host, and socat is not installed there"
            : "the ssh server refused a stream-local channel to it, and socat is not installed on the host"),
      );
    // socat could not connect: nothing listens (a socket file left behind by a process that is gone)
    if (r.exitCode !== 0 && r.stdout === "") return null;
    return r.stdout;
  }
}

function exchangeOn(channel: Duplex, send: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      channel.destroy();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const timer = setTimeout(done, timeoutMs);
    channel.on("data", (c: Buffer) => {
      if (size < MAX_ANSWER) chunks.push(c);
      size += c.length;
    });
    channel.once("end", done);
    channel.once("close", done);
    channel.once("error", done);
    channel.write(send);
  });
}
