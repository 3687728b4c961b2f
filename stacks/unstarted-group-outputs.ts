// Outputs that read a group never started or never made. Heat resolves
// `get_attr` of a resource still in its INIT action (never started: what it
// depends on failed) to null, whatever the attribute: for a ResourceGroup or
// ResourceChain that is null where gantry's members (one per count) would give
// one null each, and a member past the count (`resource.5`) is null, not
// "Member '5' not found" (Heat 19, recorded in test/heat-scenarios:
// resource_group_unstarted). A group that failed before making any member
// (a batch_create past the stack's timeout) gives such a member as null too
// (update_policy_timeout). Only an output whose value is that `get_attr` itself
// is known to be null here.

import { RESOURCE_CHAIN_TYPE } from "../templates/hot/resource-chain.js";
import { RESOURCE_GROUP_TYPE } from "../templates/hot/resource-group.js";
import type { ResourceRecord } from "./stack-records.js";
import type { StackStore } from "./stack-store.js";

const GROUP_TYPES = new Set([RESOURCE_GROUP_TYPE, RESOURCE_CHAIN_TYPE]);

/** The resource and attribute an output's value reads with get_attr (or Fn::GetAtt), when that is the whole value. */
function attributeRead(value: unknown): { owner: string; attribute: unknown } | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || (keys[0] !== "get_attr" && keys[0] !== "Fn::GetAtt")) return undefined;
  const args = (value as Record<string, unknown>)[keys[0]!];
  return Array.isArray(args) && typeof args[0] === "string" ? { owner: args[0], attribute: args[1] } : undefined;
}

/** The keys of the declared outputs that Heat gives as null without an error, as above. */
export async function outputsOfUnmadeGroups(
  store: Pick<StackStore, "listResources">,
  declared: Record<string, unknown> | undefined,
  resources: ResourceRecord[],
): Promise<Set<string>> {
  const out = new Set<string>();
  const groups = resources.filter((r) => GROUP_TYPES.has(r.type));
  if (!declared || groups.length === 0) return out;
  const unstarted = new Set(groups.filter((r) => r.action === "INIT").map((r) => r.name));
  const memberless = new Set<string>();
  for (const g of groups) {
    if (unstarted.has(g.name) || g.status !== "FAILED") continue;
    if (!g.nestedStackId || (await store.listResources(g.nestedStackId)).length === 0) memberless.add(g.name);
  }
  for (const [key, def] of Object.entries(declared)) {
    if (typeof def !== "object" || def === null) continue;
    const d = def as Record<string, unknown>;
    const read = attributeRead(d.value ?? d.Value);
    if (!read) continue;
    const member = typeof read.attribute === "string" && read.attribute.startsWith("resource.");
    if (unstarted.has(read.owner) || (member && memberless.has(read.owner))) out.add(key);
  }
  return out;
}
