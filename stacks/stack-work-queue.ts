// The work of many stacks at once, one operation at a time per stack: each
// stack has a queue; the operation running may be stopped through its
// AbortSignal (cancel_update, a delete of a stack in progress, a timeout),
// with a reason saying why.

/**
 * Why a running operation was told to stop. Cancels let the resources in progress finish (Heat's stop_traversal);
 * the others stop them too (Heat stops the workers of a stack deleted while in progress, and times tasks out).
 */
export type StopReason =
  /** cancel_update: stop, then roll back. */
  | { kind: "cancel-rollback" }
  /** cancel_without_rollback: stop and mark the action FAILED. */
  | { kind: "cancel" }
  /** A delete of a stack in progress: stop at once and mark the action FAILED (cancelled). */
  | { kind: "delete" }
  /** timeoutMins passed. */
  | { kind: "timeout" }
  /** The service closes. */
  | { kind: "shutdown" }
  /** An update arrived: the running create or update ends without a word, the update takes over (convergence). */
  | { kind: "superseded" };

/** True when the operations already running stop too. */
export function stopsRunningWork(reason: StopReason): boolean {
  return reason.kind === "delete" || reason.kind === "timeout" || reason.kind === "shutdown";
}

export function stopReasonOf(signal: AbortSignal): StopReason | undefined {
  if (!signal.aborted) return undefined;
  const r = signal.reason as StopReason | undefined;
  return r && typeof r === "object" && "kind" in r ? r : { kind: "cancel" };
}

export class StackWorkQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Map<string, AbortController>();
  private readonly pending = new Map<string, number>();

  constructor(private readonly onError: (stackId: string, err: unknown) => void) {}

  /** Queues `work` behind the stack's other work; it runs with a signal of its own. */
  enqueue(stackId: string, work: (signal: AbortSignal) => Promise<void>): void {
    this.pending.set(stackId, (this.pending.get(stackId) ?? 0) + 1);
    const prev = this.tails.get(stackId) ?? Promise.resolve();
    const next = prev.then(async () => {
      const ctl = new AbortController();
      this.running.set(stackId, ctl);
      try {
        await work(ctl.signal);
      } catch (err) {
        this.onError(stackId, err);
      } finally {
        this.running.delete(stackId);
        const left = (this.pending.get(stackId) ?? 1) - 1;
        if (left > 0) this.pending.set(stackId, left);
        else this.pending.delete(stackId);
      }
    });
    this.tails.set(stackId, next);
    void next.finally(() => {
      if (this.tails.get(stackId) === next) this.tails.delete(stackId);
    });
  }

  /** True while work is queued or running for the stack. */
  busy(stackId: string): boolean {
    return this.pending.has(stackId);
  }

  /** Tells the stack's running operation to stop; false when none runs. */
  stop(stackId: string, reason: StopReason): boolean {
    const ctl = this.running.get(stackId);
    if (!ctl || ctl.signal.aborted) return false;
    ctl.abort(reason);
    return true;
  }

  stopAll(reason: StopReason): void {
    for (const id of [...this.running.keys()]) this.stop(id, reason);
  }

  /** Resolves when the stack (or every stack) has no work queued or running. */
  async idle(stackId?: string): Promise<void> {
    for (;;) {
      const tails = stackId === undefined ? [...this.tails.values()] : [this.tails.get(stackId)];
      const waiting = tails.filter((t): t is Promise<void> => t !== undefined);
      if (!waiting.length) return;
      await Promise.all(waiting);
      // let the tails' cleanup run before looking again
      await new Promise((r) => setImmediate(r));
    }
  }
}
