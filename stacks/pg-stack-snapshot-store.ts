// Stack snapshots in the PostgreSQL stack store (the same table and statements as the SQLite store's).

import type { PgDatabase } from "./pg-database.js";
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

const LIST = listSnapshotsSql((column) => `${column} COLLATE "C"`);

export class PgStackSnapshotStore implements SnapshotStore {
  constructor(private readonly db: PgDatabase) {}

  async insertSnapshot(s: SnapshotRecord): Promise<void> {
    const st = insertSnapshotStatement(s);
    await this.db.run(st.sql, st.params);
  }

  async getSnapshot(id: string): Promise<SnapshotRecord | undefined> {
    const row = await this.db.get<SnapshotRow>(SELECT_SNAPSHOT, [id]);
    return row && snapshotFromRow(row);
  }

  async listSnapshots(stackId: string): Promise<SnapshotRecord[]> {
    return (await this.db.all<SnapshotRow>(LIST, [stackId])).map(snapshotFromRow);
  }

  async updateSnapshot(
    id: string,
    change: Partial<Pick<SnapshotRecord, "status" | "statusReason" | "data">>,
  ): Promise<void> {
    const st = updateSnapshotStatement(id, change);
    if (st) await this.db.run(st.sql, st.params);
  }

  async deleteSnapshot(id: string): Promise<void> {
    await this.db.run(DELETE_SNAPSHOT, [id]);
  }
}
