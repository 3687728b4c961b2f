// How stack snapshots are laid out in table rows, and the statements both stores run on them (SQLite and
// PostgreSQL share the SQL text, `?` placeholders; text sort keys name their collation through `text`).

import type { HeatStatus, StackSource } from "./stack-records.js";
import type { SnapshotRecord } from "./stack-snapshot-store.js";
import type { ByteWiseText, SqlStatement } from "./sql-statement.js";

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

export const SELECT_SNAPSHOT = "SELECT * FROM stack_snapshots WHERE id = ?";
export const DELETE_SNAPSHOT = "DELETE FROM stack_snapshots WHERE id = ?";

export function insertSnapshotStatement(s: SnapshotRecord): SqlStatement {
  return {
    sql: `INSERT INTO stack_snapshots (id, stack_id, tenant, name, status, status_reason, data, source, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    params: [
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
  };
}

/** A stack's snapshots, oldest first (`text` makes a text column sort byte-wise in the store's SQL). */
export function listSnapshotsSql(text: ByteWiseText): string {
  return `SELECT * FROM stack_snapshots WHERE stack_id = ? ORDER BY ${text("created_at")} ASC, ${text("id")} ASC`;
}

/** The update of a snapshot's changed fields, or undefined when nothing changes. */
export function updateSnapshotStatement(
  id: string,
  change: Partial<Pick<SnapshotRecord, "status" | "statusReason" | "data">>,
): SqlStatement | undefined {
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
  if (sets.length === 0) return undefined;
  return { sql: `UPDATE stack_snapshots SET ${sets.join(", ")} WHERE id = ?`, params: [...params, id] };
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
