// One SSH connection to one host (ssh2), made on first use and shared by every
// operation on the host: each command is a channel of its own, at most
// max_sessions at once. The host key is checked against known_hosts before
// anything is sent. A lost connection is made again with backoff; a command is
// run again after a loss only when the caller says it is safe to repeat (or it
// had not started). While no command runs the socket does not keep the process
// alive.

import * as fs from "node:fs";
import * as net from "node:net";
import type { Duplex } from "node:stream";

import { Client, type ClientChannel, type ConnectConfig } from "ssh2";

import type { CommandResult } from "../../../contract/host-driver.js";
import { fingerprint, keyType, type KnownHosts } from "./known-hosts.js";
import { SessionLimit } from "./session-limit.js";
import { knownHostsName, type SshEndpoint, type SshSettings } from "./ssh-settings.js";

/** Connection attempts per operation before it fails (the waits between them double from BACKOFF_MS). */
const ATTEMPTS = 5;
const BACKOFF_MS = 200;
/** Output kept in memory per stream; older output is dropped (the tail is kept). */
const MAX_CAPTURE = 1024 * 1024;

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

  constructor(
    private readonly settings: SshSettings,
    private readonly knownHosts: KnownHosts,
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
        for (let attempt = 1; ; attempt++) {
          if (opts.signal?.aborted) throw abortError(opts.signal);
          try {
            const client = await this.ready();
            return await this.execOn(client, commandLine, opts);
          } catch (e) {
            if (!(e instanceof ConnectionLost)) throw e;
            this.drop();
            if (e.started && !opts.idempotent) {
              throw new Error(`${this.label}: ${e.message} while a command ran; it may or may not have completed`);
            }
            if (attempt >= ATTEMPTS) throw new Error(`${this.label}: ${e.message} (after ${attempt} attempts)`);
            await sleep(BACKOFF_MS * 2 ** (attempt - 1));
          }
        }
      } finally {
        this.hold(-1);
      }
    });
  }

  /** Closes the connection; a later command connects again. */
  close(): void {
    this.drop();
    this.jumpConnection?.close();
  }

  /** A channel to `address:port` through this connection (for a host behind this one as a jump host). */
  async forward(address: string, port: number): Promise<Duplex> {
    this.hold(+1);
    try {
      const client = await this.ready();
      return await new Promise<Duplex>((resolve, reject) =>
        client.forwardOut("127.0.0.1", 0, address, port, (err, stream) =>
          err
            ? reject(new ConnectionLost(`jump host cannot reach ${address}:${port}: ${err.message}`, false))
            : resolve(stream),
        ),
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

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    this.socket = undefined;
    client?.then(
      (c) => c.end(),
      () => undefined,
    );
  }

  private ready(): Promise<Client> {
    this.client ??= this.connect();
    const current = this.client;
    current.catch(() => {
      if (this.client === current) this.client = undefined;
    });
    return current;
  }

  private async connect(): Promise<Client> {
    const s = this.settings;
    const name = knownHostsName(this.endpoint);
    const sock = await this.openSocket();
    let refusal: SshRefused | undefined;
    const config: ConnectConfig = {
      sock: sock as ConnectConfig["sock"],
      username: this.endpoint.user,
      readyTimeout: s.connectTimeoutMs,
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
                `${verdict.expected.join(", ")}; refusing to connect (if the host was really reinstalled, remove ` +
                `its line from ${this.knownHosts.file})`
            : verdict.status === "revoked"
              ? `${this.label}: host key ${fp} of ${name} is marked @revoked in ${this.knownHosts.file}`
              : `${this.label}: unknown host key: ${name} presents ${fp}, which is not in ${this.knownHosts.file}; ` +
                `add it there (ssh-keyscan, after checking the fingerprint) or allow first contact with ` +
                `accept_new_host_key`,
        );
        return false;
      },
    };
    if (s.privateKeyFile) {
      try {
        config.privateKey = fs.readFileSync(s.privateKeyFile);
      } catch (e) {
        throw new SshRefused(
          `${this.label}: cannot read private_key_file ${s.privateKeyFile}: ${(e as Error).message}`,
        );
      }
    } else {
      config.agent = s.agentSocket;
    }
    const client = new Client();
    return await new Promise<Client>((resolve, reject) => {
      let isReady = false;
      client.once("ready", () => {
        isReady = true;
        this.connects++;
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
        reject(new ConnectionLost(`cannot connect: ${e.message}`, false));
      });
      client.once("close", () => {
        if (!isReady) reject(refusal ?? new ConnectionLost("connection closed during the handshake", false));
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
  private async openSocket(): Promise<Duplex> {
    const s = this.settings;
    if (s.jump && this.endpoint === s) {
      this.jumpConnection ??= new SshConnection(
        s,
        this.knownHosts,
        s.jump,
        `jump host ${s.jump.user}@${knownHostsName(s.jump)} of ssh host "${s.hostName}"`,
      );
      this.jumpConnection.hold(this.active);
      return await this.jumpConnection.forward(s.address, s.port);
    }
    const sock = net.connect({ host: this.endpoint.address, port: this.endpoint.port });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new ConnectionLost(`cannot connect: no answer within ${s.connectTimeoutMs} ms`, false));
      }, s.connectTimeoutMs);
      sock.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
      sock.once("error", (e) => {
        clearTimeout(timer);
        reject(new ConnectionLost(`cannot connect: ${e.message}`, false));
      });
    });
    this.socket = sock;
    if (this.active === 0) sock.unref();
    return sock;
  }

  private execOn(client: Client, commandLine: string, opts: ExecOptions): Promise<RawCommandResult> {
    this.roundTrips++;
    return new Promise<RawCommandResult>((resolve, reject) => {
      client.exec(commandLine, (err, channel: ClientChannel) => {
        if (err) return reject(new ConnectionLost(`cannot open a session: ${err.message}`, false));
        const out = new OutputTail(opts.wholeStdout ? Number.POSITIVE_INFINITY : MAX_CAPTURE);
        const errOut = new OutputTail(MAX_CAPTURE);
        let exitCode: number | undefined;
        let exitSignal: string | undefined;
        let failure: Error | undefined;
        channel.on("data", (c: Buffer) => out.add(c));
        channel.stderr.on("data", (c: Buffer) => errOut.add(c));
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
        const timer =
          opts.timeoutMs !== undefined && opts.timeoutMs > 0
            ? setTimeout(
                () => stop(new Error(`${this.label}: no answer from a command within ${opts.timeoutMs} ms`)),
                opts.timeoutMs,
              )
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
