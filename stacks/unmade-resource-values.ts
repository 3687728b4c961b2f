// What Heat resolves a resource to that was never made (never started, or
// failed before making anything: a group whose batch_create fails at once):
// every attribute null, its get_resource its own name; a group's members,
// which have no stack to live in, null whatever is asked (so a group of 3 gives
// refs [null, null, null]).

import { referenceAttributeOf } from "../contract/heat-reference-attributes.js";
import type { Value } from "../contract/values.js";
import type { StandIn } from "../engine/output-evaluation.js";
import type { InstanceKey } from "../planner/addresses.js";
import type { HeatResourceNames } from "./heat-resource-names.js";
import type { StackServiceContext } from "./stack-workspace.js";

export function unmadeResourceValues(ctx: StackServiceContext, names: HeatResourceNames): StandIn {
  return (type: string, name: string, key: InstanceKey): Value | undefined => {
    const schema = ctx.engine.types.get(type)?.schema;
    if (!schema) return undefined;
    const attributes: Record<string, Value> = Object.fromEntries(Object.keys(schema).map((a) => [a, null]));
    if (key === undefined) attributes[referenceAttributeOf(type)] = names.of(`${type}.${name}`).name;
    return attributes;
  };
}
