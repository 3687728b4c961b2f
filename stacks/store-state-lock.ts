// A stack's state lock as both stores keep it (a `state_locks` row per stack, SQLite or PostgreSQL): the row, the
// holder it names, and the error a refused operation gets.
import { GantryError } from "../contract/diagnostics.js";
import { describeLock, type LockInfo } from "../planner/state-lock.js";

export interface LockRow {
  lock_id: string;
  operation: string;
  who: string;
  pid: number;
  created_at: string;
}

/** The holder a lock row names (undefined: no row, not locked). */
export function lockHolder(row: LockRow | undefined, location: string): LockInfo | undefined {
  return row
    ? { ID: row.lock_id, Operation: row.operation, Who: row.who, Created: row.created_at, Path: location, PID: row.pid }
    : undefined;
}

/** The error of an operation refused the lock of the state at `location`, naming the holder. */
export function stateLockRefused(location: string, holder: LockInfo | undefined): GantryError {
  return new GantryError({
    severity: "error",
    summary: "Error acquiring the state lock",
    detail:
      `The state of ${location} is locked by another gantry operation.\nLock ` +
      `Info:\n${describeLock(holder)}\n\nWait for it to finish, use a lock timeout to wait, or ` +
      "force-unlock it with the lock's ID if it is stale.",
  });
}
