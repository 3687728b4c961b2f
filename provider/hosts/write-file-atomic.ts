// Atomic file writes: a temporary file beside the target, its exact mode,
// fsync, rename over the target, then fsync of the directory (best effort).
// A reader sees the old content or the new, never a part; a failed write
// leaves the old file and no temporary file behind. A process killed in the
// middle of a write cannot clean up: its temporary file is removed by the
// next write of the same file (once its process is gone).
//
// Not the npm package write-file-atomic: it resolves the target with realpath
// and so writes through a symlink to wherever it points, which a host sandbox
// must not do.

import { randomBytes } from "node:crypto";
import * as fsp from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface WriteFileAtomicOptions {
  /** File mode, applied exactly (the umask does not narrow it). Default 0o644. */
  mode?: number;
  /** fsync the file and its directory (default true); caches that may be lost can skip it. */
  fsync?: boolean;
}

export async function writeFileAtomic(
  path: string,
  content: string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o644;
  const durable = options.fsync ?? true;
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const fh = await fsp.open(tmp, "wx", mode);
  try {
    try {
      await fh.writeFile(content, "utf8");
      await fh.chmod(mode); // the umask applied at open; set the exact mode
      if (durable) await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, path);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  await removeAbandonedTemporaries(dir, basename(path));
  if (durable) await syncDirectory(dir);
}

/** Removes `.NAME.PID.HEX.tmp` files in `dir` left by writes of NAME whose process is gone (killed mid-write). */
async function removeAbandonedTemporaries(dir: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = await fsp.readdir(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const m = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(entry.slice(prefix.length));
    if (!m || processRuns(Number(m[1]))) continue;
    await fsp.rm(join(dir, entry), { force: true });
  }
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true; // a write of this process still under way
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Makes a rename in `dir` durable (best effort: not every filesystem allows it). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const dh = await fsp.open(dir, "r");
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    /* ignore */
  }
}
