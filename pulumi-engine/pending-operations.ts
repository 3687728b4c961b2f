// Pulumi's pending operations: a provider call (create, update, delete) that has started and not finished is recorded
// as pending while it runs, so that a run stopped in the middle (killed, a second Ctrl-C) leaves a record of what it
// may have half done. The next run reports them as Pulumi does, before anything else, and they are then forgotten
// (Pulumi keeps only the operations of the running deployment). gantry keeps them in its state on the root stack
// resource's record (attribute `pendingOperations`), so every state backend keeps them as they keep any record.

import type { InstanceState } from "../planner/state.js";
import { ROOT_STACK_TYPE } from "./urn.js";

export type PendingOperationType = "creating" | "updating" | "deleting";

export interface PendingOperation {
  urn: string;
  type: PendingOperationType;
}

/** Where the operations are kept on the root stack resource's record. */
const ATTRIBUTE = "pendingOperations";

/** The pending operations recorded in a state (on its root stack resource's record). */
export function recordedPendingOperations(instances: Iterable<InstanceState>): PendingOperation[] {
  for (const i of instances) {
    if (i.type !== ROOT_STACK_TYPE) continue;
    const ops = (i.attributes as Record<string, unknown>)[ATTRIBUTE];
    return Array.isArray(ops) ? (ops as unknown as PendingOperation[]) : [];
  }
  return [];
}

/** The root stack resource's record with `ops` as its pending operations (none: the attribute is left out). */
export function withPendingOperations(root: InstanceState, ops: readonly PendingOperation[]): InstanceState {
  const { [ATTRIBUTE]: _, ...rest } = root.attributes as Record<string, unknown>;
  const attributes = ops.length ? { ...rest, [ATTRIBUTE]: ops.map((o) => ({ ...o })) } : rest;
  return { ...root, attributes: attributes as InstanceState["attributes"] };
}

/** Pulumi's warning about the operations an earlier run left pending (pkg/resource/deploy/deployment_executor.go). */
export function pendingOperationsWarning(ops: readonly PendingOperation[]): string {
  return (
    `Attempting to deploy or update resources with ${ops.length} pending operations from previous deployment.\n` +
    ops.map((o) => `  * ${o.urn}, interrupted while ${o.type}\n`).join("") +
    "These resources are in an unknown state because the update was interrupted while waiting for changes to " +
    "these resources to complete. You should confirm whether or not the operations listed completed successfully " +
    "by checking the state of the appropriate provider.\n\n" +
    "Once you have confirmed the status of the interrupted operations, you can repair your stack using " +
    "`gantry pulumi refresh` which will refresh the state from the provider you are using and clear the pending " +
    "operations if there are any."
  );
}
