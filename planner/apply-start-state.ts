// The state an apply starts from: the refreshed state the plan was made
// from, where instances that do not change take the configuration's
// dependencies.

import { deepEqual } from "../contract/values.js";
import type { Plan } from "./plan.js";
import type { State, StateWriter } from "./state.js";

export function startFromPlan(writer: StateWriter, plan: Plan): void {
  const state = writer.state;
  if (!sameInstances(state, plan.priorState)) {
    state.instances = new Map([...plan.priorState.instances].map(([a, i]) => [a, structuredClone(i)]));
    writer.touch();
  }
}

/**
 * Instances that do not change still take the configuration's dependencies: stale ones
 * (from an older configuration) could otherwise order a later destroy in a cycle.
 */
export function adoptConfiguredDependencies(writer: StateWriter, plan: Plan): void {
  const state = writer.state;
  let changed = false;
  for (const c of plan.changes) {
    if (c.action !== "noop") continue;
    const inst = state.instances.get(c.address);
    if (inst && !sameSet(inst.dependencies, c.dependsOn)) {
      state.instances.set(c.address, { ...inst, dependencies: [...c.dependsOn] });
      changed = true;
    }
  }
  if (changed) writer.touch();
}

function sameInstances(a: State, b: State): boolean {
  if (a.instances.size !== b.instances.size) return false;
  for (const [k, v] of a.instances) {
    const w = b.instances.get(k);
    if (!w || !deepEqual(v.attributes, w.attributes) || v.status !== w.status) return false;
  }
  return true;
}

function sameSet(a: string[], b: string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}
