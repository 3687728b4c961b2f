// Builds the resource blocks a cluster expands into: one block per kind of
// thing per node group, with one instance per node (for_each keyed by node
// name), so addresses read like gantry_file.mesos_master_quorum["master-2"] and
// stay stable when groups grow or shrink.

import type { Origin } from "../contract/diagnostics.js";
import type { Value } from "../contract/values.js";
import type { Expr } from "../planner/expressions/ast.js";
import { defaultLifecycle, type ResourceConfig, type UpdatePolicy } from "../planner/model.js";
import { at, lit, ref } from "./expression-builders.js";

/** `each.value.<field>`: this instance's value of a property. */
const eachValue = (field: string): Expr => ref("each", "value", field);

/** `gantry_host.<block>[each.value.host]`: the node's host. */
export function hostRef(hostBlock: string): Expr {
  return ref("gantry_host", hostBlock, at(eachValue("host")));
}

/** "/etc/mesos-master/quorum" → "mesos_master_quorum". */
export function pathSlug(path: string): string {
  return path
    .replace(/^\/etc\//, "")
    .replace(/^\/+/, "")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

export interface BlockSpec {
  type: string;
  name: string;
  /** Node name → that node's property values (plus `host`, the host name, when hostBlock is set). */
  instances: Map<string, Record<string, Value>>;
  /** Properties every instance takes from its own values. */
  properties: string[];
  /** Block name of the cluster's hosts: adds `host = gantry_host.<hostBlock>[each.value.host]`. */
  hostBlock?: string;
  dependsOn?: string[];
  updatePolicy?: UpdatePolicy;
  origin: Origin;
}

export function buildBlock(spec: BlockSpec): ResourceConfig {
  const forEach: Record<string, Value> = {};
  for (const [node, values] of spec.instances) forEach[node] = values;
  const properties: ResourceConfig["properties"] = {};
  for (const p of spec.properties) properties[p] = { value: eachValue(p), origin: spec.origin };
  if (spec.hostBlock) properties.host = { value: hostRef(spec.hostBlock), origin: spec.origin };
  return {
    type: spec.type,
    name: spec.name,
    key: `${spec.type}.${spec.name}`,
    properties,
    forEach: { value: lit(forEach), origin: spec.origin },
    dependsOn: (spec.dependsOn ?? []).map((key) => ({ ref: key, origin: spec.origin })),
    lifecycle: defaultLifecycle(),
    ...(spec.updatePolicy ? { updatePolicy: spec.updatePolicy } : {}),
    origin: spec.origin,
  };
}

/** A block with one instance and literal properties. */
export function literalBlock(
  type: string,
  name: string,
  props: Record<string, Value>,
  origin: Origin,
  dependsOn: string[] = [],
): ResourceConfig {
  const properties: ResourceConfig["properties"] = {};
  for (const [k, v] of Object.entries(props)) properties[k] = { value: lit(v), origin };
  return {
    type,
    name,
    key: `${type}.${name}`,
    properties,
    dependsOn: dependsOn.map((key) => ({ ref: key, origin })),
    lifecycle: defaultLifecycle(),
    origin,
  };
}
