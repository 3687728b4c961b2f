// apt's package lists on one machine: read once when the machine has none
// yet, and a stamp that changes whenever they (or the sources) change.

import type { CommandRunner } from "../command-runner.js";
import type { AptQueue } from "./apt-queue.js";

const LISTS_DIR = "/var/lib/apt/lists";
/** What the stamp covers: the lists and the sources they are read from. */
const STAMPED_PATHS = [LISTS_DIR, "/etc/apt/sources.list", "/etc/apt/sources.list.d"];

/** apt waits up to 5 minutes for dpkg's machine-wide lock (another apt, unattended-upgrades) instead of failing. */
export const APT_LOCK_WAIT: readonly string[] = ["-o", "DPkg::Lock::Timeout=300"];
export const APT_ENV: Readonly<Record<string, string>> = { DEBIAN_FRONTEND: "noninteractive" };

export class AptLists {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly runner: CommandRunner,
    private readonly queue: AptQueue,
  ) {}

  /**
   * On a fresh machine apt has no package lists yet, so every package looks
   * uninstallable: read them once (apt-get update) before the first look-up.
   */
  ensureRead(): Promise<void> {
    this.ready ??= (async () => {
      const listing = await this.runner.run("ls", ["-1", LISTS_DIR]);
      if (listing.exitCode !== 0) return; // not a Debian machine: apt look-ups will say so themselves
      const lists = listing.stdout.split("\n").filter((f) => f.endsWith("_Packages") || f.endsWith("_Packages.lz4"));
      if (lists.length) return;
      await this.queue.run(() => this.runner.run("apt-get", ["update", "-q", ...APT_LOCK_WAIT], APT_ENV));
    })();
    return this.ready;
  }

  /**
   * The modification times (ms) of the lists and the sources ("-" for a
   * missing path), or "" when they cannot be read: answers remembered under
   * one stamp hold until the stamp changes.
   */
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

/** A modification time as Node's fs.Stats mtimeMs prints (stamps stay those of earlier gantry versions). */
function millisecondsText(seconds: string, nanoseconds: string): string {
  return String(Number(seconds) * 1e3 + Number(nanoseconds) / 1e6);
}
