// A local host's files: host path "/etc/x" is <root>/etc/x on this machine.
// Paths that climb out of the root with ".." are refused (normalizeHostPath),
// writes are atomic, and the root itself is removed only when gantry made it.

import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import { dirname, join } from "node:path";

import type { FileStat } from "../../../contract/host-driver.js";
import { normalizeHostPath } from "../host-paths.js";
import { writeFileAtomic } from "../write-file-atomic.js";

/** The marker file a host root carries when gantry created it. */
export const HOST_MARKER = ".gantry-host";

export class SandboxFiles {
  /**
   * `root`: the host's root directory (absolute, no trailing slash);
   * `hostName` and `describe` name the host in errors.
   */
  constructor(
    readonly root: string,
    private readonly hostName: string,
    private readonly describe: string,
  ) {}

  /** The real path on this machine of a host path; throws for a path escaping the root. */
  realPath(hostPath: string): string {
    const p = normalizeHostPath(hostPath, this.hostName);
    return p === "/" ? this.root : join(this.root, p);
  }

  async readFile(path: string): Promise<string | null> {
    try {
      return await fsp.readFile(this.realPath(path), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  /** Atomic (temp file, fsync, rename); creates parent directories. */
  async writeFile(path: string, content: string, mode = 0o644): Promise<void> {
    const real = this.realPath(path);
    if (real === this.root) throw new Error(`${this.describe}: cannot write a file over the host root`);
    await fsp.mkdir(dirname(real), { recursive: true });
    await writeFileAtomic(real, content, { mode });
  }

  async statFile(path: string): Promise<FileStat | null> {
    try {
      const st = await fsp.stat(this.realPath(path));
      return { mode: st.mode & 0o7777, size: st.size };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return null;
      throw e;
    }
  }

  async removeFile(path: string): Promise<void> {
    const real = this.realPath(path);
    try {
      await fsp.unlink(real);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }

  /**
   * Removes a directory tree. Removing the host root itself ("/") is refused
   * unless the root carries the .gantry-host marker, so a directory gantry did
   * not create is never deleted.
   */
  async removeTree(path: string): Promise<void> {
    const real = this.realPath(path);
    if (real === this.root) {
      if (!fs.existsSync(real)) return;
      if (!fs.existsSync(join(real, HOST_MARKER))) {
        throw new Error(
          `${this.describe}: refusing to remove root ${real}: ` +
            `it has no ${HOST_MARKER} marker, so gantry did not create it`,
        );
      }
    }
    await fsp.rm(real, { recursive: true, force: true });
  }
}
