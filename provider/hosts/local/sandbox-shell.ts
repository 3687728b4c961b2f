// Shell command lines on a local host: /bin/sh -c in the host root with the
// host environment, in a process group of their own so a timeout or an abort
// kills the whole tree; the tail of the output is kept.

import { spawn } from "node:child_process";
import * as fsp from "node:fs/promises";

import type { CommandResult, HostSpec } from "../../../contract/host-driver.js";
import { hostEnvironment } from "./host-environment.js";

/** Output kept in memory per stream; older output is dropped (the tail is kept). */
const MAX_CAPTURE = 1024 * 1024;
/** Signal numbers for the exit code of a command killed by a signal (128 + n, as a shell reports it). */
const SIGNAL_NUMBERS: Readonly<Record<string, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGTERM: 15,
  SIGPIPE: 13,
  SIGABRT: 6,
};

export interface ShellOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class SandboxShell {
  /** `describe` names the host in errors. */
  constructor(
    private readonly spec: HostSpec,
    private readonly describe: string,
  ) {}

  async run(command: string, opts: ShellOptions = {}): Promise<CommandResult> {
    const { signal, timeoutMs } = opts;
    if (signal?.aborted) throw abortError(signal);
    await fsp.mkdir(this.spec.root, { recursive: true });
    return await new Promise<CommandResult>((resolve, reject) => {
      const child = spawn("/bin/sh", ["-c", command], {
        cwd: this.spec.root,
        env: hostEnvironment(this.spec, opts.env),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true, // own process group, so a timeout/abort kills the whole tree
      });
      const out = new OutputTail();
      const err = new OutputTail();
      child.stdout!.on("data", (c: Buffer) => out.add(c));
      child.stderr!.on("data", (c: Buffer) => err.add(c));
      let failure: Error | undefined;
      const killGroup = () => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      };
      const timer =
        timeoutMs !== undefined && timeoutMs > 0
          ? setTimeout(() => {
              failure = new Error(`command timed out after ${timeoutMs} ms on ${this.describe}: ${command}`);
              killGroup();
            }, timeoutMs)
          : undefined;
      const onAbort = () => {
        failure = abortError(signal!);
        killGroup();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const finish = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      child.on("error", (e) => {
        finish();
        reject(e);
      });
      child.on("close", (code, sig) => {
        finish();
        if (failure) return reject(failure);
        resolve({
          exitCode: code ?? (sig ? 128 + (SIGNAL_NUMBERS[sig] ?? 0) : 1),
          stdout: out.text(),
          stderr: err.text(),
        });
      });
    });
  }
}

/** The last MAX_CAPTURE bytes (in whole chunks) of a stream. */
class OutputTail {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > MAX_CAPTURE && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  const err = new Error("operation aborted");
  err.name = "AbortError";
  return err;
}
