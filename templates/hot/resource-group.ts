// OS::Heat::ResourceGroup in the model: its members are one resource of the
// member type, for_each over the members' names as Heat names them ("0",
// "1", …: the first `count` numbers that removal_policies has not removed),
// with the index variable (`%index%`, or `index_var`) in the resource_def's
// properties replaced by the member's name. The group's attributes
// (get_attr on it) are made of its members': refs, refs_map, resource.N,
// resource.N.attr, attributes, removed_rsrc_list, and any other attribute
// as the list of the members' values.
//
// As Heat does: a name once removed is not reused. Heat remembers removed
// names in the group's data across updates; here they are the ones the
// template's removal_policies names (given as names, not physical ids).

import type { DiagnosticBag, Origin } from "../../contract/diagnostics.js";
import { referenceAttributeOf } from "../../contract/heat-reference-attributes.js";
import type { Value } from "../../contract/values.js";
import { evaluateConstant } from "../../planner/constant-expression.js";
import type { Expr, Step } from "../../planner/expressions/ast.js";
import type { RawNode } from "../raw-config.js";
import { ComposedNode, LeafNode } from "./composed-node.js";
import type { HotResource } from "./hot-template.js";
import { noneAttributeRef, resourceRef } from "./resource-names.js";
import { compileIntrinsics, type IntrinsicContext } from "./intrinsic-functions.js";

export const RESOURCE_GROUP_TYPE = "OS::Heat::ResourceGroup";

const GROUP_PROPERTIES = ["count", "index_var", "resource_def", "removal_policies", "removal_policies_mode"];
const RESOURCE_DEF_KEYS = ["type", "properties", "metadata"];

export interface ResourceGroup {
  memberModelType: string;
  /** The members' type as resource_def names it (shown by the Heat API). */
  memberHeatType: string;
  /** The members are OS::Heat::None (after the registry): their attributes are null. */
  memberNone: boolean;
  /** The members' names in Heat's order. */
  names: string[];
  /** Names removal_policies removes. */
  removed: string[];
  /** The members' properties (compiled, the index variable replaced). */
  memberProperties: Map<string, RawNode>;
  /** The members' names as a map (name → name) for the member resource's for_each. */
  forEach: RawNode;
  /** The members are provider templates: each a nested stack, in the group's nested stack (member-stack.ts). */
  memberTemplate: boolean;
  /** The index variable, replaced by the member's name in its properties. */
  indexVar: string;
  /** rolling_update as the model's update_policy: the members of the group, in batches. */
  updatePolicy?: RawNode;
}

/** A member type after the registry: its model type, OS::Heat::None, or a provider template (a nested stack). */
export interface MemberKind {
  modelType: string;
  none: boolean;
  template?: boolean;
}

/** What the group needs of the template compiler. */
export interface GroupContext extends IntrinsicContext {
  memberModelType(groupName: string, heatType: string, at: Origin): MemberKind | undefined;
  precompiled(node: RawNode, e: Expr): RawNode;
}

/**
 * A group's or chain's `properties`: a map (else reported, undefined) whose keys are all `known` (`ok` false when
 * one is not, reported).
 */
export function checkedProperties(
  r: HotResource,
  propsNode: RawNode,
  known: readonly string[],
  bag: DiagnosticBag,
): { properties: Record<string, unknown>; ok: boolean } | undefined {
  const props = propsNode.value;
  if (props !== undefined && props !== null && !isMap(props)) {
    bag.error(`Resource ${r.heatName} properties type must be object`, propsNode.origin);
    return undefined;
  }
  const properties = (props ?? {}) as Record<string, unknown>;
  let ok = true;
  for (const k of Object.keys(properties))
    if (!known.includes(k)) {
      bag.error(`Property error: resources.${r.heatName}.properties: Unknown Property ${k}`, propsNode.child(k).origin);
      ok = false;
    }
  return { properties, ok };
}

/** The group `r` is, or undefined (reported). */
export function readResourceGroup(r: HotResource, ctx: GroupContext): ResourceGroup | undefined {
  const bag = ctx.bag;
  const propsNode = r.node.child("properties");
  const checked = checkedProperties(r, propsNode, GROUP_PROPERTIES, bag);
  if (!checked) return undefined;
  const _p = checked.properties;
  let ok = checked.ok;

  const count = staticValue(propsNode.child("count"), ctx, 1);
  if (count === undefined) ok = false;
  else if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
    bag.error(
      `Property error: resources.${r.heatName}.properties.count: ${JSON.stringify(count)} is not an integer >= 0`,
      propsNode.child("count").origin,
    );
    ok = false;
  }
  const indexVar = staticValue(propsNode.child("index_var"), ctx, "%index%");
  if (indexVar === undefined) ok = false;
  else if (typeof indexVar !== "string" || indexVar.length < 3) {
    bag.error(
      `Property error: resources.${r.heatName}.properties.index_var: length (${String(indexVar).length}) is out ` +
        "of range (min: 3, max: None)",
      propsNode.child("index_var").origin,
    );
    ok = false;
  }
  const removed = removedNames(r, propsNode.child("removal_policies"), ctx);
  if (removed === undefined) ok = false;

  const defNode = propsNode.child("resource_def");
  const def = defNode.value;
  if (!isMap(def)) {
    bag.error(
      `Property error: resources.${r.heatName}.properties: Property resource_def not assigned`,
      def === undefined ? propsNode.origin : defNode.origin,
    );
    return undefined;
  }
  for (const k of Object.keys(def))
    if (!RESOURCE_DEF_KEYS.includes(k)) {
      bag.error(
        `Property error: resources.${r.heatName}.properties.resource_def: Unknown Property ${k}`,
        defNode.child(k).origin,
      );
      ok = false;
    }
  const typeNode = defNode.child("type");
  if (typeof typeNode.value !== "string") {
    bag.error(
      `Property error: resources.${r.heatName}.properties.resource_def: Property type not assigned`,
      defNode.origin,
    );
    return undefined;
  }
  const member = ctx.memberModelType(r.heatName, typeNode.value, typeNode.origin);
  if (!member || !ok) return undefined;

  const memberProperties = new Map<string, RawNode>();
  const memberProps = defNode.child("properties");
  if (isMap(memberProps.value) && !member.none && !member.template) {
    const key: Expr = { k: "ref", root: "each", steps: [{ k: "attr", name: "key" }], text: "each.key" };
    for (const k of Object.keys(memberProps.value)) {
      const c = memberProps.child(k);
      memberProperties.set(k, ctx.precompiled(c, withIndex(compileIntrinsics(c, ctx), indexVar as string, key)));
    }
  } else if (memberProps.value !== undefined && memberProps.value !== null && !isMap(memberProps.value)) {
    bag.error(
      `Property error: resources.${r.heatName}.properties.resource_def.properties: Value must be a map`,
      memberProps.origin,
    );
    return undefined;
  }

  const names = memberNames(count as number, new Set(removed));
  const at = propsNode.child("count").origin;
  const forEach = new ComposedNode(at, new Map(names.map((n) => [n, new LeafNode(n, at)])));
  const group: ResourceGroup = {
    memberModelType: member.modelType,
    memberHeatType: typeNode.value,
    memberNone: member.none,
    memberTemplate: member.template === true,
    indexVar: indexVar as string,
    names,
    removed: removed!,
    memberProperties,
    forEach,
  };
  // update_policy's rolling_update and batch_create as the model's update_policy: the members of the group, in
  // batches, pause_time seconds apart
  const rolling = r.node.child("update_policy").child("rolling_update");
  const batchCreate = r.node.child("update_policy").child("batch_create");
  if (isMap(rolling.value) || isMap(batchCreate.value)) {
    const origin = isMap(rolling.value) ? rolling.origin : batchCreate.origin;
    const policy = new Map<string | number, RawNode>([["group", new LeafNode(r.modelName, origin)]]);
    /** Heat's policy schema makes numbers of numbers written as strings ('3'). */
    const numeric = (node: RawNode): RawNode => {
      const text = node.value;
      return typeof text === "string" && /^\s*\d+(\.\d+)?\s*$/.test(text)
        ? new LeafNode(Number(text), node.origin)
        : node;
    };
    if (isMap(rolling.value)) {
      for (const key of ["max_batch_size", "min_in_service", "pause_time"]) {
        if (rolling.value[key] !== undefined) policy.set(key, numeric(rolling.child(key)));
      }
    } else policy.set("rolling", new LeafNode(false, origin));
    if (isMap(batchCreate.value)) {
      const size = batchCreate.child("max_batch_size");
      policy.set("create_batch_size", size.value === undefined ? new LeafNode(1, batchCreate.origin) : numeric(size));
      const pause = batchCreate.child("pause_time");
      if (pause.value !== undefined) policy.set("create_pause_time", numeric(pause));
    }
    group.updatePolicy = new ComposedNode(origin, policy);
  }
  return group;
}

/** Heat's member names: the first `count` of "0", "1", … that are not removed. */
function memberNames(count: number, removed: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) if (!removed.has(String(i))) out.push(String(i));
  return out;
}

function removedNames(r: HotResource, node: RawNode, ctx: GroupContext): string[] | undefined {
  const v = staticValue(node, ctx, []);
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    ctx.bag.error(
      `Property error: resources.${r.heatName}.properties.removal_policies: Value must be a list`,
      node.origin,
    );
    return undefined;
  }
  const out: string[] = [];
  for (const policy of v) {
    const list = isMap(policy) ? policy.resource_list : undefined;
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      ctx.bag.error(
        `Property error: resources.${r.heatName}.properties.removal_policies: resource_list must be a list`,
        node.origin,
      );
      return undefined;
    }
    for (const n of list) out.push(String(n));
  }
  return out;
}

/**
 * A property of a ResourceGroup or ResourceChain (`owner`) that must be known when the template is loaded
 * (parameters only); `dflt` when absent.
 */
export function staticValue(
  node: RawNode,
  ctx: GroupContext,
  dflt: Value,
  owner: "ResourceGroup" | "ResourceChain" | "Stack" = "ResourceGroup",
): Value | undefined {
  if (node.value === undefined || node.value === null) return dflt;
  const errors = ctx.bag.items.length;
  const e = compileIntrinsics(node, ctx);
  if (ctx.bag.items.length > errors) return undefined;
  try {
    return evaluateConstant(e);
  } catch (err) {
    ctx.bag.error(
      `Property error: ${node.origin.path.join(".")}: a ${owner} needs this value from parameters alone ` +
        `(${(err as Error).message})`,
      node.origin,
    );
    return undefined;
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// ---- the index variable ----

/** `e` with every occurrence of `indexVar` in its strings replaced by `key` (Heat replaces it in every string). */
export function withIndex(e: Expr, indexVar: string, key: Expr): Expr {
  const w = (x: Expr): Expr => withIndex(x, indexVar, key);
  switch (e.k) {
    case "lit":
      return litWithIndex(e.v, indexVar, key);
    case "tmpl": {
      const parts: (string | Expr)[] = [];
      for (const p of e.parts) {
        if (typeof p === "string") parts.push(...splitIndex(p, indexVar, key));
        else parts.push(w(p));
      }
      return { k: "tmpl", parts };
    }
    case "list":
      return { k: "list", items: e.items.map(w) };
    case "map":
      return { k: "map", entries: Object.fromEntries(Object.entries(e.entries).map(([k, v]) => [k, w(v)])) };
    case "obj":
      return { k: "obj", entries: e.entries.map(([k, v]) => [w(k), w(v)] as [Expr, Expr]) };
    case "call":
      return { ...e, args: e.args.map(w) };
    case "unary":
      return { ...e, e: w(e.e) };
    case "bin":
      return { ...e, l: w(e.l), r: w(e.r) };
    case "cond":
      return { ...e, c: w(e.c), t: w(e.t), f: w(e.f) };
    case "post":
      return { ...e, e: w(e.e), steps: stepsWithIndex(e.steps, w) };
    case "ref":
      return { ...e, steps: stepsWithIndex(e.steps, w) };
    default:
      return e;
  }
}

function stepsWithIndex(steps: Step[], w: (x: Expr) => Expr): Step[] {
  return steps.map((s) => (s.k === "index" ? { ...s, index: w(s.index) } : s));
}

function litWithIndex(v: Value, indexVar: string, key: Expr): Expr {
  if (typeof v === "string") {
    if (!v.includes(indexVar)) return { k: "lit", v };
    return { k: "tmpl", parts: splitIndex(v, indexVar, key) };
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => litWithIndex(x, indexVar, key));
    return items.every((i) => i.k === "lit") ? { k: "lit", v } : { k: "list", items };
  }
  if (v !== null && typeof v === "object") {
    const entries = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, litWithIndex(x, indexVar, key)]));
    return Object.values(entries).every((i) => i.k === "lit") ? { k: "lit", v } : { k: "map", entries };
  }
  return { k: "lit", v };
}

function splitIndex(s: string, indexVar: string, key: Expr): (string | Expr)[] {
  const pieces = s.split(indexVar);
  const out: (string | Expr)[] = [];
  pieces.forEach((p, i) => {
    if (i > 0) out.push(key);
    if (p) out.push(p);
  });
  return out;
}

// ---- get_attr on the group ----

/** The members of a group or chain as get_attr sees them. */
/** Steps that name the `id` attribute (an OS::Heat::None member's only attribute that is not null). */
export function isIdAttribute(steps: Step[]): boolean {
  return steps[0]?.k === "attr" && steps[0].name === "id";
}

export interface MemberSet {
  /** The members' names in Heat's order. */
  names: string[];
  /** Names removal_policies removed (a group's removed_rsrc_list); a chain has none. */
  removed?: string[];
  /** A reference to member `name` then `steps`. */
  ref(name: string, steps: Step[]): Expr;
  /** The attribute member `name`'s get_resource gives. */
  referenceAttribute(name: string): string;
  /** Member `name`'s get_resource, when it is not an attribute of a model resource (a member in a nested stack). */
  reference?(name: string): Expr;
}

/** A group's members as get_attr sees them. */
export function groupMembers(r: HotResource, g: ResourceGroup): MemberSet {
  return {
    names: g.names,
    removed: g.removed,
    ref: (n, steps) => {
      const at: Step[] = [{ k: "index", index: { k: "lit", v: n } }];
      if (g.memberNone && !isIdAttribute(steps)) return noneAttributeRef(g.memberModelType, r.modelName, at);
      return resourceRef(g.memberModelType, r.modelName, [...at, ...steps]);
    },
    referenceAttribute: () => referenceAttributeOf(g.memberModelType),
  };
}

/** `get_attr: [group, attribute, path...]` (a ResourceGroup or ResourceChain) in the members' terms. */
export function groupAttribute(
  r: HotResource,
  g: MemberSet,
  attribute: Expr | undefined,
  path: Expr[],
  origin: Origin,
  bag: DiagnosticBag,
  /** A value that cannot be computed (an output's error, Heat's output_error). */
  outputError: (text: string) => Expr = () => ({ k: "lit", v: null }),
): Expr {
  if (attribute === undefined || attribute.k !== "lit" || typeof attribute.v !== "string") {
    bag.error(`The Referenced Attribute (${r.heatName}) must be named in the template`, origin);
    return { k: "lit", v: null };
  }
  const key = attribute.v;
  const member = (n: string, steps: Step[]): Expr => g.ref(n, steps);
  // a member's get_resource (Heat's refs are the members' references)
  const ref = (n: string): Expr => g.reference?.(n) ?? g.ref(n, [{ k: "attr", name: g.referenceAttribute(n) }]);
  const pathSteps = (p: Expr[]): Step[] => p.map((index) => ({ k: "index", index }));
  const applied = (e: Expr, p: Expr[]): Expr => (p.length ? { k: "post", e, steps: pathSteps(p) } : e);
  const attrSteps = (name: string, p: Expr[]): Step[] => [{ k: "attr", name }, ...pathSteps(p)];

  if (key === "removed_rsrc_list" && g.removed) return { k: "lit", v: g.removed };
  if (key === "refs") return applied({ k: "list", items: g.names.map(ref) }, path);
  if (key === "refs_map") return { k: "map", entries: Object.fromEntries(g.names.map((n) => [n, ref(n)])) };
  if (key === "attributes") {
    if (path.length === 0 || path[0].k !== "lit" || typeof path[0].v !== "string") {
      bag.error(`The Referenced Attribute (${r.heatName} ${key}) is incorrect.`, origin);
      return { k: "lit", v: null };
    }
    const [first, ...rest] = path;
    return {
      k: "map",
      entries: Object.fromEntries(g.names.map((n) => [n, member(n, attrSteps(first.v as string, rest))])),
    };
  }
  if (key.startsWith("resource.")) {
    const [, name, attr] = splitOnce2(key);
    // Heat resolves a member the group does not have to an output error, not a failed stack; an attribute of one
    // in a group without members is null (Heat's grouputils takes the empty nested stack for none)
    if (!g.names.includes(name)) {
      if (g.names.length === 0 && (attr !== undefined || path.length > 0)) return { k: "lit", v: null };
      return outputError(`Member '${name}' not found in group resource '${r.heatName}'.`);
    }
    // Heat splits "resource.N.attr" and appends the path: [resource.N, attr, …] is member N's attribute too
    if (attr !== undefined) return member(name, attrSteps(attr, path));
    if (path.length === 0) return ref(name);
    const [first, ...rest] = path;
    if (first.k === "lit" && typeof first.v === "string") return member(name, attrSteps(first.v, rest));
    return member(name, pathSteps(path));
  }
  return { k: "list", items: g.names.map((n) => member(n, attrSteps(key, path))) };
}

/** Python's key.split('.', 2). */
function splitOnce2(key: string): string[] {
  const a = key.indexOf(".");
  const b = key.indexOf(".", a + 1);
  return b < 0 ? [key.slice(0, a), key.slice(a + 1)] : [key.slice(0, a), key.slice(a + 1, b), key.slice(b + 1)];
}
