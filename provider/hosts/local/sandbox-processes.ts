// Processes of a local host: started detached in a process group of their
// own, output appended to the host's process log, a pid file recording pid
// and kernel start time; inspect checks the start time (a reused pid is not
// ours); stop sends SIGTERM to the group, SIGKILL after the grace period, and
// waits until the group is gone.

import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";

import type { HostSpec, ProcessSpec, ProcessStatus } from "../../../contract/host-driver.js";
import { checkProcessName } from "../host-paths.js";
import { hostEnvironment } from "./host-environment.js";
import { PidFiles, type PidFile } from "./pid-files.js";
import { isDead, liveGroupMembers, procStat } from "./proc-stat.js";
import { spawnArguments } from "../process-command-line.js";
import { ProcessLogs } from "./process-logs.js";
import type { ProcessStartClock } from "./process-start-clock.js";
import type { SandboxFiles } from "./sandbox-files.js";

/** Grace period when stragglers of a dead process are stopped before a new start. */
const STRAGGLER_GRACE_MS = 1000;
/** How long to wait for a process group to vanish after SIGKILL. */
const KILL_WAIT_MS = 10_000;
const POLL_MS = 25;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SandboxProcesses {
  private readonly pidFiles: PidFiles;
  private readonly logs: ProcessLogs;

  /** `clock`: this machine's (shared by its hosts); `describe` names the host in errors. */
  constructor(
    private readonly spec: HostSpec,
    private readonly files: SandboxFiles,
    private readonly clock: ProcessStartClock,
    private readonly describe: string,
  ) {
    this.pidFiles = new PidFiles(files, spec.name);
    this.logs = new ProcessLogs(files, spec.name);
  }

  async start(spec: ProcessSpec): Promise<ProcessStatus> {
    checkProcessName(spec.name, this.spec.name);
    const existing = await this.pidFiles.read(spec.name);
    if (existing && (await this.alive(existing))) {
      throw new Error(`${this.describe}: process "${spec.name}" is already running (pid ${existing.pid})`);
    }
    // The previous leader is dead, but children in its process group may linger
    // (e.g. the leader was a shell killed from outside): stop them first.
    if (existing) await this.stop(spec.name, STRAGGLER_GRACE_MS);
    await this.logs.prepare(spec.name);
    await this.pidFiles.prepare(spec.name);
    const cwd = this.files.realPath(spec.cwd ?? "/");
    await fsp.mkdir(cwd, { recursive: true });

    const args = spec.args ?? [];
    const [file, argv] = spawnArguments(spec.command, args);
    const logFd = this.logs.openForStart(spec.name, [spec.command, ...args].join(" "));
    let child: ChildProcess;
    try {
      child = spawn(file, argv, {
        cwd,
        env: hostEnvironment(this.spec, spec.env),
        stdio: ["ignore", logFd, logFd],
        detached: true,
      });
      await new Promise<void>((resolve, reject) => {
        child.once("spawn", () => resolve());
        child.once("error", (e: Error) =>
          reject(new Error(`${this.describe}: cannot start process "${spec.name}" (${spec.command}): ${e.message}`)),
        );
      });
    } finally {
      fs.closeSync(logFd);
    }
    child.unref();
    const pid = child.pid!;
    const st = await procStat(pid);
    if (st === null) {
      // Exited (and was reaped) already: nothing to track; callers see it as not running.
      await this.pidFiles.remove(spec.name);
      return { running: false, pid };
    }
    const rec: PidFile = {
      pid,
      startTicks: st.startTicks,
      startedAt: this.clock.startedAt(st.startTicks),
      command: spec.command,
      args,
    };
    await this.pidFiles.write(spec.name, rec);
    return { running: !isDead(st), pid, startedAt: rec.startedAt };
  }

  async inspect(name: string): Promise<ProcessStatus> {
    const rec = await this.pidFiles.read(name);
    if (!rec) return { running: false };
    if (await this.alive(rec)) return { running: true, pid: rec.pid, startedAt: rec.startedAt };
    return { running: false };
  }

  async signal(name: string, signal: string): Promise<void> {
    const rec = await this.pidFiles.read(name);
    if (!rec || !(await this.alive(rec))) {
      throw new Error(`${this.describe}: cannot send ${signal} to "${name}": it is not running`);
    }
    process.kill(rec.pid, signal as NodeJS.Signals);
  }

  async stop(name: string, graceMs = 5000): Promise<void> {
    const rec = await this.pidFiles.read(name);
    if (!rec) {
      await this.pidFiles.remove(name);
      return;
    }
    // The group id is the leader's pid (spawned detached). Only signal the group
    // when the leader is ours or members started after it are still around.
    const groupAlive = async () =>
      (await this.alive(rec)) || (await liveGroupMembers(rec.pid, rec.startTicks)).length > 0;
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        process.kill(-rec.pid, sig);
      } catch {
        /* gone */
      }
    };
    if (await groupAlive()) {
      signalGroup("SIGTERM");
      const deadline = Date.now() + graceMs;
      while (Date.now() < deadline && (await groupAlive())) await sleep(POLL_MS);
      if (await groupAlive()) {
        signalGroup("SIGKILL");
        const hard = Date.now() + KILL_WAIT_MS;
        while (await groupAlive()) {
          if (Date.now() > hard) {
            throw new Error(`${this.describe}: process "${name}" (pid ${rec.pid}) did not exit after SIGKILL`);
          }
          await sleep(POLL_MS);
        }
      }
    }
    await this.pidFiles.remove(name);
  }

  /** Names of the processes started here that still have a pid file (running or not). */
  list(): Promise<string[]> {
    return this.pidFiles.names();
  }

  readLog(name: string, maxBytes?: number): Promise<string | null> {
    return this.logs.tail(name, maxBytes);
  }

  /** Whether the process recorded in the pid file is alive and really ours. */
  private async alive(rec: PidFile): Promise<boolean> {
    const st = await procStat(rec.pid);
    return !isDead(st) && st!.startTicks === rec.startTicks;
  }
}
