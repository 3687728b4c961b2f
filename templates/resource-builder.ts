// Resources of the raw configuration into the config model: the resource's
// own properties (compiled expressions, checked later against the type's
// schema) and its meta-arguments (count, for_each, depends_on, lifecycle,
// update_policy, provider), the same in every language.
//
// Messages name a resource as it is written ("gantry_noop.a" in Terraform
// JSON, "noop.a" or "gantry_noop.a" in YAML); the model's type and key use
// the full type name ("gantry_noop.a", templates/short-type-names.ts).

import type { Origin } from "../contract/diagnostics.js";
import {
  defaultLifecycle,
  type LifecycleConfig,
  type PropertyConfig,
  type ProvisionerConfig,
  type RefConfig,
  type ResourceConfig,
  type UpdatePolicy,
} from "../planner/model.js";
import { DATA_BLOCK, RESOURCE_BLOCK } from "./block-schemas.js";
import { buildConditions } from "./condition-builder.js";
import { dynamicBlock, dynamicBodies } from "./dynamic-blocks.js";
import { checkBody, ownerSubject, type CheckContext, type CheckedBody } from "./block-check.js";
import {
  compileNode,
  normalizeAddress,
  normalizeAttributeName,
  normalizeTrigger,
  unwrapInterpolation,
} from "./fragment.js";
import type { RawNode } from "./raw-config.js";
import { collectRefs } from "../planner/expressions/ast.js";
import { addressInDialect, typeInDialect } from "./short-type-names.js";
import { resourceKey } from "../planner/addresses.js";

/**
 * The lifecycle of a resource without a lifecycle block, one frozen object shared by all of them (a configuration's
 * resources mostly have none; 100,000 copies were 7 MB held as long as it is): a resource that has a block gets its
 * own (readLifecycle).
 */
const NO_LIFECYCLE_BLOCK: LifecycleConfig = Object.freeze(defaultLifecycle());

export function buildResource(
  typeAsWritten: string,
  name: string,
  body: RawNode,
  ctx: CheckContext,
  mode?: "data",
): ResourceConfig | undefined {
  const type = typeInDialect(typeAsWritten, ctx.dialect);
  const owner = mode === "data" ? `data ${typeAsWritten}.${name}` : `resource ${typeAsWritten}.${name}`;
  const subject = ownerSubject(owner);
  const properties: Record<string, PropertyConfig> = {};
  const res: ResourceConfig = {
    type,
    name,
    key: resourceKey(type, name, mode === "data"),
    properties,
    dependsOn: [],
    lifecycle: NO_LIFECYCLE_BLOCK,
    origin: body.origin,
  };
  if (mode) res.mode = mode;
  let connection: Record<string, PropertyConfig> | undefined;
  const dynamics: [string, PropertyConfig][] = [];
  const checked = checkBody(body, mode === "data" ? DATA_BLOCK : RESOURCE_BLOCK, subject, ctx, (f) => {
    if (!f.valid) return;
    const what = subject.of([f.name]);
    if (f.rule === undefined) {
      if (f.name === "__proto__") ctx.bag.error(`invalid property name ${what}`, f.node.origin);
      else properties[f.name] = property(f.node, what, ctx);
      return;
    }
    switch (f.name) {
      case "count":
        res.count = property(f.node, what, ctx);
        break;
      case "for_each":
        res.forEach = property(f.node, what, ctx);
        if (ctx.dialect.forEachMapOrSet) res.forEachMapOrSet = true;
        break;
      case "depends_on":
        res.dependsOn = refs(f.node, normalizeAddress, ctx);
        break;
      case "lifecycle":
        if (res.lifecycle === NO_LIFECYCLE_BLOCK) res.lifecycle = defaultLifecycle();
        for (const b of f.bodies) readLifecycle(b, res.lifecycle, owner, ctx);
        break;
      case "dynamic":
        for (const [block, node] of dynamicBodies(f.node)) {
          const e = dynamicBlock(block, node, owner, ctx);
          if (e) dynamics.push([block, { value: e, origin: node.origin }]);
        }
        break;
      case "update_policy":
        for (const b of f.bodies) res.updatePolicy = readUpdatePolicy(b);
        break;
      case "provisioner":
        res.provisioners = f.bodies.map((b) => buildProvisioner(b, subject.of([]), ctx));
        break;
      case "connection":
        connection = buildConnection(f.bodies, `connection of ${subject.of([])}`, ctx);
        break;
    }
  });
  for (const p of res.provisioners ?? []) mergeConnection(p, connection, subject.of([]), ctx);
  // static blocks of a dynamic block's name come first, as Terraform's do
  for (const [block, d] of dynamics) {
    const stat = properties[block]?.value;
    properties[block] = stat ? { value: { k: "call", fn: "concat", args: [stat, d.value] }, origin: d.origin } : d;
  }
  return checked ? res : undefined;
}

/** The arguments of a connection block (one at most), compiled. */
function buildConnection(
  bodies: readonly CheckedBody[],
  what: string,
  ctx: CheckContext,
): Record<string, PropertyConfig> | undefined {
  if (bodies.length > 1)
    ctx.bag.error(`duplicate connection block in ${what.replace(/^connection of /, "")}`, bodies[1]!.node.origin);
  const body = bodies[0];
  if (!body) return undefined;
  const out: Record<string, PropertyConfig> = {};
  for (const f of body.fields) if (f.valid) out[f.name] = property(f.node, `"${f.name}" in ${what}`, ctx);
  return out;
}

/** Provisioners that run over a connection: they need one, with a host, in their own block or the resource's. */
const NEEDS_CONNECTION = new Set(["remote-exec", "file"]);

/**
 * The provisioner's connection: the resource's, each argument overridden by the provisioner's own (Terraform merges
 * the two blocks that way). remote-exec and file need one with a host.
 */
function mergeConnection(
  p: ProvisionerConfig,
  resourceConnection: Record<string, PropertyConfig> | undefined,
  owner: string,
  ctx: CheckContext,
): void {
  if (resourceConnection === undefined && p.connection === undefined) {
    if (NEEDS_CONNECTION.has(p.type))
      ctx.bag.error(
        `provisioner "${p.type}" of ${owner} has no connection`,
        p.origin,
        `Write a connection block (host, user, private_key, ...) in the provisioner or in the resource.`,
      );
    return;
  }
  p.connection = { ...resourceConnection, ...p.connection };
  if (NEEDS_CONNECTION.has(p.type) && !p.connection.host)
    ctx.bag.error(`the connection of provisioner "${p.type}" of ${owner} has no "host"`, p.origin);
  if (p.when === "destroy") checkDestroyTimeReferences(Object.values(p.connection), ctx);
}

function property(node: RawNode, what: string, ctx: CheckContext): PropertyConfig {
  const origin: Origin = node.origin;
  return { value: compileNode(node, what, ctx), origin };
}

/** A checked provisioner body: its arguments compiled, `when` and `on_failure` read. */
function buildProvisioner(body: CheckedBody, owner: string, ctx: CheckContext): ProvisionerConfig {
  const type = body.label!;
  const p: ProvisionerConfig = { type, when: "create", onFailure: "fail", properties: {}, origin: body.node.origin };
  for (const f of body.fields) {
    if (!f.valid) continue;
    if (f.name === "when") p.when = unwrapInterpolation(f.node.value as string) as ProvisionerConfig["when"];
    else if (f.name === "on_failure")
      p.onFailure = unwrapInterpolation(f.node.value as string) as ProvisionerConfig["onFailure"];
    else if (f.name === "connection")
      p.connection = buildConnection(f.bodies, `connection of provisioner "${type}" of ${owner}`, ctx);
    else p.properties[f.name] = property(f.node, `"${f.name}" in provisioner "${type}" of ${owner}`, ctx);
  }
  if (p.when === "destroy") checkDestroyTimeReferences(Object.values(p.properties), ctx);
  return p;
}

function checkDestroyTimeReferences(props: PropertyConfig[], ctx: CheckContext): void {
  for (const prop of props)
    if (collectRefs(prop.value).some((r) => !destroyTimeReference(r.root, r.steps[0])))
      ctx.bag.error(
        "Invalid reference from destroy provisioner",
        prop.origin,
        "Destroy-time provisioners and their connection configurations may only reference attributes of the " +
          "related resource, via 'self', 'count.index', or 'each.key'. References to other resources during the " +
          "destroy phase can cause dependency cycles and interact poorly with create_before_destroy.",
      );
}

/** What a destroy-time provisioner may refer to (Terraform's rule): self, path, terraform, count.index, each.key. */
function destroyTimeReference(root: string, first: { k: string; name?: string } | undefined): boolean {
  if (root === "self" || root === "path" || root === "terraform") return true;
  const name = first?.k === "attr" ? first.name : undefined;
  return (root === "count" && name === "index") || (root === "each" && name === "key");
}

/** References of a checked list (every entry normalizes), with full type names. */
export function refs(node: RawNode, normalize: (s: string) => string | undefined, ctx: CheckContext): RefConfig[] {
  return (node.value as string[]).map((s, i) => ({
    ref: addressInDialect(normalize(s)!, ctx.dialect),
    origin: node.child(i).origin,
  }));
}

function readLifecycle(body: CheckedBody, lc: LifecycleConfig, owner: string, ctx: CheckContext): void {
  for (const f of body.fields) {
    if (!f.valid) continue;
    const v = f.node.value;
    switch (f.name) {
      case "create_before_destroy":
        lc.createBeforeDestroy = v as boolean;
        break;
      case "prevent_destroy":
        lc.preventDestroy = v as boolean;
        break;
      case "ignore_changes":
        lc.ignoreChanges =
          typeof v === "string"
            ? unwrapInterpolation(v) === "all"
              ? "all"
              : []
            : (v as string[]).map(normalizeAttributeName);
        break;
      case "replace_triggered_by":
        lc.replaceTriggeredBy = refs(f.node, normalizeTrigger, ctx);
        break;
      case "precondition":
        lc.preconditions = [...lc.preconditions, ...buildConditions(f.bodies, `a precondition of ${owner}`, ctx)];
        break;
      case "postcondition":
        lc.postconditions = [...lc.postconditions, ...buildConditions(f.bodies, `a postcondition of ${owner}`, ctx)];
        break;
    }
  }
}

function readUpdatePolicy(body: CheckedBody): UpdatePolicy | undefined {
  if (!body.valid) return undefined;
  const v = body.node.value as {
    group: string;
    max_batch_size?: number;
    min_in_service?: number;
    member?: string;
    pause_time?: number;
    rolling?: boolean;
    create_batch_size?: number;
    create_pause_time?: number;
  };
  return {
    group: v.group,
    maxBatchSize: v.max_batch_size ?? 1,
    minInService: v.min_in_service ?? 0,
    ...(v.member !== undefined && { member: v.member }),
    ...(v.pause_time && { pauseSeconds: v.pause_time }),
    ...(v.rolling === false && { rolling: false }),
    ...(v.create_batch_size !== undefined && {
      createBatches: { maxBatchSize: v.create_batch_size, pauseSeconds: v.create_pause_time ?? 0 },
    }),
  };
}
