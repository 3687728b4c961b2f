// Who works on which stack when several servers share one store: a replica holds a stack's lease (its owner id, an
// expiry it keeps renewing) from the moment it accepts work for the stack until that work is over. A replica that
// dies stops renewing; once its leases expire another replica claims them (SELECT … FOR UPDATE SKIP LOCKED: each
// abandoned stack is taken by one replica only) and recovers the stack. A replica that wants a stack another one
// holds asks the holder to stop (the request rides on the lease row; the holder sees it when it renews) and waits.

import type { StopReason } from "./stack-work-queue.js";

export interface RenewedLeases {
  /** Stacks whose lease this replica no longer holds (another replica took it over: it had expired). */
  lost: string[];
  /** Stops other replicas asked for, by stack. */
  stops: { stackId: string; reason: StopReason }[];
}

export interface StackLeases {
  /** This replica's owner id. */
  readonly owner: string;
  /** Takes the stack's lease when it is free, expired or already this replica's; false when another holds it. */
  claim(stackId: string, operation: string): Promise<boolean>;
  /** Extends every lease this replica holds; reports the ones lost and the stops asked for. */
  renew(held: readonly string[]): Promise<RenewedLeases>;
  /** Lets the stack's lease go (when this replica holds it). */
  release(stackId: string): Promise<void>;
  /** Asks the replica holding the stack's lease (not this one) to stop its work there; false when none holds it. */
  requestStop(stackId: string, reason: StopReason): Promise<boolean>;
  /**
   * Claims the leases that expired (their holder died or hung) and the stacks left IN_PROGRESS with no lease at
   * all; each goes to one replica only. Returns the stack ids now held by this replica.
   */
  claimAbandoned(limit: number): Promise<string[]>;
}
