// The steps of an apply, one kind per operation, each carried out by its own
// function. Most changes are one step; a replacement is two phases:
// destroy-before-create deletes the old object, then creates the new one;
// create_before_destroy deposes the old object and creates the new one, then
// destroys the deposed object once its dependents use the new one.

import type { OperationContext, ResourceType } from "../contract/resource-type.js";
import type { Attrs } from "../contract/values.js";
import type { ResourceChange } from "./changes.js";
import type { DeposedRef } from "./deposed-ref.js";
import type { FinalAttributes } from "./final-attributes.js";
import type { ProvisionerConfig } from "./model.js";
import type { TypeNotes } from "./operation-context.js";
import type { StateRecorder } from "./state-recorder.js";

export type ApplyStep =
  | { kind: "create"; change: ResourceChange }
  | { kind: "update"; change: ResourceChange }
  /** A data resource read at apply (its arguments were not known while planning). */
  | { kind: "read"; change: ResourceChange }
  | { kind: "delete"; change: ResourceChange }
  /** A deposed object left by an earlier apply's create_before_destroy. */
  | { kind: "destroy-deposed"; change: ResourceChange; deposed: DeposedRef }
  /** destroy-before-create, first phase. */
  | { kind: "replace-delete"; change: ResourceChange }
  /** destroy-before-create, second phase. */
  | { kind: "replace-create"; change: ResourceChange }
  /** create_before_destroy, first phase. */
  | { kind: "replace-depose-create"; change: ResourceChange }
  /** create_before_destroy, second phase. */
  | { kind: "replace-destroy-deposed"; change: ResourceChange };

export type StepKind = ApplyStep["kind"];

/** The steps of a change, in the order they run. */
export function stepsOf(change: ResourceChange): ApplyStep[] {
  switch (change.action) {
    case "create":
      return [{ kind: "create", change }];
    case "update":
      return [{ kind: "update", change }];
    case "delete":
      if (change.deposed) return [{ kind: "destroy-deposed", change, deposed: change.deposed }];
      return [{ kind: "delete", change }];
    case "replace":
      return change.replaceOrder === "create-before-destroy"
        ? [
            { kind: "replace-depose-create", change },
            { kind: "replace-destroy-deposed", change },
          ]
        : [
            { kind: "replace-delete", change },
            { kind: "replace-create", change },
          ];
    case "noop":
      return [];
    case "read":
      return [{ kind: "read", change }];
  }
}

/** Does the step act on the object the change replaces or removes (its host is the old object's)? */
export function actsOnOldObject(step: ApplyStep): boolean {
  const k = step.kind;
  return k === "delete" || k === "destroy-deposed" || k === "replace-delete" || k === "replace-destroy-deposed";
}

/** The first step of a change announces it. */
export function startsChange(step: ApplyStep): boolean {
  return step.kind !== "replace-create" && step.kind !== "replace-destroy-deposed";
}

/** The last step of a change completes it. */
export function completesChange(step: ApplyStep): boolean {
  return step.kind !== "replace-delete" && step.kind !== "replace-depose-create";
}

/** What a step is carried out with. */
export interface StepEnv {
  type: ResourceType;
  ctx: OperationContext;
  /** What the type warned about and could not do, for the whole change. */
  notes: TypeNotes;
  state: StateRecorder;
  finalAttributes: FinalAttributes;
  /** Reads a deferred data resource (its arguments evaluated now). */
  readData?: (c: ResourceChange, ctx: OperationContext) => Promise<Attrs>;
  /** Announces a phase of a replacement. */
  phase: (c: ResourceChange, phase: "create" | "delete") => void;
  /** Runs the change's resource's provisioners of one kind, with `self` the object's attributes. */
  provision: (c: ResourceChange, when: ProvisionerConfig["when"], self: Attrs) => Promise<void>;
}

type Executor<K extends StepKind> = (step: Extract<ApplyStep, { kind: K }>, env: StepEnv) => Promise<void>;

const EXECUTORS: { [K in StepKind]: Executor<K> } = {
  create: (s, env) => createObject(s.change, env),
  update: updateObject,
  read: async (s, env) => {
    if (!env.readData) throw new Error(`no data source for ${s.change.address}`);
    env.state.record(s.change, await env.readData(s.change, env.ctx), env.notes);
  },
  delete: (s, env) => deleteObject(s.change, env),
  "destroy-deposed": destroyDeposed,
  "replace-delete": async (s, env) => {
    env.phase(s.change, "delete");
    await deleteObject(s.change, env);
  },
  "replace-create": async (s, env) => {
    env.phase(s.change, "create");
    await createObject(s.change, env);
  },
  "replace-depose-create": deposeAndCreate,
  "replace-destroy-deposed": destroyDeposedByReplace,
};

export function executeStep(step: ApplyStep, env: StepEnv): Promise<void> {
  return (EXECUTORS[step.kind] as Executor<StepKind>)(step, env);
}

/**
 * A create, then the creation-time provisioners. A create that fails, or a provisioner that fails (on_failure =
 * fail), leaves the instance tainted, to be replaced by the next apply.
 */
async function createObject(c: ResourceChange, env: StepEnv, planned = plannedCreate(c, env)) {
  let created: Attrs;
  try {
    created = await env.type.create(env.ctx, planned);
  } catch (e) {
    env.state.recordTainted(c, planned, env.notes);
    throw e;
  }
  env.state.record(c, created, env.notes);
  env.state.touch();
  try {
    await env.provision(c, "create", created);
  } catch (e) {
    env.state.record(c, created, env.notes, "tainted");
    throw e;
  }
}

function plannedCreate(c: ResourceChange, env: StepEnv) {
  return env.finalAttributes(c, env.type, null, env.ctx);
}

async function updateObject(s: { change: ResourceChange }, env: StepEnv) {
  const c = s.change;
  const prior = env.state.current(c.address) ?? c.before!;
  const planned = env.finalAttributes(c, env.type, prior, env.ctx);
  env.state.record(c, await env.type.update(env.ctx, prior, planned), env.notes);
}

/** Destroy-time provisioners first (not for a tainted object, as in Terraform), then the delete. */
async function deleteObject(c: ResourceChange, env: StepEnv) {
  if (c.forget) {
    // lifecycle destroy = false (Heat's deletion_policy Retain): the object stays as it is, unmanaged
    env.state.remove(c.address);
    return;
  }
  const prior = env.state.current(c.address) ?? c.before!;
  if (!env.state.isTainted(c.address)) await env.provision(c, "destroy", prior);
  await env.type.delete(env.ctx, prior);
  env.state.remove(c.address);
}

async function destroyDeposed(s: { change: ResourceChange; deposed: DeposedRef }, env: StepEnv) {
  if (!tookOver(env, s.deposed.address, s.change.before!)) await env.type.delete(env.ctx, s.change.before!);
  env.state.undepose(s.deposed.address, s.change.before!);
}

/**
 * Has the instance's current object taken the deposed one's place on its host (the type says they are the same
 * object: a tainted file rewritten at its path, a service restarted under its name)? Then deleting the deposed
 * object would delete the current one: it is only dropped from state.
 */
function tookOver(env: StepEnv, address: string, deposed: Attrs): boolean {
  const current = env.state.current(address);
  return current !== undefined && current !== deposed && env.type.sameObject?.(deposed, current) === true;
}

/**
 * Deposes the old object before creating its replacement: whatever happens to the create
 * (it fails, or gantry dies), the state keeps the old object until it is destroyed.
 */
async function deposeAndCreate(s: { change: ResourceChange }, env: StepEnv) {
  const c = s.change;
  const planned = plannedCreate(c, env);
  env.state.depose(c);
  // the current object is the new one, not known to exist until the create returns
  env.state.recordTainted(c, planned, env.notes);
  env.state.touch();
  await createObject(c, env, planned);
}

/** Every dependent has moved to the new object: the deposed old one goes. */
async function destroyDeposedByReplace(s: { change: ResourceChange }, env: StepEnv) {
  const c = s.change;
  const old = env.state.deposedBy(c) ?? c.before!;
  env.phase(c, "delete");
  if (!tookOver(env, c.address, old)) await env.type.delete(env.ctx, old);
  env.state.undepose(c.address, old);
}
