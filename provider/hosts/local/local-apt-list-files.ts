// apt's list files on this machine, read directly (no process to start: a
// plan asks for the stamp once per batch of package look-ups).

import * as fsp from "node:fs/promises";

import { LISTS_DIR, STAMPED_PATHS, type AptListFiles } from "../apt/apt-list-files.js";

export class LocalAptListFiles implements AptListFiles {
  async names(): Promise<string[] | null> {
    try {
      return await fsp.readdir(LISTS_DIR);
    } catch {
      return null;
    }
  }

  async stamp(): Promise<string> {
    try {
      const times = await Promise.all(STAMPED_PATHS.map((p) => modifiedMs(p)));
      return times.join(":");
    } catch {
      return "";
    }
  }
}

/** The modification time in milliseconds as text, "-" when the path does not exist. */
async function modifiedMs(path: string): Promise<string> {
  try {
    return String((await fsp.stat(path)).mtimeMs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "-";
    throw e;
  }
}
