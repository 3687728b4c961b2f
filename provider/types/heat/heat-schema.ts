// gantry's attribute schema of a Heat type, made from the type's Heat
// property and attribute schemas (contract/heat-type-schema.ts): one
// definition says both what the Heat API shows and what gantry checks.
// A property Heat does not update in place (update_allowed false) replaces
// the resource when it changes; Heat's attributes are computed; `id` is the
// physical resource id.

import type { HeatConstraint, HeatPropertySchema, HeatTypeDetails } from "../../../contract/heat-type-schema.js";
import type { AttributeSchema } from "../../../contract/resource-type.js";
import type { Value } from "../../../contract/values.js";

function constraintOf<K extends string>(cs: HeatConstraint[] | undefined, key: K): unknown {
  const c = cs?.find((x) => key in x) as Record<string, unknown> | undefined;
  return c?.[key];
}

/** The gantry attribute schema of one Heat property (`top`: a property of the resource itself). */
export function attributeOfHeatProperty(p: HeatPropertySchema, top: boolean): AttributeSchema {
  const out: AttributeSchema = { kind: "any", description: p.description ?? "" };
  const range = constraintOf(p.constraints, "range") as { min?: number; max?: number } | undefined;
  const allowed = constraintOf(p.constraints, "allowed_values") as (string | number)[] | undefined;
  switch (p.type) {
    case "string":
      out.kind = "string";
      break;
    case "integer":
      out.kind = "number";
      out.integer = true;
      break;
    case "number":
      out.kind = "number";
      break;
    case "boolean":
      out.kind = "bool";
      break;
    case "map":
      if (p.schema) {
        out.kind = "object";
        out.attributes = Object.fromEntries(
          Object.entries(p.schema).map(([k, s]) => [k, attributeOfHeatProperty(s, false)]),
        );
      } else out.kind = "map";
      break;
    case "list": {
      out.kind = "list";
      const each = p.schema?.["*"];
      if (each) out.element = attributeOfHeatProperty(each, false);
      else if (allowed) out.element = { kind: "string", description: "", allowed };
      break;
    }
    default:
      break;
  }
  if (p.type !== "list" && allowed) out.allowed = allowed;
  if (range && (p.type === "number" || p.type === "integer")) {
    if (range.min !== undefined) out.minimum = range.min;
    if (range.max !== undefined) out.maximum = range.max;
  }
  if (p.required) out.required = true;
  else out.optional = true;
  if (p.default !== undefined) out.default = p.default as Value;
  if (top && !p.updateAllowed) out.forceNew = true;
  return out;
}

/**
 * The gantry schema of a Heat type: its properties (configurable), its attributes (computed, unless a property of
 * the same name holds it already) and `id`, the physical resource id.
 */
export function gantrySchemaOfHeatType(heat: HeatTypeDetails, idDescription: string): Record<string, AttributeSchema> {
  const schema: Record<string, AttributeSchema> = {};
  for (const [name, p] of Object.entries(heat.properties)) schema[name] = attributeOfHeatProperty(p, true);
  for (const [name, a] of Object.entries(heat.attributes))
    if (!schema[name]) schema[name] = { kind: "any", description: a.description, computed: true };
  schema.id = { kind: "string", description: idDescription, computed: true };
  return schema;
}
