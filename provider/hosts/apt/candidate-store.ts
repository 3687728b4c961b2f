// apt-cache's candidates remembered in a file on this machine for as long as
// the package lists they were read from are unchanged (the stamp), so a plan
// of a whole cluster need not start apt-cache at all. Only a cache: a file
// that cannot be read or written is as good as an empty one.

import * as fsp from "node:fs/promises";

import { writeFileAtomic } from "../write-file-atomic.js";

interface SavedCandidates {
  stamp: string;
  candidates: Record<string, string | null>;
}

export class CandidateStore {
  /** `file`: where the candidates are kept; null keeps nothing. */
  constructor(private readonly file: string | null) {}

  /** The candidates remembered under `stamp` (none when the stamp is ""). */
  async read(stamp: string): Promise<Map<string, string | null>> {
    const saved = stamp ? await this.load(stamp) : undefined;
    return new Map(Object.entries(saved?.candidates ?? {}));
  }

  /** Adds `answers` to the candidates remembered under `stamp` (dropping those of an older stamp). */
  async remember(stamp: string, answers: ReadonlyMap<string, string | null>): Promise<void> {
    if (!stamp || this.file === null) return;
    const latest = (await this.load(stamp)) ?? { stamp, candidates: {} };
    for (const [name, candidate] of answers) latest.candidates[name] = candidate;
    try {
      await writeFileAtomic(this.file, JSON.stringify(latest), { fsync: false });
    } catch {
      // a cache is only a cache
    }
  }

  private async load(stamp: string): Promise<SavedCandidates | undefined> {
    if (this.file === null) return undefined;
    try {
      const saved = JSON.parse(await fsp.readFile(this.file, "utf8")) as SavedCandidates;
      if (saved.stamp === stamp && saved.candidates && typeof saved.candidates === "object") return saved;
    } catch {
      // no cache yet
    }
    return undefined;
  }
}
