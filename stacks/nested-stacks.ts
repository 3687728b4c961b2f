// A stack's nested stacks (provider template resources, templates/hot/provider-template.ts) as stacks of their
// own. In the config model a nested stack is a module instance (`module.<resource>.`) beside a `heat_nested_stack`
// resource that stands for it in its parent; here each is a stack record (its own id and name, `parentId`), whose
// resources are the module's, with its own statuses and events, and the provider resource's status follows the
// nested stack's: IN_PROGRESS when the nested stack starts, FAILED when a resource in it fails, COMPLETE when the
// nested stack completes (after its last resource, for a delete).

import { parse as parseYaml } from "yaml";
import type { Config } from "../planner/model.js";
import type { HeatAction, StackRecord } from "./stack-records.js";
import type { StackServiceContext } from "./stack-workspace.js";

/** The model type of a nested stack's resource in its parent (templates/hot/provider-template.ts). */
export const NESTED_STACK_MODEL_TYPE = "heat_nested_stack";

export interface NestedStackInfo {
  /** The nested stack's id and name. */
  id: string;
  name: string;
  /** Its template's name in the files map. */
  template: string;
  /** The address prefix of its resources ("module.a.", "module.a.module.b."). */
  prefix: string;
  /** The key of the provider resource ("heat_nested_stack.a", "module.a.heat_nested_stack.b"). */
  providerKey: string;
  /** The prefix of the stack the provider resource is in ("" for the top stack). */
  parentPrefix: string;
  /** An OS::Heat::Stack's stack: a stack of its own, without a parent (templates/hot/remote-stack.ts). */
  detached?: boolean;
  /** Its template's text when it is not in the files map (OS::Heat::Stack). */
  templateBody?: string;
  /** Its own timeout (OS::Heat::Stack). */
  timeoutMins?: number;
  /**
   * The stack of a group's members (OS::Heat::ResourceGroup): the provider key is the group's own resource, whose
   * instances are the members; the prefix is that key and "[" (the members' addresses).
   */
  group?: boolean;
  /** The stack of a group's members that are provider templates (each member a nested stack of its own). */
  groupMembers?: boolean;
}

const literal = (config: Config, key: string, prop: string): string | undefined => {
  const e = config.resources.get(key)?.properties[prop]?.value;
  return e?.k === "lit" && typeof e.v === "string" ? e.v : undefined;
};

const literalValue = (config: Config, key: string, prop: string): unknown => {
  const e = config.resources.get(key)?.properties[prop]?.value;
  return e?.k === "lit" ? e.v : undefined;
};

/** The nested stacks of configurations (flat, modules expanded), by address prefix. */
export class NestedStackMap {
  private readonly byPrefix = new Map<string, NestedStackInfo>();

  add(config: Config | undefined): this {
    for (const r of config?.resources.values() ?? []) {
      const group = r.source?.group;
      if (group) {
        const parentPrefix = r.key.slice(0, r.key.length - `${r.type}.${r.name}`.length);
        const prefix = `${r.key}[`;
        this.byPrefix.set(prefix, {
          id: group.stackId,
          name: group.stackName,
          template: "",
          prefix,
          providerKey: r.key,
          parentPrefix,
          group: true,
        });
        continue;
      }
      if (r.type !== NESTED_STACK_MODEL_TYPE) continue;
      const id = literal(config!, r.key, "stack_id");
      const name = literal(config!, r.key, "stack_name");
      if (id === undefined || name === undefined) continue;
      const parentPrefix = r.key.slice(0, r.key.length - `${r.type}.${r.name}`.length);
      const prefix = `${parentPrefix}module.${r.name}.`;
      const body = literal(config!, r.key, "template_body");
      const timeout = literalValue(config!, r.key, "timeout_mins");
      this.byPrefix.set(prefix, {
        id,
        name,
        template: literal(config!, r.key, "template") ?? "",
        prefix,
        providerKey: r.key,
        parentPrefix,
        ...(literalValue(config!, r.key, "detached") === true && { detached: true }),
        ...(literalValue(config!, r.key, "group") === true && { groupMembers: true }),
        ...(body !== undefined && { templateBody: body }),
        ...(typeof timeout === "number" && { timeoutMins: timeout }),
      });
    }
    return this;
  }

  get size(): number {
    return this.byPrefix.size;
  }

  all(): NestedStackInfo[] {
    return [...this.byPrefix.values()];
  }

  /** The nested stack an address belongs to (the innermost), undefined for the top stack's own. */
  of(address: string): NestedStackInfo | undefined {
    let best: NestedStackInfo | undefined;
    for (const [prefix, info] of this.byPrefix)
      if (address.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = info;
    return best;
  }

  /**
   * The nested stack whose provider resource is the instance at `address`, if it is one (a group's members are not).
   * For a deposed object, its instance's address (planner/deposed-ref.ts instanceAddressOf).
   */
  ofProvider(address: string): NestedStackInfo | undefined {
    for (const info of this.byPrefix.values()) if (info.providerKey === address && !info.group) return info;
    return undefined;
  }

  /** The info of a prefix's stack ("" → undefined: the top stack). */
  byStackPrefix(prefix: string): NestedStackInfo | undefined {
    return this.byPrefix.get(prefix);
  }
}

/** The nested stack's record: found, or made (CREATE, IN_PROGRESS) under its parent. */
export async function ensureNestedStack(
  ctx: StackServiceContext,
  parent: StackRecord,
  info: NestedStackInfo,
): Promise<StackRecord> {
  const known = await ctx.store.getStack(info.id);
  if (known && !known.deletedAt) return known;
  let template: Record<string, unknown> = {};
  try {
    const text = info.templateBody ?? parent.source.files[info.template];
    const parsed = text === undefined ? undefined : (parseYaml(text) as unknown);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) template = parsed as Record<string, unknown>;
  } catch {
    /* the template was read by the front end already: shown as {} when it cannot be parsed here */
  }
  const record: StackRecord = {
    id: info.id,
    name: info.name,
    tenant: parent.tenant,
    ...(!info.detached && { parentId: parent.id }),
    action: "CREATE",
    status: "IN_PROGRESS",
    statusReason: "Stack CREATE started",
    description: templateDescriptionOrEmpty(template),
    tags: [],
    disableRollback: true,
    ...(info.detached
      ? info.timeoutMins !== undefined && { timeoutMins: info.timeoutMins }
      : parent.timeoutMins !== undefined && { timeoutMins: parent.timeoutMins }),
    source: { template, environments: [], files: parent.source.files, parameters: {} },
    environment: {},
    outputs: [],
    createdAt: ctx.recorder.time(),
  };
  if (known) await ctx.store.updateStack(info.id, { ...record, deletedAt: undefined });
  else await ctx.store.insertStack(record);
  return record;
}

/** Heat's words for a stack action's start and end. */
export const nestedStartedText = (action: HeatAction) => `Stack ${action} started`;
export const nestedCompletedText = (action: HeatAction) => `Stack ${action} completed successfully`;

/** A nested template's description: HOT's `description` or a CloudFormation-compatible template's `Description`. */
function templateDescriptionOrEmpty(template: Record<string, unknown>): string {
  const d = template.description ?? template.Description;
  return typeof d === "string" ? d : "";
}
