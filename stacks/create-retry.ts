// Heat's action_retry_limit (heat.conf, default 5): a resource whose create fails because its object went to an
// error state (ResourceInError; here: an OS::Heat::Stack whose stack failed, remote_stack.py) is deleted and created
// again, up to the limit (so up to 6 creates), with a pause of 2^n seconds plus up to 2 seconds of jitter before the
// n-th new create; when the last fails, the resource fails with the first failure (resource.py create,
// timeutils.retry_backoff_delay). Other failures are not retried. Events: CREATE_FAILED with the failure, then
// DELETE_IN_PROGRESS, DELETE_COMPLETE, CREATE_IN_PROGRESS … for each attempt.
// Not as Heat: the new stack keeps the id of the one deleted (Heat makes a new stack); several failing
// OS::Heat::Stack resources of one run are retried together, counted as one; a failure of another kind in the same
// run fails the stack at once, without retries.

import type { RetryableCreate } from "./nested-stack-tracker.js";
import type { RunOutcome, RunRequest } from "./stack-apply.js";
import { STATE_CHANGED } from "./stack-recorder.js";
import type { StackServiceContext } from "./stack-workspace.js";

export interface CreateRetrySettings {
  /** How many times a failed create is retried (Heat's action_retry_limit; 0: never). */
  limit: number;
  /** The pause before the n-th retry (n from 1), in milliseconds. */
  pauseMs: (attempt: number) => number;
}

/** Heat's defaults: 5 retries, 2^n s plus a random 0–2 s before the n-th. */
export const HEAT_CREATE_RETRY: CreateRetrySettings = {
  limit: 5,
  pauseMs: (attempt) => (2 ** attempt + Math.random() * 2) * 1000,
};

/** Runs `req`; a run whose failures are all retryable creates deletes those stacks and runs again (see above). */
export async function runWithCreateRetries(
  ctx: StackServiceContext,
  run: (req: RunRequest) => Promise<RunOutcome>,
  req: RunRequest,
  settings: CreateRetrySettings,
): Promise<RunOutcome> {
  let first: RunOutcome | undefined;
  for (let attempt = 1; ; attempt++) {
    const outcome = await run(req);
    if (outcome.ok) return outcome;
    first ??= outcome;
    const retry = outcome.retryable;
    if (!retry || outcome.stopped || req.mode !== "normal" || attempt > settings.limit)
      return keepFirst(first, outcome);
    const targets = retry.flatMap((r) => [r.stack.prefix.replace(/\.$/, ""), r.stack.providerKey]);
    const deleted = await run({ ...req, mode: "destroy", targets, replace: [] });
    if (!deleted.ok) return keepFirst(first, deleted);
    // a stack with nothing left to delete: its resource still goes through the delete, as Heat's does
    for (const r of retry) await deletedWithoutWork(ctx, r);
    if (!(await pause(settings.pauseMs(attempt), req.signal))) return keepFirst(first, outcome);
  }
}

/** The first failure's reason, the last run's stop (and no retry left). */
function keepFirst(first: RunOutcome, last: RunOutcome): RunOutcome {
  if (first.ok || last.ok) return last;
  return { ok: false, reason: first.reason, ...(last.stopped && { stopped: last.stopped }) };
}

async function deletedWithoutWork(ctx: StackServiceContext, r: RetryableCreate): Promise<void> {
  const record = await ctx.store.getResource(r.parentId, r.name);
  if (!record || (record.action === "DELETE" && record.status === "COMPLETE")) return;
  await ctx.recorder.resource(r.parentId, r.name, r.type, "DELETE", "IN_PROGRESS", STATE_CHANGED);
  await ctx.recorder.resource(r.parentId, r.name, r.type, "DELETE", "COMPLETE", STATE_CHANGED);
  const stack = await ctx.store.getStack(r.stack.id);
  if (stack && !stack.deletedAt)
    await ctx.recorder.stack(stack, "DELETE", "COMPLETE", "Stack DELETE completed successfully", {
      deletedAt: ctx.recorder.time(),
      outputs: [],
    });
}

/** Waits `ms`; false when `signal` stops the work first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", stop);
      resolve(ok);
    };
    const stop = () => done(false);
    const timer = setTimeout(() => done(true), Math.max(0, ms));
    signal.addEventListener("abort", stop, { once: true });
  });
}
