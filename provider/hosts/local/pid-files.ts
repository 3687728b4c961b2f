// Pid files of a local host: <root>/run/gantry/<name>.json records the pid
// of a process gantry started and the kernel's start time of it, so a reused
// pid is never mistaken for ours.

import * as fsp from "node:fs/promises";
import { dirname } from "node:path";

import { checkProcessName } from "../host-paths.js";
import type { SandboxFiles } from "./sandbox-files.js";

const PID_DIR = "/run/gantry";

export interface PidFile {
  pid: number;
  /** /proc/<pid>/stat field 22: start time in clock ticks after boot. */
  startTicks: number;
  /** Milliseconds since epoch, derived from startTicks and the boot time. */
  startedAt: number;
  command: string;
  args: string[];
}

export class PidFiles {
  constructor(
    private readonly files: SandboxFiles,
    private readonly hostName: string,
  ) {}

  /** The pid file of a process, or null when there is none or it is unreadable. */
  async read(name: string): Promise<PidFile | null> {
    checkProcessName(name, this.hostName);
    try {
      const data = JSON.parse(await fsp.readFile(this.realPath(name), "utf8")) as PidFile;
      if (typeof data.pid !== "number" || typeof data.startTicks !== "number") return null;
      return data;
    } catch {
      return null;
    }
  }

  /** Creates the directory pid files go in. */
  async prepare(name: string): Promise<void> {
    await fsp.mkdir(dirname(this.realPath(name)), { recursive: true });
  }

  async write(name: string, rec: PidFile): Promise<void> {
    await this.files.writeFile(`${PID_DIR}/${name}.json`, `${JSON.stringify(rec, null, 2)}\n`, 0o644);
  }

  async remove(name: string): Promise<void> {
    await fsp.rm(this.realPath(name), { force: true });
  }

  /** Names of the processes that have a pid file, sorted. */
  async names(): Promise<string[]> {
    try {
      const entries = await fsp.readdir(this.files.realPath(PID_DIR));
      return entries
        .filter((e) => e.endsWith(".json") && !e.startsWith("."))
        .map((e) => e.slice(0, -5))
        .sort();
    } catch {
      return [];
    }
  }

  private realPath(name: string): string {
    return this.files.realPath(`${PID_DIR}/${name}.json`);
  }
}
