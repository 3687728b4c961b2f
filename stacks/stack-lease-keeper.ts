// How a stack service shares its store with other replicas: it holds a stack's lease (stack-leases.ts) while it has
// work for the stack, renews its leases on a timer, passes on the stops other replicas ask for, gives up work whose
// lease it lost, and on another timer takes over the stacks of replicas that died (their leases expired): each is
// recovered (marked FAILED with Heat's reason, stack-recovery.ts), then let go. A store of one server (SQLite) has
// no leases: SoleWorkGuard does nothing.

import { HeatError } from "./heat-error.js";
import type { StackLeases } from "./stack-leases.js";
import type { StopReason } from "./stack-work-queue.js";

export interface WorkGuard {
  /** Holds the stack for this server (waits while another replica holds it); pairs with leave(). */
  enter(stackId: string, operation: string): Promise<void>;
  leave(stackId: string): Promise<void>;
  /** Asks another replica working on the stack to stop (no-op when none does). */
  stopElsewhere(stackId: string, reason: StopReason): Promise<void>;
  /** Takes over the stacks of dead replicas now; returns their ids (recovered). */
  takeOver(): Promise<string[]>;
  close(): Promise<void>;
}

export class SoleWorkGuard implements WorkGuard {
  async enter(): Promise<void> {}
  async leave(): Promise<void> {}
  async stopElsewhere(): Promise<void> {}
  async takeOver(): Promise<string[]> {
    return [];
  }
  async close(): Promise<void> {}
}

export interface LeaseKeeperOptions {
  leases: StackLeases;
  leaseMs: number;
  /** How long enter() waits for another replica to let the stack go (default: twice the lease, at least 30 s). */
  waitMs?: number;
  /** Stop the local work on the stack (a stop asked by another replica, or the lease lost). */
  stop: (stackId: string, reason: StopReason) => void;
  /** Recover an abandoned stack (its lease now ours). */
  recover: (stackId: string) => Promise<void>;
  /** Before a lease is let go: the stack's writes have landed. */
  settle: (stackId: string) => Promise<void>;
  /** Notices (a lease lost, a takeover that failed). */
  log?: (line: string) => void;
}

export class StackLeaseKeeper implements WorkGuard {
  private readonly held = new Map<string, number>();
  private readonly renewTimer: NodeJS.Timeout;
  private readonly takeOverTimer: NodeJS.Timeout;
  private takingOver: Promise<string[]> | undefined;
  private renewing: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly opts: LeaseKeeperOptions) {
    const renewEvery = Math.max(50, Math.min(opts.leaseMs / 3, 1000));
    this.renewTimer = setInterval(() => void this.renew(), renewEvery);
    // a little jitter: replicas started together look at different moments
    const lookEvery = Math.max(100, opts.leaseMs / 2) * (0.8 + Math.random() * 0.4);
    this.takeOverTimer = setInterval(() => void this.takeOver().catch(() => {}), lookEvery);
  }

  async enter(stackId: string, operation: string): Promise<void> {
    const count = this.held.get(stackId) ?? 0;
    this.held.set(stackId, count + 1);
    if (count > 0) return;
    const waitMs = this.opts.waitMs ?? Math.max(30_000, 2 * this.opts.leaseMs);
    const deadline = Date.now() + waitMs;
    try {
      for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
        if (await this.opts.leases.claim(stackId, operation)) return;
        if (Date.now() > deadline)
          throw new HeatError(409, "ActionInProgress", `Stack ${stackId} is being worked on by another server.`);
        await new Promise((r) => setTimeout(r, pause));
      }
    } catch (e) {
      this.drop(stackId);
      throw e;
    }
  }

  async leave(stackId: string): Promise<void> {
    const count = (this.held.get(stackId) ?? 1) - 1;
    if (count > 0) {
      this.held.set(stackId, count);
      return;
    }
    this.held.delete(stackId);
    await this.opts.settle(stackId);
    // entered again while settling: keep it
    if (this.held.has(stackId)) return;
    await this.opts.leases.release(stackId);
  }

  async stopElsewhere(stackId: string, reason: StopReason): Promise<void> {
    await this.opts.leases.requestStop(stackId, reason);
  }

  takeOver(): Promise<string[]> {
    if (this.closed) return Promise.resolve([]);
    this.takingOver ??= (async () => {
      try {
        const ids = await this.opts.leases.claimAbandoned(20);
        for (const id of ids) {
          this.held.set(id, (this.held.get(id) ?? 0) + 1);
          try {
            await this.opts.recover(id);
          } catch (e) {
            this.opts.log?.(`taking over stack ${id} failed: ${(e as Error).message}`);
          } finally {
            await this.leave(id).catch(() => {});
          }
        }
        return ids;
      } finally {
        this.takingOver = undefined;
      }
    })();
    return this.takingOver;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.renewTimer);
    clearInterval(this.takeOverTimer);
    await this.takingOver?.catch(() => {});
    await this.renewing;
  }

  private renew(): Promise<void> {
    if (this.closed || this.renewing) return this.renewing ?? Promise.resolve();
    this.renewing = (async () => {
      try {
        const held = [...this.held.keys()];
        const { lost, stops } = await this.opts.leases.renew(held);
        for (const { stackId, reason } of stops) this.opts.stop(stackId, reason);
        for (const stackId of lost) {
          if (!this.held.has(stackId)) continue;
          this.opts.log?.(`lost the lease of stack ${stackId} (another server took it over): its work stops`);
          this.opts.stop(stackId, { kind: "superseded" });
        }
      } catch (e) {
        this.opts.log?.(`renewing leases failed: ${(e as Error).message}`);
      } finally {
        this.renewing = undefined;
      }
    })();
    return this.renewing;
  }

  private drop(stackId: string): void {
    const count = (this.held.get(stackId) ?? 1) - 1;
    if (count > 0) this.held.set(stackId, count);
    else this.held.delete(stackId);
  }
}
