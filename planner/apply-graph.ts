// The apply graph: a walk node for every step of every change, ordered by a
// short list of named rules, the way Terraform's graph builders list their
// transforms. A rule adds edges (a node waits on another) and barriers: one
// node standing for a group of steps ("@done noop.a": every create and
// update of noop.a), so that count×count dependencies stay linear.

import { instanceAddress } from "./addresses.js";
import { actsOnOldObject, stepsOf, type ApplyStep } from "./apply-steps.js";
import { instanceAddressOf, type ResourceChange } from "./changes.js";
import type { ResourceType } from "../contract/resource-type.js";
import type { TypeResolver } from "./instances.js";
import type { Config } from "./model.js";
import { oldDependencies } from "./old-dependencies.js";
import type { State } from "./state.js";
import type { WalkNode } from "./walk.js";

/** In this order. Barriers are walked in the order the rules make them, which decides what starts first. */
const RULES: GraphRule[] = [
  dependencyEdges, // creates and updates after what they depend on
  rollingMemberEdges, // inside a rolling group, member by member
  rollingBatchEdges, // a rolling update batch by batch
  destroyOrderEdges, // deletes after dependents let go
  destroyBeforeCreateEdges, // a replacement deletes the old object first
  createBeforeDestroyEdges, // or creates first and destroys the deposed object last
  unchangedHolderEdges, // deletes after what an unchanged dependent that held them now depends on (no cycle)
  pruneUnusedBarriers, // only barriers something waits on
];

export interface StepNode extends WalkNode {
  step: ApplyStep;
}

export interface ApplyGraphInput {
  /** The changes to make (no noop ones). */
  changes: ResourceChange[];
  /** Every change of the plan, noop ones too. */
  allChanges: ResourceChange[];
  /** The state the apply starts from. */
  state: State;
  /** The state the plan was made from (before unchanged instances took the configuration's dependencies). */
  priorState?: State;
  config: Config;
  types: TypeResolver;
}

/** Step nodes (in the order of the changes) then barriers and pauses. */
export function buildApplyGraph(input: ApplyGraphInput): { nodes: WalkNode[]; steps: StepNode[]; pauses: PauseNode[] } {
  const g = new ApplyGraph(input.changes, input.types);
  const x = ruleContext(input);
  for (const rule of RULES) rule(g, x);
  const pauses = [...g.pauses.values()];
  return { nodes: [...g.steps, ...g.barriers.values(), ...pauses], steps: g.steps, pauses };
}

type GraphRule = (g: ApplyGraph, x: RuleContext) => void;

/**
 * Creates and updates (and a replacement's create) follow the resources they depend on ("@done noop.a"), also
 * through unchanged ones: what depends on an unchanged resource follows the changes of what that one depends on, as
 * Terraform's graph (it keeps a node for every resource of the configuration) and Heat's convergence order them.
 */
function dependencyEdges(g: ApplyGraph, x: RuleContext): void {
  for (const n of g.changes) if (n.change.action !== "delete") g.join("done", n.change.resourceKey, n.main);
  const changed = new Set(g.changes.map((n) => n.change.address));
  const through = changedBehindUnchanged(g, x);
  for (const { change: c, main } of g.changes) {
    if (c.action === "delete") continue;
    for (const d of c.dependsOn) {
      if (d === c.resourceKey) continue;
      // the same member of the group: its change (rollingMemberEdges), else what is behind it
      if (x.sameMember(c, d) ? changed.has(instanceAddress(d, c.key)) : g.has("done", d)) {
        if (!x.sameMember(c, d)) g.waitOn(main, barrierId("done", d));
        continue;
      }
      for (const e of through(d)) {
        if (e === c.resourceKey) continue;
        if (!x.sameMember(c, e)) g.waitOn(main, barrierId("done", e));
        else if (changed.has(instanceAddress(e, c.key))) g.waitOn(main, instanceAddress(e, c.key));
      }
    }
  }
}

/**
 * The resources with creates or updates that an unchanged resource depends on, directly or through other unchanged
 * ones (by resource key, once per key).
 */
function changedBehindUnchanged(g: ApplyGraph, x: RuleContext): (key: string) => string[] {
  const noops = new Map<string, ResourceChange>();
  for (const c of x.allChanges) if (c.action === "noop" && !noops.has(c.resourceKey)) noops.set(c.resourceKey, c);
  const known = new Map<string, string[]>();
  const through = (key: string): string[] => {
    const done = known.get(key);
    if (done) return done;
    known.set(key, []); // a cycle (there is none in a valid configuration) ends here
    const out = new Set<string>();
    for (const d of noops.get(key)?.dependsOn ?? []) {
      if (d === key) continue;
      if (g.has("done", d)) out.add(d);
      else for (const e of through(d)) out.add(e);
    }
    known.set(key, [...out]);
    return known.get(key)!;
  };
  return through;
}

/** Inside a rolling group, a member follows the same member of the group's resources it depends on, not all of them. */
function rollingMemberEdges(g: ApplyGraph, x: RuleContext): void {
  if (!g.changes.some((n) => n.change.rollingGroup)) return;
  const changed = new Set(g.changes.map((n) => n.change.address));
  for (const { change: c, main } of g.changes) {
    if (c.action === "delete") continue;
    for (const d of c.dependsOn) {
      if (d === c.resourceKey || !x.sameMember(c, d)) continue;
      const same = instanceAddress(d, c.key);
      if (changed.has(same)) g.waitOn(main, same);
    }
  }
}

/**
 * A rolling update goes batch by batch: a batch starts once the one before it is done ("@batch group 2"), and
 * with a pause, that many seconds later ("@pause group 2": a node that waits, after "@batch group 2").
 */
function rollingBatchEdges(g: ApplyGraph): void {
  for (const { change: c, main } of g.changes) if (c.batch) g.join("batch", `${c.batch.group} ${c.batch.index}`, main);
  for (const { change: c, main, replaceDelete } of g.changes) {
    if (!c.batch || c.batch.index <= 1) continue;
    const key = `${c.batch.group} ${c.batch.index - 1}`;
    const previous = c.batch.pauseSeconds ? g.pause(key, c.batch.pauseSeconds) : barrierId("batch", key);
    g.waitOn(main, previous);
    if (replaceDelete) g.waitOn(replaceDelete, previous);
  }
}

/**
 * Deletes after dependents let go: an object is deleted (a deposed one destroyed) once every
 * change of what depended on it is done: deleted, updated, replaced ("@released noop.a").
 */
function destroyOrderEdges(g: ApplyGraph, x: RuleContext): void {
  for (const { change: c, main, destroyDeposed } of g.changes) {
    const lettingGo = c.action === "create" ? undefined : (destroyDeposed ?? main);
    if (!lettingGo) continue;
    for (const d of x.oldDependencies(c)) if (d !== c.resourceKey) g.join("released", x.dependencyKey(c, d), lettingGo);
  }
  for (const { change: c, main, destroyDeposed } of g.changes) {
    const deleting = c.action === "delete" ? main : destroyDeposed;
    if (deleting) g.waitOn(deleting, barrierId("released", c.resourceKey), barrierId("released", instanceAddressOf(c)));
  }
}

/**
 * An unchanged dependent lets go of what it no longer depends on once what it depends on now is done (as Heat's
 * convergence orders it: a resource is cleaned up after the update of each resource that required it, and that
 * update after the resource's new requirements): a delete waits for the creates and updates of those, through
 * unchanged resources ("@done noop.b"). When one of them fails, the delete does not happen.
 */
function unchangedHolderEdges(g: ApplyGraph, x: RuleContext): void {
  const deletes = new Map<string, StepNode[]>();
  for (const { change: c, main } of g.changes) {
    if (c.action !== "delete" || c.deposed) continue;
    for (const k of [c.resourceKey, c.address]) deletes.set(k, [...(deletes.get(k) ?? []), main]);
  }
  if (!deletes.size) return;
  const noops = new Map<string, ResourceChange>();
  for (const c of x.allChanges) if (c.action === "noop" && !noops.has(c.resourceKey)) noops.set(c.resourceKey, c);
  /** The "done" barriers of what an unchanged resource depends on, through unchanged ones. */
  const doneOf = (c: ResourceChange, seen: Set<string>): string[] => {
    const out: string[] = [];
    for (const d of c.dependsOn) {
      if (d === c.resourceKey || seen.has(d)) continue;
      seen.add(d);
      if (g.has("done", d)) out.push(barrierId("done", d));
      const further = noops.get(d);
      if (further) out.push(...doneOf(further, seen));
    }
    return out;
  };
  for (const c of x.allChanges) {
    if (c.action !== "noop") continue;
    const held = x.heldBefore(c).flatMap((d) => (c.dependsOn.includes(d) ? [] : (deletes.get(d) ?? [])));
    if (!held.length) continue;
    const done = doneOf(c, new Set([c.resourceKey]));
    // never a cycle (what the delete would wait for waiting on it already, as a replacement deleting first does)
    for (const n of held) g.waitOn(n, ...done.filter((id) => !n.deps.includes(id) && !g.reaches(id, n.id)));
  }
}

/**
 * destroy-before-create: the old object is deleted once the dependents being deleted or replaced
 * let go of it ("@released-early noop.a": their deletes and delete phases, not their creates and
 * updates, which wait for the new object); the new one is created after.
 */
function destroyBeforeCreateEdges(g: ApplyGraph, x: RuleContext): void {
  for (const { change: c, main, replaceDelete } of g.changes) {
    const lettingGo = c.action === "delete" ? main : replaceDelete;
    if (!lettingGo) continue;
    for (const d of x.oldDependencies(c))
      if (d !== c.resourceKey) g.join("released-early", x.dependencyKey(c, d), lettingGo);
  }
  for (const { change: c, main, replaceDelete } of g.changes) {
    if (!replaceDelete) continue;
    g.waitOn(replaceDelete, barrierId("released-early", c.resourceKey), barrierId("released-early", c.address));
    g.waitOn(main, replaceDelete.id);
  }
}

/**
 * create_before_destroy: the deposed old object is destroyed after the new one exists and every
 * dependent has moved to it ("@switched noop.a": the creates and updates of what depends on it).
 */
function createBeforeDestroyEdges(g: ApplyGraph, x: RuleContext): void {
  for (const { change: c, main } of g.changes) {
    if (c.action === "delete") continue;
    for (const d of c.dependsOn) if (d !== c.resourceKey) g.join("switched", x.dependencyKey(c, d), main);
  }
  for (const { change: c, main, destroyDeposed } of g.changes)
    if (destroyDeposed)
      g.waitOn(destroyDeposed, main.id, barrierId("switched", c.resourceKey), barrierId("switched", c.address));
}

/** Only the barriers something waits on (at 100,000 instances, the others are work for nothing). */
function pruneUnusedBarriers(g: ApplyGraph): void {
  const wanted = new Set<string>();
  // only steps and pauses wait on barriers
  for (const n of [...g.steps, ...g.pauses.values()]) for (const d of n.deps) if (g.barriers.has(d)) wanted.add(d);
  g.keepBarriers(wanted);
}

type BarrierKind = "done" | "batch" | "released" | "released-early" | "switched";

function barrierId(kind: BarrierKind, key: string): string {
  return `@${kind} ${key}`;
}

/** A wait of `ms` between two batches of a rolling update (its `run` is given by the apply). */
export interface PauseNode extends WalkNode {
  pauseMs: number;
}

/** One change's step nodes. */
interface ChangeNodes {
  change: ResourceChange;
  /** The create, update or delete, or a replacement's create phase: what other changes wait on. */
  main: StepNode;
  /** destroy-before-create: the delete phase, before main. */
  replaceDelete?: StepNode;
  /** create_before_destroy: the destroy of the deposed old object, after main. */
  destroyDeposed?: StepNode;
}

class ApplyGraph {
  readonly steps: StepNode[] = [];
  readonly changes: ChangeNodes[] = [];
  /** By id, in the order they were made. */
  readonly barriers = new Map<string, WalkNode>();
  /** Pauses between batches, by id. */
  readonly pauses = new Map<string, PauseNode>();
  /** By kind and key ("gantry_noop.a"): made without building ids for every member. */
  private readonly barriersOf = new Map<BarrierKind, Map<string, WalkNode>>();

  constructor(changes: ResourceChange[], types: TypeResolver) {
    for (const change of changes) {
      const type = types(change.type);
      let main: StepNode | undefined;
      let replaceDelete: StepNode | undefined;
      let destroyDeposed: StepNode | undefined;
      for (const step of stepsOf(change)) {
        const node: StepNode = { id: stepNodeId(step), deps: [], step, host: hostOf(step, type) };
        this.steps.push(node);
        if (step.kind === "replace-delete") replaceDelete = node;
        else if (step.kind === "replace-destroy-deposed") destroyDeposed = node;
        else main = node;
      }
      this.changes.push({ change, main: main!, replaceDelete, destroyDeposed });
    }
  }

  waitOn(node: WalkNode, ...ids: string[]): void {
    node.deps.push(...ids);
  }

  /** Adds a step to a barrier (made on first use). */
  join(kind: BarrierKind, key: string, member: StepNode): void {
    let ofKind = this.barriersOf.get(kind);
    if (!ofKind) this.barriersOf.set(kind, (ofKind = new Map()));
    let b = ofKind.get(key);
    if (!b) {
      b = { id: barrierId(kind, key), deps: [] };
      ofKind.set(key, b);
      this.barriers.set(b.id, b);
    }
    b.deps.push(member.id);
  }

  /** The pause after batch `key` ("group 2"), made on first use: its id. */
  pause(key: string, seconds: number): string {
    const id = `@pause ${key}`;
    if (!this.pauses.has(id)) this.pauses.set(id, { id, deps: [barrierId("batch", key)], pauseMs: seconds * 1000 });
    return id;
  }

  /** Whether node `from` waits, directly or through others, on node `to`. */
  reaches(from: string, to: string): boolean {
    const byId = new Map<string, WalkNode>([
      ...this.steps.map((n) => [n.id, n] as const),
      ...this.barriers,
      ...this.pauses,
    ]);
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(byId.get(id)?.deps ?? []));
    }
    return false;
  }

  has(kind: BarrierKind, key: string): boolean {
    return !!this.barriersOf.get(kind)?.has(key);
  }

  /** Drops every barrier not in `ids`. */
  keepBarriers(ids: Set<string>): void {
    for (const id of this.barriers.keys()) if (!ids.has(id)) this.barriers.delete(id);
    for (const ofKind of this.barriersOf.values())
      for (const [key, b] of ofKind) if (!ids.has(b.id)) ofKind.delete(key);
  }
}

/** A change's main step has the change's address as its id; the other phase of a replacement a suffix. */
function stepNodeId(step: ApplyStep): string {
  if (step.kind === "replace-delete") return `${step.change.address}#destroy`;
  if (step.kind === "replace-destroy-deposed") return `${step.change.address}#destroy-deposed`;
  return step.change.address;
}

/** The host the step acts on, as its type says, for per-host limits: the old object's or the new one's. */
function hostOf(step: ApplyStep, type: ResourceType | undefined): string | undefined {
  const c = step.change;
  const attrs = actsOnOldObject(step) ? (c.before ?? c.after) : (c.after ?? c.before);
  return attrs && type?.hostKey ? type.hostKey(attrs) : undefined;
}

interface RuleContext {
  /** Every change of the plan, noop ones too. */
  allChanges: ResourceChange[];
  /** What an unchanged instance depended on when the plan was made. */
  heldBefore: (c: ResourceChange) => string[];
  /** What the change's old object depended on. */
  oldDependencies: (c: ResourceChange) => string[];
  /** Inside a rolling group, a dependency on another resource of the group is on the same member. */
  sameMember: (c: ResourceChange, d: string) => boolean;
  /** The key of the barriers a dependency on `d` is about: the resource, or in a rolling group the same member. */
  dependencyKey: (c: ResourceChange, d: string) => string;
}

function ruleContext(input: ApplyGraphInput): RuleContext {
  const { config } = input;
  // members named by their policy (whole nested stacks) are not instance keys: their dependencies are the usual ones
  const sameMember = (c: ResourceChange, d: string) =>
    !!c.rollingGroup &&
    c.key !== undefined &&
    config.resources.get(c.resourceKey)?.updatePolicy?.member === undefined &&
    config.resources.get(d)?.updatePolicy?.group === c.rollingGroup;
  return {
    allChanges: input.allChanges,
    heldBefore: (c) => (input.priorState ?? input.state).instances.get(c.address)?.dependencies ?? [],
    oldDependencies: oldDependencies(input.state, config, input.allChanges),
    sameMember,
    dependencyKey: (c, d) => (sameMember(c, d) ? instanceAddress(d, c.key) : d),
  };
}
