// The engine state of one stack in the PostgreSQL store: the same rows as the SQLite store's (stack_states: the
// version written last and the one before it; state_locks: the lock, with its holder). The engine's StateBackend
// reads synchronously, so the backend is loaded before use (PgStackStore.stateBackend resolves once the rows are
// read) and keeps the stack's state in memory while the operation runs: only the replica that holds the stack's
// work lease runs operations on it, so what it read stays what is recorded. Writes go to the database in order, one
// per stack at a time (PgStateWrites); the state writer waits for each (StateSink.exclusive); a replace or a
// lock release is waited for before the stack's next backend loads and before its lease is let go.

import { randomUUID } from "node:crypto";
import { hostname, userInfo } from "node:os";
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
import type { PgDatabase } from "./pg-database.js";
import { lockHolder, type LockRow, stateLockRefused } from "./store-state-lock.js";

/** The state writes under way, per stack, each after the one before. */
export class PgStateWrites {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `write` after the stack's writes already queued; resolves (or rejects) with it. */
  queue(stackId: string, write: () => Promise<void>): Promise<void> {
    const prev = this.tails.get(stackId) ?? Promise.resolve();
    const next = prev.then(write, write);
    const tail = next.catch(() => {});
    this.tails.set(stackId, tail);
    void tail.then(() => {
      if (this.tails.get(stackId) === tail) this.tails.delete(stackId);
    });
    return next;
  }

  /** Resolves when the stack's writes (or every stack's) have landed or failed. */
  async settled(stackId?: string): Promise<void> {
    for (;;) {
      const tails = stackId === undefined ? [...this.tails.values()] : [this.tails.get(stackId)];
      const waiting = tails.filter((t): t is Promise<void> => t !== undefined);
      if (!waiting.length) return;
      await Promise.all(waiting);
      await new Promise((r) => setImmediate(r));
    }
  }
}

export class PgStateBackend implements StateBackend, StateSink {
  /** The state's text as last written (undefined: none yet). */
  private current: string | undefined;
  private lockRow: LockRow | undefined;
  /** The write the state writer has handed over and not yet sent. */
  private pending: (() => Promise<void>) | undefined;

  private constructor(
    private readonly db: PgDatabase,
    private readonly writes: PgStateWrites,
    readonly stackId: string,
    private readonly storeLocation: string,
    current: string | undefined,
    private backup: string | undefined,
    lockRow: LockRow | undefined,
  ) {
    this.current = current;
    this.lockRow = lockRow;
  }

  /** The backend with the stack's rows read (after the stack's writes under way have landed). */
  static async load(
    db: PgDatabase,
    writes: PgStateWrites,
    stackId: string,
    storeLocation: string,
  ): Promise<PgStateBackend> {
    await writes.settled(stackId);
    const rows = await db.all<{ slot: string; body: string }>(
      "SELECT slot, body FROM stack_states WHERE stack_id = ?",
      [stackId],
    );
    const lock = await db.get<LockRow>(
      "SELECT lock_id, operation, who, pid, created_at FROM state_locks WHERE stack_id = ?",
      [stackId],
    );
    const body = (slot: string) => rows.find((r) => r.slot === slot)?.body;
    return new PgStateBackend(db, writes, stackId, storeLocation, body("current"), body("backup"), lock);
  }

  get location(): string {
    return `stack ${this.stackId} in ${this.storeLocation}`;
  }

  async read(): Promise<State> {
    return this.readSync();
  }

  /** The state as this backend holds it (loaded, then kept as written): readable at once. */
  readSync(): State {
    return this.current === undefined ? newState(GANTRY_VERSION) : deserializeState(this.current, this.location);
  }

  /** The version kept before the last writer's first write (undefined: none yet). */
  readBackup(): State | undefined {
    return this.backup === undefined ? undefined : deserializeState(this.backup, `${this.location} (backup)`);
  }

  writer(state: State): StateWriter {
    return new StateWriter(this, state);
  }

  async replace(state: State): Promise<void> {
    this.write(state, true);
    const send = this.pending;
    this.pending = undefined;
    if (send) await this.writes.queue(this.stackId, send);
  }

  /** Records the version in memory and prepares its write (sent by exclusive, or by replace). */
  write(state: State, first: boolean): void {
    const body = serializeState(state);
    if (first) this.backup = this.current;
    this.current = body;
    const { serial, lineage } = state;
    const stackId = this.stackId;
    this.pending = () =>
      this.db.detached(() =>
        this.db.transaction(async () => {
          if (first) {
            await this.db.run("DELETE FROM stack_states WHERE stack_id = ? AND slot = 'backup'", [stackId]);
            await this.db.run("UPDATE stack_states SET slot = 'backup' WHERE stack_id = ? AND slot = 'current'", [
              stackId,
            ]);
          }
          await this.db.run(
            `INSERT INTO stack_states (stack_id, slot, serial, lineage, body, written_at)
             VALUES (?, 'current', ?, ?, ?, ?)
             ON CONFLICT (stack_id, slot) DO UPDATE SET
               serial = excluded.serial, lineage = excluded.lineage, body = excluded.body,
               written_at = excluded.written_at`,
            [stackId, serial, lineage, body, new Date().toISOString()],
          );
        }),
      );
  }

  /** The state writer's write: recorded in memory at once, then sent; resolves when the database has it. */
  async exclusive(write: () => void): Promise<void> {
    write();
    const send = this.pending;
    this.pending = undefined;
    if (send) await this.writes.queue(this.stackId, send);
  }

  async lock(operation: string, timeoutMs: number): Promise<StateLease> {
    await this.writes.settled(this.stackId);
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
      const taken = await this.db.detached(() =>
        this.db.run(
          `INSERT INTO state_locks (stack_id, lock_id, operation, who, pid, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (stack_id) DO NOTHING`,
          [this.stackId, info.ID, info.Operation, info.Who, info.PID, info.Created],
        ),
      );
      if (taken === 1) {
        this.lockRow = {
          lock_id: info.ID,
          operation: info.Operation,
          who: info.Who,
          pid: info.PID,
          created_at: info.Created,
        };
        return { release: () => this.release(info.ID) };
      }
      if (Date.now() >= deadline) {
        this.lockRow = await this.db.get<LockRow>(
          "SELECT lock_id, operation, who, pid, created_at FROM state_locks WHERE stack_id = ?",
          [this.stackId],
        );
        throw stateLockRefused(this.location, this.heldLock());
      }
      await new Promise((r) => setTimeout(r, Math.min(250, Math.max(10, deadline - Date.now()))));
    }
  }

  /** The lock as this backend last saw it (undefined: not locked). */
  async holder(): Promise<LockInfo | undefined> {
    return this.heldLock();
  }

  private heldLock(): LockInfo | undefined {
    const row = this.lockRow;
    return lockHolder(row, this.location);
  }

  async forceUnlock(id: string): Promise<LockInfo | undefined> {
    const cur = this.heldLock();
    if (!cur) throw new GantryError(`the state of ${this.location} is not locked`);
    if (cur.ID !== id)
      throw new GantryError({
        severity: "error",
        summary: `lock ID "${id}" does not match the existing lock`,
        detail: `Lock Info:\n${describeLock(cur)}`,
      });
    await this.release(id);
    return cur;
  }

  private release(id: string): Promise<void> {
    this.lockRow = undefined;
    return this.writes
      .queue(this.stackId, () =>
        this.db.detached(async () => {
          await this.db.run("DELETE FROM state_locks WHERE stack_id = ? AND lock_id = ?", [this.stackId, id]);
        }),
      )
      .catch(() => {});
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? "unknown");
  }
}
