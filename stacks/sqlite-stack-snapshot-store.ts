// Stack snapshots in the stack store's SQLite file (its connection and gate).

import type { Database } from "better-sqlite3";
import type { ConnectionGate } from "./connection-gate.js";
import type { HeatStatus, StackSource } from "./stack-records.js";
import type { SnapshotRecord, SnapshotStore } from "./stack-snapshot-store.js";

export interface SnapshotRow {
  id: string;
  stack_id: string;
  tenant: string;
  name: string | null;
  status: string;
  status_reason: string | null;
  data: string | null;
  source: string;
  created_at: string;
}

export class SqliteStackSnapshotStore implements SnapshotStore {
  constructor(
    private readonly db: Database,
    private readonly gate: ConnectionGate,
  ) {}

  insertSnapshot(s: SnapshotRecord): Promise<void> {
    return this.gate.exclusive(() => {
      this.db
        .prepare(
          `INSERT INTO stack_snapshots (id, stack_id, tenant, name, status, status_reason, data, source, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          s.id,
          s.stackId,
          s.tenant,
          s.name,
          s.status,
          s.statusReason,
          s.data === null ? null : JSON.stringify(s.data),
          JSON.stringify(s.source),
          s.createdAt,
        );
    });
  }

  getSnapshot(id: string): Promise<SnapshotRecord | undefined> {
    return this.gate.exclusive(() => {
      const row = this.db.prepare("SELECT * FROM stack_snapshots WHERE id = ?").get(id) as SnapshotRow | undefined;
      return row && snapshotFromRow(row);
    });
  }

  listSnapshots(stackId: string): Promise<SnapshotRecord[]> {
    return this.gate.exclusive(() =>
      (
        this.db
          .prepare("SELECT * FROM stack_snapshots WHERE stack_id = ? ORDER BY created_at ASC, id ASC")
          .all(stackId) as SnapshotRow[]
      ).map(snapshotFromRow),
    );
  }

  updateSnapshot(id: string, change: Partial<Pick<SnapshotRecord, "status" | "statusReason" | "data">>): Promise<void> {
    return this.gate.exclusive(() => {
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
      if (sets.length) this.db.prepare(`UPDATE stack_snapshots SET ${sets.join(", ")} WHERE id = ?`).run(...params, id);
    });
  }

  deleteSnapshot(id: string): Promise<void> {
    return this.gate.exclusive(() => {
      this.db.prepare("DELETE FROM stack_snapshots WHERE id = ?").run(id);
    });
  }
}

export function snapshotFromRow(row: SnapshotRow): SnapshotRecord {
  return {
    id: row.id,
    stackId: row.stack_id,
    tenant: row.tenant,
    name: row.name,
    status: row.status as HeatStatus,
    statusReason: row.status_reason,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    source: JSON.parse(row.source) as StackSource,
    createdAt: row.created_at,
  };
}
