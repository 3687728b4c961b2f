// Stack snapshots in the PostgreSQL stack store (the same table as the SQLite store's).

import type { PgDatabase } from "./pg-database.js";
import { type SnapshotRow, snapshotFromRow } from "./sqlite-stack-snapshot-store.js";
import type { SnapshotRecord, SnapshotStore } from "./stack-snapshot-store.js";

export class PgStackSnapshotStore implements SnapshotStore {
  constructor(private readonly db: PgDatabase) {}

  async insertSnapshot(s: SnapshotRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO stack_snapshots (id, stack_id, tenant, name, status, status_reason, data, source, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        s.id,
        s.stackId,
        s.tenant,
        s.name,
        s.status,
        s.statusReason,
        s.data === null ? null : JSON.stringify(s.data),
        JSON.stringify(s.source),
        s.createdAt,
      ],
    );
  }

  async getSnapshot(id: string): Promise<SnapshotRecord | undefined> {
    const row = await this.db.get<SnapshotRow>("SELECT * FROM stack_snapshots WHERE id = ?", [id]);
    return row && snapshotFromRow(row);
  }

  async listSnapshots(stackId: string): Promise<SnapshotRecord[]> {
    const rows = await this.db.all<SnapshotRow>(
      'SELECT * FROM stack_snapshots WHERE stack_id = ? ORDER BY created_at COLLATE "C" ASC, id COLLATE "C" ASC',
      [stackId],
    );
    return rows.map(snapshotFromRow);
  }

  async updateSnapshot(
    id: string,
    change: Partial<Pick<SnapshotRecord, "status" | "statusReason" | "data">>,
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    if (change.status !== undefined) {
      sets.push("status = ?");
      params.push(change.status);
    }
    if (change.statusReason !== undefined) {
      sets.push("status_reason = ?");
      params.push(change.statusReason);
    }
    if (change.data !== undefined) {
      sets.push("data = ?");
      params.push(change.data === null ? null : JSON.stringify(change.data));
    }
    if (sets.length) await this.db.run(`UPDATE stack_snapshots SET ${sets.join(", ")} WHERE id = ?`, [...params, id]);
  }

  async deleteSnapshot(id: string): Promise<void> {
    await this.db.run("DELETE FROM stack_snapshots WHERE id = ?", [id]);
  }
}
