// Apply: walk a plan's changes in dependency order, in parallel, recording
// state after every step. A failure skips only what depends on it.

import type { HostConnector } from "../contract/host-driver.js";
import type { ResourceType } from "../contract/resource-type.js";
import { instanceAddress } from "./addresses.js";
import type { ResourceChange } from "./changes.js";
import { GantryError } from "../contract/diagnostics.js";
import { evaluate } from "./expressions/evaluate.js";
import { buildGraph } from "./graph.js";
import { evaluateInstance, expandBlock, instanceScope, planAttributes, withIgnoredChanges, type TypeResolver } from "./instances.js";
import type { Config } from "./model.js";
import { instanceInfo, operationContext } from "./operation-context.js";
import type { Plan } from "./plan.js";
import { ValueScope } from "./scope.js";
import type { InstanceState, State, StateWriter } from "./state.js";
import { UNKNOWN, containsUnknown, deepEqual, isUnknown, type Attrs, type Value } from "../contract/values.js";
import { walk, type WalkNode } from "./walk.js";

/**
 * One step of a change in the walk. Most changes are one step ("whole"); a
 * replacement is two: destroy-before-create deletes ("delete") then creates
 * ("create"); create-before-destroy creates ("create") then destroys the
 * deposed old object ("destroy-deposed") once its dependents use the new one.
 */
type Step = "whole" | "delete" | "create" | "destroy-deposed";
type ApplyNode = WalkNode & { change?: ResourceChange; step?: Step };

export type ApplyEvent =
  | { kind: "start"; address: string; action: ResourceChange["action"]; step?: "create" | "delete" }
  | { kind: "complete"; address: string; action: ResourceChange["action"]; elapsedMs: number; id?: string }
  | { kind: "error"; address: string; action: ResourceChange["action"]; elapsedMs: number; error: string }
  | { kind: "skipped"; address: string; because: string }
  | { kind: "cancelled"; address: string }
  | { kind: "log"; address: string; message: string }
  | { kind: "warning"; address: string; message: string };

export interface ApplyOptions {
  plan: Plan;
  config: Config;
  /** The live state object (writer.state): apply mutates it and touches the writer after each step. */
  writer: StateWriter;
  types: TypeResolver;
  parallelism?: number;
  hostParallelism?: number;
  dataDir: string;
  /** How types reach hosts (the engine's drivers). */
  hosts: HostConnector;
  /** Stops starting new operations; running ones finish (Ctrl-C). */
  signal?: AbortSignal;
  /** Cancels running operations too (handed to the types). */
  cancelSignal?: AbortSignal;
  onEvent?: (e: ApplyEvent) => void;
}

export interface ApplyResult {
  added: number;
  changed: number;
  destroyed: number;
  failed: { address: string; error: string }[];
  skipped: string[];
  cancelled: string[];
  warnings: { address: string; message: string }[];
}

export async function apply(opts: ApplyOptions): Promise<ApplyResult> {
  const { plan, config, writer, types } = opts;
  const state = writer.state;
  const signal = opts.signal ?? new AbortController().signal;
  const cancelSignal = opts.cancelSignal ?? new AbortController().signal;
  const emit = opts.onEvent ?? (() => {});
  const result: ApplyResult = { added: 0, changed: 0, destroyed: 0, failed: [], skipped: [], cancelled: [], warnings: [] };

  // Start from the refreshed state the plan was made from.
  if (!sameInstances(state, plan.priorState)) {
    state.instances = new Map([...plan.priorState.instances].map(([a, i]) => [a, structuredClone(i)]));
    writer.touch();
  }
  if (plan.mode === "refresh-only") {
    await writer.flush();
    return result;
  }

  // Instances that do not change still take the configuration's dependencies: stale ones
  // (from an older configuration) could otherwise order a later destroy in a cycle.
  let depsChanged = false;
  for (const c of plan.changes) {
    if (c.action !== "noop") continue;
    const inst = state.instances.get(c.address);
    if (inst && !sameSet(inst.dependencies, c.dependsOn)) {
      state.instances.set(c.address, { ...inst, dependencies: [...c.dependsOn] });
      depsChanged = true;
    }
  }
  if (depsChanged) writer.touch();

  const variables = new Map(Object.entries(plan.variables));
  const values = new ValueScope(config, variables, plan.expansions, (a) => state.instances.get(a)?.attributes, false);
  const changes = plan.changes.filter((c) => c.action !== "noop");
  const nodes = buildWalk(changes, state, config, plan.changes);
  const log = (address: string, message: string) => emit({ kind: "log", address, message });

  const CBD = "create-before-destroy";
  /** Per change (its steps share them): when its first step started, and what the type warned about. */
  const progress = new Map<string, { t0: number; warnings: string[] }>();
  /** create_before_destroy: the old object each replacement deposed, for its destroy-deposed step. */
  const deposedOld = new Map<string, Attrs>();
  const failedSet = new Set<string>(); // addresses of changes with a failed step

  const run = (n: ApplyNode) => async () => {
    const c = n.change!;
    const step = n.step ?? "whole";
    let p = progress.get(c.address);
    if (!p) progress.set(c.address, (p = { t0: Date.now(), warnings: [] }));
    const { t0, warnings } = p;
    const first = step === "whole" || step === "delete" || (step === "create" && c.replaceOrder === CBD);
    const last = step === "whole" || step === "destroy-deposed" || (step === "create" && c.replaceOrder !== CBD);
    if (first) emit({ kind: "start", address: c.address, action: c.action });
    try {
      const type = types(c.type);
      if (!type) throw new GantryError(`unknown resource type "${c.type}"`);
      const info = instanceInfo(c, opts.dataDir, config.dir);
      const ctx = operationContext(info, cancelSignal, log, warnings, opts.hosts);
      await execute(c, step, type, ctx, warnings);
      if (last) {
        for (const w of warnings) {
          result.warnings.push({ address: c.address, message: w });
          emit({ kind: "warning", address: c.address, message: w });
        }
        const id = state.instances.get(c.address)?.attributes.id;
        emit({ kind: "complete", address: c.address, action: c.action, elapsedMs: Date.now() - t0, id: typeof id === "string" ? id : undefined });
        if (c.action === "create") result.added++;
        else if (c.action === "update") result.changed++;
        else if (c.action === "delete") result.destroyed++;
        else if (c.action === "replace") result.added++, result.destroyed++;
      }
    } catch (e) {
      const msg = (e as Error).message;
      result.failed.push({ address: c.address, error: msg });
      failedSet.add(c.address);
      emit({ kind: "error", address: c.address, action: c.action, elapsedMs: Date.now() - t0, error: msg });
      throw e;
    } finally {
      writer.touch();
    }
  };

  /** The final configuration of a change: the plan's, or evaluated again now that its dependencies are applied. */
  const finalAfter = (c: ResourceChange, type: ResourceType, prior: Attrs | null, info: ReturnType<typeof instanceInfo>): Attrs => {
    if (!c.deferred) return c.after!;
    const r = config.resources.get(c.resourceKey);
    const exp = plan.expansions.get(c.resourceKey);
    if (!r || !exp) throw new GantryError(`configuration for ${c.address} is missing`);
    let scopeExp = exp;
    if (exp.mode === "for_each" && c.key !== undefined && containsUnknown(exp.eachValues?.get(String(c.key)) ?? null)) {
      // each.value was known only after apply: evaluate for_each again now
      const now = expandBlock(r, values.scope());
      if (now.eachValues?.has(String(c.key))) scopeExp = now;
    }
    const configured = evaluateInstance(r, type, instanceScope(values, scopeExp, c.key), c.address);
    if (containsUnknown(configured)) throw new GantryError(`configuration of ${c.address} is still unknown after its dependencies were applied`);
    const { planned } = planAttributes(type, prior, withIgnoredChanges(r, type, configured, prior), info);
    for (const [k, v] of Object.entries(c.after ?? {}))
      if (!containsUnknown(v) && !deepEqual(v, planned[k] ?? null))
        throw new GantryError(`inconsistent final plan for ${c.address}: "${k}" was planned as ${JSON.stringify(v)} but is now ${JSON.stringify(planned[k])}`);
    return planned;
  };

  const record = (c: ResourceChange, attrs: Attrs, warnings: string[], status?: "tainted") => {
    const prev = state.instances.get(c.address);
    const inst: InstanceState = {
      address: c.address,
      type: c.type,
      name: c.name,
      key: c.key,
      attributes: attrs,
      dependencies: c.dependsOn,
      ...(status ? { status } : {}),
      ...(config.resources.get(c.resourceKey)?.lifecycle.createBeforeDestroy ? { createBeforeDestroy: true } : {}),
      ...(prev?.deposed?.length ? { deposed: prev.deposed } : {}),
      ...(warnings.length ? { warnings: [...warnings] } : {}),
    };
    state.instances.set(c.address, inst);
  };

  const createStep = async (c: ResourceChange, type: ResourceType, ctx: ReturnType<typeof operationContext>, warnings: string[]) => {
    const planned = finalAfter(c, type, null, ctx);
    if (c.replaceOrder === CBD && c.action === "replace") {
      // Depose the old object before creating its replacement: whatever happens to the create
      // (it fails, or gantry dies), the state keeps the old object until it is destroyed.
      const prev = state.instances.get(c.address);
      const old = prev?.attributes ?? c.before!;
      deposedOld.set(c.address, old);
      if (prev) state.instances.set(c.address, { ...prev, deposed: [...(prev.deposed ?? []), old] });
      // the current object is the new one, not known to exist until the create returns
      record(c, knownOnly(planned), warnings, "tainted");
      writer.touch();
    }
    try {
      record(c, await type.create(ctx, planned), warnings);
    } catch (e) {
      // A create that fails leaves the instance tainted, to be replaced by the next apply.
      record(c, knownOnly(planned), warnings, "tainted");
      throw e;
    }
  };

  /** Removes one deposed object (the same one, or else an equal one) from the instance as it now stands in state. */
  const undepose = (address: string, obj: Attrs) => {
    const inst = state.instances.get(address);
    if (!inst?.deposed) return;
    let i = inst.deposed.indexOf(obj);
    if (i < 0) i = inst.deposed.findIndex((d) => deepEqual(d, obj));
    if (i < 0) return;
    const rest = inst.deposed.filter((_, j) => j !== i);
    const next: InstanceState = { ...inst, deposed: rest };
    if (!rest.length) delete next.deposed;
    state.instances.set(address, next);
  };

  const execute = async (c: ResourceChange, step: Step, type: ResourceType, ctx: ReturnType<typeof operationContext>, warnings: string[]) => {
    switch (c.action) {
      case "create":
        return createStep(c, type, ctx, warnings);
      case "update": {
        const prior = state.instances.get(c.address)?.attributes ?? c.before!;
        const planned = finalAfter(c, type, prior, ctx);
        record(c, await type.update(ctx, prior, planned), warnings);
        return;
      }
      case "delete": {
        if (c.deposedIndex !== undefined) {
          await type.delete(ctx, c.before!);
          undepose(c.address.replace(/ \(deposed \d+\)$/, ""), c.before!);
          return;
        }
        await type.delete(ctx, state.instances.get(c.address)?.attributes ?? c.before!);
        state.instances.delete(c.address);
        return;
      }
      case "replace": {
        if (c.replaceOrder === CBD) {
          if (step === "create") return createStep(c, type, ctx, warnings);
          // destroy-deposed: every dependent has moved to the new object
          const old = deposedOld.get(c.address) ?? c.before!;
          emit({ kind: "start", address: c.address, action: c.action, step: "delete" });
          await type.delete(ctx, old);
          undepose(c.address, old);
          return;
        }
        if (step === "delete") {
          emit({ kind: "start", address: c.address, action: c.action, step: "delete" });
          await type.delete(ctx, state.instances.get(c.address)?.attributes ?? c.before!);
          state.instances.delete(c.address);
          return;
        }
        emit({ kind: "start", address: c.address, action: c.action, step: "create" });
        return createStep(c, type, ctx, warnings);
      }
      case "noop":
        return;
    }
  };

  for (const n of nodes) if (n.change) n.run = run(n);
  const changeOf = new Map<string, ResourceChange>();
  for (const n of nodes) if (n.change) changeOf.set(n.id, n.change);
  const reported = new Set<string>(); // addresses already reported skipped, cancelled or blocked
  const outcome = await walk(nodes, {
    parallelism: opts.parallelism ?? 10,
    hostParallelism: opts.hostParallelism,
    signal,
    onSkip: (id, because) => {
      const c = changeOf.get(id);
      if (!c) return;
      const cause = changeOf.get(because)?.address ?? because;
      // a later step of a change whose earlier step failed is part of that failure
      if (cause === c.address || reported.has(c.address) || failedSet.has(c.address)) return;
      reported.add(c.address);
      result.skipped.push(c.address);
      emit({ kind: "skipped", address: c.address, because: cause });
    },
  });
  const blocked: ResourceChange[] = [];
  for (const [id, o] of outcome) {
    const c = changeOf.get(id);
    if (!c || reported.has(c.address) || failedSet.has(c.address)) continue;
    if (o === "cancelled") {
      reported.add(c.address);
      result.cancelled.push(c.address);
      emit({ kind: "cancelled", address: c.address });
    } else if (o === "blocked") {
      reported.add(c.address);
      blocked.push(c);
    }
  }
  if (blocked.length) {
    // Nothing was interrupted: these wait on one another. Name the cycle, not what merely waits on it.
    const onCycle = cycleMembers(nodes, outcome);
    const names = [...new Set(onCycle.map((id) => changeOf.get(id)?.address).filter((a): a is string => !!a))].sort();
    const error = `dependency cycle among: ${(names.length ? names : blocked.map((c) => c.address)).join(", ")}`;
    for (const c of blocked) {
      result.failed.push({ address: c.address, error });
      emit({ kind: "error", address: c.address, action: c.action, elapsedMs: 0, error });
    }
  }

  // Outputs, from the state as it now stands (also after a partial failure: what can be
  // computed is recorded, what cannot keeps its last value). A full destroy removes them all.
  const outputs: State["outputs"] = {};
  if (!(plan.mode === "destroy" && !plan.targets.length))
    for (const o of config.outputs.values()) {
      let v: Value;
      try {
        v = evaluate(o.value, values.scope());
      } catch {
        v = UNKNOWN;
      }
      if (!containsUnknown(v)) outputs[o.name] = { value: v, ...(o.sensitive ? { sensitive: true } : {}) };
      else if (plan.mode !== "destroy" && state.outputs[o.name]) outputs[o.name] = state.outputs[o.name];
    }
  if (!deepEqual(outputs, state.outputs)) {
    state.outputs = outputs;
    writer.touch();
  }
  await writer.flush();
  return result;
}

function knownOnly(a: Attrs): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(a)) out[k] = containsUnknown(v) ? null : v;
  return out;
}

function sameSet(a: string[], b: string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/** Blocked nodes that lie on a cycle (or between cycles): what is left after peeling off those nothing blocked waits on. */
function cycleMembers(nodes: WalkNode[], outcome: Map<string, string>): string[] {
  const left = new Set(nodes.filter((n) => outcome.get(n.id) === "blocked").map((n) => n.id));
  const waitedOn = new Map<string, number>(); // blocked node -> number of blocked nodes waiting on it
  const waitsOn = new Map<string, string[]>();
  for (const id of left) waitedOn.set(id, 0);
  for (const n of nodes) {
    if (!left.has(n.id)) continue;
    for (const d of new Set(n.deps)) {
      if (!left.has(d) || d === n.id) continue;
      waitedOn.set(d, waitedOn.get(d)! + 1);
      (waitsOn.get(n.id) ?? waitsOn.set(n.id, []).get(n.id)!).push(d);
    }
  }
  const stack = [...left].filter((id) => waitedOn.get(id) === 0);
  while (stack.length) {
    const id = stack.pop()!;
    left.delete(id);
    for (const d of waitsOn.get(id) ?? []) {
      const k = waitedOn.get(d)! - 1;
      waitedOn.set(d, k);
      if (k === 0) stack.push(d);
    }
  }
  return [...left];
}

function sameInstances(a: State, b: State): boolean {
  if (a.instances.size !== b.instances.size) return false;
  for (const [k, v] of a.instances) {
    const w = b.instances.get(k);
    if (!w || !deepEqual(v.attributes, w.attributes) || v.status !== w.status) return false;
  }
  return true;
}

/**
 * The walk graph. Creates and updates follow the resources they depend on
 * (through one barrier node per resource, "@done noop.a", so count×count
 * dependencies stay linear). Deletes run in reverse: an instance is deleted
 * after everything that depended on it has been deleted or updated
 * ("@released noop.a").
 *
 * A replacement is two nodes. Destroy-before-create: the delete step
 * ("noop.a#destroy") waits until the dependents that are deleted or replaced
 * themselves have let go ("@released-early noop.a": their deletes and delete
 * steps; not their updates and creates, which wait for the new object), and
 * the create step (id: the address) follows it and the dependencies, as a
 * create does. Create-before-destroy: the create step (the address), then
 * "noop.a#destroy-deposed", once the dependents have moved to the new object
 * ("@switched noop.a") and the old dependents have let go ("@released").
 *
 * Inside a rolling group, members depend on each other member by member, so
 * these barriers are per member there ("@released noop.a[\"m1\"]").
 *
 * What an old object depended on: for an instance being deleted whose
 * resource is still configured, the configuration's dependencies (the state's
 * may be stale); for an orphan, the state's; for an update or replacement,
 * the state's (the object as it was).
 */
function buildWalk(changes: ResourceChange[], state: State, config: Config, allChanges: ResourceChange[]): ApplyNode[] {
  const nodes: ApplyNode[] = [];
  const add = (m: Map<string, string[]>, k: string, id: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(id);
  const doneBarrier = new Map<string, string[]>(); // resource key -> ids of its create/update/replace(create step) nodes
  const released = new Map<string, string[]>(); // key or member -> what must finish before it is deleted (or its deposed object destroyed)
  const releasedEarly = new Map<string, string[]>(); // key or member -> what must finish before a destroy-before-create replace deletes it
  const switched = new Map<string, string[]>(); // key or member -> changes of instances configured to depend on it
  const CBD = "create-before-destroy";
  const deleteId = (a: string) => `${a}#destroy`;
  const deposedId = (a: string) => `${a}#destroy-deposed`;

  // the configuration's dependencies of each resource: from the plan's changes, or else from the configuration graph
  const configDeps = new Map<string, string[]>();
  for (const c of allChanges) if (c.action !== "delete" && !configDeps.has(c.resourceKey)) configDeps.set(c.resourceKey, c.dependsOn);
  let graphDeps: Map<string, string[]> | undefined;
  const depsInConfig = (key: string): string[] | undefined => {
    const d = configDeps.get(key);
    if (d) return d;
    if (!graphDeps) {
      try {
        graphDeps = buildGraph(config).resourceDeps;
      } catch {
        graphDeps = new Map();
      }
    }
    return graphDeps.get(key);
  };
  const oldDeps = (c: ResourceChange): string[] => {
    if (c.deposedIndex !== undefined) return [];
    if (c.action === "delete") {
      const fromConfig = config.resources.has(c.resourceKey) ? depsInConfig(c.resourceKey) : undefined;
      return fromConfig ?? state.instances.get(c.address)?.dependencies ?? c.dependsOn;
    }
    return state.instances.get(c.address)?.dependencies ?? [];
  };
  /** Inside a rolling group, a dependency on another resource of the group is on the same member. */
  const sameMember = (c: ResourceChange, d: string) =>
    !!c.rollingGroup && c.key !== undefined && config.resources.get(d)?.updatePolicy?.group === c.rollingGroup;
  const target = (c: ResourceChange, d: string) => (sameMember(c, d) ? instanceAddress(d, c.key) : d);

  for (const c of changes) {
    if (c.action !== "delete") add(doneBarrier, c.resourceKey, c.address);
    for (const d of oldDeps(c)) {
      if (d === c.resourceKey) continue;
      const t = target(c, d);
      if (c.action === "delete") {
        add(released, t, c.address);
        add(releasedEarly, t, c.address);
      } else if (c.action === "update") add(released, t, c.address);
      else if (c.action === "replace") {
        if (c.replaceOrder === CBD) add(released, t, deposedId(c.address));
        else {
          add(released, t, c.address);
          add(releasedEarly, t, deleteId(c.address));
        }
      }
    }
    if (c.action !== "delete") for (const d of c.dependsOn) if (d !== c.resourceKey) add(switched, target(c, d), c.address);
  }

  const changed = new Set(changes.map((c) => c.address));
  const batches = new Map<string, string[]>(); // "@batch group k" -> ids
  for (const c of changes) {
    const base = c.address.replace(/ \(deposed \d+\)$/, "");
    const releasedBy = [`@released ${c.resourceKey}`, `@released ${base}`];
    if (c.action === "delete") {
      nodes.push({ id: c.address, deps: releasedBy, change: c, step: "whole", host: hostOf(c, "before") });
      continue;
    }
    const deps: string[] = [];
    for (const d of c.dependsOn) {
      if (d === c.resourceKey) continue;
      // inside a rolling group, members depend on each other member by member
      if (sameMember(c, d)) {
        const same = instanceAddress(d, c.key);
        if (changed.has(same)) deps.push(same);
        continue;
      }
      if (doneBarrier.has(d)) deps.push(`@done ${d}`);
    }
    let previousBatch: string | undefined;
    if (c.batch) {
      add(batches, `@batch ${c.batch.group} ${c.batch.index}`, c.address);
      if (c.batch.index > 1) deps.push((previousBatch = `@batch ${c.batch.group} ${c.batch.index - 1}`));
    }
    if (c.action !== "replace") {
      nodes.push({ id: c.address, deps, change: c, step: "whole", host: hostOf(c) });
    } else if (c.replaceOrder === CBD) {
      nodes.push({ id: c.address, deps, change: c, step: "create", host: hostOf(c) });
      const after = [c.address, `@switched ${c.resourceKey}`, `@switched ${c.address}`, ...releasedBy];
      nodes.push({ id: deposedId(c.address), deps: after, change: c, step: "destroy-deposed", host: hostOf(c, "before") });
    } else {
      const early = [`@released-early ${c.resourceKey}`, `@released-early ${c.address}`, ...(previousBatch ? [previousBatch] : [])];
      nodes.push({ id: deleteId(c.address), deps: early, change: c, step: "delete", host: hostOf(c, "before") });
      nodes.push({ id: c.address, deps: [...deps, deleteId(c.address)], change: c, step: "create", host: hostOf(c) });
    }
  }
  for (const [key, ids] of doneBarrier) nodes.push({ id: `@done ${key}`, deps: ids });
  for (const [id, ids] of batches) nodes.push({ id, deps: ids });
  // only the barriers something waits on (at 100,000 instances, the others are work for nothing)
  const wanted = new Set<string>();
  for (const n of nodes) for (const d of n.deps) if (d.startsWith("@")) wanted.add(d);
  const barriers = (prefix: string, m: Map<string, string[]>) => {
    for (const [key, ids] of m) if (wanted.has(`${prefix} ${key}`)) nodes.push({ id: `${prefix} ${key}`, deps: ids });
  };
  barriers("@released", released);
  barriers("@released-early", releasedEarly);
  barriers("@switched", switched);
  return nodes;
}

function hostOf(c: ResourceChange, prefer: "after" | "before" = "after"): string | undefined {
  const h = (prefer === "after" ? (c.after ?? c.before) : (c.before ?? c.after))?.host;
  if (h && typeof h === "object" && !Array.isArray(h) && typeof (h as Attrs).name === "string") return (h as Attrs).name as string;
  return undefined;
}

export { instanceAddress };
