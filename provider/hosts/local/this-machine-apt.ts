// The one AptPackages for this machine, shared by every local host: their
// packages are this machine's, so their apt commands must queue behind each
// other and their look-ups share batches and remembered candidates.
//
// This is the only module-level state of the local driver, kept because
// drivers are still created one per host without a shared owner. An engine
// that creates the drivers should create one AptPackages (with a
// LocalCommandRunner) per run and hand it to every LocalDriver it creates
// (`new LocalDriver(spec, { apt })`); this default then goes unused.

import { tmpdir } from "node:os";
import { join } from "node:path";

import { AptPackages } from "../apt/apt-packages.js";
import { LocalAptListFiles } from "./local-apt-list-files.js";
import { LocalCommandRunner } from "./local-command-runner.js";

/** Where this machine's apt candidates are remembered between runs (while apt's lists are unchanged). */
export const CANDIDATE_CACHE_FILE = join(tmpdir(), "gantry-apt-candidates.json");

export const thisMachineApt = new AptPackages(new LocalCommandRunner(), {
  listFiles: new LocalAptListFiles(),
  candidateCacheFile: CANDIDATE_CACHE_FILE,
});
