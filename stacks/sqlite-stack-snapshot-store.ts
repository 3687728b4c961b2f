// Stack snapshots in the stack store's SQLite file (its connection and gate); table and statements as the
// PostgreSQL store's.

import type { Database } from "better-sqlite3";
import type { ConnectionGate } from "./connection-gate.js";
import {
  DELETE_SNAPSHOT,
  insertSnapshotStatement,
  listSnapshotsSql,
  SELECT_SNAPSHOT,
  type SnapshotRow,
  snapshotFromRow,
  updateSnapshotStatement,
} from "./stack-snapshot-rows.js";
import type { SnapshotRecord, SnapshotStore } from "./stack-snapshot-store.js";

/** SQLite compares text byte-wise already. */
const LIST = listSnapshotsSql((column) => column);

export class SqliteStackSnapshotStore implements SnapshotStore {
  constructor(
    private readonly db: Database,
    private readonly gate: ConnectionGate,
  ) {}

  insertSnapshot(s: SnapshotRecord): Promise<void> {
    return this.gate.exclusive(() => {
      const st = insertSnapshotStatement(s);
      this.db.prepare(st.sql).run(...st.params);
    });
  }

  getSnapshot(id: string): Promise<SnapshotRecord | undefined> {
    return this.gate.exclusive(() => {
      const row = this.db.prepare(SELECT_SNAPSHOT).get(id) as SnapshotRow | undefined;
      return row && snapshotFromRow(row);
    });
  }

  listSnapshots(stackId: string): Promise<SnapshotRecord[]> {
    return this.gate.exclusive(() => (this.db.prepare(LIST).all(stackId) as SnapshotRow[]).map(snapshotFromRow));
  }

  updateSnapshot(id: string, change: Partial<Pick<SnapshotRecord, "status" | "statusReason" | "data">>): Promise<void> {
    return this.gate.exclusive(() => {
      const st = updateSnapshotStatement(id, change);
      if (st) this.db.prepare(st.sql).run(...st.params);
    });
  }

  deleteSnapshot(id: string): Promise<void> {
    return this.gate.exclusive(() => {
      this.db.prepare(DELETE_SNAPSHOT).run(id);
    });
  }
}
