// Where a workspace's state lives and how it is locked. Today a local file
// (written atomically, with a backup, locked by a lock file beside it).

import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { forceUnlock, StateLock, type LockInfo } from "../planner/state-lock.js";
import type { CrashPoint } from "../planner/crash-point.js";
import {
  FileStateSink,
  readState,
  serializeState,
  StateWriter,
  writeFileAtomic,
  type State,
} from "../planner/state.js";
import { GANTRY_VERSION } from "./gantry-version.js";

export interface StateLease {
  /** Lets go of the lock; a backend over a network finishes asynchronously (await it before locking again). */
  release(): void | Promise<void>;
}

export interface StateBackend {
  /** Where the state is, as shown to users. */
  readonly location: string;
  read(): Promise<State>;
  /**
   * The state read synchronously, where the backend can (a file, memory, the SQLite stack store): for callers that
   * look at the state from inside an event handler (stacks/). A backend over a network has none.
   */
  readSync?(): State;
  /** A writer that records `state` (and every later change to it) atomically. */
  writer(state: State): StateWriter;
  /** Records `state` exactly as it is (serial and lineage untouched), keeping the previous one as a backup. */
  replace(state: State): Promise<void>;
  /** Takes the lock for an operation, waiting up to timeoutMs; throws naming the holder. */
  lock(operation: string, timeoutMs: number): Promise<StateLease>;
  forceUnlock(id: string): Promise<LockInfo | undefined>;
  /** The lock as it is now (undefined: not locked), where the backend can tell (a server's store). */
  holder?(): Promise<LockInfo | undefined>;
}

export class FileStateBackend implements StateBackend {
  /** `crash`: a crash test's hook (see planner/crash-point.ts); none in normal runs. */
  constructor(
    readonly path: string,
    private readonly crash?: CrashPoint,
  ) {}

  get location(): string {
    return this.path;
  }

  async read(): Promise<State> {
    return this.readSync();
  }

  readSync(): State {
    return readState(this.path, GANTRY_VERSION);
  }

  writer(state: State): StateWriter {
    // a named workspace selected through the environment gets its directory when first written
    mkdirSync(dirname(this.path), { recursive: true });
    return new StateWriter(new FileStateSink(this.path, this.crash), state);
  }

  async replace(state: State): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    if (existsSync(this.path)) copyFileSync(this.path, `${this.path}.backup`);
    writeFileAtomic(this.path, serializeState(state));
  }

  lock(operation: string, timeoutMs: number): Promise<StateLease> {
    mkdirSync(dirname(this.path), { recursive: true });
    return StateLock.acquire(this.path, operation, timeoutMs);
  }

  async forceUnlock(id: string): Promise<LockInfo | undefined> {
    return forceUnlock(this.path, id);
  }
}
