// Output logs of the processes of a local host: stdout and stderr of a
// process are appended to <root>/var/log/gantry/<name>.log, each start
// marked with a line of its own.

import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import { dirname } from "node:path";

import { checkProcessName } from "../host-paths.js";
import type { SandboxFiles } from "./sandbox-files.js";

const LOG_DIR = "/var/log/gantry";

export class ProcessLogs {
  constructor(
    private readonly files: SandboxFiles,
    private readonly hostName: string,
  ) {}

  /** Creates the directory logs go in. */
  async prepare(name: string): Promise<void> {
    await fsp.mkdir(dirname(this.realPath(name)), { recursive: true });
  }

  /**
   * Opens the log for appending and marks the start of `commandLine` in it;
   * the caller closes the returned descriptor once the process has it.
   */
  openForStart(name: string, commandLine: string): number {
    const fd = fs.openSync(this.realPath(name), "a");
    try {
      fs.writeSync(fd, `--- ${new Date().toISOString()} gantry: starting ${commandLine}\n`);
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
    return fd;
  }

  /** The tail (at most maxBytes) of a process's log, or null when there is none. */
  async tail(name: string, maxBytes = 4096): Promise<string | null> {
    checkProcessName(name, this.hostName);
    let fh;
    try {
      fh = await fsp.open(this.realPath(name), "r");
    } catch {
      return null;
    }
    try {
      const { size } = await fh.stat();
      const len = Math.min(size, maxBytes);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, size - len);
      return buf.toString("utf8");
    } finally {
      await fh.close();
    }
  }

  private realPath(name: string): string {
    return this.files.realPath(`${LOG_DIR}/${name}.log`);
  }
}
