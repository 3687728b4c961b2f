// Heat's stack actions, each one engine run: create, update, delete and the
// rollback that follows a failure (convergence: a failed create converges to
// the empty template, a failed update to the previous one), with the stack's
// statuses and reasons as Heat's convergence engine gives them.

import { rmSync } from "node:fs";
import { computeOutputs } from "./stack-outputs.js";
import { rolledBackCreateSource } from "./rolled-back-source.js";
import { mergedEnvironment } from "./stack-environment.js";
import { templateDescription } from "./stack-validation.js";
import {
  resourceFailureText,
  runStack,
  type RunOutcome,
  type RunRequest,
  type StackResourceRef,
} from "./stack-apply.js";
import { type CreateRetrySettings, runWithCreateRetries } from "./create-retry.js";
import { restrictedChange, restrictedText } from "./stack-restrictions.js";
import { STACK_EVENT_TYPE } from "./stack-recorder.js";
import type { HeatAction, StackRecord, StackSource } from "./stack-records.js";
import { stopReasonOf } from "./stack-work-queue.js";
import { type StackServiceContext, stackDataDir } from "./stack-workspace.js";

export const startedText = (action: HeatAction) => `Stack ${action} started`;
export const completedText = (action: HeatAction) => `Stack ${action} completed successfully`;
export const cancelledText = (action: HeatAction) => `Stack ${action} cancelled`;
/** What Heat says of a stack whose engine stopped while it ran. */
export const engineDownText = (action: HeatAction) => `Engine went down during stack ${action}`;
/** What Heat says of a resource whose worker stopped while it ran. */
export const workerDownText = (action: HeatAction) => `Worker went down during resource ${action}`;
export const TIMED_OUT = "Timed out";

/** An update took over: the action stopped records nothing more. */
function superseded(signal: AbortSignal): boolean {
  return stopReasonOf(signal)?.kind === "superseded";
}

export interface LifecycleOptions {
  /** The length of a minute of `timeoutMins` (tests shorten it). */
  minuteMs: number;
  /** A new signal for the stack's running work, once its own was used by a cancel (the rollback that follows). */
  renewSignal: (stackId: string) => AbortSignal;
  /** Heat's action_retry_limit and the pauses between attempts. */
  createRetry: CreateRetrySettings;
}

export class StackLifecycle {
  constructor(
    private readonly ctx: StackServiceContext,
    private readonly opts: LifecycleOptions,
  ) {}

  /**
   * The stack is recorded CREATE_IN_PROGRESS; creates its resources. Adopting (`adopt`: Heat's adopt data of the
   * resources, by name), it is recorded ADOPT_IN_PROGRESS and takes over the resources the data gives ids instead.
   */
  async create(stack: StackRecord, signal: AbortSignal, adopt?: Record<string, unknown>): Promise<void> {
    const action: HeatAction = adopt ? "ADOPT" : "CREATE";
    const source = adopt ? { ...stack.source, adopt } : stack.source;
    const outcome = await this.timed(stack, signal, (s) =>
      this.run(stack, { source, mode: "normal", signal: s, adopting: adopt !== undefined }),
    );
    if (superseded(signal)) {
      // a resource of the create taken over that failed still says so, in an event of the stack
      if (!outcome.ok && outcome.reason.startsWith("Resource ")) await this.pastFailure(stack, action, outcome.reason);
      return;
    }
    if (await this.keptCancelled(stack, stopReasonOf(signal))) return;
    if (outcome.ok) {
      await this.complete(stack, action);
      return;
    }
    // a failed adopt is not rolled back here: Heat's rollback abandons what was adopted, which gantry does not do
    await this.failed(adopt ? { ...stack, disableRollback: true } : stack, action, outcome, undefined, signal);
  }

  /**
   * The stack is recorded UPDATE_IN_PROGRESS with its new source (and the one it leaves as previousSource). A
   * restore (to a snapshot's sources) is the same update, its stack statuses told as RESTORE.
   */
  async update(
    stack: StackRecord,
    signal: AbortSignal,
    replace: StackResourceRef[],
    action: "UPDATE" | "RESTORE" = "UPDATE",
  ): Promise<void> {
    const leaving = stack.previousSource;
    const restricted = await restrictedChange(this.ctx, stack, stack.source, replace, leaving);
    if (restricted) {
      // the resource keeps its status; only an event says why
      const text = restrictedText(restricted.action);
      await this.ctx.recorder.resource(
        stack.id,
        restricted.name,
        restricted.type,
        "UPDATE",
        "FAILED",
        text,
        {},
        {
          eventOnly: true,
        },
      );
      const failure = resourceFailureText(restricted.name, text, "ResourceActionRestricted");
      const reason = `Resource UPDATE failed: ${failure}`;
      await this.failed(stack, action, { ok: false, reason }, leaving, signal);
      return;
    }
    const outcome = await this.timed(stack, signal, (s) =>
      this.run(stack, { source: stack.source, mode: "normal", signal: s, namedBy: leaving && [leaving], replace }),
    );
    if (superseded(signal)) {
      if (!outcome.ok && outcome.reason.startsWith("Resource ")) await this.pastFailure(stack, action, outcome.reason);
      return;
    }
    if (await this.keptCancelled(stack, stopReasonOf(signal))) return;
    if (outcome.ok) {
      await this.complete(stack, action);
      return;
    }
    await this.failed(stack, action, outcome, leaving, signal);
  }

  /** The stack is recorded DELETE_IN_PROGRESS; deletes its resources and the stack (soft: kept with deletedAt). */
  async delete(stack: StackRecord, signal: AbortSignal): Promise<void> {
    const outcome = await this.timed(stack, signal, (s) =>
      this.run(stack, {
        source: stack.source,
        mode: "destroy",
        signal: s,
        namedBy: stack.previousSource && [stack.previousSource],
      }),
    );
    if (!outcome.ok) {
      const reason = outcome.stopped?.kind === "timeout" ? TIMED_OUT : outcome.reason;
      await this.ctx.recorder.stack(stack, "DELETE", "FAILED", reason);
      return;
    }
    await this.ctx.recorder.stack(stack, "DELETE", "COMPLETE", completedText("DELETE"), {
      deletedAt: this.ctx.recorder.time(),
      outputs: [],
    });
    rmSync(stackDataDir(this.ctx, stack.id), { recursive: true, force: true });
  }

  /**
   * Rolls back: to `target` (the source before a failed update), or to nothing (a failed create: what was made is
   * deleted). ROLLBACK_IN_PROGRESS → ROLLBACK_COMPLETE (or ROLLBACK_FAILED with the reason).
   */
  async rollback(stack: StackRecord, target: StackSource | undefined, signal: AbortSignal): Promise<void> {
    await this.ctx.recorder.stack(stack, "ROLLBACK", "IN_PROGRESS", startedText("ROLLBACK"));
    const outcome = await this.timed(stack, signal, (s) =>
      target
        ? this.run(stack, { source: target, mode: "normal", signal: s, namedBy: [stack.source] })
        : this.run(stack, { source: stack.source, mode: "destroy", signal: s }),
    );
    if (!outcome.ok) {
      const kind = outcome.stopped?.kind;
      const reason =
        kind === "timeout"
          ? TIMED_OUT
          : kind === "shutdown"
            ? engineDownText("ROLLBACK")
            : kind !== undefined
              ? cancelledText("ROLLBACK")
              : outcome.reason;
      await this.ctx.recorder.stack(stack, "ROLLBACK", "FAILED", reason);
      return;
    }
    // the rollback of a create leaves Heat's stack an empty template: no environment, files or parameters
    const source = target ?? rolledBackCreateSource(stack.source);
    await this.ctx.recorder.stack(stack, "ROLLBACK", "COMPLETE", completedText("ROLLBACK"), {
      source,
      outputs: target ? await computeOutputs(this.ctx, stack, source) : [],
      ...(!target && {
        description: templateDescription(source.template),
        environment: mergedEnvironment(source),
      }),
    });
  }

  /** An event of the stack for an action already taken over (the stack's status is the new action's). */
  private async pastFailure(stack: StackRecord, action: HeatAction, reason: string): Promise<void> {
    await this.ctx.store.addEvent({
      stackId: stack.id,
      resourceName: stack.name,
      physicalResourceId: stack.id,
      resourceType: STACK_EVENT_TYPE,
      action,
      status: "FAILED",
      reason,
      time: this.ctx.recorder.time(),
    });
  }

  /** cancel_without_rollback recorded the stack FAILED when asked: only its outputs are brought up to date. */
  private async keptCancelled(stack: StackRecord, stopped: { kind: string } | undefined): Promise<boolean> {
    if (stopped?.kind !== "cancel") return false;
    await this.ctx.store.updateStack(stack.id, { outputs: await computeOutputs(this.ctx, stack, stack.source) });
    return true;
  }

  private afterCancel(stackId: string): AbortSignal {
    return this.opts.renewSignal(stackId);
  }

  /** One run of the stack; a create Heat retries (stacks/create-retry.ts) is retried. */
  private run(stack: StackRecord, req: RunRequest): Promise<RunOutcome> {
    const once = (r: RunRequest) => runStack(this.ctx, stack, r);
    return req.mode === "normal" ? runWithCreateRetries(this.ctx, once, req, this.opts.createRetry) : once(req);
  }

  private async complete(stack: StackRecord, action: HeatAction): Promise<void> {
    await this.ctx.recorder.stack(stack, action, "COMPLETE", completedText(action), {
      outputs: await computeOutputs(this.ctx, stack, stack.source),
    });
  }

  /** After a failed (or stopped) action: FAILED with the reason, then the rollback Heat would start. */
  private async failed(
    stack: StackRecord,
    action: HeatAction,
    outcome: Extract<RunOutcome, { ok: false }>,
    target: StackSource | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    const stopped = outcome.stopped;
    const rec = this.ctx.recorder;
    const outputs = await computeOutputs(this.ctx, stack, stack.source);
    if (stopped?.kind === "cancel-rollback") {
      // cancel_update: convergence goes straight to the rollback (which a later stop, a delete, ends too)
      await this.rollback(stack, target, this.afterCancel(stack.id));
      return;
    }
    if (stopped?.kind === "cancel") {
      await this.keptCancelled(stack, stopped);
      return;
    }
    if (stopped?.kind === "delete") {
      await rec.stack(stack, action, "FAILED", cancelledText(action), { outputs });
      return;
    }
    if (stopped?.kind === "shutdown") {
      await rec.stack(stack, action, "FAILED", engineDownText(action), { outputs });
      return;
    }
    const reason = stopped?.kind === "timeout" ? TIMED_OUT : outcome.reason;
    await rec.stack(stack, action, "FAILED", reason, { outputs });
    if (!stack.disableRollback) await this.rollback(stack, target, signal);
  }

  /** Runs `work` with a signal that also stops when the stack's timeoutMins pass. */
  private async timed(
    stack: StackRecord,
    signal: AbortSignal,
    work: (signal: AbortSignal) => Promise<RunOutcome>,
  ): Promise<RunOutcome> {
    if (!stack.timeoutMins) return work(signal);
    const ctl = new AbortController();
    const forward = () => ctl.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener("abort", forward, { once: true });
    const timer = setTimeout(() => ctl.abort({ kind: "timeout" }), stack.timeoutMins * this.opts.minuteMs);
    try {
      return await work(ctl.signal);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", forward);
    }
  }
}
