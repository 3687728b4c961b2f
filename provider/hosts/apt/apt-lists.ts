// apt's package lists on one machine: read once (apt-get update) when the
// machine has none yet, and the stamp under which candidates are remembered.

import type { CommandRunner } from "../command-runner.js";
import { APT_ENV, APT_LOCK_WAIT } from "./apt-get-options.js";
import { isPackageList, type AptListFiles } from "./apt-list-files.js";
import type { AptQueue } from "./apt-queue.js";

export class AptLists {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly files: AptListFiles,
    private readonly runner: CommandRunner,
    private readonly queue: AptQueue,
  ) {}

  /**
   * On a fresh machine apt has no package lists yet, so every package looks
   * uninstallable: read them once (apt-get update) before the first look-up.
   */
  ensureRead(): Promise<void> {
    this.ready ??= (async () => {
      const names = await this.files.names();
      if (names === null) return; // not a Debian machine: apt look-ups will say so themselves
      if (names.some(isPackageList)) return;
      await this.queue.run(() => this.runner.run("apt-get", ["update", "-q", ...APT_LOCK_WAIT], APT_ENV));
    })();
    return this.ready;
  }

  /** Changes whenever the lists or the sources change; "" when unknown. */
  stamp(): Promise<string> {
    return this.files.stamp();
  }
}
