// This machine, as every local host shares it: its Debian packages (one apt
// queue, one set of look-up batches and remembered candidates, since a local
// host's packages are this machine's) and its clock for process start times.

import { tmpdir } from "node:os";
import { join } from "node:path";

import { AptPackages } from "../apt/apt-packages.js";
import { LocalAptListFiles } from "./local-apt-list-files.js";
import { LocalCommandRunner } from "./local-command-runner.js";
import { ProcessStartClock } from "./process-start-clock.js";

/** Where this machine's apt candidates are remembered between runs (while apt's lists are unchanged). */
export const CANDIDATE_CACHE_FILE = join(tmpdir(), "gantry-apt-candidates.json");

export interface LocalMachineOptions {
  /** Default CANDIDATE_CACHE_FILE. */
  candidateCacheFile?: string;
}

export class LocalMachine {
  readonly apt: AptPackages;
  readonly processClock = new ProcessStartClock();

  constructor(options: LocalMachineOptions = {}) {
    this.apt = new AptPackages(new LocalCommandRunner(), {
      listFiles: new LocalAptListFiles(),
      candidateCacheFile: options.candidateCacheFile ?? CANDIDATE_CACHE_FILE,
    });
  }
}
