// One engine run over a stack, told in Heat's words: the engine's apply
// events become resource statuses and events (CREATE_IN_PROGRESS "state
// changed" …), the records are brought in line with the state afterwards
// (physical ids, attributes, requiredBy), and the outcome says whether the
// action succeeded or why it failed ("Resource CREATE failed: …").

import type { Config } from "../planner/model.js";
import type { Plan } from "../planner/plan.js";
import type { ApplyEvent } from "../planner/apply-report.js";
import type { Action, ResourceChange } from "../planner/changes.js";
import { instanceAddressOf } from "../planner/deposed-ref.js";
import type { State } from "../planner/state.js";
import type { EngineEvent } from "../engine/events.js";
import { HeatResourceNames } from "./heat-resource-names.js";
import { StackHeatSignals } from "./handle-signals.js";
import { definitionChanged } from "./resource-definition-change.js";
import { syncSoftwareConfigRecords } from "./software-config-resources.js";
import { NestedStackTracker, type RetryableCreate } from "./nested-stack-tracker.js";
import { NestedStackMap, type NestedStackInfo } from "./nested-stacks.js";
import {
  type PolicyTimeoutFailure,
  policyTimeoutFailures,
  UPDATE_POLICY_TIMEOUT_TEXT,
} from "./update-policy-timeout.js";
import { STATE_CHANGED } from "./stack-recorder.js";
import type { HeatAction, StackRecord, StackSource } from "./stack-records.js";
import { stopReasonOf, stopsRunningWork, type StopReason } from "./stack-work-queue.js";
import {
  type StackIdentity,
  type StackServiceContext,
  stackDataDir,
  readStateNow,
  stackWorkspace,
  withPseudoParameters,
} from "./stack-workspace.js";

export type RunOutcome =
  | { ok: true }
  | {
      ok: false;
      reason: string;
      stopped?: StopReason;
      /**
       * Every failure of the run was a resource failing in the stack of an OS::Heat::Stack being created (Heat's
       * ResourceInError, which Heat retries: stacks/create-retry.ts): those stacks, the outermost of each.
       */
      retryable?: RetryableCreate[];
    };

export interface RunRequest {
  /** The source to converge to (destroy: the source whose resources are destroyed). */
  source: StackSource;
  mode: "normal" | "destroy";
  signal: AbortSignal;
  /** Other sources whose resources may be met (the source being left): for their Heat names. */
  namedBy?: StackSource[];
  /** Resources to replace (failed, or marked unhealthy), of the stack or of its nested stacks. */
  replace?: StackResourceRef[];
  /** Adopting (the source's `adopt` data): the stack's nested stacks are ADOPT_* too. */
  adopting?: boolean;
  /** Only these (module or resource addresses) and what depends on them are acted on (destroy: deleted). */
  targets?: string[];
}

/** A resource by its Heat name in one stack (the stack being run or one of its nested stacks). */
export interface StackResourceRef {
  stackId: string;
  name: string;
}

/** The resource keys of refs: those of each name in its own stack (a nested stack's by its address prefix). */
export function keysOfRefs(
  refs: StackResourceRef[],
  names: HeatResourceNames,
  nested: NestedStackMap,
  stackId: string,
): string[] {
  return refs.flatMap((ref) => names.keysOf(ref.name).filter((k) => (nested.of(k)?.id ?? stackId) === ref.stackId));
}

/**
 * Heat's text of a resource failure ("ValueError: resources.NAME: message"), as its ResourceFailure prints it: the
 * class the type named for its error (contract/resource-type.ts ResourceFailure), else "Error".
 */
export function resourceFailureText(name: string, error: string, errorType = "Error"): string {
  return `${errorType}: resources.${name}: ${error}`;
}

/** Loads a source's configuration, for names; undefined when it does not load. */
export async function loadStackConfig(
  ctx: StackServiceContext,
  stackId: string,
  source: StackSource,
  /** Who the stack is (its pseudo parameters given, as a run gives them): nested stacks' ids derive from it. */
  identity?: StackIdentity,
): Promise<Config | undefined> {
  try {
    // names only: the configuration is loaded without the stack's state
    const files = ctx.sourceFiles(identity ? withPseudoParameters(source, identity) : source);
    const ws = ctx.engine.workspace({ dir: stackDataDir(ctx, stackId), files });
    return (await ctx.engine.validate(ws)).config;
  } catch {
    return undefined;
  }
}

export async function stackNames(
  ctx: StackServiceContext,
  stackId: string,
  sources: StackSource[],
): Promise<HeatResourceNames> {
  const names = new HeatResourceNames();
  for (const s of sources) {
    const config = await loadStackConfig(ctx, stackId, s);
    if (config) names.add(config);
  }
  return names;
}

export async function runStack(ctx: StackServiceContext, stack: StackRecord, req: RunRequest): Promise<RunOutcome> {
  const names = await stackNames(ctx, stack.id, [...(req.namedBy ?? []), req.source]);
  const config = await loadStackConfig(ctx, stack.id, req.source, stack);
  const nested = new NestedStackMap().add(config);
  const namedBy: (Config | undefined)[] = [];
  for (const s of req.namedBy ?? []) {
    const c = await loadStackConfig(ctx, stack.id, s, stack);
    nested.add(c);
    namedBy.push(c);
  }
  const signals = ctx.handleSignals && new StackHeatSignals(ctx, ctx.handleSignals, stack, names, nested);
  const ws = await stackWorkspace(ctx, stack, req.source, signals);
  const tracker = new NestedStackTracker(ctx, stack, names, nested, config, req.mode, () => readStateNow(ws), {
    adopting: req.adopting === true,
  });
  if (req.mode === "normal") {
    for (const r of config?.resources.values() ?? []) {
      // a nested stack's resources appear when it starts
      if (nested.of(r.key)) continue;
      const n = names.of(r.key);
      await ctx.recorder.initResource(stack.id, n.name, n.type);
    }
  }
  const left = namedBy[0];
  const redefined = (name: string) => definitionChanged(left, config, name);
  const translator = new ApplyTranslator(ctx, stack, names, () => readStateNow(ws), nested, tracker, redefined);
  const onEvent = (e: EngineEvent) => {
    if (e.type === "plan") translator.planned(e.plan.changes);
    if (e.type === "resource") translator.push(e.event);
  };
  let failure: string | undefined;
  // a group whose batches would pause past the stack's timeout fails before anything is done, as in Heat
  const approve = async (plan: Plan): Promise<boolean> => {
    if (req.mode !== "normal" || !config) return true;
    const tooLong = policyTimeoutFailures(config, plan.changes, nested, stack.timeoutMins);
    for (const f of tooLong) {
      const text = await failGroupAtOnce(ctx, stack.id, names, nested, tracker, f);
      failure ??= `Resource ${f.action} failed: ${text}`;
    }
    return tooLong.length === 0;
  };
  // a new update stops what runs in nested stacks, as Heat's stop_traversal does (gantry stops the whole run)
  const hardStop = hardStopOf(req.signal, nested.size > 0);
  try {
    const replace = keysOfRefs(req.replace ?? [], names, nested, stack.id);
    const outcome = await ctx.engine.apply(ws, {
      mode: req.mode,
      signal: req.signal,
      cancelSignal: hardStop.signal,
      onEvent,
      approve,
      replace,
      ...(req.targets && { targets: req.targets }),
    });
    if (outcome.status === "applied" && outcome.result.failed.length) failure = translator.firstFailure;
    if (outcome.status !== "applied") failure ??= "cancelled";
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  } finally {
    hardStop.release();
  }
  await translator.done();
  await tracker.finish(failure === undefined && !stopReasonOf(req.signal));
  // a targeted delete (a retried create's) forgets only what it deleted
  await syncResources(ctx, stack.id, names, req.targets ? "normal" : req.mode, () => readStateNow(ws), nested);
  const stopped = stopReasonOf(req.signal);
  if (stopped) return { ok: false, reason: failure ?? "cancelled", stopped };
  if (failure !== undefined) {
    const retryable = tracker.retryableCreates(translator.failedAddresses);
    return { ok: false, reason: failure, ...(retryable && { retryable }) };
  }
  return { ok: true };
}

/** A group failed before its members are touched (update-policy-timeout.ts): its events; Heat's text of it. */
async function failGroupAtOnce(
  ctx: StackServiceContext,
  stackId: string,
  names: HeatResourceNames,
  nested: NestedStackMap,
  tracker: NestedStackTracker,
  f: PolicyTimeoutFailure,
): Promise<string> {
  const around = nested.of(f.groupKey);
  if (around) await tracker.starts(around);
  const { name, type } = names.of(f.groupKey);
  const sid = around?.id ?? stackId;
  const text = tracker.failureText(f.groupKey, f.action, UPDATE_POLICY_TIMEOUT_TEXT, "ValueError");
  const own = resourceFailureText(name, UPDATE_POLICY_TIMEOUT_TEXT, "ValueError");
  await ctx.recorder.resource(sid, name, type, f.action, "IN_PROGRESS", STATE_CHANGED);
  await ctx.recorder.resource(sid, name, type, f.action, "FAILED", own);
  await tracker.fails(f.groupKey, f.action, UPDATE_POLICY_TIMEOUT_TEXT, "ValueError");
  return text;
}

/**
 * A signal that stops running operations too: aborted when `signal` is, for a reason that stops them; `release`
 * stops following `signal` once the run is over (a stack's signal outlives its runs).
 */
function hardStopOf(signal: AbortSignal, supersededStops = false): { signal: AbortSignal; release: () => void } {
  const ctl = new AbortController();
  const check = () => {
    const reason = stopReasonOf(signal);
    if (reason && (stopsRunningWork(reason) || (supersededStops && reason.kind === "superseded"))) ctl.abort(reason);
  };
  if (signal.aborted) check();
  else signal.addEventListener("abort", check, { once: true });
  return { signal: ctl.signal, release: () => signal.removeEventListener("abort", check) };
}

function heatActionOf(action: Action, step?: "create" | "delete"): HeatAction | undefined {
  if (action === "create") return "CREATE";
  if (action === "update") return "UPDATE";
  if (action === "delete") return "DELETE";
  if (action === "replace") return step === "delete" ? "DELETE" : "CREATE";
  return undefined;
}

/** A member of a group of provider templates made by batch_create, and its batch. */
interface BatchMember {
  member: NestedStackInfo;
  index: number;
}

/** The apply events told in Heat's words, and those that end what happens to an object. */
const TOLD = new Set<ApplyEvent["kind"]>(["start", "identified", "complete", "error", "skipped", "cancelled"]);
const FINISHING = new Set<ApplyEvent["kind"]>(["complete", "error", "skipped", "cancelled"]);

/** Turns apply events into resource records and events, in the order they came. */
class ApplyTranslator {
  private chain: Promise<void> = Promise.resolve();
  /** The Heat action each address is in (replacements go CREATE → DELETE or DELETE → CREATE). */
  private readonly phase = new Map<string, HeatAction>();
  /** The physical id a replaced resource had, for the events of its deletion. */
  private readonly oldIds = new Map<string, string>();
  /** Replacements that delete the old object first (their phases are reported; the change's start is not yet). */
  private readonly deleteFirst = new Set<string>();
  /**
   * Replacements a changed property forces: Heat first tries the update, which ends UPDATE_COMPLETE "… requires
   * replacement." (the change of a property that cannot update names the resource; a type's own decision, as
   * OS::Heat::TestResource's update_replace, describes it in full).
   */
  private readonly updateFirst = new Map<string, ResourceChange>();
  /** Per Heat name in its stack (nameKey), the object whose events are told now; the events of the others, held. */
  private readonly owners = new Map<string, string>();
  /** The names with more than one object (a deposed one, or an old type's): their events are told one by one. */
  private readonly serialized = new Set<string>();
  private readonly held = new Map<string, ApplyEvent[]>();
  /** Deletes of the old type's object when a resource's type changed: their physical ids. */
  private readonly typeChanged = new Map<string, string>();
  /** Resources left alone that Heat may update (retyped): the changes they still wait on, by address. */
  private readonly waitingToUpdate = new Map<string, Set<string>>();
  private errors: unknown[] = [];
  private readonly stackId: string;
  firstFailure: string | undefined;
  /** The instances whose change failed (a deposed object's: its instance), in the order they failed. */
  readonly failedAddresses: string[] = [];
  /** The addresses the plan imports (adopt): their creates and updates are Heat's ADOPT. */
  private readonly importing = new Set<string>();
  /** batch_create members of groups of provider templates: the member and batch of each address … */
  private readonly createBatch = new Map<string, BatchMember>();
  /** … each group's members (by its stack of members' prefix), and the batches already begun ("prefix|index"). */
  private readonly batchMembers = new Map<string, Map<string, BatchMember>>();
  private readonly batchesBegun = new Set<string>();
  /** The group's stack of members each batch_create address is made in, and its batch. */
  private readonly batchGroup = new Map<string, { group: NestedStackInfo; index: number }>();

  constructor(
    private readonly ctx: StackServiceContext,
    private readonly stack: StackRecord,
    private readonly names: HeatResourceNames,
    private readonly readState: () => State,
    private readonly nested: NestedStackMap = new NestedStackMap(),
    private readonly tracker?: NestedStackTracker,
    /** Whether a resource of this stack has another definition than before, beside its properties and type. */
    private readonly redefined: (name: string) => boolean = () => false,
  ) {
    this.stackId = stack.id;
  }

  /** The stack (this one or a nested one) an address's resource is in. */
  private sid(address: string): string {
    return this.nested.of(address)?.id ?? this.stackId;
  }

  /** A resource by its Heat name in its stack (objects of one resource share it; members of two stacks do not). */
  private nameKey(address: string): string {
    return `${this.sid(address)}/${this.names.of(address).name}`;
  }

  private async nestedStarts(info: NestedStackInfo, action?: HeatAction): Promise<void> {
    await this.tracker?.starts(info, action);
  }

  private async providerEvent(info: NestedStackInfo, e: ApplyEvent): Promise<void> {
    await this.tracker?.providerEvent(info, e);
  }

  private async nestedFails(address: string, action: HeatAction, error: string, errorType: string): Promise<void> {
    await this.tracker?.fails(address, action, error, errorType);
  }

  planned(changes: ResourceChange[]): void {
    this.tracker?.planned(changes);
    // batch_create of a group of provider templates: each member's batch, by the group's stack of members
    for (const c of changes) {
      if (!c.batch?.group.endsWith(" create") || c.action !== "create") continue;
      const member = this.tracker?.batchMember(c.address, c.resourceKey);
      const around = this.nested.of(c.address);
      const group = member ? this.nested.byStackPrefix(member.parentPrefix) : around?.group ? around : undefined;
      if (group) {
        this.tracker?.batchCreates(group);
        this.batchGroup.set(c.address, { group, index: c.batch.index });
      }
      if (!member) continue;
      this.createBatch.set(c.address, { member, index: c.batch.index });
      const ofGroup = this.batchMembers.get(member.parentPrefix) ?? new Map<string, BatchMember>();
      ofGroup.set(member.id, { member, index: c.batch.index });
      this.batchMembers.set(member.parentPrefix, ofGroup);
    }
    // a changed type: one name, a create (of the new type) and a delete (of the old one); Heat creates first
    const creates = new Map<string, string>();
    for (const c of changes) if (c.action === "create") creates.set(this.nameKey(c.address), c.address);
    for (const c of changes) {
      const name = this.nameKey(instanceAddressOf(c));
      const create = creates.get(name);
      if (c.deposed) this.serialized.add(name);
      if (c.action === "delete" && !c.deposed && create !== undefined) {
        this.serialized.add(name);
        this.owners.set(name, create);
        const id = c.before?.id;
        this.typeChanged.set(c.address, typeof id === "string" ? id : "");
      }
    }
    // a resource left alone is updated (when its type or definition changed) in its turn, as Heat's traversal
    // reaches it: once what it depends on is done (also behind resources left alone), never when that failed
    const changing = new Map<string, string[]>();
    const unchanged = new Map<string, ResourceChange>();
    for (const c of changes) {
      if (c.action !== "noop") changing.set(c.resourceKey, [...(changing.get(c.resourceKey) ?? []), c.address]);
      else if (!c.deposed && !unchanged.has(c.resourceKey)) unchanged.set(c.resourceKey, c);
    }
    const behind = (c: ResourceChange, seen: Set<string>): string[] =>
      c.dependsOn.flatMap((d) => {
        if (seen.has(d)) return [];
        seen.add(d);
        const next = unchanged.get(d);
        return changing.get(d) ?? (next ? behind(next, seen) : []);
      });
    for (const c of changes) {
      if (c.action !== "noop" || c.deposed) continue;
      const deps = behind(c, new Set([c.resourceKey]));
      if (deps.length) this.waitingToUpdate.set(c.address, new Set(deps));
      else this.chain = this.chain.then(() => this.retyped(c.address));
    }
    for (const c of changes) {
      if (!c.importing) continue;
      this.importing.add(c.address);
      // an object taken over as it is: no apply event tells it, the adopt is told here
      if (c.action === "noop") this.chain = this.chain.then(() => this.adopted(c.address, c.before?.id));
    }
    for (const c of changes) {
      if (c.action === "replace" && c.replaceOrder !== "create-before-destroy") this.deleteFirst.add(c.address);
      if (c.action === "replace" && c.reason === "cannot-update") this.updateFirst.set(c.address, c);
    }
  }

  /** A change finished: the resources left alone that waited on it go on (done) or are not reached (it failed). */
  private async dependencyFinished(e: ApplyEvent): Promise<void> {
    if (!FINISHING.has(e.kind) || this.waitingToUpdate.size === 0) return;
    for (const [address, deps] of [...this.waitingToUpdate]) {
      if (!deps.has(e.address)) continue;
      deps.delete(e.address);
      if (e.kind !== "complete") this.waitingToUpdate.delete(address);
      else if (deps.size === 0) {
        this.waitingToUpdate.delete(address);
        await this.retyped(address);
      }
    }
  }

  /**
   * A resource the plan leaves alone whose template type changed (an alias now naming another Heat type of the same
   * kind), or whose definition changed beside its properties (depends_on, metadata …): Heat updates it, in place.
   */
  private async retyped(address: string): Promise<void> {
    const sid = this.sid(address);
    const { name, type } = this.names.of(address);
    const record = await this.ctx.store.getResource(sid, name);
    // one resource of its own (not a part of a composite one, whose parts have other types)
    if (record?.status !== "COMPLETE" || this.names.keysOf(name).length !== 1) return;
    if (record.type === type && !(sid === this.stackId && this.redefined(name))) return;
    const rec = this.ctx.recorder;
    await rec.resource(sid, name, type, "UPDATE", "IN_PROGRESS", STATE_CHANGED, { type });
    await rec.resource(sid, name, type, "UPDATE", "COMPLETE", STATE_CHANGED, { type });
  }

  /** An object taken over unchanged (Heat's adopt): ADOPT_IN_PROGRESS, ADOPT_COMPLETE with its id. */
  private async adopted(address: string, id: unknown): Promise<void> {
    const inNested = this.nested.of(address);
    if (inNested) await this.nestedStarts(inNested);
    const { name, type } = this.names.of(address);
    const sid = this.sid(address);
    const rec = this.ctx.recorder;
    await rec.resource(sid, name, type, "ADOPT", "IN_PROGRESS", STATE_CHANGED);
    await rec.resource(sid, name, type, "ADOPT", "COMPLETE", STATE_CHANGED, {
      ...(typeof id === "string" && { physicalId: id }),
    });
  }

  /** Heat's UpdateReplace text for a replacement a property change forces. */
  private requiresReplacementText(c: ResourceChange, name: string, physicalId: string): string {
    const heat = this.ctx.engine.types.get(c.type)?.heat;
    const byType = heat !== undefined && c.requiresReplace.every((p) => heat.properties[p]?.updateAllowed === true);
    if (!byType || !heat) return `The Resource ${name} requires replacement.`;
    const heatType = this.names.of(c.address).type;
    const className = heat.templateName ?? heatType.split("::").pop() ?? heatType;
    const id = physicalId ? ` [${physicalId}]` : "";
    const stack = `Stack "${this.stack.name}" [${this.stack.id}]`;
    return `The Resource ${className} "${name}"${id} ${stack} requires replacement.`;
  }

  /** The update Heat tries before it replaces (UPDATE_IN_PROGRESS, UPDATE_COMPLETE "… requires replacement."). */
  private async updateBeforeReplace(address: string, name: string, type: string): Promise<void> {
    const change = this.updateFirst.get(address);
    if (!change) return;
    this.updateFirst.delete(address);
    const rec = this.ctx.recorder;
    const sid = this.sid(address);
    const old = (await this.ctx.store.getResource(sid, name))?.physicalId ?? "";
    await rec.resource(sid, name, type, "UPDATE", "IN_PROGRESS", STATE_CHANGED);
    await rec.resource(sid, name, type, "UPDATE", "COMPLETE", this.requiresReplacementText(change, name, old));
  }

  push(e: ApplyEvent): void {
    const instance = instanceAddressOf(e);
    if (e.kind === "error") {
      this.failedAddresses.push(instance);
      const action = this.phase.get(e.address) ?? heatActionOf(e.action) ?? "UPDATE";
      const text = this.tracker
        ? this.tracker.failureText(instance, action, e.error, e.errorType ?? "Error")
        : resourceFailureText(this.names.of(instance).name, e.error, e.errorType);
      this.firstFailure ??= `Resource ${action} failed: ${text}`;
    }
    if (!TOLD.has(e.kind)) return;
    // Heat acts on one object of a name at a time (the new one first, then the old ones): the events of another
    // object of the same name (a deposed one, the old type's) wait until the one being told has finished
    const name = this.nameKey(instance);
    if (!this.serialized.has(name)) {
      this.tell(e);
      return;
    }
    const owner = this.owners.get(name);
    if (owner === undefined) this.owners.set(name, e.address);
    else if (owner !== e.address) {
      this.held.set(name, [...(this.held.get(name) ?? []), e]);
      return;
    }
    this.tell(e);
    if (FINISHING.has(e.kind)) this.release(name);
  }

  private tell(e: ApplyEvent): void {
    this.chain = this.chain
      .then(() => this.handle(e))
      .then(() => this.dependencyFinished(e))
      .catch((err) => void this.errors.push(err));
  }

  /** The told object of `name` finished: the next one's held events are told, up to its own end. */
  private release(name: string): void {
    this.owners.delete(name);
    const held = this.held.get(name) ?? [];
    this.held.delete(name);
    while (held.length) {
      const next = held[0]!.address;
      const mine = held.filter((e) => e.address === next);
      const rest = held.filter((e) => e.address !== next);
      for (const e of mine) this.tell(e);
      held.splice(0, held.length, ...rest);
      if (!mine.some((e) => FINISHING.has(e.kind))) {
        // still running: it is told from now on, the others keep waiting
        this.owners.set(name, next);
        if (held.length) this.held.set(name, held);
        return;
      }
    }
  }

  async done(): Promise<void> {
    for (const held of this.held.values()) for (const e of held) this.tell(e);
    this.held.clear();
    await this.chain;
    if (this.errors.length) throw this.errors[0];
  }

  private physicalIdNow(address: string): string | undefined {
    try {
      const id = this.readState().instances.get(address)?.attributes.id;
      return typeof id === "string" ? id : undefined;
    } catch {
      return undefined;
    }
  }

  /** An event of the object being deleted beside the current one (replaced, deposed, of the old type); no record. */
  private oldObjectEvent(
    sid: string,
    name: string,
    type: string,
    status: "IN_PROGRESS" | "COMPLETE",
    physicalId: string,
  ) {
    return this.ctx.recorder.resource(
      sid,
      name,
      type,
      "DELETE",
      status,
      STATE_CHANGED,
      {},
      {
        eventOnly: true,
        eventPhysicalId: physicalId,
      },
    );
  }

  /** A batch after the first begins: the members of the batches before it are updated with the group's stack. */
  private async batchBegins(address: string): Promise<void> {
    const inGroup = this.batchGroup.get(address);
    if (inGroup && inGroup.index > 1 && this.tracker) {
      const begun = `${inGroup.group.id}#${inGroup.index}`;
      if (!this.batchesBegun.has(begun)) {
        this.batchesBegun.add(begun);
        await this.tracker.nextBatch(inGroup.group);
      }
    }
    const batch = this.createBatch.get(address);
    if (!batch || batch.index < 2 || !this.tracker) return;
    const begun = `${batch.member.parentPrefix}|${batch.index}`;
    if (this.batchesBegun.has(begun)) return;
    this.batchesBegun.add(begun);
    const earlier = [...(this.batchMembers.get(batch.member.parentPrefix)?.values() ?? [])]
      .filter((m) => m.index < batch.index)
      .sort((a, b) => a.index - b.index);
    for (const m of earlier) await this.tracker.updatedWithNextBatch(m.member);
  }

  private async handle(e: ApplyEvent): Promise<void> {
    const rec = this.ctx.recorder;
    if (e.kind === "start") await this.batchBegins(e.address);
    // the instance's address (names, stacks); e.address keys this object's own progress (a deposed one's apart)
    const instance = instanceAddressOf(e);
    const sid = this.sid(instance);
    const inNested = this.nested.of(instance);
    if (inNested && (e.kind === "start" || e.kind === "error" || e.kind === "complete"))
      await this.nestedStarts(inNested, e.action === "delete" ? "DELETE" : undefined);
    const provider = this.nested.ofProvider(instance);
    if (provider) {
      await this.providerEvent(provider, e);
      return;
    }
    const oldTypeId = this.typeChanged.get(e.address);
    if (oldTypeId !== undefined && (e.kind === "start" || e.kind === "complete")) {
      // the old type's object goes; the record is the new one's
      const { name, type } = this.names.of(instance);
      const status = e.kind === "start" ? "IN_PROGRESS" : "COMPLETE";
      await this.oldObjectEvent(sid, name, type, status, oldTypeId);
      return;
    }
    if (e.kind === "start") {
      const { name, type } = this.names.of(instance);
      const action = this.importing.has(e.address) && e.action === "update" ? "ADOPT" : heatActionOf(e.action, e.step);
      if (!action) return;
      // a replacement deleting first starts with its delete phase
      if (e.action === "replace" && e.step === undefined && this.deleteFirst.has(e.address)) return;
      const before = this.phase.get(e.address);
      if (e.deposed) {
        this.phase.set(e.address, "DELETE");
        const old = (await this.ctx.store.getResource(sid, name))?.physicalId ?? "";
        await this.oldObjectEvent(sid, name, type, "IN_PROGRESS", this.oldIds.get(e.address) ?? old);
        return;
      }
      if (before === "CREATE" && action === "DELETE") {
        // create_before_destroy: the new one is made, the old one goes
        const id = this.physicalIdNow(e.address) ?? "";
        await rec.resource(sid, name, type, "CREATE", "COMPLETE", STATE_CHANGED, { physicalId: id });
        await this.oldObjectEvent(sid, name, type, "IN_PROGRESS", this.oldIds.get(e.address) ?? "");
      } else if (before === "DELETE" && action === "CREATE") {
        // destroy before create: the old one is gone, the new one is made
        await this.oldObjectEvent(sid, name, type, "COMPLETE", this.oldIds.get(e.address) ?? "");
        await rec.resource(sid, name, type, "CREATE", "IN_PROGRESS", STATE_CHANGED, { physicalId: "" });
      } else if (e.action === "replace") {
        await this.updateBeforeReplace(e.address, name, type);
        const old = (await this.ctx.store.getResource(sid, name))?.physicalId ?? "";
        this.oldIds.set(e.address, old);
        if (action === "CREATE") {
          await rec.resource(sid, name, type, "CREATE", "IN_PROGRESS", STATE_CHANGED, { physicalId: "" });
        } else {
          await rec.resource(sid, name, type, "DELETE", "IN_PROGRESS", STATE_CHANGED);
        }
      } else {
        // the create of a name whose old object (deleted in this plan) was of another type: the record is the new
        // one's; the other objects under one name (a cluster's expansion) leave the name's type as declared
        const retyped = action === "CREATE" && this.owners.get(this.nameKey(instance)) === e.address;
        await rec.resource(sid, name, type, action, "IN_PROGRESS", STATE_CHANGED, retyped ? { type } : {});
      }
      this.phase.set(e.address, action);
      return;
    }
    if (e.kind === "identified") {
      // the object being made has its id already: the resource shows it while in progress (no event)
      const { name } = this.names.of(instance);
      const record = await this.ctx.store.getResource(sid, name);
      if (record?.status === "IN_PROGRESS" && record.action === "CREATE" && !e.deposed)
        await this.ctx.store.putResource({ ...record, physicalId: e.id });
      return;
    }
    if (e.kind === "complete") {
      const { name, type } = this.names.of(instance);
      const action = this.phase.get(e.address) ?? heatActionOf(e.action);
      if (!action) return;
      const replaced = e.action === "replace" || e.deposed !== undefined;
      if (action === "DELETE" && replaced) {
        await this.oldObjectEvent(sid, name, type, "COMPLETE", this.oldIds.get(e.address) ?? "");
      } else if (action === "DELETE") {
        await rec.resource(sid, name, type, "DELETE", "COMPLETE", STATE_CHANGED);
      } else {
        const id = e.id ?? this.physicalIdNow(e.address);
        // its attributes at once, as Heat shows them while the stack still runs (a handle's curl_cli)
        const attributes = e.attributes;
        await rec.resource(sid, name, type, action, "COMPLETE", STATE_CHANGED, {
          ...(id !== undefined && { physicalId: id }),
          ...(attributes && { attributes }),
        });
      }
      return;
    }
    if (e.kind === "error") {
      const { name, type } = this.names.of(instance);
      const action = this.phase.get(e.address) ?? heatActionOf(e.action) ?? "UPDATE";
      const reason = resourceFailureText(name, e.error, e.errorType);
      await rec.resource(sid, name, type, action, "FAILED", reason);
      if (inNested) await this.nestedFails(instance, action, e.error, e.errorType ?? "Error");
    }
  }
}

/**
 * Brings the resource records in line with the state: physical ids, attributes and requiredBy of what exists;
 * what no longer exists and was deleted (or everything, after a destroy) is forgotten, as Heat purges it. The
 * resources of nested stacks are brought in line in their own stacks.
 */
async function syncResources(
  ctx: StackServiceContext,
  stackId: string,
  names: HeatResourceNames,
  mode: RunRequest["mode"],
  readState: () => State,
  nested: NestedStackMap = new NestedStackMap(),
): Promise<void> {
  let state: State;
  try {
    state = readState();
  } catch {
    return;
  }
  const stackOf = (address: string) => nested.of(address)?.id ?? stackId;
  type Live = { attributes: Record<string, unknown>; dependencies: string[] };
  const live = new Map<string, Map<string, Live>>([[stackId, new Map()]]);
  for (const info of nested.all()) live.set(info.id, new Map());
  for (const inst of state.instances.values()) {
    if (inst.mode === "data") continue;
    const sid = stackOf(inst.address);
    const { name } = names.of(inst.address);
    const dependencies = inst.dependencies.filter((d) => stackOf(d) === sid).map((d) => names.of(d).name);
    live.get(sid)?.set(name, { attributes: inst.attributes, dependencies });
  }
  for (const [sid, own] of live) {
    if (sid !== stackId && !(await ctx.store.getStack(sid))) continue;
    const requiredBy = new Map<string, string[]>();
    for (const [name, l] of own) {
      for (const dep of l.dependencies) {
        const list = requiredBy.get(dep) ?? [];
        if (!list.includes(name)) list.push(name);
        requiredBy.set(dep, list);
      }
    }
    for (const record of await ctx.store.listResources(sid)) {
      const l = own.get(record.name);
      if (!l) {
        const gone = record.action === "DELETE" && record.status === "COMPLETE";
        // after a destroy nothing is left but what failed to delete
        const deleteFailed = record.action === "DELETE" && record.status === "FAILED";
        if (gone || (mode === "destroy" && !deleteFailed)) await ctx.store.deleteResource(sid, record.name);
        else if (record.requiredBy.length) await ctx.store.putResource({ ...record, requiredBy: [] });
        continue;
      }
      const id = l.attributes.id;
      const provider = nested.all().find((i) => i.id === id);
      await ctx.store.putResource({
        ...record,
        physicalId: typeof id === "string" ? id : record.physicalId,
        attributes: l.attributes,
        requiredBy: (requiredBy.get(record.name) ?? []).sort(),
        ...(provider && !provider.detached && { nestedStackId: provider.id }),
      });
    }
  }
  await syncSoftwareConfigRecords(ctx, stackId, state);
}
