// How a state's resources are expanded, as they were recorded: each resource's
// instance keys (count indexes in order, for_each keys), for a scope that
// reads values from the state alone.

import { resourceKeyOf } from "../planner/addresses.js";
import type { Expansion } from "../planner/scope.js";
import type { State } from "../planner/state.js";

export function stateExpansions(state: State): Map<string, Expansion> {
  const expansions = new Map<string, Expansion>();
  for (const inst of state.instances.values()) {
    const rkey = resourceKeyOf(inst.address);
    let exp = expansions.get(rkey);
    if (!exp) {
      const mode = inst.key === undefined ? "single" : typeof inst.key === "number" ? "count" : "for_each";
      exp = { mode, keys: [], ...(mode === "for_each" ? { eachValues: new Map() } : {}) };
      expansions.set(rkey, exp);
    }
    exp.keys.push(inst.key);
    if (exp.eachValues && inst.key !== undefined) exp.eachValues.set(String(inst.key), null);
  }
  for (const exp of expansions.values())
    if (exp.mode === "count") exp.keys.sort((a, b) => (a as number) - (b as number));
  return expansions;
}
