// The HOST_ROOT commands and processes of a local host see. Unix socket paths are short (the kernel's sun_path holds
// 107 bytes, and HAProxy refuses a `stats socket` path over 97 characters), so a root deep in the file system, such
// as a Heat stack's host under the server's store (…/.gantry/stacks/<stack id>/.gantry/hosts/<host>), leaves too
// little room for the sockets its services make under it ("$HOST_ROOT/run/haproxy/admin.sock"). Such a root is
// handed out through a short symbolic link, <tmpdir>/gantry-<uid>/<12 hex digits of the root's SHA-256> → root,
// made in a directory only this user may write to; shorter roots are handed out as they are.

import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Roots up to this long are handed out as they are: 40 characters remain for socket paths under them. */
export const LONGEST_DIRECT_ROOT = 57;

/** Where the link for `root` is, or undefined when the root is short enough to be used as it is. */
export function shortRootLink(root: string): string | undefined {
  if (root.length <= LONGEST_DIRECT_ROOT) return undefined;
  const uid = typeof process.getuid === "function" ? process.getuid() : 0;
  const digest = createHash("sha256").update(root).digest("hex").slice(0, 12);
  return join(tmpdir(), `gantry-${uid}`, digest);
}

/** The path to give commands and processes as HOST_ROOT: `root` itself, or its short link (made or mended here). */
export function socketSafeRoot(root: string): string {
  const link = shortRootLink(root);
  if (link === undefined) return root;
  const dir = join(link, "..");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  const uid = typeof process.getuid === "function" ? process.getuid() : st.uid;
  if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o022) !== 0) {
    throw new Error(`${dir}: not a directory of this user's alone; cannot link the host root ${root} there`);
  }
  let target: string | undefined;
  try {
    target = readlinkSync(link);
  } catch {
    target = undefined;
  }
  if (target === root) return link;
  if (target !== undefined) rmSync(link, { force: true });
  symlinkSync(root, link);
  return link;
}

/** Removes the short link of `root`, if it has one and it points there. */
export function forgetShortRoot(root: string): void {
  const link = shortRootLink(root);
  if (link === undefined) return;
  try {
    if (readlinkSync(link) === root) rmSync(link, { force: true });
  } catch {
    /* no link */
  }
}
