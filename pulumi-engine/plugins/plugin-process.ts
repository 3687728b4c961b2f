// A Pulumi plugin as a child process, launched the way Pulumi's engine launches one
// (sdk/go/common/resource/plugin/plugin.go): its arguments end with the engine's address, it runs in the program's
// directory, it writes the port of its gRPC server as the first line of stdout, and everything it prints after that
// is passed on as log lines. Stopping it interrupts its process group and waits, then kills it after a grace period,
// as Pulumi does. gantry adds one thing: the child exits when its stdin closes, so a plugin never outlives a gantry
// process that died without stopping it.

import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface PluginProcessOptions {
  /** The program to run (absolute; for a Node plugin script: process.execPath, the script first in args). */
  command: string;
  args: readonly string[];
  /** The program's directory (Pulumi runs plugins in the project's directory). */
  cwd: string;
  /** The whole environment of the child. */
  env: NodeJS.ProcessEnv;
  /** Named in errors ("could not read plugin [label]"). */
  label: string;
  /** Each line the plugin prints after its port, as it comes. */
  onOutput?: (stream: "stdout" | "stderr", line: string) => void;
  /** How long to wait for the port line before giving up; default 120 s (a loaded machine starts Node slowly). */
  startTimeoutMs?: number;
  /** For a Node script: add a preload that ends the child when its stdin closes (default true). */
  exitWithParent?: boolean;
}

export interface PluginExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The preload that ends a Node plugin when the pipe to its parent closes. */
const EXIT_WITH_PARENT = 'data:text/javascript,process.stdin.on("end",()=>process.exit(0)).resume()';

export class PluginProcess {
  private constructor(
    readonly label: string,
    readonly port: number,
    private readonly child: ChildProcess,
    /** Settles when the process has exited. */
    readonly exited: Promise<PluginExit>,
  ) {}

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** True while the process runs. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Start the plugin and wait for its port. Fails with Pulumi's words when it exits or prints something else first
   * ("could not read plugin [label]: exit status N", "... wrote an invalid port to stdout"), with its stderr as detail.
   */
  static async launch(opts: PluginProcessOptions): Promise<PluginProcess> {
    const nodeScript = opts.command === process.execPath;
    const args = nodeScript && opts.exitWithParent !== false ? ["--import", EXIT_WITH_PARENT, ...opts.args] : opts.args;
    const child = spawn(opts.command, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true, // its own process group, so stop() reaches the plugin's children too
    });
    const exited = new Promise<PluginExit>((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
    });
    const stderrLines: string[] = [];
    let portSeen = false;
    const err = createInterface({ input: child.stderr! });
    err.on("line", (line) => {
      if (!portSeen) stderrLines.push(line);
      opts.onOutput?.("stderr", line);
    });
    const out = createInterface({ input: child.stdout! });
    const port = await new Promise<number>((resolve, reject) => {
      const timeoutMs = opts.startTimeoutMs ?? 120_000;
      const timer = setTimeout(() => {
        fail(`could not read plugin [${opts.label}]: no port written to stdout within ${timeoutMs / 1000} s`);
      }, timeoutMs);
      const fail = (message: string): void => {
        clearTimeout(timer);
        killGroup(child, "SIGKILL");
        const e = new Error(message);
        (e as Error & { stderr?: string }).stderr = stderrLines.join("\n");
        if (stderrLines.length) e.message += `\n${stderrLines.join("\n")}`;
        reject(e);
      };
      child.once("error", (e) => fail(`could not read plugin [${opts.label}]: ${e.message}`));
      void exited.then(({ code, signal }) => {
        if (!portSeen)
          fail(`could not read plugin [${opts.label}]: ${signal ? `signal: ${signal}` : `exit status ${code}`}`);
      });
      out.once("line", (line) => {
        portSeen = true;
        clearTimeout(timer);
        const text = line.trim();
        const n = Number(text);
        if (!/^\d+$/.test(text) || n <= 0 || n > 65535) {
          killGroup(child, "SIGKILL");
          reject(new Error(`resource plugin [${opts.label}] wrote an invalid port to stdout: ${JSON.stringify(text)}`));
          return;
        }
        out.on("line", (l) => opts.onOutput?.("stdout", l));
        resolve(n);
      });
    });
    return new PluginProcess(opts.label, port, child, exited);
  }

  /**
   * Stop the plugin as Pulumi does: interrupt its process group (and close its stdin), wait up to `graceMs`
   * (default 5 s) for it to exit, then kill it. Resolves when it has exited.
   */
  async stop(graceMs = 5000): Promise<PluginExit> {
    if (this.running) {
      this.child.stdin?.end();
      killGroup(this.child, "SIGINT");
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), graceMs);
      });
      const first = await Promise.race([this.exited, late]);
      clearTimeout(timer);
      if (first === "late") killGroup(this.child, "SIGKILL");
    }
    return this.exited;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}
