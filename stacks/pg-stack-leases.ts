// Stack work leases in PostgreSQL (stack_work_leases). Times are the database's (now()), so replicas' clocks need
// not agree. A claim is one upsert that succeeds only when the row is absent, expired or the caller's own; taking
// over abandoned work locks the candidate rows with FOR UPDATE SKIP LOCKED, so two replicas looking at once split
// the abandoned stacks between them instead of both recovering the same one.

import type { PgDatabase } from "./pg-database.js";
import type { RenewedLeases, StackLeases } from "./stack-leases.js";
import type { StopReason } from "./stack-work-queue.js";

export class PgStackLeases implements StackLeases {
  constructor(
    private readonly db: PgDatabase,
    readonly owner: string,
    /** How long a lease lasts without renewal. */
    private readonly leaseMs: number,
  ) {}

  async claim(stackId: string, operation: string): Promise<boolean> {
    const changed = await this.db.run(
      `INSERT INTO stack_work_leases (stack_id, owner, operation, claimed_at, expires_at)
       VALUES (?, ?, ?, now(), now() + ? * interval '1 millisecond')
       ON CONFLICT (stack_id) DO UPDATE SET owner = excluded.owner, operation = excluded.operation,
         claimed_at = CASE WHEN stack_work_leases.owner = excluded.owner THEN stack_work_leases.claimed_at
                           ELSE excluded.claimed_at END,
         expires_at = excluded.expires_at,
         stop_reason = CASE WHEN stack_work_leases.owner = excluded.owner THEN stack_work_leases.stop_reason
                            ELSE NULL END
       WHERE stack_work_leases.owner = excluded.owner OR stack_work_leases.expires_at < now()`,
      [stackId, this.owner, operation, this.leaseMs],
    );
    return changed === 1;
  }

  async renew(held: readonly string[]): Promise<RenewedLeases> {
    if (!held.length) return { lost: [], stops: [] };
    // the rows locked first: a stop asked for meanwhile waits, and is seen at the next renewal
    const rows = await this.db.all<{ stack_id: string; stop_reason: string | null }>(
      `WITH old AS (
         SELECT stack_id, stop_reason FROM stack_work_leases WHERE owner = ? AND stack_id = ANY(?) FOR UPDATE
       )
       UPDATE stack_work_leases l SET expires_at = now() + ? * interval '1 millisecond', stop_reason = NULL
       FROM old WHERE l.stack_id = old.stack_id
       RETURNING l.stack_id, old.stop_reason`,
      [this.owner, [...held], this.leaseMs],
    );
    const kept = new Set(rows.map((r) => r.stack_id));
    return {
      lost: held.filter((id) => !kept.has(id)),
      stops: rows
        .filter((r) => r.stop_reason !== null)
        .map((r) => ({ stackId: r.stack_id, reason: JSON.parse(r.stop_reason as string) as StopReason })),
    };
  }

  async release(stackId: string): Promise<void> {
    await this.db.run("DELETE FROM stack_work_leases WHERE stack_id = ? AND owner = ?", [stackId, this.owner]);
  }

  async requestStop(stackId: string, reason: StopReason): Promise<boolean> {
    const changed = await this.db.run(
      "UPDATE stack_work_leases SET stop_reason = ? WHERE stack_id = ? AND owner <> ? AND expires_at >= now()",
      [JSON.stringify(reason), stackId, this.owner],
    );
    return changed === 1;
  }

  claimAbandoned(limit: number): Promise<string[]> {
    return this.db.transaction(async () => {
      const expired = await this.db.all<{ stack_id: string }>(
        `SELECT stack_id FROM stack_work_leases WHERE expires_at < now() ORDER BY expires_at
         LIMIT ? FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      for (const { stack_id } of expired)
        await this.db.run(
          `UPDATE stack_work_leases SET owner = ?, operation = 'recover', claimed_at = now(),
             expires_at = now() + ? * interval '1 millisecond', stop_reason = NULL WHERE stack_id = ?`,
          [this.owner, this.leaseMs, stack_id],
        );
      // stacks in progress that no replica holds (none should be: every change to IN_PROGRESS happens under a lease)
      const orphans = await this.db.all<{ id: string }>(
        `SELECT s.id FROM stacks s WHERE s.status = 'IN_PROGRESS' AND s.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM stack_work_leases l WHERE l.stack_id = s.id)
         LIMIT ? FOR UPDATE OF s SKIP LOCKED`,
        [Math.max(0, limit - expired.length)],
      );
      const claimed = expired.map((r) => r.stack_id);
      for (const { id } of orphans) {
        const n = await this.db.run(
          `INSERT INTO stack_work_leases (stack_id, owner, operation, claimed_at, expires_at)
           VALUES (?, ?, 'recover', now(), now() + ? * interval '1 millisecond') ON CONFLICT (stack_id) DO NOTHING`,
          [id, this.owner, this.leaseMs],
        );
        if (n === 1) claimed.push(id);
      }
      return claimed;
    });
  }
}
