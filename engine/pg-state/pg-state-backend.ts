// A workspace's state in PostgreSQL (`backend "pg"`): reads and writes go through the schema's pool, every write
// is one transaction that checks the serial and lineage this backend last read or wrote (optimistic concurrency on
// top of the lock), and every version is kept (history, pull -serial). The lock is pg-state-lock.ts.

import type { LockInfo } from "../../planner/state-lock.js";
import {
  deserializeState,
  newState,
  serializeState,
  StateWriter,
  type State,
  type StateSink,
} from "../../planner/state.js";
import { GantryError } from "../../contract/diagnostics.js";
import { GANTRY_VERSION } from "../gantry-version.js";
import type { StateBackend, StateLease } from "../state-backend.js";
import { acquirePgLock, forceUnlockPg, lockHolder, type PgStateLease } from "./pg-state-lock.js";
import type { PgStateStore, StateVersionInfo, StoredState } from "./pg-state-store.js";

interface Seen {
  serial: number;
  lineage: string;
}

export class PgStateBackend implements StateBackend, StateSink {
  /** The serial and lineage as this backend last read or wrote them: a write expects to find them. */
  private seen: Seen | undefined;
  private lease: PgStateLease | undefined;
  private operation = "write";

  constructor(
    readonly store: PgStateStore,
    readonly workspace: string,
  ) {}

  get location(): string {
    return `workspace ${JSON.stringify(this.workspace)} in ${this.store.where}`;
  }

  async read(): Promise<State> {
    const cur = await this.store.current(this.workspace);
    this.seen = cur ? { serial: cur.serial, lineage: cur.lineage } : { serial: 0, lineage: "" };
    return cur ? deserializeState(cur.body, this.location) : newState(GANTRY_VERSION);
  }

  /** The current version as stored, byte for byte (undefined: none written yet). */
  async readStored(): Promise<StoredState | undefined> {
    const cur = await this.store.current(this.workspace);
    this.seen = cur ? { serial: cur.serial, lineage: cur.lineage } : { serial: 0, lineage: "" };
    return cur;
  }

  /** An earlier version (`state pull -serial N`). */
  async readVersion(serial: number): Promise<StoredState | undefined> {
    return this.store.version(this.workspace, serial);
  }

  history(): Promise<StateVersionInfo[]> {
    return this.store.history(this.workspace);
  }

  writer(state: State): StateWriter {
    // a state that was never read through this backend: it expects the version it came from
    this.seen ??= { serial: state.serial, lineage: state.serial === 0 ? "" : state.lineage };
    return new StateWriter(this, state);
  }

  async write(state: State, _first: boolean): Promise<void> {
    await this.put({ serial: state.serial, lineage: state.lineage, body: serializeState(state) });
  }

  async replace(state: State): Promise<void> {
    if (!this.seen) await this.readStored();
    await this.put({ serial: state.serial, lineage: state.lineage, body: serializeState(state) });
  }

  /** Records `stored` exactly (its text byte for byte) as the new current version. */
  async put(stored: StoredState): Promise<void> {
    if (this.lease?.lost)
      throw new GantryError(
        `the state lock of ${this.location} was taken away (force-unlock, or the lock's session ended): ` +
          "nothing more is written",
      );
    if (!this.seen) await this.readStored();
    await this.store.write(this.workspace, stored, this.seen!, this.operation, this.location);
    this.seen = { serial: stored.serial, lineage: stored.lineage };
  }

  async lock(operation: string, timeoutMs: number): Promise<StateLease> {
    const lease = await acquirePgLock(this.store, this.workspace, this.location, operation, timeoutMs);
    this.lease = lease;
    this.operation = operation;
    return {
      release: async () => {
        if (this.lease === lease) this.lease = undefined;
        await lease.release();
      },
    };
  }

  async forceUnlock(id: string): Promise<LockInfo | undefined> {
    return forceUnlockPg(this.store, this.workspace, this.location, id);
  }

  async holder(): Promise<LockInfo | undefined> {
    const held = await lockHolder(this.store, this.workspace, this.location);
    if (!held) return undefined;
    const { backendPid: _, ...info } = held;
    return info;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
