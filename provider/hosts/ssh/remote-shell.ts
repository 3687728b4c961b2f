// Command lines on an ssh host: a shell script run by /bin/sh in a directory,
// with extra environment, under a remote time limit (coreutils `timeout`, which
// kills the script's whole process group), as root through `sudo -n` when the
// host says so.

import type { CommandResult } from "../../../contract/host-driver.js";
import { OperationBatch } from "./operation-batch.js";
import { shellQuote } from "./shell-quote.js";
import type { ExecOptions, RawCommandResult, SshConnection } from "./ssh-connection.js";
import type { SshSettings } from "./ssh-settings.js";

/** Extra time the local guard gives a remote time limit before it gives up on the channel. */
const LOCAL_GRACE_MS = 10_000;
/** The local guard of the driver's own short commands (file operations, pid files, probes). */
export const OPERATION_TIMEOUT_MS = 120_000;

export interface ScriptOptions {
  stdin?: string | Buffer;
  /** Safe to run again after a lost connection (file reads, atomic writes, status look-ups). */
  idempotent: boolean;
  env?: Readonly<Record<string, string>>;
  /** Working directory on the host machine (default "/"). */
  cwd?: string;
  /** Remote time limit; the script's process group is killed when it is over. */
  timeoutMs?: number;
  signal?: AbortSignal;
  wholeStdout?: boolean;
}

export class RemoteShell {
  private readonly batch: OperationBatch;

  constructor(
    private readonly connection: SshConnection,
    private readonly settings: SshSettings,
  ) {
    const short = { idempotent: true, timeoutMs: OPERATION_TIMEOUT_MS, wholeStdout: true };
    this.batch = new OperationBatch(
      (script) => this.run(script, short),
      (script) => this.run(script, short),
    );
  }

  /** The command line that runs `script` as ScriptOptions say. */
  commandLine(script: string, opts: Omit<ScriptOptions, "idempotent" | "stdin"> = {}): string {
    const env = Object.entries(opts.env ?? {}).map(([k, v]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
        throw new Error(`ssh host "${this.settings.hostName}": invalid environment variable name ${JSON.stringify(k)}`);
      }
      return shellQuote(`${k}=${v}`);
    });
    const limit =
      opts.timeoutMs !== undefined && opts.timeoutMs > 0
        ? `timeout -s KILL ${(opts.timeoutMs / 1000).toFixed(3)} `
        : "";
    const inner =
      `cd ${shellQuote(opts.cwd ?? "/")} && exec ${env.length > 0 ? `env ${env.join(" ")} ` : ""}` +
      `${limit}/bin/sh -c ${shellQuote(script)}`;
    return this.settings.sudo ? `sudo -n -- /bin/sh -c ${shellQuote(inner)}` : inner;
  }

  /** Runs `script`; throws when its time limit is over (the exit code is the script's otherwise). */
  async run(script: string, opts: ScriptOptions): Promise<RawCommandResult> {
    const started = Date.now();
    const exec: ExecOptions = {
      stdin: opts.stdin,
      idempotent: opts.idempotent,
      signal: opts.signal,
      wholeStdout: opts.wholeStdout,
      timeoutMs: opts.timeoutMs !== undefined && opts.timeoutMs > 0 ? opts.timeoutMs + LOCAL_GRACE_MS : undefined,
    };
    const r = await this.connection.exec(this.commandLine(script, opts), exec);
    if (opts.timeoutMs !== undefined && opts.timeoutMs > 0 && r.exitCode === 137) {
      if (Date.now() - started >= opts.timeoutMs) {
        throw new Error(`command timed out after ${opts.timeoutMs} ms on ssh host "${this.settings.hostName}"`);
      }
    }
    if (this.settings.sudo && r.exitCode === 1 && /^sudo: /m.test(r.stderr)) {
      throw new Error(
        `ssh host "${this.settings.hostName}": sudo refused user "${this.settings.user}": ${r.stderr.trim()} ` +
          `(the user needs passwordless sudo, or set sudo: false)`,
      );
    }
    return r;
  }

  /**
   * Runs one of the driver's own short scripts (idempotent unless said otherwise). Plain look-ups asked for in one
   * moment (no input, safe to repeat) share one round trip.
   */
  operation(script: string, opts: Partial<ScriptOptions> = {}): Promise<CommandResult> {
    const plain = Object.entries(opts).every(([k, v]) => v === undefined || (k === "wholeStdout" && v === true));
    if (plain) return this.batch.run(script);
    return this.run(script, { idempotent: true, timeoutMs: OPERATION_TIMEOUT_MS, ...opts });
  }
}
