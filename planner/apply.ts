// Apply: walk a plan's changes in dependency order, in parallel, recording
// state after every step. A failure skips only what depends on it.

import type { ResourceType } from "../provider/resource-type.js";
import { instanceAddress } from "./addresses.js";
import type { ResourceChange } from "./changes.js";
import { GantryError } from "./diagnostics.js";
import { evaluate } from "./expressions/evaluate.js";
import { evaluateInstance, instanceScope, planAttributes, type TypeResolver } from "./instances.js";
import type { Config } from "./model.js";
import { instanceInfo, operationContext } from "./operation-context.js";
import type { Plan } from "./plan.js";
import { ValueScope } from "./scope.js";
import type { InstanceState, State, StateWriter } from "./state.js";
import { UNKNOWN, containsUnknown, deepEqual, isUnknown, type Attrs, type Value } from "./values.js";
import { walk, type WalkNode } from "./walk.js";

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

  const variables = new Map(Object.entries(plan.variables));
  const values = new ValueScope(config, variables, plan.expansions, (a) => state.instances.get(a)?.attributes, false);
  const changes = plan.changes.filter((c) => c.action !== "noop");
  const nodes = buildWalk(changes, state, config);
  const log = (address: string, message: string) => emit({ kind: "log", address, message });

  const run = (c: ResourceChange) => async () => {
    const type = types(c.type);
    if (!type) throw new GantryError(`unknown resource type "${c.type}"`);
    const info = instanceInfo(c, opts.dataDir, config.dir);
    const warnings: string[] = [];
    const ctx = operationContext(info, cancelSignal, log, warnings);
    const t0 = Date.now();
    emit({ kind: "start", address: c.address, action: c.action });
    try {
      await execute(c, type, ctx, warnings);
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
    } catch (e) {
      const msg = (e as Error).message;
      result.failed.push({ address: c.address, error: msg });
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
    const configured = evaluateInstance(r, type, instanceScope(values, exp, c.key), c.address);
    if (containsUnknown(configured)) throw new GantryError(`configuration of ${c.address} is still unknown after its dependencies were applied`);
    const { planned } = planAttributes(type, prior, configured, info);
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
    try {
      record(c, await type.create(ctx, planned), warnings);
    } catch (e) {
      // A create that fails leaves the instance tainted, to be replaced by the next apply.
      record(c, knownOnly(planned), warnings, "tainted");
      throw e;
    }
  };

  const execute = async (c: ResourceChange, type: ResourceType, ctx: ReturnType<typeof operationContext>, warnings: string[]) => {
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
          const inst = state.instances.get(c.address.replace(/ \(deposed \d+\)$/, ""));
          await type.delete(ctx, c.before!);
          if (inst?.deposed) inst.deposed = inst.deposed.filter((d) => !deepEqual(d, c.before));
          return;
        }
        await type.delete(ctx, state.instances.get(c.address)?.attributes ?? c.before!);
        state.instances.delete(c.address);
        return;
      }
      case "replace": {
        const old = state.instances.get(c.address)?.attributes ?? c.before!;
        if (c.replaceOrder === "create-before-destroy") {
          await createStep(c, type, ctx, warnings);
          const inst = state.instances.get(c.address)!;
          inst.deposed = [...(inst.deposed ?? []), old];
          writer.touch();
          await type.delete(ctx, old);
          inst.deposed = inst.deposed.filter((d) => d !== old);
          if (!inst.deposed.length) delete inst.deposed;
          return;
        }
        emit({ kind: "start", address: c.address, action: c.action, step: "delete" });
        await type.delete(ctx, old);
        state.instances.delete(c.address);
        writer.touch();
        emit({ kind: "start", address: c.address, action: c.action, step: "create" });
        return createStep(c, type, ctx, warnings);
      }
      case "noop":
        return;
    }
  };

  for (const n of nodes) {
    const c = (n as WalkNode & { change?: ResourceChange }).change;
    if (c) n.run = run(c);
  }
  const outcome = await walk(nodes, {
    parallelism: opts.parallelism ?? 10,
    hostParallelism: opts.hostParallelism,
    signal,
    onSkip: (id, because) => {
      if (!id.startsWith("@")) {
        result.skipped.push(id);
        emit({ kind: "skipped", address: id, because });
      }
    },
  });
  for (const [id, o] of outcome)
    if (o === "cancelled" && !id.startsWith("@")) {
      result.cancelled.push(id);
      emit({ kind: "cancelled", address: id });
    }

  // Outputs, from the state as it now stands.
  if (!result.failed.length && !result.cancelled.length && !result.skipped.length) {
    const outputs: State["outputs"] = {};
    if (plan.mode !== "destroy")
      for (const o of config.outputs.values()) {
        let v: Value;
        try {
          v = evaluate(o.value, values.scope());
        } catch {
          v = UNKNOWN;
        }
        if (!isUnknown(v)) outputs[o.name] = { value: v, ...(o.sensitive ? { sensitive: true } : {}) };
      }
    if (!deepEqual(outputs, state.outputs)) {
      state.outputs = outputs;
      writer.touch();
    }
  }
  await writer.flush();
  return result;
}

function knownOnly(a: Attrs): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(a)) out[k] = containsUnknown(v) ? null : v;
  return out;
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
 */
function buildWalk(changes: ResourceChange[], state: State, config: Config): (WalkNode & { change?: ResourceChange })[] {
  const nodes: (WalkNode & { change?: ResourceChange })[] = [];
  const doneBarrier = new Map<string, string[]>(); // resource key -> ids of its create/update/replace nodes
  const releasers = new Map<string, string[]>(); // resource key -> ids of nodes that must finish before it may be deleted
  for (const c of changes) {
    if (c.action !== "delete") (doneBarrier.get(c.resourceKey) ?? doneBarrier.set(c.resourceKey, []).get(c.resourceKey)!).push(c.address);
    const priorDeps = c.deposedIndex !== undefined ? [] : (state.instances.get(c.address)?.dependencies ?? (c.action === "delete" ? c.dependsOn : []));
    if (c.action === "delete" || c.action === "update" || c.action === "replace")
      for (const d of priorDeps) if (d !== c.resourceKey) (releasers.get(d) ?? releasers.set(d, []).get(d)!).push(c.address);
  }
  const changed = new Set(changes.map((c) => c.address));
  const batches = new Map<string, string[]>(); // "@batch group k" -> ids
  for (const c of changes) {
    const deps: string[] = [];
    if (c.action !== "delete") {
      for (const d of c.dependsOn) {
        if (d === c.resourceKey) continue;
        // inside a rolling group, members depend on each other member by member
        if (c.rollingGroup && c.key !== undefined && config.resources.get(d)?.updatePolicy?.group === c.rollingGroup) {
          const same = instanceAddress(d, c.key);
          if (changed.has(same)) deps.push(same);
          continue;
        }
        if (doneBarrier.has(d)) deps.push(`@done ${d}`);
      }
      if (c.batch) {
        const id = `@batch ${c.batch.group} ${c.batch.index}`;
        (batches.get(id) ?? batches.set(id, []).get(id)!).push(c.address);
        if (c.batch.index > 1) deps.push(`@batch ${c.batch.group} ${c.batch.index - 1}`);
      }
    } else if (releasers.has(c.resourceKey)) deps.push(`@released ${c.resourceKey}`);
    nodes.push({ id: c.address, deps, change: c, host: hostOf(c) });
  }
  for (const [key, ids] of doneBarrier) nodes.push({ id: `@done ${key}`, deps: ids });
  for (const [id, ids] of batches) nodes.push({ id, deps: ids });
  for (const [key, ids] of releasers) nodes.push({ id: `@released ${key}`, deps: ids.filter((id) => !doneBarrier.get(key)?.includes(id)) });
  return nodes;
}

function hostOf(c: ResourceChange): string | undefined {
  const h = (c.after ?? c.before)?.host;
  if (h && typeof h === "object" && !Array.isArray(h) && typeof (h as Attrs).name === "string") return (h as Attrs).name as string;
  return undefined;
}

export { instanceAddress };
