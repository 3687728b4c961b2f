// The engine state of one stack kept in the stack store: the version written last and the one before it (rows of
// stack_states), and a lock row per stack (state_locks) with Terraform's semantics: an operation takes the lock or,
// after its timeout, fails naming the holder; the lock stays until released or force-unlocked.

import { randomUUID } from "node:crypto";
import { hostname, userInfo } from "node:os";
import type { Database } from "better-sqlite3";
import { GantryError } from "../contract/diagnostics.js";
import type { StateBackend, StateLease } from "../engine/state-backend.js";
import { GANTRY_VERSION } from "../engine/gantry-version.js";
import { describeLock, type LockInfo } from "../planner/state-lock.js";
import {
  deserializeState,
  newState,
  serializeState,
  StateWriter,
  type State,
  type StateSink,
} from "../planner/state.js";
import { lockHolder, type LockRow, stateLockRefused } from "./store-state-lock.js";
import type { ConnectionGate } from "./connection-gate.js";

export class StoreStateBackend implements StateBackend, StateSink {
  constructor(
    private readonly db: Database,
    private readonly gate: ConnectionGate,
    readonly stackId: string,
    /** The store's location (its file), to name the state in messages. */
    private readonly storeLocation: string,
  ) {}

  get location(): string {
    return `stack ${this.stackId} in ${this.storeLocation}`;
  }

  async read(): Promise<State> {
    return this.readSync();
  }

  readSync(): State {
    const row = this.db
      .prepare("SELECT body FROM stack_states WHERE stack_id = ? AND slot = 'current'")
      .get(this.stackId) as { body: string } | undefined;
    return row ? deserializeState(row.body, this.location) : newState(GANTRY_VERSION);
  }

  /** The version kept before the last writer's first write (undefined: none yet). */
  readBackup(): State | undefined {
    const row = this.db
      .prepare("SELECT body FROM stack_states WHERE stack_id = ? AND slot = 'backup'")
      .get(this.stackId) as { body: string } | undefined;
    return row ? deserializeState(row.body, `${this.location} (backup)`) : undefined;
  }

  writer(state: State): StateWriter {
    return new StateWriter(this, state);
  }

  async replace(state: State): Promise<void> {
    this.refuseInsideForeignTransaction("replace the state");
    this.write(state, true);
  }

  /** One version, in one transaction: on the writer's first write the current row becomes the backup. */
  write(state: State, first: boolean): void {
    const body = serializeState(state);
    const now = new Date().toISOString();
    this.db
      .transaction(() => {
        if (first) {
          this.db.prepare("DELETE FROM stack_states WHERE stack_id = ? AND slot = 'backup'").run(this.stackId);
          this.db
            .prepare("UPDATE stack_states SET slot = 'backup' WHERE stack_id = ? AND slot = 'current'")
            .run(this.stackId);
        }
        this.db
          .prepare(
            `INSERT INTO stack_states (stack_id, slot, serial, lineage, body, written_at)
           VALUES (?, 'current', ?, ?, ?, ?)
           ON CONFLICT (stack_id, slot) DO UPDATE SET
             serial = excluded.serial, lineage = excluded.lineage, body = excluded.body,
             written_at = excluded.written_at`,
          )
          .run(this.stackId, state.serial, state.lineage, body, now);
      })
      .immediate();
  }

  /** A state write commits on its own: it waits for an open transaction to end, never joins it. */
  exclusive(write: () => void | Promise<void>): Promise<void> {
    return this.gate.exclusive(write, false);
  }

  async lock(operation: string, timeoutMs: number): Promise<StateLease> {
    const info: LockInfo = {
      ID: randomUUID(),
      Operation: operation,
      Who: `${safeUser()}@${hostname()}`,
      Created: new Date().toISOString(),
      Path: this.location,
      PID: process.pid,
    };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const taken = await this.gate.exclusive(
        () =>
          this.db
            .prepare(
              `INSERT INTO state_locks (stack_id, lock_id, operation, who, pid, created_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (stack_id) DO NOTHING`,
            )
            .run(this.stackId, info.ID, info.Operation, info.Who, info.PID, info.Created).changes === 1,
      );
      if (taken) return { release: () => this.release(info.ID) };
      if (Date.now() >= deadline) {
        throw stateLockRefused(this.location, this.holderNow());
      }
      await new Promise((r) => setTimeout(r, Math.min(250, Math.max(10, deadline - Date.now()))));
    }
  }

  /** The lock as it is now (undefined: not locked). */
  async holder(): Promise<LockInfo | undefined> {
    return this.holderNow();
  }

  private holderNow(): LockInfo | undefined {
    const row = this.db
      .prepare("SELECT lock_id, operation, who, pid, created_at FROM state_locks WHERE stack_id = ?")
      .get(this.stackId) as LockRow | undefined;
    return lockHolder(row, this.location);
  }

  async forceUnlock(id: string): Promise<LockInfo | undefined> {
    this.refuseInsideForeignTransaction("force-unlock the state");
    const cur = this.holderNow();
    if (!cur) throw new GantryError(`the state of ${this.location} is not locked`);
    if (cur.ID !== id)
      throw new GantryError({
        severity: "error",
        summary: `lock ID "${id}" does not match the existing lock`,
        detail: `Lock Info:\n${describeLock(cur)}`,
      });
    this.db.prepare("DELETE FROM state_locks WHERE stack_id = ? AND lock_id = ?").run(this.stackId, id);
    return cur;
  }

  /** Releases the lock if it is still ours (synchronous: it also runs when the process stops at once). */
  private release(id: string): void {
    const remove = () =>
      this.db.prepare("DELETE FROM state_locks WHERE stack_id = ? AND lock_id = ?").run(this.stackId, id);
    // inside a transaction the delete would be undone with it: wait for that transaction's end
    if (this.gate.busy) void this.gate.exclusive(remove, false);
    else remove();
  }

  private refuseInsideForeignTransaction(what: string): void {
    if (this.gate.heldElsewhere())
      throw new GantryError(`cannot ${what} of ${this.location} while a transaction of the store is open`);
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? "unknown");
  }
}
