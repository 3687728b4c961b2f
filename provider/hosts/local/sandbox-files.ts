// A local host's files: host path "/etc/x" is <root>/etc/x on this machine.
// Paths that climb out of the root with ".." are refused (normalizeHostPath),
// writes are atomic, and the root itself is removed only when gantry made it.

import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";

import type { FileStat } from "../../../contract/host-driver.js";
import { normalizeHostPath } from "../host-paths.js";
import { writeFileAtomic } from "../write-file-atomic.js";
import { forgetShortRoot } from "./socket-safe-root.js";

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

  /**
   * The real path on this machine of a host path; throws for a path escaping the root, with ".." or through a
   * symbolic link inside the root that points outside it (a link that stays inside is followed).
   */
  realPath(hostPath: string): string {
    const p = normalizeHostPath(hostPath, this.hostName);
    if (p === "/") return this.root;
    this.checkLinks(p, hostPath);
    return join(this.root, p);
  }

  /**
   * Walks the path's existing components from the root: each symbolic link among them must resolve inside the root.
   * Components that do not exist yet hold no link (mkdir and the atomic write create them). A link swapped in between
   * this check and the operation (by someone who can write inside the root) is not caught: Node has no openat.
   */
  private checkLinks(p: string, asWritten: string): void {
    let rootReal: string | undefined;
    let cur = this.root;
    for (const segment of p.split("/").filter(Boolean)) {
      cur = join(cur, segment);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(cur);
      } catch {
        return; // this component and everything below it do not exist yet
      }
      if (!st.isSymbolicLink()) continue;
      rootReal ??= fs.realpathSync(this.root);
      let target: string;
      try {
        target = fs.realpathSync(cur);
      } catch {
        target = resolve(dirname(cur), fs.readlinkSync(cur)); // a dangling link: where it would lead
      }
      if (target !== rootReal && !target.startsWith(`${rootReal}/`)) {
        throw new Error(
          `${this.describe}: path ${JSON.stringify(asWritten)} escapes the host root: ` +
            `${relative(this.root, cur) || "."} is a symbolic link to ${target}, outside the root`,
        );
      }
    }
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
    this.realPath(path); // again, now that the directories exist: as close to the write as Node allows
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
    if (real === this.root) forgetShortRoot(real);
  }
}
