// The state a plan starts from: the state as read, with an instance map of its own (moves, refresh and the plan add,
// replace and remove records there), the records themselves shared with the state read until one is replaced. A
// record is never changed in place: the state read stays as it was (an apply under the same lock starts from it).
// Copying all 100,000 records of a large state for the few a plan replaces cost more than the rest of this together.

import type { TypeResolver } from "./instances.js";
import { attributesWithSchemaNulls, schemaNullsFillable } from "./schema-typed-value.js";
import type { State } from "./state.js";

export function priorState(state: State, types: TypeResolver): State {
  const instances = new Map(state.instances);
  // a record written before objects' unset fields were filled in gets them as null, as a provider upgrades its state;
  // what may lack a field is worked out once per type
  const fillable = new Map<string, readonly string[]>();
  for (const [address, inst] of instances) {
    if (inst.mode === "data") continue;
    let names = fillable.get(inst.type);
    if (names === undefined) {
      const schema = types(inst.type)?.schema;
      names = schema ? schemaNullsFillable(schema) : [];
      fillable.set(inst.type, names);
    }
    if (!names.length) continue;
    const attributes = attributesWithSchemaNulls(inst.attributes, types(inst.type)!.schema, names);
    if (attributes !== inst.attributes) instances.set(address, { ...inst, attributes });
  }
  return { ...state, outputs: { ...state.outputs }, instances };
}
