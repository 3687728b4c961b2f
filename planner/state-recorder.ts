// What apply writes into the live state as its steps finish: each instance's
// new record, objects deposed by create_before_destroy (and removed once
// destroyed), and deleted instances. The writer is touched after every step.

import { containsUnknown, deepEqual, type Attrs } from "../contract/values.js";
import type { ResourceChange } from "./changes.js";
import type { TypeNotes } from "./operation-context.js";
import type { Config } from "./model.js";
import type { InstanceState, State, StateWriter } from "./state.js";

export class StateRecorder {
  /** create_before_destroy: the old object each replacement deposed in this apply, for its destroy. */
  private readonly deposedHere = new Map<string, Attrs>();

  constructor(
    private readonly writer: StateWriter,
    private readonly config: Config,
  ) {}

  private get state(): State {
    return this.writer.state;
  }

  /** The attributes the instance has in state now, if it is there. */
  current(address: string): Attrs | undefined {
    return this.state.instances.get(address)?.attributes;
  }

  /** Is the instance recorded as tainted (a failed create or creation-time provisioner, or `taint`)? */
  isTainted(address: string): boolean {
    return this.state.instances.get(address)?.status === "tainted";
  }

  /** The instance's record after a create or update (deposed objects it holds stay). */
  record(c: ResourceChange, attrs: Attrs, notes: TypeNotes, status?: "tainted"): void {
    const { warnings, limitations } = notes;
    const prev = this.state.instances.get(c.address);
    const inst: InstanceState = {
      address: c.address,
      ...(c.action === "read" ? { mode: "data" as const } : {}),
      type: c.type,
      name: c.name,
      key: c.key,
      attributes: attrs,
      dependencies: c.dependsOn,
      ...(status ? { status } : {}),
      ...(this.config.resources.get(c.resourceKey)?.lifecycle.createBeforeDestroy ? { createBeforeDestroy: true } : {}),
      ...(this.config.resources.get(c.resourceKey)?.lifecycle.destroy === false ? { keepOnDestroy: true } : {}),
      ...(prev?.deposed?.length ? { deposed: prev.deposed } : {}),
      ...(warnings.length ? { warnings: [...warnings] } : {}),
      ...(limitations.length ? { limitations: [...limitations] } : {}),
      ...(c.sensitive?.length ? { sensitiveAttributes: [...c.sensitive] } : {}),
    };
    this.state.instances.set(c.address, inst);
  }

  /** An object not known to exist (its create failed or has not returned): what is known of it, tainted. */
  recordTainted(c: ResourceChange, planned: Attrs, notes: TypeNotes): void {
    this.record(c, knownOnly(planned), notes, "tainted");
  }

  /** Keeps the instance's current object as deposed, to be destroyed after its replacement exists. */
  depose(c: ResourceChange): void {
    const prev = this.state.instances.get(c.address);
    const old = prev?.attributes ?? c.before!;
    this.deposedHere.set(c.address, old);
    if (prev) this.state.instances.set(c.address, { ...prev, deposed: [...(prev.deposed ?? []), old] });
  }

  /** The object this apply deposed for the change's replacement. */
  deposedBy(c: ResourceChange): Attrs | undefined {
    return this.deposedHere.get(c.address);
  }

  /** Removes one deposed object (the same one, or else an equal one) from the instance as it now stands in state. */
  undepose(address: string, obj: Attrs): void {
    const inst = this.state.instances.get(address);
    if (!inst?.deposed) return;
    let i = inst.deposed.indexOf(obj);
    if (i < 0) i = inst.deposed.findIndex((d) => deepEqual(d, obj));
    if (i < 0) return;
    const rest = inst.deposed.filter((_, j) => j !== i);
    const next: InstanceState = { ...inst, deposed: rest };
    if (!rest.length) delete next.deposed;
    this.state.instances.set(address, next);
  }

  remove(address: string): void {
    this.state.instances.delete(address);
  }

  touch(): void {
    this.writer.touch();
  }
}

/** The attributes with unknown values left out (null). */
function knownOnly(a: Attrs): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(a)) out[k] = containsUnknown(v) ? null : v;
  return out;
}
