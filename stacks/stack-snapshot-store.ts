// Heat's stack snapshots: what a stack was (its data as Heat's snapshot shows
// it, and the sources a restore goes back to), kept beside the stack.

import type { HeatStatus, StackSource } from "./stack-records.js";

export interface SnapshotRecord {
  id: string;
  stackId: string;
  tenant: string;
  name: string | null;
  status: HeatStatus;
  statusReason: string | null;
  /** The stack as the snapshot took it (Heat's `data`); null until it completes. */
  data: Record<string, unknown> | null;
  /** The stack's sources when taken: what a restore updates the stack to. */
  source: StackSource;
  createdAt: string;
}

export interface SnapshotStore {
  insertSnapshot(snapshot: SnapshotRecord): Promise<void>;
  getSnapshot(id: string): Promise<SnapshotRecord | undefined>;
  /** The stack's snapshots, oldest first. */
  listSnapshots(stackId: string): Promise<SnapshotRecord[]>;
  updateSnapshot(id: string, change: Partial<Pick<SnapshotRecord, "status" | "statusReason" | "data">>): Promise<void>;
  deleteSnapshot(id: string): Promise<void>;
}
