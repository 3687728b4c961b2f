// Rolling updates: split the members of an update-policy group that change
// into ordered batches (see UpdatePolicy in model.ts), `pauseSeconds` apart;
// and a group created whole, in batches of its `createBatches`.

import type { ResourceChange, RollingBatches } from "./changes.js";
import type { Config } from "./model.js";

/** Annotates changes with their batch and returns the batches of every group that has any. */
export function planRollingBatches(config: Config, changes: ResourceChange[]): RollingBatches[] {
  const groups = new Map<
    string,
    {
      maxBatchSize: number;
      minInService: number;
      pauseSeconds?: number;
      rolling?: boolean;
      createBatches?: { maxBatchSize: number; pauseSeconds: number };
      members: Set<string>;
      changing: Set<string>;
      /** A member that exists already (any change but a create): the group is not created whole. */
      existing: boolean;
    }
  >();
  for (const r of config.resources.values()) {
    if (!r.updatePolicy) continue;
    const g = groups.get(r.updatePolicy.group) ?? {
      ...r.updatePolicy,
      members: new Set<string>(),
      changing: new Set<string>(),
      existing: false,
    };
    g.maxBatchSize = Math.min(g.maxBatchSize, r.updatePolicy.maxBatchSize);
    g.minInService = Math.max(g.minInService, r.updatePolicy.minInService);
    groups.set(r.updatePolicy.group, g);
  }
  if (!groups.size) return [];
  /** A change's member: its instance key, or the member its policy names (a nested stack's resources). */
  const memberOf = new Map<ResourceChange, string>();
  for (const c of changes) {
    const policy = config.resources.get(c.resourceKey)?.updatePolicy;
    const member = policy?.member ?? (c.key === undefined ? undefined : String(c.key));
    if (!policy || member === undefined) continue;
    const g = groups.get(policy.group)!;
    c.rollingGroup = policy.group;
    memberOf.set(c, member);
    g.members.add(member);
    if (c.action === "update" || c.action === "replace") g.changing.add(member);
    if (c.action !== "create") g.existing = true;
  }
  for (const g of groups.values()) if (g.rolling === false) g.changing.clear();
  assignCreateBatches(groups, changes, memberOf);
  // A member created while others change (one taking a lost member's place) takes its turn among them: started
  // beside the first batch, a new ZooKeeper member and a restarted one could elect a leader of their own, apart
  // from the members with the old configuration. When none changes (a first create, a scale-out), creates run at once.
  const changingGroups = new Set([...groups].filter(([, g]) => g.changing.size).map(([group]) => group));
  for (const c of changes)
    if (c.action === "create" && memberOf.has(c) && changingGroups.has(c.rollingGroup ?? ""))
      groups.get(c.rollingGroup!)!.changing.add(memberOf.get(c)!);
  const out: RollingBatches[] = [];
  for (const [group, g] of groups) {
    if (!g.changing.size) continue;
    const batchSize = Math.max(1, Math.min(g.maxBatchSize, g.members.size - g.minInService));
    const keys = [...g.changing].sort(naturalCompare);
    const batches: string[][] = [];
    for (let i = 0; i < keys.length; i += batchSize) batches.push(keys.slice(i, i + batchSize));
    const batchOf = new Map<string, number>();
    batches.forEach((b, i) => b.forEach((k) => batchOf.set(k, i + 1)));
    for (const c of changes) {
      const index = c.rollingGroup === group ? batchOf.get(memberOf.get(c)!) : undefined;
      if (index !== undefined && c.action !== "delete" && c.action !== "noop") {
        c.batch = { group, index, ...(g.pauseSeconds && { pauseSeconds: g.pauseSeconds }) };
      }
    }
    out.push({
      group,
      batchSize,
      minInService: g.minInService,
      members: g.members.size,
      kept: g.members.size - batchSize,
      batches,
    });
  }
  return out;
}

/** A group created whole (no member existed) with createBatches: its creates in batches, in member order. */
function assignCreateBatches(
  groups: Map<string, { createBatches?: { maxBatchSize: number; pauseSeconds: number }; existing: boolean }>,
  changes: ResourceChange[],
  memberOf: Map<ResourceChange, string>,
): void {
  for (const [group, g] of groups) {
    if (!g.createBatches || g.existing) continue;
    const creates = changes.filter((c) => c.rollingGroup === group && c.action === "create");
    const keys = [...new Set(creates.map((c) => memberOf.get(c)!))].sort(naturalCompare);
    const size = g.createBatches.maxBatchSize;
    const pause = g.createBatches.pauseSeconds;
    for (const c of creates) {
      const index = Math.floor(keys.indexOf(memberOf.get(c)!) / size) + 1;
      c.batch = { group: `${group} create`, index, ...(pause && { pauseSeconds: pause }) };
    }
  }
}

/** "agent-2" before "agent-10". */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
