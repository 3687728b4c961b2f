// One SSH connection to one host (ssh2), made on first use and shared by every
// operation on the host: each command is a channel of its own, at most
// max_sessions at once. The host key is checked against known_hosts before
// anything is sent. A lost connection is made again with backoff; a command is
// run again after a loss only when the caller says it is safe to repeat (or it
// had not started). While no command runs the socket does not keep the process
// alive.
//
// A host that cannot be connected to (refused, no answer, no route) is
// unreachable: operations throw HostUnreachableError naming it and the cause.
// Authentication and host-key problems are not unreachability: they stay
// errors of their own. First contact, and contact with a host found
// unreachable, get connect_timeout_ms in all (not that much per attempt), so a
// plan never waits attempts × connect_timeout_ms for a dead host; once found
// unreachable, further operations fail at once for UNREACHABLE_HOLD_MS.

import * as fs from "node:fs";
import * as net from "node:net";
import type { Duplex } from "node:stream";

import type { Client, ClientChannel, ConnectConfig } from "ssh2";

import { type CommandResult, HostUnreachableError, type HostReachability } from "../../../contract/host-driver.js";
import { fingerprint, type HostKeyStore, keyType } from "./known-hosts.js";
import { SessionLimit } from "./session-limit.js";
import { knownHostsName, type SshEndpoint, type SshSettings } from "./ssh-settings.js";

/** Connection attempts per operation before it fails (the waits between them double from BACKOFF_MS). */
const ATTEMPTS = 5;
const BACKOFF_MS = 200;
/** The longest a probe waits for the host (one attempt; connect_timeout_ms when that is shorter). */
const PROBE_TIMEOUT_MS = 3_000;
/** How long operations fail at once after the host was found unreachable (then one short attempt is made again). */
const UNREACHABLE_HOLD_MS = 10_000;
/** Output kept in memory per stream; older output is dropped (the tail is kept). */
const MAX_CAPTURE = 1024 * 1024;
/** SSH2_OPEN_CONNECT_FAILED (RFC 4254 5.1): the server could not connect to what the channel names. */
const CONNECT_FAILED = 2;

export interface ExecOptions {
  /** Sent to the command's standard input (then closed). */
  stdin?: string | Buffer;
  /** Whether running it twice is harmless: only then is it repeated after the connection was lost mid-way. */
  idempotent: boolean;
  /** A local limit on top of the remote one (the caller's command line enforces the remote one). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Keep all of stdout (file contents), not only its last megabyte. */
  wholeStdout?: boolean;
  /** Sees the command's output as it comes (stdout and stderr interleaved), besides its capture. */
  onOutput?: (chunk: Buffer) => void;
}

/** A command's result with its stdout as the bytes it was. */
export type RawCommandResult = CommandResult & { stdoutBytes: Buffer };

/** An error that another attempt on a new connection may not have. */
class ConnectionLost extends Error {
  constructor(
    message: string,
    readonly started: boolean,
  ) {
    super(message);
  }
}

/** The host could not be connected to (refused, no answer, no route): no command was sent. */
class CannotConnect extends ConnectionLost {
  constructor(message: string) {
    super(message, false);
  }
}

/** An error no retry can mend: a refused host key, failed authentication, a bad key file. */
export class SshRefused extends Error {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SshConnection {
  private client: Promise<Client> | undefined;
  private socket: net.Socket | undefined;
  private jumpConnection: SshConnection | undefined;
  private readonly limit: SessionLimit;
  private active = 0;
  /** Connections made so far (1 after the first; more after losses). */
  connects = 0;
  /** Commands sent so far (each one channel, one round trip). */
  roundTrips = 0;
  /** Why the host did not answer, and since when (cleared when a connection is made). */
  private unreachable: { reason: string; at: number } | undefined;

  constructor(
    private readonly settings: SshSettings,
    private readonly knownHosts: HostKeyStore,
    private readonly endpoint: SshEndpoint = settings,
    private readonly label = `ssh host "${settings.hostName}" (${settings.user}@${knownHostsName(settings)})`,
  ) {
    this.limit = new SessionLimit(settings.maxSessions);
  }

  /** Runs a remote command line; connection losses are retried with backoff as ExecOptions says. */
  exec(commandLine: string, opts: ExecOptions): Promise<RawCommandResult> {
    return this.limit.run(async () => {
      this.hold(+1);
      try {
        const started = Date.now();
        // a host that answered before: a loss is retried ATTEMPTS times; otherwise the tries share a bounded time
        const budget = this.contactBudgetMs();
        const deadline = budget === undefined ? Number.POSITIVE_INFINITY : started + budget;
        for (let attempt = 1; ; attempt++) {
          if (opts.signal?.aborted) throw abortError(opts.signal);
          this.failIfHeldUnreachable();
          try {
            const client = await this.ready(
              Math.max(1, Math.min(this.settings.connectTimeoutMs, deadline - Date.now())),
            );
            return await this.execOn(client, commandLine, opts);
          } catch (e) {
            if (!(e instanceof ConnectionLost)) throw e;
            this.drop();
            if (e.started && !opts.idempotent) {
              throw new Error(`${this.label}: ${e.message} while a command ran; it may or may not have completed`);
            }
            const wait = BACKOFF_MS * 2 ** (attempt - 1);
            if (attempt >= ATTEMPTS || Date.now() + wait >= deadline) {
              const tries = `${attempt} attempt${attempt === 1 ? "" : "s"} in ${seconds(Date.now() - started)}`;
              if (e instanceof CannotConnect) throw this.markUnreachable(`${e.message} (${tries})`);
              throw new Error(`${this.label}: ${e.message} (after ${tries})`);
            }
            await sleep(wait);
          }
        }
      } finally {
        this.hold(-1);
      }
    });
  }

  /**
   * Whether the host answers now: one attempt of at most PROBE_TIMEOUT_MS (a connection made earlier is checked with
   * one round trip, behind the commands already running). Authentication and host-key problems are thrown.
   */
  async probe(): Promise<HostReachability> {
    const timeoutMs = Math.min(this.settings.connectTimeoutMs, PROBE_TIMEOUT_MS);
    const started = Date.now();
    const earlier = this.client;
    this.hold(+1);
    try {
      const client = await this.ready(timeoutMs);
      if (earlier !== undefined && earlier === this.client) {
        await this.limit.run(() => this.execOn(client, "true", { idempotent: true, timeoutMs }));
      }
      return { reachable: true };
    } catch (e) {
      if (e instanceof SshRefused) throw e;
      this.drop();
      const why = e instanceof CannotConnect ? e.message : `${connectTarget(this.endpoint)}: ${(e as Error).message}`;
      const tries = `(1 attempt in ${seconds(Date.now() - started)})`;
      return { reachable: false, reason: this.markUnreachable(`${why} ${tries}`).reason };
    } finally {
      this.hold(-1);
    }
  }

  /** Closes the connection; a later command connects again. */
  close(): void {
    this.drop();
    this.jumpConnection?.close();
  }

  /** A channel to `address:port` through this connection (for a host behind this one as a jump host). */
  async forward(address: string, port: number, timeoutMs: number): Promise<Duplex> {
    this.hold(+1);
    try {
      const client = await this.ready(timeoutMs);
      return await new Promise<Duplex>((resolve, reject) =>
        client.forwardOut("127.0.0.1", 0, address, port, (err, stream) =>
          err
            ? reject(new CannotConnect(`jump host cannot reach ${address}:${port}: ${err.message}`))
            : resolve(stream),
        ),
      );
    } catch (e) {
      if (e instanceof CannotConnect) throw new CannotConnect(`jump host: ${e.message}`);
      throw e;
    } finally {
      this.hold(-1);
    }
  }

  /**
   * A channel to the Unix socket at `socketPath` on the host (OpenSSH's direct-streamlocal), opened as the login user;
   * "nothing-listens" when sshd could not connect to the path (no socket there, nobody listening on it yet or any
   * more, or no access to it: OpenSSH says "open failed" for all of them), "refused" when it will not open such a
   * channel at all (stream forwarding off).
   */
  async streamLocal(socketPath: string, timeoutMs: number): Promise<Duplex | "nothing-listens" | "refused"> {
    this.hold(+1);
    try {
      const client = await this.ready(timeoutMs);
      this.roundTrips++;
      return await new Promise<Duplex | "nothing-listens" | "refused">((resolve) =>
        client.openssh_forwardOutStreamLocal(socketPath, (err, stream) => {
          if (!err) return resolve(stream);
          // sshd could not connect to the path (no socket, or no one listening): SSH2_OPEN_CONNECT_FAILED
          resolve((err as Error & { reason?: number }).reason === CONNECT_FAILED ? "nothing-listens" : "refused");
        }),
      );
    } finally {
      this.hold(-1);
    }
  }

  /** Counts running operations: the socket keeps the process alive only while one runs. */
  private hold(delta: number): void {
    this.active += delta;
    // the jump host's connection carries this one: it must keep the process alive as long
    this.jumpConnection?.hold(delta);
    if (this.active > 0) this.socket?.ref();
    else this.socket?.unref();
  }

  /**
   * How long the attempts of an operation may take in all: connect_timeout_ms on first contact and after the host
   * was found unreachable (PROBE_TIMEOUT_MS then); undefined for a host that answered (ATTEMPTS with backoff).
   */
  private contactBudgetMs(): number | undefined {
    if (this.unreachable) return Math.min(this.settings.connectTimeoutMs, PROBE_TIMEOUT_MS);
    return this.connects === 0 ? this.settings.connectTimeoutMs : undefined;
  }

  /** Throws at once while the host was found unreachable less than UNREACHABLE_HOLD_MS ago. */
  private failIfHeldUnreachable(): void {
    const u = this.unreachable;
    if (u && Date.now() - u.at < UNREACHABLE_HOLD_MS) throw new HostUnreachableError(this.settings.hostName, u.reason);
  }

  private markUnreachable(reason: string): HostUnreachableError {
    this.unreachable = { reason, at: Date.now() };
    return new HostUnreachableError(this.settings.hostName, reason);
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    this.socket = undefined;
    client?.then(
      (c) => c.end(),
      () => undefined,
    );
  }

  /** The connection, made now (within timeoutMs) unless it is made or being made already. */
  private ready(timeoutMs: number): Promise<Client> {
    this.client ??= this.connect(timeoutMs);
    const current = this.client;
    current.catch(() => {
      if (this.client === current) this.client = undefined;
    });
    return current;
  }

  private async connect(timeoutMs: number): Promise<Client> {
    // ssh2 is loaded on the first connection, not at start: most runs never open one
    const { Client: SshClient } = await import("ssh2");
    const s = this.settings;
    const name = knownHostsName(this.endpoint);
    const started = Date.now();
    const sock = await this.openSocket(timeoutMs);
    let refusal: SshRefused | undefined;
    const config: ConnectConfig = {
      sock: sock as ConnectConfig["sock"],
      username: this.endpoint.user,
      readyTimeout: Math.max(1, timeoutMs - (Date.now() - started)),
      hostVerifier: (key: Buffer) => {
        const verdict = this.knownHosts.verify(name, key);
        const fp = `${keyType(key)} ${fingerprint(key)}`;
        if (verdict.status === "known") return true;
        if (verdict.status === "unknown" && s.acceptNewHostKey) {
          this.knownHosts.add(name, key);
          return true;
        }
        refusal = new SshRefused(
          verdict.status === "changed"
            ? `${this.label}: host key CHANGED: ${name} now presents ${fp}, but ${this.knownHosts.file} pins ` +
                `${verdict.expected.join(", ")}; refusing to connect (if the host was really reinstalled, ` +
                `${this.knownHosts.changedAdvice ?? `remove its line from ${this.knownHosts.file}`})`
            : verdict.status === "revoked"
              ? `${this.label}: host key ${fp} of ${name} is marked @revoked in ${this.knownHosts.file}`
              : `${this.label}: unknown host key: ${name} presents ${fp}, which is not in ${this.knownHosts.file}; ` +
                (this.knownHosts.unknownAdvice ??
                  "add it there (ssh-keyscan, after checking the fingerprint) or allow first contact with " +
                    "accept_new_host_key"),
        );
        return false;
      },
    };
    if (s.password !== undefined) config.password = s.password;
    if (s.privateKey !== undefined) config.privateKey = s.privateKey;
    else if (s.privateKeyFile) {
      try {
        config.privateKey = fs.readFileSync(s.privateKeyFile);
      } catch (e) {
        throw new SshRefused(
          `${this.label}: cannot read private_key_file ${s.privateKeyFile}: ${(e as Error).message}`,
        );
      }
    } else if (s.agentSocket) {
      config.agent = s.agentSocket;
    }
    const client = new SshClient();
    return await new Promise<Client>((resolve, reject) => {
      let isReady = false;
      client.once("ready", () => {
        isReady = true;
        this.connects++;
        this.unreachable = undefined;
        resolve(client);
      });
      client.on("error", (e: Error & { level?: string }) => {
        if (isReady) return; // the channels see the loss themselves (close without an exit status)
        client.end();
        if (refusal) return reject(refusal);
        if (e.level === "client-authentication") {
          return reject(
            new SshRefused(`${this.label}: authentication failed for user "${this.endpoint.user}": ${e.message}`),
          );
        }
        // no answer to the handshake, or the socket failed: nothing usable answers there
        if (e.level === "client-timeout" || e.level === "client-socket") {
          return reject(new CannotConnect(`${connectTarget(this.endpoint)}: ssh handshake failed: ${e.message}`));
        }
        reject(new ConnectionLost(`cannot connect: ${e.message}`, false));
      });
      client.once("close", () => {
        if (!isReady)
          reject(
            refusal ?? new CannotConnect(`${connectTarget(this.endpoint)}: connection closed during the handshake`),
          );
        else if (this.client && this.socket === sock) {
          // lost while idle: the next command connects again
          this.client = undefined;
          this.socket = undefined;
        }
      });
      try {
        client.connect(config);
      } catch (e) {
        reject(new SshRefused(`${this.label}: ${(e as Error).message}`));
      }
    });
  }

  /** A TCP connection to the host, or a channel through the jump host. */
  private async openSocket(timeoutMs: number): Promise<Duplex> {
    const s = this.settings;
    if (s.jump && this.endpoint === s) {
      this.jumpConnection ??= new SshConnection(
        s,
        this.knownHosts,
        s.jump,
        `jump host ${s.jump.user}@${knownHostsName(s.jump)} of ssh host "${s.hostName}"`,
      );
      this.jumpConnection.hold(this.active);
      try {
        return await this.jumpConnection.forward(s.address, s.port, timeoutMs);
      } catch (e) {
        if (e instanceof CannotConnect) throw new CannotConnect(`${connectTarget(s)} through ${e.message}`);
        throw e;
      }
    }
    const sock = net.connect({ host: this.endpoint.address, port: this.endpoint.port });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new CannotConnect(`${connectTarget(this.endpoint)}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      sock.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
      sock.once("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new CannotConnect(`${connectTarget(this.endpoint)}: ${SOCKET_ERRORS[e.code ?? ""] ?? e.message}`));
      });
    });
    this.socket = sock;
    if (this.active === 0) sock.unref();
    return sock;
  }

  private execOn(client: Client, commandLine: string, opts: ExecOptions): Promise<RawCommandResult> {
    this.roundTrips++;
    const started = Date.now();
    const limited = opts.timeoutMs !== undefined && opts.timeoutMs > 0;
    const noAnswer = () => new Error(`${this.label}: no answer from a command within ${opts.timeoutMs} ms`);
    return new Promise<RawCommandResult>((resolve, reject) => {
      // the time limit covers opening the channel too: on a link gone silent the server never answers that
      let unopened = false;
      const openTimer = limited
        ? setTimeout(() => {
            unopened = true;
            reject(noAnswer());
          }, opts.timeoutMs)
        : undefined;
      client.exec(commandLine, (err, channel: ClientChannel) => {
        if (openTimer) clearTimeout(openTimer);
        if (unopened) {
          if (!err) channel.close();
          return;
        }
        if (err) return reject(new ConnectionLost(`cannot open a session: ${err.message}`, false));
        const out = new OutputTail(opts.wholeStdout ? Number.POSITIVE_INFINITY : MAX_CAPTURE);
        const errOut = new OutputTail(MAX_CAPTURE);
        let exitCode: number | undefined;
        let exitSignal: string | undefined;
        let failure: Error | undefined;
        channel.on("data", (c: Buffer) => {
          out.add(c);
          opts.onOutput?.(c);
        });
        channel.stderr.on("data", (c: Buffer) => {
          errOut.add(c);
          opts.onOutput?.(c);
        });
        channel.on("exit", (code: number | null, signal?: string) => {
          if (typeof code === "number") exitCode = code;
          else exitSignal = signal ?? "unknown";
        });
        const stop = (why: Error) => {
          failure ??= why;
          try {
            channel.signal("KILL");
          } catch {
            /* the channel is gone already */
          }
          channel.close();
        };
        const timer = limited
          ? setTimeout(() => stop(noAnswer()), Math.max(1, opts.timeoutMs! - (Date.now() - started)))
          : undefined;
        const onAbort = () => stop(abortError(opts.signal!));
        opts.signal?.addEventListener("abort", onAbort, { once: true });
        channel.once("close", () => {
          if (timer) clearTimeout(timer);
          opts.signal?.removeEventListener("abort", onAbort);
          if (failure) return reject(failure);
          if (exitCode === undefined && exitSignal === undefined) {
            return reject(new ConnectionLost("connection lost", true));
          }
          const stdoutBytes = out.bytes();
          resolve({
            exitCode: exitCode ?? 128 + (SIGNAL_NUMBERS[exitSignal!.replace(/^SIG/, "")] ?? 0),
            stdout: stdoutBytes.toString("utf8"),
            stderr: errOut.text(),
            stdoutBytes,
          });
        });
        if (opts.stdin !== undefined) channel.end(opts.stdin);
        else channel.end();
      });
    });
  }
}

/** How the socket errors that mean "nothing answers there" read. */
const SOCKET_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "no route to host",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  ENOTFOUND: "no such host name",
  EAI_AGAIN: "host name look-up failed",
};

/** "cannot connect to user@address:port", the start of a reason the host is unreachable. */
function connectTarget(endpoint: SshEndpoint): string {
  return `cannot connect to ${endpoint.user}@${endpoint.address}:${endpoint.port}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { HUP: 1, INT: 2, KILL: 9, TERM: 15, PIPE: 13, ABRT: 6 };

/** The last `max` bytes (in whole chunks) of a stream. */
class OutputTail {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly max: number) {}

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.max && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    return this.bytes().toString("utf8");
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const err = new Error("operation aborted");
  err.name = "AbortError";
  return err;
}
