// The stack service: Heat's stack operations over the one engine. Many
// stacks run at once, each stack's operations one after another; create,
// update, delete and the actions return once accepted (the stack recorded
// CREATE_IN_PROGRESS …) and run on in the background. It plans and applies
// nothing itself: each action is an engine run over the stack's workspace
// (stack-workspace.ts), told in Heat's words (stack-apply.ts).

import { hotShapeOf } from "../templates/cfn/cfn-template.js";
import { HOT_TEMPLATE_FILE } from "../templates/hot/hot-sources.js";
import { randomUUID } from "node:crypto";
import { modelTypeOfHeatType } from "../contract/heat-type-names.js";
import { failedResources, returnToReplacedOriginals } from "./failed-replacement.js";
import { SoftwareConfigService } from "./software-config-service.js";
import { EngineHeatCatalog } from "./heat-catalog.js";
import type { Engine } from "../engine/engine.js";
import { HeatError } from "./heat-error.js";
import { checkStack } from "./stack-check.js";
import { mergedEnvironment } from "./stack-environment.js";
import { cancelledText, StackLifecycle, startedText } from "./stack-lifecycle.js";
import type {
  Caller,
  HeatCatalog,
  CreateStackRequest,
  PreviewResource,
  StackActionName,
  StackOperations,
  UpdatePreview,
  UpdateStackRequest,
  ValidationResult,
} from "./stack-operations.js";
import { computeOutputs } from "./stack-outputs.js";
import { declaredMetadata, resourceMetadata } from "./resource-metadata.js";
import { previewCreate, previewUpdate } from "./stack-preview.js";
import { STATE_CHANGED, StackRecorder } from "./stack-recorder.js";
import type { HeatAction, StackOutputRecord, StackRecord, StackSource } from "./stack-records.js";
import { SoleWorkGuard, StackLeaseKeeper, type WorkGuard } from "./stack-lease-keeper.js";
import { recoverInterruptedStacks, recoverStack } from "./stack-recovery.js";
import { newSnapshot, takeSnapshot } from "./stack-snapshot.js";
import type { SnapshotRecord, SnapshotStore } from "./stack-snapshot-store.js";
import { StackNameTakenError, type StackStore } from "./stack-store.js";
import { suspendOrResume } from "./stack-suspension.js";
import { checkImmutableParameters } from "./stack-parameters.js";
import {
  checkStackName,
  errorText,
  loadSource,
  templateDescription,
  validationResult,
  warningTexts,
} from "./stack-validation.js";
import { type StopReason, StackWorkQueue } from "./stack-work-queue.js";
import { HEAT_CREATE_RETRY } from "./create-retry.js";
import { defaultSourceFiles, type StackServiceContext, type StackSourceFiles } from "./stack-workspace.js";
import { HandleSignalBoard } from "./handle-signals.js";

export interface StackServiceOptions {
  /** The one engine of the server. */
  engine: Engine;
  store: StackStore;
  /** Where stacks keep working data (a directory per stack). */
  dataRoot: string;
  /** A stack's sources as configuration files (default: the HOT layout). */
  sourceFiles?: StackSourceFiles;
  now?: () => Date;
  /**
   * The server's v1 root as clients reach it ("http://127.0.0.1:8004/v1"), asked when a wait condition handle is
   * made (its `endpoint`, `curl_cli`); undefined (or absent): those are null.
   */
  heatUrl?: () => string | undefined;
  /** The length of a minute of timeoutMins (tests shorten it; default 60 000 ms). */
  minuteMs?: number;
  /**
   * Heat's action_retry_limit (default 5): how many times a create that failed with ResourceInError (an
   * OS::Heat::Stack whose stack failed) is deleted and made again; and the pause before the n-th retry (default
   * Heat's 2^n s plus up to 2 s; tests shorten it). See stacks/create-retry.ts.
   */
  actionRetryLimit?: number;
  retryPauseMs?: (attempt: number) => number;
  /**
   * This server as one of several replicas sharing the store (a store with leases: PostgreSQL): its owner id and
   * how long its leases last unrenewed (default 30 s). Absent, or a store without leases: the server owns the store.
   */
  replica?: { owner: string; leaseMs?: number; log?: (line: string) => void };
}

export class StackService implements StackOperations {
  readonly store: StackStore;
  readonly catalog: HeatCatalog;
  readonly softwareConfigs?: SoftwareConfigService;
  private readonly ctx: StackServiceContext;
  private readonly queue: StackWorkQueue;
  private readonly lifecycle: StackLifecycle;
  private readonly guard: WorkGuard;
  private readonly handleSignals: HandleSignalBoard;
  private closed = false;

  constructor(opts: StackServiceOptions) {
    this.store = opts.store;
    this.catalog = new EngineHeatCatalog(opts.engine.types);
    const now = opts.now;
    if (opts.store.softwareConfigs) {
      this.softwareConfigs = new SoftwareConfigService(opts.store.softwareConfigs, () =>
        (now ? now() : new Date()).toISOString(),
      );
    }
    this.ctx = {
      engine: opts.engine,
      store: opts.store,
      recorder: new StackRecorder(opts.store, opts.now),
      dataRoot: opts.dataRoot,
      sourceFiles: opts.sourceFiles ?? defaultSourceFiles,
      heatUrl: opts.heatUrl,
    };
    this.handleSignals = new HandleSignalBoard(this.ctx, (stack, r) => declaredMetadata(this.ctx, stack, r));
    this.ctx.handleSignals = this.handleSignals;
    this.queue = new StackWorkQueue((stackId, err) => void this.workFailed(stackId, err));
    this.lifecycle = new StackLifecycle(this.ctx, {
      minuteMs: opts.minuteMs ?? 60_000,
      renewSignal: (stackId) => this.queue.renew(stackId),
      createRetry: {
        limit: Math.max(0, opts.actionRetryLimit ?? HEAT_CREATE_RETRY.limit),
        pauseMs: opts.retryPauseMs ?? HEAT_CREATE_RETRY.pauseMs,
      },
    });
    const store = opts.store;
    if (opts.replica && store.leases) {
      const leaseMs = opts.replica.leaseMs ?? 30_000;
      this.guard = new StackLeaseKeeper({
        leases: store.leases(opts.replica.owner, leaseMs),
        leaseMs,
        stop: (stackId, reason) => this.queue.stop(stackId, reason),
        recover: async (stackId) => {
          const stack = await store.getStack(stackId);
          if (stack && stack.status === "IN_PROGRESS" && !stack.deletedAt)
            await recoverStack(store, this.ctx.recorder, stack);
        },
        settle: async (stackId) => store.settleState?.(stackId),
        ...(opts.replica.log && { log: opts.replica.log }),
      });
    } else this.guard = new SoleWorkGuard();
  }

  /**
   * At start: marks the stacks a stopped server left IN_PROGRESS FAILED, as Heat does; returns them. A replica
   * sharing its store recovers only the stacks whose holder's lease expired (the others are being worked on).
   */
  async recover(): Promise<StackRecord[]> {
    if (this.guard instanceof SoleWorkGuard) return recoverInterruptedStacks(this.store, this.ctx.recorder);
    const ids = await this.guard.takeOver();
    const stacks = await Promise.all(ids.map((id) => this.store.getStack(id)));
    return stacks.filter((s): s is StackRecord => s !== undefined);
  }

  /** Takes over the stacks of replicas that died (their leases expired) now; returns their ids. */
  takeOverAbandoned(): Promise<string[]> {
    return this.guard.takeOver();
  }

  async create(caller: Caller, req: CreateStackRequest): Promise<StackRecord> {
    this.accepting();
    checkStackName(req.name);
    if (await this.store.findStack(caller.tenant, req.name)) throw stackExists(req.name);
    const warnings = warningTexts(await loadSource(this.ctx, req.source));
    // adopting (Heat's adopt_stack_data): the stack is ADOPT_*, its resources taken over
    const adopt = req.adoptStackData ? adoptedResources(req.adoptStackData) : undefined;
    const action: HeatAction = adopt ? "ADOPT" : "CREATE";
    const stack = { ...this.newStackRecord(caller, req), action, statusReason: startedText(action) };
    await this.guard.enter(stack.id, "CREATE");
    try {
      try {
        await this.store.insertStack(stack);
      } catch (err) {
        if (err instanceof StackNameTakenError) throw stackExists(req.name);
        throw err;
      }
      await this.ctx.recorder.stack(stack, action, "IN_PROGRESS", startedText(action));
    } catch (err) {
      await this.guard.leave(stack.id);
      throw err;
    }
    this.enqueue(stack.id, (signal) => this.lifecycle.create(stack, signal, adopt));
    return { ...stack, ...(warnings.length && { warnings }) };
  }

  async previewCreate(
    caller: Caller,
    req: CreateStackRequest,
  ): Promise<{ stack: StackRecord; resources: PreviewResource[] }> {
    checkStackName(req.name);
    if (await this.store.findStack(caller.tenant, req.name)) throw stackExists(req.name);
    await loadSource(this.ctx, req.source);
    const resources = await previewCreate(this.ctx, req.source);
    return { stack: { ...this.newStackRecord(caller, req), action: "INIT", status: "COMPLETE" }, resources };
  }

  async update(_caller: Caller, given: StackRecord, req: UpdateStackRequest): Promise<void> {
    this.accepting();
    const stack = await this.current(given);
    if (stack.action === "SUSPEND") throw notSupported("Updating a stack when it is suspended");
    if (stack.action === "DELETE") throw notSupported("Updating a stack when it is deleting");
    const source = updatedSource(stack, req);
    checkImmutableParameters(stack.source, source);
    await loadSource(this.ctx, source);
    const change: Partial<StackRecord> = {
      source,
      previousSource: stack.source,
      description: templateDescription(source.template),
      environment: mergedEnvironment(source),
      ...(req.tags !== undefined && { tags: req.tags }),
      ...(req.disableRollback !== undefined && { disableRollback: req.disableRollback }),
      ...(req.timeoutMins !== undefined && { timeoutMins: req.timeoutMins }),
    };
    // convergence: an update of a stack being created or updated takes over at once (what runs finishes its
    // resources in progress and records nothing more)
    const takeOver = stack.status === "IN_PROGRESS" && (stack.action === "CREATE" || stack.action === "UPDATE");
    if (takeOver) await this.stopEverywhere(stack.id, { kind: "superseded" });
    await this.startOrQueue(
      stack.id,
      (s) => this.ctx.recorder.stack(s, "UPDATE", "IN_PROGRESS", startedText("UPDATE"), change),
      async (s, signal) => {
        await returnToReplacedOriginals(this.ctx, s);
        await this.lifecycle.update(s, signal, await failedResources(this.ctx, s.id));
      },
      takeOver,
    );
  }

  async previewUpdate(_caller: Caller, given: StackRecord, req: UpdateStackRequest): Promise<UpdatePreview> {
    const stack = await this.current(given);
    const source = updatedSource(stack, req);
    checkImmutableParameters(stack.source, source);
    await loadSource(this.ctx, source);
    return previewUpdate(this.ctx, stack, source);
  }

  async delete(_caller: Caller, given: StackRecord): Promise<void> {
    this.accepting();
    const stack = await this.current(given);
    if (stack.deletedAt || (stack.action === "DELETE" && stack.status === "COMPLETE")) throw stackNotFound(stack.name);
    // a stack in progress: its traversal is stopped (marked FAILED, "Stack CREATE cancelled"), then deleted
    if (this.queue.busy(stack.id) || stack.status === "IN_PROGRESS")
      await this.stopEverywhere(stack.id, { kind: "delete" });
    await this.startOrQueue(
      stack.id,
      (s) => this.ctx.recorder.stack(s, "DELETE", "IN_PROGRESS", startedText("DELETE")),
      // the signals kept for its handles go with the stack (the store's metadata stays the record)
      (s, signal) => this.lifecycle.delete(s, signal).finally(() => this.handleSignals.forget(s.id)),
    );
  }

  async action(_caller: Caller, given: StackRecord, action: StackActionName): Promise<void> {
    this.accepting();
    const stack = await this.current(given);
    if (action === "cancel_update" || action === "cancel_without_rollback") {
      const allowed: HeatAction[] = action === "cancel_update" ? ["UPDATE"] : ["UPDATE", "CREATE"];
      if (stack.status !== "IN_PROGRESS" || !allowed.includes(stack.action)) {
        throw notSupported(`Cancelling update when stack is ${stack.action}_${stack.status}`);
      }
      await this.stopEverywhere(stack.id, { kind: action === "cancel_update" ? "cancel-rollback" : "cancel" });
      // Heat marks the stack FAILED at once; what runs finishes its resources in progress and records no more
      if (action === "cancel_without_rollback") {
        await this.ctx.recorder.stack(stack, stack.action, "FAILED", cancelledText(stack.action));
      }
      return;
    }
    if (stack.status === "IN_PROGRESS") throw actionInProgress(stack);
    if (action === "check") {
      await this.startOrQueue(
        stack.id,
        async () => {},
        (s, signal) => checkStack(this.ctx, s, signal),
      );
      return;
    }
    const heatAction = action === "suspend" ? "SUSPEND" : "RESUME";
    // Heat does nothing to a stack already suspended (resumed)
    if (stack.action === heatAction && stack.status === "COMPLETE") return;
    await this.startOrQueue(
      stack.id,
      async () => {},
      (s, signal) => suspendOrResume(this.ctx, s, heatAction, signal),
    );
  }

  async abandon(_caller: Caller, given: StackRecord): Promise<Record<string, unknown>> {
    this.accepting();
    const stack = await this.current(given);
    if (stack.status === "IN_PROGRESS" || this.queue.busy(stack.id)) throw actionInProgress(stack);
    const resources = await this.store.listResources(stack.id);
    const data = await this.abandonData(stack, resources);
    // forgotten, its resources kept: the stack is deleted without touching them
    await this.guard.enter(stack.id, "ABANDON");
    try {
      await this.forget(stack, resources);
    } finally {
      await this.guard.leave(stack.id);
    }
    return data;
  }

  /**
   * What abandon returns (Heat's prepare_abandon): the stack's sources and its resources' ids, statuses and data; a
   * nested stack's resource as its nested stack's own abandon data (template and resources).
   */
  private async abandonData(
    stack: StackRecord,
    resources: Awaited<ReturnType<StackStore["listResources"]>>,
  ): Promise<Record<string, unknown>> {
    const entries: [string, unknown][] = [];
    for (const r of resources) {
      const nested = r.nestedStackId ? await this.store.getStack(r.nestedStackId) : undefined;
      if (nested && !nested.deletedAt && nested.parentId === stack.id) {
        entries.push([r.name, await this.abandonData(nested, await this.store.listResources(nested.id))]);
        continue;
      }
      entries.push([
        r.name,
        {
          name: r.name,
          resource_id: r.physicalId,
          type: r.type,
          action: r.action,
          status: r.status,
          metadata: r.metadata ?? {},
          resource_data: this.resourceData(r),
        },
      ]);
    }
    return {
      name: stack.name,
      id: stack.id,
      action: stack.action,
      status: stack.status,
      template: stack.source.template,
      environment: stack.environment,
      files: stack.source.files,
      project_id: stack.tenant,
      stack_user_project_id: stack.tenant,
      tags: stack.tags,
      resources: Object.fromEntries(entries),
    };
  }

  /** What Heat keeps as a resource's data (its type's resourceData attributes; none for a type gantry cannot tell). */
  private resourceData(r: { type: string; attributes: Record<string, unknown> }): Record<string, unknown> {
    const model = modelTypeOfHeatType(r.type);
    const kept = (model ? this.ctx.engine.types.get(model)?.heat?.resourceData : undefined) ?? [];
    return Object.fromEntries(kept.filter((k) => r.attributes[k] != null).map((k) => [k, r.attributes[k]]));
  }

  private async forget(stack: StackRecord, resources: Awaited<ReturnType<StackStore["listResources"]>>) {
    const rec = this.ctx.recorder;
    await rec.stack(stack, "DELETE", "IN_PROGRESS", startedText("DELETE"));
    // Heat deletes the stack with its resources retained: each shows DELETE_IN_PROGRESS, DELETE_COMPLETE
    for (const r of resources) {
      await rec.resource(stack.id, r.name, r.type, "DELETE", "IN_PROGRESS", STATE_CHANGED);
      await rec.resource(stack.id, r.name, r.type, "DELETE", "COMPLETE", STATE_CHANGED);
      await this.store.deleteResource(stack.id, r.name);
    }
    await rec.stack(stack, "DELETE", "COMPLETE", "Stack DELETE completed successfully", {
      deletedAt: rec.time(),
      outputs: [],
    });
  }

  async snapshot(_caller: Caller, given: StackRecord, name: string | null): Promise<SnapshotRecord> {
    this.accepting();
    const snapshots = this.snapshotStore();
    const stack = await this.current(given);
    if (stack.status === "IN_PROGRESS" || this.queue.busy(stack.id)) throw actionInProgress(stack);
    const snapshot = newSnapshot(stack, name, this.ctx.recorder.time());
    await snapshots.insertSnapshot(snapshot);
    await this.startOrQueue(
      stack.id,
      async () => {},
      (s) => takeSnapshot(this.ctx, snapshots, s, snapshot),
    );
    return snapshot;
  }

  async findSnapshot(_caller: Caller, stack: StackRecord, snapshotId: string): Promise<SnapshotRecord> {
    const snapshot = await this.snapshotStore().getSnapshot(snapshotId);
    if (!snapshot || snapshot.stackId !== stack.id) {
      throw new HeatError(404, "NotFound", `Snapshot with id ${snapshotId} not found`);
    }
    return snapshot;
  }

  listSnapshots(_caller: Caller, stack: StackRecord): Promise<SnapshotRecord[]> {
    return this.snapshotStore().listSnapshots(stack.id);
  }

  async deleteSnapshot(caller: Caller, stack: StackRecord, snapshotId: string): Promise<void> {
    await this.findSnapshot(caller, stack, snapshotId);
    await this.snapshotStore().deleteSnapshot(snapshotId);
  }

  async restoreSnapshot(caller: Caller, given: StackRecord, snapshotId: string): Promise<void> {
    this.accepting();
    const stack = await this.current(given);
    const snapshot = await this.findSnapshot(caller, stack, snapshotId);
    if (stack.status === "IN_PROGRESS" || this.queue.busy(stack.id)) throw actionInProgress(stack);
    const source = snapshot.source;
    await loadSource(this.ctx, source);
    const change: Partial<StackRecord> = {
      source,
      previousSource: stack.source,
      description: templateDescription(source.template),
      environment: mergedEnvironment(source),
    };
    await this.startOrQueue(
      stack.id,
      (s) => this.ctx.recorder.stack(s, "RESTORE", "IN_PROGRESS", startedText("RESTORE"), change),
      (s, signal) => this.lifecycle.update(s, signal, [], "RESTORE"),
    );
  }

  async validate(_caller: Caller, source: StackSource): Promise<ValidationResult> {
    return validationResult(this.ctx, source);
  }

  async outputs(stack: StackRecord): Promise<StackOutputRecord[]> {
    // the rollback of a create (no source completed before) leaves Heat's stack an empty template: no outputs
    if (stack.action === "ROLLBACK" && stack.previousSource === undefined) return [];
    return computeOutputs(this.ctx, stack, stack.source);
  }

  async resourceMetadata(stack: StackRecord, resourceName: string): Promise<Record<string, unknown>> {
    return resourceMetadata(this.ctx, stack, await this.resource(stack, resourceName));
  }

  async signal(caller: Caller, given: StackRecord, resourceName: string, data: unknown): Promise<void> {
    const stack = await this.current(given);
    const r = await this.resource(stack, resourceName);
    await this.handleSignals.receive(caller, stack, r, data);
  }

  async markUnhealthy(
    _caller: Caller,
    given: StackRecord,
    resourceName: string,
    unhealthy: boolean,
    reason: string,
  ): Promise<void> {
    const stack = await this.current(given);
    const r = await this.resource(stack, resourceName);
    if (this.queue.busy(stack.id)) throw actionInProgress(stack);
    const why = reason || "state changed by resource_mark_unhealthy api";
    if (unhealthy) {
      if (r.action !== "DELETE") await this.ctx.recorder.resource(stack.id, r.name, r.type, "CHECK", "FAILED", why);
    } else if (r.action === "CHECK" && r.status === "FAILED") {
      await this.ctx.recorder.resource(stack.id, r.name, r.type, "CHECK", "COMPLETE", why);
    }
  }

  idle(stackId?: string): Promise<void> {
    return this.queue.idle(stackId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.stopAll({ kind: "shutdown" });
    await this.queue.idle();
    await this.guard.close();
    await this.store.close();
  }

  /** Records the start now when the stack is free (or `beginNow`: the caller sees it), else when its turn comes. */
  private async startOrQueue(
    stackId: string,
    begin: (stack: StackRecord) => Promise<void>,
    run: (stack: StackRecord, signal: AbortSignal) => Promise<void>,
    beginNow = false,
  ): Promise<void> {
    const load = async () => {
      const s = await this.store.getStack(stackId);
      if (!s) throw new Error(`stack ${stackId} is gone`);
      return s;
    };
    await this.guard.enter(stackId, "WORK");
    try {
      if (beginNow && this.queue.busy(stackId)) {
        await begin(await load());
        this.enqueue(stackId, async (signal) => run(await load(), signal));
        return;
      }
      if (!this.queue.busy(stackId)) {
        const stack = await load();
        await begin(stack);
        this.enqueue(stackId, (signal) => run(stack, signal));
        return;
      }
    } catch (err) {
      await this.guard.leave(stackId);
      throw err;
    }
    this.enqueue(stackId, async (signal) => {
      const stack = await load();
      await begin(stack);
      await run(stack, signal);
    });
  }

  /** Queues work the guard was entered for: the guard is left when the work ends. */
  private enqueue(stackId: string, work: (signal: AbortSignal) => Promise<void>): void {
    this.queue.enqueue(stackId, async (signal) => {
      try {
        await work(signal);
      } catch (err) {
        // marked failed while the stack is still held
        await this.workFailed(stackId, err);
      } finally {
        await this.guard.leave(stackId).catch(() => {});
      }
    });
  }

  /** Stops the stack's running work here and on the replica that holds it. */
  private async stopEverywhere(stackId: string, reason: StopReason): Promise<void> {
    this.queue.stop(stackId, reason);
    await this.guard.stopElsewhere(stackId, reason);
  }

  private newStackRecord(caller: Caller, req: CreateStackRequest): StackRecord {
    return {
      id: randomUUID(),
      name: req.name,
      tenant: caller.tenant,
      action: "CREATE",
      status: "IN_PROGRESS",
      statusReason: startedText("CREATE"),
      description: templateDescription(req.source.template),
      tags: req.tags ?? [],
      // Heat's default: rollback disabled
      disableRollback: req.disableRollback ?? true,
      ...(req.timeoutMins !== undefined && { timeoutMins: req.timeoutMins }),
      source: req.source,
      environment: mergedEnvironment(req.source),
      outputs: [],
      createdAt: this.ctx.recorder.time(),
    };
  }

  private async current(given: StackRecord): Promise<StackRecord> {
    const stack = await this.store.getStack(given.id);
    if (!stack || stack.deletedAt) throw stackNotFound(given.name);
    return stack;
  }

  private async resource(stack: StackRecord, name: string) {
    const r = await this.store.getResource(stack.id, name);
    if (!r) {
      throw new HeatError(404, "ResourceNotFound", `The Resource (${name}) could not be found in Stack ${stack.name}.`);
    }
    return r;
  }

  private snapshotStore(): SnapshotStore {
    if (!this.store.snapshots) throw new HeatError(501, "NotImplemented", "This store keeps no stack snapshots.");
    return this.store.snapshots;
  }

  private accepting(): void {
    if (this.closed) throw new HeatError(503, "HTTPServiceUnavailable", "The stack service is shutting down.");
  }

  /** Work that threw (a store failure, a bug): the stack is marked FAILED with the error, never left IN_PROGRESS. */
  private async workFailed(stackId: string, err: unknown): Promise<void> {
    try {
      const stack = await this.store.getStack(stackId);
      if (stack && stack.status === "IN_PROGRESS") {
        await this.ctx.recorder.stack(stack, stack.action, "FAILED", errorText(err));
      }
    } catch {
      /* the store itself failed: recovery marks the stack at the next start */
    }
  }
}

/** PUT replaces the sources; PATCH (`existing`) keeps what is not given, less the parameters cleared. */
export function updatedSource(stack: StackRecord, req: UpdateStackRequest): StackSource {
  const old = stack.source;
  if (!req.existing) {
    return {
      template: req.template ?? old.template,
      environments: req.environments ?? [],
      files: req.files ?? {},
      parameters: req.parameters ?? {},
    };
  }
  const template = req.template ?? old.template;
  // as Heat's PATCH: the stack's parameters less those cleared, then the update's; those the new template does not
  // declare are dropped
  const hotParameters = hotShapeOf(template, HOT_TEMPLATE_FILE).root.child("parameters").value;
  const declared = new Set(Object.keys((hotParameters ?? template.variable ?? {}) as Record<string, unknown>));
  const cleared = new Set(req.clearParameters ?? []);
  const kept = (params: unknown, clear: boolean) =>
    Object.fromEntries(
      Object.entries((params ?? {}) as Record<string, unknown>).filter(
        ([k]) => declared.has(k) && !(clear && cleared.has(k)),
      ),
    );
  const withParameters = (e: Record<string, unknown>, clear: boolean) =>
    typeof e.parameters === "object" && e.parameters !== null ? { ...e, parameters: kept(e.parameters, clear) } : e;
  return {
    template,
    environments: [
      ...old.environments.map((e) => withParameters(e, true)),
      ...(req.environments ?? []).map((e) => withParameters(e, false)),
    ],
    files: { ...old.files, ...req.files },
    parameters: { ...kept(old.parameters, true), ...kept(req.parameters, false) },
  };
}

/** The resources of Heat's adopt data, by name (none: an empty map, every resource made). */
function adoptedResources(data: Record<string, unknown>): Record<string, unknown> {
  const r = data.resources;
  return r !== null && typeof r === "object" && !Array.isArray(r) ? (r as Record<string, unknown>) : {};
}

function stackExists(name: string): HeatError {
  return new HeatError(409, "StackExists", `The Stack (${name}) already exists.`);
}

function stackNotFound(name: string): HeatError {
  return new HeatError(404, "EntityNotFound", `The Stack (${name}) could not be found.`);
}

function notSupported(feature: string): HeatError {
  return new HeatError(400, "NotSupported", `${feature} is not supported.`);
}

function actionInProgress(stack: StackRecord): HeatError {
  return new HeatError(
    409,
    "ActionInProgress",
    `Stack ${stack.name} already has an action (${stack.action}) in progress.`,
  );
}
