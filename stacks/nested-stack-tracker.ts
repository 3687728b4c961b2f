// During one engine run of a stack: the statuses and events of its nested stacks and of the provider resources
// that stand for them (stacks/nested-stacks.ts), as Heat shows them. A nested stack starts (its record made or
// reused, "Stack ACTION started", the provider resource ACTION_IN_PROGRESS) when the first of its resources is
// acted on or its provider resource is; it completes with its provider resource (a delete: once the run is over,
// as the nested stack's resources go after the resource that stands for them); a failure of a resource in it fails
// the nested stack and every provider resource above it, with Heat's path of names
// ("resources.victim.resources.oops: …").

import type { Config } from "../planner/model.js";
import type { ApplyEvent } from "../planner/apply-report.js";
import { type DeposedRef, instanceAddressOf } from "../planner/deposed-ref.js";
import type { State } from "../planner/state.js";
import type { HeatResourceNames } from "./heat-resource-names.js";
import {
  ensureNestedStack,
  nestedCompletedText,
  nestedStartedText,
  type NestedStackInfo,
  type NestedStackMap,
} from "./nested-stacks.js";
import { STATE_CHANGED } from "./stack-recorder.js";
import type { HeatAction, StackOutputRecord, StackRecord } from "./stack-records.js";
import type { StackServiceContext } from "./stack-workspace.js";
import { isAddedOutput, OUTPUT_ERROR_OUTPUT } from "../templates/hot/provider-template.js";

/** An OS::Heat::Stack whose create failed, to be retried: its stack, and its resource's stack, name and type. */
export interface RetryableCreate {
  stack: NestedStackInfo;
  parentId: string;
  name: string;
  type: string;
}

export class NestedStackTracker {
  /** Nested stack id → the action it is in during this run. */
  private readonly entered = new Map<string, HeatAction>();
  private readonly finished = new Set<string>();
  private readonly failed = new Set<string>();
  /** Provider keys the plan deletes. */
  private readonly deleting = new Set<string>();
  /** Groups' stacks of members made by batch_create in this run (Heat creates them empty, then updates per batch). */
  private readonly batchCreated = new Set<string>();
  /** The action a nested stack itself is in when it differs from its provider resource's (UPDATE of a batch). */
  private readonly stackAction = new Map<string, HeatAction>();

  constructor(
    private readonly ctx: StackServiceContext,
    private readonly top: StackRecord,
    private readonly names: HeatResourceNames,
    private readonly nested: NestedStackMap,
    private readonly config: Config | undefined,
    private readonly mode: "normal" | "destroy",
    private readonly readState: () => State,
    /** Adopting: a nested stack made in this run is ADOPT_*, as its parent. */
    private readonly opts: { adopting?: boolean } = {},
  ) {}

  /** The stack an address's resource is in. */
  stackIdOf(address: string): string {
    return this.nested.of(address)?.id ?? this.top.id;
  }

  planned(changes: { address: string; action: string; deposed?: DeposedRef }[]): void {
    for (const c of changes)
      if (c.action === "delete" && this.nested.ofProvider(instanceAddressOf(c))) this.deleting.add(c.address);
  }

  /** A group the configuration no longer has: its members' stack is deleted. */
  private groupGone(info: NestedStackInfo): boolean {
    return info.group === true && this.config !== undefined && !this.config.resources.has(info.providerKey);
  }

  private parentOf(info: NestedStackInfo): { id: string; info?: NestedStackInfo } {
    const up = info.parentPrefix ? this.nested.byStackPrefix(info.parentPrefix) : undefined;
    return { id: up?.id ?? this.top.id, info: up };
  }

  /**
   * The nested stack another one replaces in this run (a chain's whose concurrent or resource_properties changed,
   * templates/hot/resource-chain.ts): `info` is the new one, the result the one it replaces; or undefined.
   */
  private replacedBy(info: NestedStackInfo): NestedStackInfo | undefined {
    return this.nested.all().find((old) => old !== info && this.replacementOf(old) === info);
  }

  /** The nested stack that replaces `info` in this run (another of the same resource name), or undefined. */
  private replacementOf(info: NestedStackInfo): NestedStackInfo | undefined {
    const config = this.config;
    if (!config || info.group || config.resources.has(info.providerKey)) return undefined;
    const { name } = this.names.of(info.providerKey);
    return this.nested
      .all()
      .find(
        (n) =>
          n !== info &&
          !n.group &&
          n.parentPrefix === info.parentPrefix &&
          config.resources.has(n.providerKey) &&
          this.names.of(n.providerKey).name === name,
      );
  }

  /** The nested stack (and those above it) starts its action in this run, once. */
  async starts(info: NestedStackInfo, action?: HeatAction): Promise<void> {
    if (this.entered.has(info.id)) return;
    const parent = this.parentOf(info);
    if (parent.info) await this.starts(parent.info, action);
    const existing = await this.ctx.store.getStack(info.id);
    const live = existing !== undefined && existing.deletedAt === undefined;
    // a group's stack is updated when some of its members go (count down, removal policies), deleted only with it
    const act: HeatAction =
      (info.group ? undefined : action) ??
      (this.mode === "destroy" || this.deleting.has(info.providerKey) || this.groupGone(info)
        ? "DELETE"
        : live
          ? "UPDATE"
          : this.opts.adopting
            ? "ADOPT"
            : "CREATE");
    this.entered.set(info.id, act);
    const parentRecord = (await this.ctx.store.getStack(parent.id)) ?? this.top;
    const record = await ensureNestedStack(this.ctx, parentRecord, info);
    await this.ctx.recorder.stack(record, act, "IN_PROGRESS", nestedStartedText(act));
    if (act === "CREATE" && this.batchCreated.has(info.id)) {
      // made empty, then its first batch is an update
      await this.ctx.recorder.stack(record, act, "COMPLETE", nestedCompletedText(act));
      await this.ctx.recorder.stack(record, "UPDATE", "IN_PROGRESS", nestedStartedText("UPDATE"));
      this.stackAction.set(info.id, "UPDATE");
    }
    const { name, type } = this.names.of(info.providerKey);
    // a replaced nested stack's resource is told once the run is over (completes), after its replacement's create
    if (this.replacementOf(info)) return;
    if (act === "CREATE" && this.replacedBy(info)) {
      // Heat tries the update first; what the resource cannot update makes it a replacement
      const rec = this.ctx.recorder;
      await rec.resource(parent.id, name, type, "UPDATE", "IN_PROGRESS", STATE_CHANGED);
      await rec.resource(parent.id, name, type, "UPDATE", "COMPLETE", `The Resource ${name} requires replacement.`);
    }
    await this.ctx.recorder.resource(parent.id, name, type, act, "IN_PROGRESS", STATE_CHANGED, {
      physicalId: info.id,
      // the type as the template now names it (an alias mapped to the same template is updated, not replaced)
      ...(act !== "DELETE" && { type }),
      ...(!info.detached && { nestedStackId: info.id }),
    });
    if (act === "CREATE" || act === "ADOPT")
      for (const r of this.config?.resources.values() ?? []) {
        if (this.nested.of(r.key)?.id !== info.id) continue;
        const n = this.names.of(r.key);
        await this.ctx.recorder.initResource(info.id, n.name, n.type);
      }
  }

  /**
   * The member of a group of provider templates that a batched resource belongs to: the nested stack (named as its
   * update policy's member) whose parent is the group's stack of members, the outermost such; or undefined.
   */
  batchMember(address: string, key: string): NestedStackInfo | undefined {
    const member = this.config?.resources.get(key)?.updatePolicy?.member;
    let found: NestedStackInfo | undefined;
    const start = this.nested.ofProvider(address) ?? this.nested.of(address);
    for (let info = start; info; info = this.parentOf(info).info)
      if (this.parentOf(info).info?.groupMembers && this.names.of(info.providerKey).name === member) found = info;
    return found;
  }

  /**
   * A member made by an earlier batch of a batch_create is updated with the group's stack when the next batch is
   * added, as Heat adds each batch by updating the group's nested stack: the member and every nested stack in it go
   * UPDATE_IN_PROGRESS → UPDATE_COMPLETE (their plain resources are left alone, as Heat leaves them).
   */
  async updatedWithNextBatch(member: NestedStackInfo): Promise<void> {
    const inside = this.nested
      .all()
      .filter((i) => i.prefix.startsWith(member.prefix) && !i.detached)
      .sort((a, b) => a.prefix.length - b.prefix.length);
    const told: { info: NestedStackInfo; record: StackRecord }[] = [];
    for (const info of inside) {
      const record = await this.ctx.store.getStack(info.id);
      if (!record || record.deletedAt || record.status !== "COMPLETE") continue;
      const { name, type } = this.names.of(info.providerKey);
      await this.ctx.recorder.stack(record, "UPDATE", "IN_PROGRESS", nestedStartedText("UPDATE"));
      await this.ctx.recorder.resource(this.parentOf(info).id, name, type, "UPDATE", "IN_PROGRESS", STATE_CHANGED, {
        physicalId: info.id,
      });
      told.push({ info, record });
    }
    for (const { info, record } of told.reverse()) {
      const { name, type } = this.names.of(info.providerKey);
      await this.ctx.recorder.stack(record, "UPDATE", "COMPLETE", nestedCompletedText("UPDATE"));
      await this.ctx.recorder.resource(this.parentOf(info).id, name, type, "UPDATE", "COMPLETE", STATE_CHANGED, {
        physicalId: info.id,
      });
    }
  }

  /** A group's stack of members will be made by batch_create in this run (before it starts). */
  batchCreates(info: NestedStackInfo): void {
    this.batchCreated.add(info.id);
  }

  /** The next batch of a batch_create begins: the group's stack of members ends one update and begins another. */
  async nextBatch(info: NestedStackInfo): Promise<void> {
    if (this.stackAction.get(info.id) !== "UPDATE" || this.failed.has(info.id)) return;
    const record = await this.ctx.store.getStack(info.id);
    if (!record) return;
    await this.ctx.recorder.stack(record, "UPDATE", "COMPLETE", nestedCompletedText("UPDATE"));
    await this.ctx.recorder.stack(record, "UPDATE", "IN_PROGRESS", nestedStartedText("UPDATE"));
  }

  /** An event of a provider resource (the heat_nested_stack standing for a nested stack). */
  async providerEvent(info: NestedStackInfo, e: ApplyEvent): Promise<void> {
    if (e.kind === "start") {
      await this.starts(info, e.action === "delete" ? "DELETE" : undefined);
      return;
    }
    if (e.kind === "complete") {
      const act = this.entered.get(info.id);
      if (act === undefined || act === "DELETE") return; // a delete completes once the run is over
      await this.completes(info, act);
      return;
    }
    if (e.kind === "error") {
      const act = this.entered.get(info.id) ?? "UPDATE";
      const { name, type } = this.names.of(info.providerKey);
      await this.ctx.recorder.resource(
        this.parentOf(info).id,
        name,
        type,
        act,
        "FAILED",
        `${e.errorType ?? "Error"}: resources.${name}: ${e.error}`,
      );
    }
  }

  private async completes(info: NestedStackInfo, act: HeatAction): Promise<void> {
    if (this.finished.has(info.id) || this.failed.has(info.id)) return;
    this.finished.add(info.id);
    const record = await this.ctx.store.getStack(info.id);
    const { name, type } = this.names.of(info.providerKey);
    const parentId = this.parentOf(info).id;
    if (record) {
      const fields =
        act === "DELETE"
          ? { deletedAt: this.ctx.recorder.time(), outputs: [] }
          : { outputs: this.outputsOf(info.providerKey) };
      const own = this.stackAction.get(info.id) ?? act;
      await this.ctx.recorder.stack(record, own, "COMPLETE", nestedCompletedText(own), fields);
    }
    if (act === "DELETE" && this.replacementOf(info)) {
      // the replaced one: events of its resource only, whose record is its replacement's
      for (const status of ["IN_PROGRESS", "COMPLETE"] as const)
        await this.ctx.recorder.resource(
          parentId,
          name,
          type,
          act,
          status,
          STATE_CHANGED,
          {},
          {
            eventOnly: true,
            eventPhysicalId: info.id,
          },
        );
      return;
    }
    await this.ctx.recorder.resource(parentId, name, type, act, "COMPLETE", STATE_CHANGED, {
      ...(act !== "DELETE" && { physicalId: info.id }),
    });
  }

  private outputsOf(providerKey: string): StackOutputRecord[] {
    let outputs: unknown;
    try {
      outputs = this.readState().instances.get(providerKey)?.attributes.outputs;
    } catch {
      return [];
    }
    if (!outputs || typeof outputs !== "object" || Array.isArray(outputs)) return [];
    const all = outputs as Record<string, unknown>;
    return Object.entries(all)
      .filter(([k]) => !isAddedOutput(k))
      .map(([key, value]) => {
        const failed = all[`${OUTPUT_ERROR_OUTPUT}${key}`];
        return typeof failed === "string" ? { key, value: null, error: failed } : { key, value };
      });
  }

  /**
   * Heat's name of a resource seen from a stack: "oops" in its own, "victim.resources.oops" from the stack above
   * (`from`: the prefix of the stack it is seen from).
   */
  pathName(address: string, from = ""): string {
    const parts: string[] = [this.names.of(address).name];
    let info = this.nested.of(address);
    while (info && info.prefix !== from) {
      parts.unshift(this.names.of(info.providerKey).name);
      if (info.parentPrefix === from) break;
      info = this.nested.byStackPrefix(info.parentPrefix);
    }
    return parts.join(".resources.");
  }

  /**
   * Heat's text of a resource's failure as a stack sees it (`from`: its prefix): "ValueError: resources.victim
   * .resources.oops: …" through nested stacks; through an OS::Heat::Stack's stack (its own, told through the API)
   * "ResourceInError: resources.inner: Went to status CREATE_FAILED due to "Resource CREATE failed: …"".
   */
  failureText(address: string, action: HeatAction, error: string, errorType: string, from = ""): string {
    // the path of names: its first name, and the rest (a group's member as "group.resources[N]", as Heat has it)
    let head = this.names.of(address).name;
    let rest = "";
    let text = error;
    let type = errorType;
    let info = this.nested.of(address);
    while (info && info.prefix !== from) {
      const provider = this.names.of(info.providerKey).name;
      if (info.detached) {
        const act = this.entered.get(info.id) ?? action;
        const inner = `${type}: resources.${head}${rest}: ${text}`;
        text = `Went to status ${act}_FAILED due to "Resource ${act} failed: ${inner}"`;
        type = "ResourceInError";
        rest = "";
      } else rest = info.group || info.groupMembers ? `.resources[${head}]${rest}` : `.resources.${head}${rest}`;
      head = provider;
      if (info.parentPrefix === from) break;
      info = this.nested.byStackPrefix(info.parentPrefix);
    }
    return `${type}: resources.${head}${rest}: ${text}`;
  }

  /** A resource in a nested stack failed: the nested stacks above it and their provider resources fail. */
  async fails(address: string, action: HeatAction, error: string, errorType: string): Promise<void> {
    let info = this.nested.of(address);
    while (info) {
      if (!this.failed.has(info.id)) {
        this.failed.add(info.id);
        const act = this.entered.get(info.id) ?? action;
        const record = await this.ctx.store.getStack(info.id);
        const inside = this.failureText(address, action, error, errorType, info.prefix);
        const own = this.stackAction.get(info.id) ?? act;
        if (record) await this.ctx.recorder.stack(record, own, "FAILED", `Resource ${action} failed: ${inside}`);
        const parent = this.parentOf(info);
        const { name, type } = this.names.of(info.providerKey);
        const seen = this.failureText(address, action, error, errorType, info.parentPrefix);
        await this.ctx.recorder.resource(parent.id, name, type, act, "FAILED", seen);
      }
      info = info.parentPrefix ? this.nested.byStackPrefix(info.parentPrefix) : undefined;
    }
  }

  /**
   * The stacks of OS::Heat::Stack resources being created in which the failures at `addresses` happened (the
   * outermost such stack of each), or undefined when one of the failures is not in one.
   */
  retryableCreates(addresses: string[]): RetryableCreate[] | undefined {
    const out = new Map<string, RetryableCreate>();
    for (const address of addresses) {
      let outermost: NestedStackInfo | undefined;
      if (this.nested.ofProvider(address)) return undefined;
      for (let info = this.nested.of(address); info; info = this.parentOf(info).info)
        if (info.detached) outermost = info;
      if (!outermost || this.entered.get(outermost.id) !== "CREATE") return undefined;
      out.set(outermost.id, {
        stack: outermost,
        parentId: this.parentOf(outermost).id,
        ...this.names.of(outermost.providerKey),
      });
    }
    return out.size ? [...out.values()] : undefined;
  }

  /** The run is over: nested stacks still in progress complete (innermost first), unless it stopped or failed. */
  async finish(ok: boolean): Promise<void> {
    // Heat updates a group's stack with every update of its parent, and makes or deletes it empty: a group whose
    // members had nothing to do starts (and completes) here
    if (ok) for (const info of this.nested.all()) if (info.group && !this.entered.has(info.id)) await this.starts(info);
    const started = [...this.entered.keys()]
      .map((id) => this.nested.all().find((i) => i.id === id))
      .filter((i): i is NestedStackInfo => i !== undefined)
      .sort((a, b) => b.prefix.length - a.prefix.length);
    for (const info of started) {
      const act = this.entered.get(info.id)!;
      if (!ok && act !== "DELETE") continue;
      if (!ok && act === "DELETE" && !this.deletedAll(info)) continue;
      await this.completes(info, act);
    }
  }

  /** Whether nothing of the nested stack is left in state. */
  private deletedAll(info: NestedStackInfo): boolean {
    try {
      for (const a of this.readState().instances.keys()) if (a.startsWith(info.prefix)) return false;
      return true;
    } catch {
      return false;
    }
  }
}
