// Debian packages on one machine through dpkg and apt, for every driver
// that installs packages: the local driver runs the commands on this
// machine, an SSH driver runs the same ones on the remote machine.
//
// Packages belong to the MACHINE, not to a host: all hosts on one machine
// (all local hosts of this machine) must share one AptPackages, so that their
// installs and purges queue behind each other and their look-ups share the
// batches and the remembered candidates.

import type { CommandResult } from "../../../contract/host-driver.js";
import { PackageUnavailableError, packageWithoutCandidate } from "../../../contract/host-limitation.js";
import type { CommandRunner } from "../command-runner.js";
import { checkPackageName, checkPackageVersion } from "../host-paths.js";
import { aptFailureReason, candidateVersions, installedVersions } from "./apt-output.js";
import { APT_ENV, APT_LOCK_WAIT } from "./apt-get-options.js";
import type { AptListFiles } from "./apt-list-files.js";
import { AptListFilesByCommand } from "./apt-list-files-by-command.js";
import { AptLists } from "./apt-lists.js";
import { AptQueue } from "./apt-queue.js";
import { BatchedLookUp } from "./batched-look-up.js";
import { CandidateStore } from "./candidate-store.js";

/** The host a package operation is for, as named in errors: `host "web" (local)`. */
export interface PackageHost {
  name: string;
  driver: string;
}

export interface AptPackagesOptions {
  /** How apt's list files are seen (default: through the runner with ls and stat). */
  listFiles?: AptListFiles;
  /** A file on this machine where candidates are remembered while apt's lists are unchanged; none when omitted. */
  candidateCacheFile?: string;
  /**
   * How long a candidate is remembered in memory (default 60 s: one answer per plan, not per
   * host; a long `reconcile --watch` still sees a repository added later).
   */
  candidateTtlMs?: number;
}

const DEFAULT_CANDIDATE_TTL_MS = 60_000;
const NOTHING_TO_DO: CommandResult = { exitCode: 0, stdout: "", stderr: "" };

export class AptPackages {
  private readonly queue = new AptQueue();
  private readonly lists: AptLists;
  private readonly store: CandidateStore;
  private readonly candidateTtlMs: number;
  private readonly installed: BatchedLookUp;
  private readonly candidates: BatchedLookUp;
  /** apt-cache answers, per package name, with when they were asked. */
  private readonly remembered = new Map<string, { at: number; answer: Promise<string | null> }>();

  constructor(
    private readonly runner: CommandRunner,
    options: AptPackagesOptions = {},
  ) {
    this.lists = new AptLists(options.listFiles ?? new AptListFilesByCommand(runner), runner, this.queue);
    this.store = new CandidateStore(options.candidateCacheFile ?? null);
    this.candidateTtlMs = options.candidateTtlMs ?? DEFAULT_CANDIDATE_TTL_MS;
    this.installed = new BatchedLookUp((names) => this.lookUpInstalled(names));
    this.candidates = new BatchedLookUp((names) => this.lookUpCandidates(names));
  }

  /** The installed version, or null when dpkg does not list the package as installed. */
  async installedVersion(name: string, host: PackageHost): Promise<string | null> {
    checkPackageName(name, host.name);
    return await this.installed.get(name);
  }

  /** What apt would install (apt-cache policy's Candidate), or null. */
  async candidate(name: string, host: PackageHost): Promise<string | null> {
    checkPackageName(name, host.name);
    let entry = this.remembered.get(name);
    if (!entry || Date.now() - entry.at > this.candidateTtlMs) {
      const answer = this.lists.ensureRead().then(() => this.candidates.get(name));
      entry = { at: Date.now(), answer };
      this.remembered.set(name, entry);
    }
    return await entry.answer;
  }

  /** apt-get install (one apt at a time); returns the installed version. `version` may end in "*". */
  async install(name: string, version: string | undefined, host: PackageHost): Promise<string> {
    checkPackageName(name, host.name);
    if (version !== undefined) checkPackageVersion(version, host.name);
    const target = version ? `${name}=${version}` : name;
    await this.lists.ensureRead();
    const r = await this.queue.run(async () => {
      // another host on this machine may have installed it while this one waited
      const now = await this.installedVersion(name, host);
      if (now !== null && versionMatches(version, now)) return NOTHING_TO_DO;
      return await this.runner.run("apt-get", ["install", "-y", "-q", ...APT_LOCK_WAIT, target], APT_ENV);
    });
    if (r.exitCode !== 0) {
      const reason = aptFailureReason(r);
      const message = `package "${name}" cannot be installed on ${hostLabel(host)}: ${reason}`;
      // apt knows no such package (or no version of it to install): no repository the machine reaches has it
      if (/Unable to locate package|has no installation candidate|Version '.*' for '.*' was not found/.test(reason))
        throw new PackageUnavailableError(packageWithoutCandidate(name, host, false, reason), message);
      throw new Error(message);
    }
    const installed = await this.installedVersion(name, host);
    if (installed === null) {
      throw new Error(
        `package "${name}" cannot be installed on ${hostLabel(host)}: ` +
          `apt-get succeeded but dpkg does not list it as installed`,
      );
    }
    return installed;
  }

  /** apt-get purge (one apt at a time); a package that is not installed is not an error. */
  async purge(name: string, host: PackageHost): Promise<void> {
    if ((await this.installedVersion(name, host)) === null) return;
    const r = await this.queue.run(async () => {
      // another host on this machine may have removed it while this one waited
      if ((await this.installedVersion(name, host)) === null) return NOTHING_TO_DO;
      return await this.runner.run("apt-get", ["purge", "-y", "-q", ...APT_LOCK_WAIT, name], APT_ENV);
    });
    if (r.exitCode !== 0) {
      throw new Error(`package "${name}" cannot be removed from ${hostLabel(host)}: ${aptFailureReason(r)}`);
    }
  }

  private async lookUpInstalled(names: string[]): Promise<Map<string, string | null>> {
    const r = await this.runner.run("dpkg-query", ["-W", "-f=${Package} ${Status} ${Version}\n", ...names]);
    return installedVersions(r.stdout);
  }

  /** Candidates remembered under the lists' current stamp, apt-cache policy for the others. */
  private async lookUpCandidates(names: string[]): Promise<Map<string, string | null>> {
    const stamp = await this.lists.stamp();
    const known = await this.store.read(stamp);
    const found = new Map<string, string | null>();
    const unknown = names.filter((name) => !known.has(name));
    for (const name of names) if (known.has(name)) found.set(name, known.get(name) ?? null);
    if (unknown.length === 0) return found;
    const listed = candidateVersions((await this.runner.run("apt-cache", ["policy", ...unknown])).stdout);
    const answers = new Map(unknown.map((name) => [name, listed.get(name) ?? null]));
    await this.store.remember(stamp, answers);
    for (const [name, candidate] of answers) found.set(name, candidate);
    return found;
  }
}

/** Whether the installed version satisfies the wanted one (none, exact, or a prefix ending in "*"). */
function versionMatches(wanted: string | undefined, installed: string): boolean {
  if (wanted === undefined || wanted === installed) return true;
  return wanted.endsWith("*") && installed.startsWith(wanted.slice(0, -1));
}

function hostLabel(host: PackageHost): string {
  return `host "${host.name}" (${host.driver})`;
}
