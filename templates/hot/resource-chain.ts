// OS::Heat::ResourceChain, read: its members ("0", "1", … in the order of `resources`, each of its own type), every
// one given the chain's resource_properties, each depending on the one before it unless the chain is `concurrent`.
// As Heat does, the members are a nested stack of their own (member-stack.ts makes its template), so a member may
// be a provider template. Facts from Heat 19's resource_chain.py: properties resources (list of type names,
// update allowed), concurrent (default false) and resource_properties (map, default {}); the chain's attributes are
// its members' as a ResourceGroup's are (refs, refs_map, attributes, resource.N[.attr], any other attribute as the
// list of the members'). concurrent and resource_properties cannot be updated (Heat replaces the chain: a new
// nested stack with new members, the old one deleted): chainGeneration names their values, and the chain's nested
// stack (its id, its module) is another one for other values.

import { createHash } from "node:crypto";
import { containsUnknown } from "../../contract/values.js";
import { evaluateConstant } from "../../planner/constant-expression.js";
import type { Expr } from "../../planner/expressions/ast.js";
import type { RawNode } from "../raw-config.js";
import type { HotResource } from "./hot-template.js";
import { checkedProperties, type GroupContext, staticValue } from "./resource-group.js";

export const RESOURCE_CHAIN_TYPE = "OS::Heat::ResourceChain";

const CHAIN_PROPERTIES = ["resources", "concurrent", "resource_properties"];

/** One member of a chain. */
export interface ChainMember {
  /** Heat's name of the member in the chain's nested stack: "0", "1", … */
  name: string;
  heatType: string;
}

export interface ResourceChain {
  members: ChainMember[];
  concurrent: boolean;
  /** resource_properties, one node per property (every member gets them). */
  properties: Map<string, RawNode>;
}

/** The chain `r` is, or undefined (reported). */
export function readResourceChain(r: HotResource, ctx: GroupContext): ResourceChain | undefined {
  const bag = ctx.bag;
  const propsNode = r.node.child("properties");
  const checked = checkedProperties(r, propsNode, CHAIN_PROPERTIES, bag);
  if (!checked) return undefined;
  const p = checked.properties;
  let ok = checked.ok;

  const resourcesNode = propsNode.child("resources");
  if (p.resources === undefined || p.resources === null) {
    bag.error(`Property error: resources.${r.heatName}.properties: Property resources not assigned`, propsNode.origin);
    return undefined;
  }
  const types = staticValue(resourcesNode, ctx, [], "ResourceChain");
  if (types === undefined) return undefined;
  if (!Array.isArray(types) || types.some((t) => typeof t !== "string")) {
    bag.error(
      `Property error: resources.${r.heatName}.properties.resources: Value must be a list of strings`,
      resourcesNode.origin,
    );
    return undefined;
  }
  const concurrentNode = propsNode.child("concurrent");
  const concurrent = staticValue(concurrentNode, ctx, false, "ResourceChain");
  if (concurrent === undefined) ok = false;
  else if (typeof concurrent !== "boolean" && !["true", "false"].includes(String(concurrent).toLowerCase())) {
    bag.error(
      `Property error: resources.${r.heatName}.properties.concurrent: Unrecognized value ` +
        `"${String(concurrent)}", acceptable values are: true, false`,
      concurrentNode.origin,
    );
    ok = false;
  }

  const members: ChainMember[] = [];
  for (const [i, t] of (types as string[]).entries()) {
    const heatType = t.trim();
    const member = ctx.memberModelType(r.heatName, heatType, resourcesNode.origin);
    if (!member) {
      ok = false;
      continue;
    }
    members.push({ name: String(i), heatType });
  }

  const properties = new Map<string, RawNode>();
  const propNode = propsNode.child("resource_properties");
  if (isMap(propNode.value)) {
    for (const k of Object.keys(propNode.value)) properties.set(k, propNode.child(k));
  } else if (propNode.value !== undefined && propNode.value !== null) {
    bag.error(
      `Property error: resources.${r.heatName}.properties.resource_properties: Value must be a map`,
      propNode.origin,
    );
    ok = false;
  }
  if (!ok) return undefined;
  return { members, concurrent: concurrent === true || String(concurrent).toLowerCase() === "true", properties };
}

/**
 * What a chain cannot update, as a short name ("" when both are as by default: the chain's first nested stack keeps
 * the name it has without them): concurrent, and resource_properties where known when the template is read (a
 * value known only at run time counts by its expression).
 */
export function chainGeneration(concurrent: boolean, properties: Map<string, { expr: Expr }>): string {
  if (!concurrent && properties.size === 0) return "";
  const props: Record<string, unknown> = {};
  for (const [k, p] of [...properties].sort(([a], [b]) => (a < b ? -1 : 1))) {
    try {
      const v = evaluateConstant(p.expr);
      props[k] = containsUnknown(v) ? p.expr : v;
    } catch {
      props[k] = p.expr;
    }
  }
  const text = JSON.stringify({ concurrent, props });
  return `g${createHash("sha256").update(text).digest("hex").slice(0, 8)}`;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
