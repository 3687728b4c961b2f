// Heat's check of a ResourceGroup's update policy against the stack's timeout: when the pauses between the batches
// of a batch_create (a group being created) or of a rolling_update (a group whose members change) add up to the
// stack's timeout or more, the group fails at once, before any member is touched, with "The current update policy
// will result in stack update timeout." (a ValueError in Heat 19's resource_group.py). A stack without a timeout has
// Heat's default, stack_action_timeout: 60 minutes.

import type { ResourceChange } from "../planner/changes.js";
import type { Config } from "../planner/model.js";
import type { NestedStackMap } from "./nested-stacks.js";

export const UPDATE_POLICY_TIMEOUT_TEXT = "The current update policy will result in stack update timeout.";

/** Heat's stack_action_timeout, the timeout of a stack created without one. */
export const HEAT_DEFAULT_TIMEOUT_MINS = 60;

/** A group whose pauses reach its stack's timeout: its resource key, and whether it is being created or updated. */
export interface PolicyTimeoutFailure {
  groupKey: string;
  action: "CREATE" | "UPDATE";
}

/**
 * The groups of the plan whose batches would wait `pause × (batches − 1)` seconds or more, as long as their
 * stack's timeout or longer (a nested stack's timeout is its parent's, an OS::Heat::Stack's its own).
 */
export function policyTimeoutFailures(
  config: Config,
  changes: ResourceChange[],
  nested: NestedStackMap,
  stackTimeoutMins: number | undefined,
): PolicyTimeoutFailure[] {
  const batches = new Map<string, { count: number; pause: number; key: string }>();
  for (const c of changes) {
    if (!c.batch?.pauseSeconds) continue;
    const seen = batches.get(c.batch.group);
    const count = Math.max(seen?.count ?? 0, c.batch.index);
    batches.set(c.batch.group, { count, pause: c.batch.pauseSeconds, key: seen?.key ?? c.resourceKey });
  }
  const out: PolicyTimeoutFailure[] = [];
  const failed = new Set<string>();
  for (const [group, b] of batches) {
    const groupKey = groupKeyOf(config, nested, b.key);
    if (groupKey === undefined || failed.has(groupKey)) continue;
    const timeoutSecs = 60 * (timeoutOf(nested, groupKey) ?? stackTimeoutMins ?? HEAT_DEFAULT_TIMEOUT_MINS);
    if (b.pause * Math.max(b.count - 1, 0) < timeoutSecs) continue;
    failed.add(groupKey);
    out.push({ groupKey, action: group.endsWith(" create") ? "CREATE" : "UPDATE" });
  }
  return out;
}

/**
 * The group resource a batched member resource belongs to: the resource itself when it is a group's members, else
 * the innermost group of provider-template members around it.
 */
function groupKeyOf(config: Config, nested: NestedStackMap, key: string): string | undefined {
  if (config.resources.get(key)?.source?.group) return key;
  for (let info = nested.of(key); info; info = nested.byStackPrefix(info.parentPrefix))
    if (info.groupMembers) return info.providerKey;
  return undefined;
}

/** The timeout of the stack a resource is in when it has one of its own (an OS::Heat::Stack's, around it). */
function timeoutOf(nested: NestedStackMap, key: string): number | undefined {
  for (let info = nested.of(key); info; info = nested.byStackPrefix(info.parentPrefix))
    if (info.detached) return info.timeoutMins ?? HEAT_DEFAULT_TIMEOUT_MINS;
  return undefined;
}
