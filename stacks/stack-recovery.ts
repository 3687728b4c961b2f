// At start: the stacks a stopped server left IN_PROGRESS are marked FAILED
// as Heat marks them ("Engine went down during stack CREATE"), and their
// resources left IN_PROGRESS too ("Worker went down during resource
// CREATE"): nothing stays IN_PROGRESS with no one working on it, and the
// state lock the stopped server held is let go. With replicas sharing a
// store, the same is done to each stack whose holder's lease expired
// (stack-lease-keeper.ts): what the dead replica recorded (the stack's
// state, written after its steps) is kept as it is, and nothing it started
// is run again, so no resource is made twice.

import { engineDownText, workerDownText } from "./stack-lifecycle.js";
import type { StackRecorder } from "./stack-recorder.js";
import type { StackRecord } from "./stack-records.js";
import type { StackStore } from "./stack-store.js";

export async function recoverInterruptedStacks(store: StackStore, recorder: StackRecorder): Promise<StackRecord[]> {
  const stacks = await store.interruptedStacks();
  for (const stack of stacks) await recoverStack(store, recorder, stack);
  return stacks;
}

/** Marks one interrupted stack (and its resources in progress) FAILED and lets go of its state lock. */
export async function recoverStack(store: StackStore, recorder: StackRecorder, stack: StackRecord): Promise<void> {
  // the stopped server's state lock is stale: nobody else works on the stack
  const backend = await store.stateBackend(stack.id);
  const held = await backend.holder?.();
  if (held) await backend.forceUnlock(held.ID);
  for (const r of await store.listResources(stack.id)) {
    if (r.status !== "IN_PROGRESS") continue;
    await recorder.resource(stack.id, r.name, r.type, r.action, "FAILED", workerDownText(r.action));
  }
  await recorder.stack(stack, stack.action, "FAILED", engineDownText(stack.action));
  await store.settleState?.(stack.id);
}
