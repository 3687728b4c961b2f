// apt's list files seen through commands (ls, GNU stat), for a machine this
// process cannot read directly.

import type { CommandRunner } from "../command-runner.js";
import { LISTS_DIR, STAMPED_PATHS, type AptListFiles } from "./apt-list-files.js";

export class AptListFilesByCommand implements AptListFiles {
  constructor(private readonly runner: CommandRunner) {}

  async names(): Promise<string[] | null> {
    const r = await this.runner.run("ls", ["-1A", LISTS_DIR]);
    return r.exitCode === 0 ? r.stdout.split("\n").filter((f) => f.length > 0) : null;
  }

  async stamp(): Promise<string> {
    // stat exits 1 when a path is missing and still prints the others.
    const r = await this.runner.run("stat", ["-c", "%n %.9Y", ...STAMPED_PATHS]);
    if (r.exitCode !== 0 && r.exitCode !== 1) return "";
    const times = new Map<string, string>();
    for (const line of r.stdout.split("\n")) {
      const m = /^(\S+) (\d+)\.(\d{9})$/.exec(line);
      if (m) times.set(m[1]!, millisecondsText(m[2]!, m[3]!));
    }
    return STAMPED_PATHS.map((p) => times.get(p) ?? "-").join(":");
  }
}

/** Seconds and nanoseconds as Node's mtimeMs (sec * 1e3 + nsec / 1e6) prints. */
function millisecondsText(seconds: string, nanoseconds: string): string {
  return String(Number(seconds) * 1e3 + Number(nanoseconds) / 1e6);
}
