// Heat's resource type API over an engine's registry: `GET /resource_types`
// (listHeatResourceTypes), `GET /resource_types/{type}`
// (heatResourceTypeSchema) and `GET /resource_types/{type}/template`
// (heatResourceTypeTemplate), in Heat 19's JSON. Heat's own types
// (heat_random_string is OS::Heat::RandomString) describe themselves in
// Heat's terms (ResourceType.heat); gantry's types (gantry_noop is
// Gantry::Noop) are described from their attribute schemas.

import {
  HEAT_SUPPORT_STATUSES,
  type HeatAttributeSchema,
  type HeatConstraint,
  type HeatPropertySchema,
  type HeatSchemaType,
  type HeatSupportStatus,
  type HeatTypeDetails,
} from "../contract/heat-type-schema.js";
import { heatTypeOfModelType, modelTypeOfHeatType } from "../contract/heat-type-names.js";
import type { AttributeSchema, ResourceType } from "../contract/resource-type.js";
import type { ResourceTypeRegistry } from "../provider/resource-types.js";
import { HeatError } from "./heat-error.js";

/** The attribute every Heat resource has. */
const SHOW: HeatAttributeSchema = { description: "Detailed information about resource.", type: "map" };
/** The HOT version Heat 19 writes generated templates in. */
const GENERATED_HOT_VERSION = "2016-10-14";

/** The Heat side of a gantry type: given by the type, or derived from its attribute schema. */
export function heatDetailsOf(t: ResourceType): HeatTypeDetails {
  if (t.heat) return t.heat;
  const properties: Record<string, HeatPropertySchema> = {};
  const attributes: Record<string, HeatAttributeSchema> = {};
  for (const [name, a] of Object.entries(t.schema)) {
    if (a.required || a.optional || !a.computed) properties[name] = heatPropertyOf(a, true);
    attributes[name] = { description: a.description, type: heatTypeOfKind(a) };
  }
  return {
    properties,
    attributes,
    supportStatus: { status: "SUPPORTED", message: null, version: null, previous_status: null },
    description: t.description,
  };
}

function heatTypeOfKind(a: AttributeSchema): HeatSchemaType {
  switch (a.kind) {
    case "string":
      return "string";
    case "number":
      return a.integer ? "integer" : "number";
    case "bool":
      return "boolean";
    case "list":
      return "list";
    case "map":
    case "object":
      return "map";
    default:
      return "any";
  }
}

function heatPropertyOf(a: AttributeSchema, top: boolean): HeatPropertySchema {
  const p: HeatPropertySchema = { type: heatTypeOfKind(a), description: a.description };
  if (a.default !== undefined) p.default = a.default;
  if (a.kind === "object" && a.attributes)
    p.schema = Object.fromEntries(Object.entries(a.attributes).map(([k, x]) => [k, heatPropertyOf(x, false)]));
  if (a.kind === "list" && a.element) p.schema = { "*": heatPropertyOf(a.element, false) };
  if (a.required) p.required = true;
  const constraints: HeatConstraint[] = [];
  if (a.minimum !== undefined || a.maximum !== undefined)
    constraints.push({
      range: {
        ...(a.minimum !== undefined ? { min: a.minimum } : {}),
        ...(a.maximum !== undefined ? { max: a.maximum } : {}),
      },
    });
  if (a.allowed) constraints.push({ allowed_values: a.allowed.map((v) => (typeof v === "boolean" ? String(v) : v)) });
  if (constraints.length) p.constraints = constraints;
  p.updateAllowed = top ? !a.forceNew : true;
  return p;
}

const hidden = (p: HeatPropertySchema) => p.supportStatus?.status === "HIDDEN";

/** A property as Heat's API shows it (its keys in Heat's order). */
function renderProperty(p: HeatPropertySchema): Record<string, unknown> {
  const out: Record<string, unknown> = { type: p.type };
  if (p.description !== undefined && p.description !== "") out.description = p.description;
  if (p.default !== undefined) out.default = p.default;
  if (p.schema)
    out.schema = Object.fromEntries(
      Object.entries(p.schema)
        .filter(([, s]) => !hidden(s))
        .map(([k, s]) => [k, renderProperty(s)]),
    );
  out.required = p.required ?? false;
  if (p.constraints?.length) out.constraints = p.constraints;
  out.update_allowed = p.updateAllowed ?? false;
  out.immutable = p.immutable ?? false;
  return out;
}

function renderAttribute(a: HeatAttributeSchema): Record<string, unknown> {
  return a.type ? { description: a.description, type: a.type } : { description: a.description };
}

/** The registered type a Heat type name names, or Heat's 404. */
export function resolveHeatType(registry: ResourceTypeRegistry, heatType: string): ResourceType {
  const model = modelTypeOfHeatType(heatType);
  const t = model === undefined ? undefined : registry.get(model);
  if (!t || heatTypeOfModelType(t.name) !== heatType || heatDetailsOf(t).supportStatus.status === "HIDDEN")
    throw new HeatError(404, "EntityNotFound", `The Resource Type (${heatType}) could not be found.`);
  return t;
}

/** `GET /resource_types/{type}`. */
export function heatResourceTypeSchema(registry: ResourceTypeRegistry, heatType: string): Record<string, unknown> {
  const details = heatDetailsOf(resolveHeatType(registry, heatType));
  const properties = Object.fromEntries(
    Object.entries(details.properties)
      .filter(([, p]) => !hidden(p))
      .map(([k, p]) => [k, renderProperty(p)]),
  );
  const attributes = Object.fromEntries(
    Object.entries({ ...details.attributes, show: SHOW }).map(([k, a]) => [k, renderAttribute(a)]),
  );
  return { resource_type: heatType, properties, attributes, support_status: details.supportStatus };
}

// ---- templates -------------------------------------------------------------------------------------------------

const HOT_PARAMETER_TYPE: Record<HeatSchemaType, string> = {
  string: "string",
  number: "number",
  integer: "number",
  boolean: "boolean",
  list: "comma_delimited_list",
  map: "json",
  // Heat 19 answers 500 (KeyError) for a property of type any; gantry offers json
  any: "json",
};
const CFN_PARAMETER_TYPE: Record<HeatSchemaType, string> = {
  string: "String",
  number: "Number",
  integer: "Number",
  boolean: "Boolean",
  list: "CommaDelimitedList",
  map: "Json",
  any: "Json",
};

function hotParameter(p: HeatPropertySchema): Record<string, unknown> {
  const out: Record<string, unknown> = { type: HOT_PARAMETER_TYPE[p.type] };
  if (p.description) out.description = p.description;
  if (p.default !== undefined) out.default = p.default;
  // Heat writes a custom constraint as an empty one
  if (p.constraints?.length) out.constraints = p.constraints.map((c) => ("custom_constraint" in c ? {} : { ...c }));
  return out;
}

function cfnParameter(p: HeatPropertySchema): Record<string, unknown> {
  const out: Record<string, unknown> = { Type: CFN_PARAMETER_TYPE[p.type] };
  if (p.description) out.Description = p.description;
  if (p.default !== undefined) out.Default = p.default;
  for (const c of p.constraints ?? []) {
    if ("range" in c) {
      if (c.range.min !== undefined) out.MinValue = c.range.min;
      if (c.range.max !== undefined) out.MaxValue = c.range.max;
    } else if ("length" in c) {
      if (c.length.min !== undefined) out.MinLength = c.length.min;
      if (c.length.max !== undefined) out.MaxLength = c.length.max;
    } else if ("allowed_values" in c) out.AllowedValues = c.allowed_values;
    else if ("allowed_pattern" in c) out.AllowedPattern = c.allowed_pattern;
  }
  if (p.type === "boolean") out.AllowedValues = ["True", "true", "False", "false"];
  return out;
}

/** `GET /resource_types/{type}/template?template_type=hot|cfn` (Heat's default: cfn). */
export function heatResourceTypeTemplate(
  registry: ResourceTypeRegistry,
  heatType: string,
  templateType = "cfn",
): Record<string, unknown> {
  const t = resolveHeatType(registry, heatType);
  if (templateType !== "hot" && templateType !== "cfn")
    throw new HeatError(
      400,
      "HTTPBadRequest",
      `Template type is not supported: Invalid template type "${templateType}", valid types are: cfn, hot.`,
    );
  const details = heatDetailsOf(t);
  const name = details.templateName ?? heatType.slice(heatType.lastIndexOf(":") + 1);
  const props = Object.entries(details.properties).filter(([, p]) => !hidden(p));
  const attrs = Object.entries({ ...details.attributes, show: SHOW });
  const description = `Initial template of ${name}`;
  if (templateType === "hot") {
    const outputs: Record<string, unknown> = {};
    for (const [k, a] of attrs) outputs[k] = { value: { get_attr: [name, k] }, description: a.description };
    outputs["OS::stack_id"] = { value: { get_resource: name } };
    return {
      heat_template_version: GENERATED_HOT_VERSION,
      description,
      parameters: Object.fromEntries(props.map(([k, p]) => [k, hotParameter(p)])),
      outputs,
      resources: {
        [name]: { type: heatType, properties: Object.fromEntries(props.map(([k]) => [k, { get_param: k }])) },
      },
    };
  }
  const outputs: Record<string, unknown> = {};
  for (const [k, a] of attrs) outputs[k] = { Value: { "Fn::GetAtt": [name, k] }, Description: a.description };
  outputs["OS::stack_id"] = { Value: { Ref: name } };
  return {
    HeatTemplateFormatVersion: "2012-12-12",
    Description: description,
    Parameters: Object.fromEntries(props.map(([k, p]) => [k, cfnParameter(p)])),
    Resources: {
      [name]: {
        Type: heatType,
        Properties: Object.fromEntries(
          props.map(([k, p]) => [k, p.type === "list" ? { "Fn::Split": [",", { Ref: k }] } : { Ref: k }]),
        ),
      },
    },
    Outputs: outputs,
  };
}

// ---- the list --------------------------------------------------------------------------------------------------

export interface ResourceTypeFilters {
  /** A regular expression the name must match from its start (Python's re.match). */
  name?: string;
  /** The Heat version the type's support status names. */
  version?: string;
  support_status?: string;
  /** true, false, or their text as the query string gives it. */
  with_description?: boolean | string;
}

/** `GET /resource_types`: the Heat names of the types gantry provides (heat_* and gantry_*), in registry order. */
export function listHeatResourceTypes(
  registry: ResourceTypeRegistry,
  filters: ResourceTypeFilters = {},
): { resource_types: (string | { resource_type: string; description: string })[] } {
  let withDescription = false;
  if (typeof filters.with_description === "string") {
    const v = filters.with_description.toLowerCase();
    if (v !== "true" && v !== "false")
      throw new HeatError(
        400,
        "HTTPBadRequest",
        `Unrecognized value "${filters.with_description}" for "with_description", acceptable values are: true, false.`,
      );
    withDescription = v === "true";
  } else withDescription = filters.with_description === true;
  const status = filters.support_status;
  if (status !== undefined && !HEAT_SUPPORT_STATUSES.includes(status as HeatSupportStatus["status"]))
    throw new HeatError(
      400,
      "Invalid",
      `Data supplied was not valid: Invalid support status and should be one of (${HEAT_SUPPORT_STATUSES.map(
        (s) => `'${s}'`,
      ).join(", ")})`,
    );
  let nameExp: RegExp | undefined;
  if (filters.name !== undefined) {
    try {
      nameExp = new RegExp(`^(?:${filters.name})`);
    } catch {
      return { resource_types: [] };
    }
  }
  const out: (string | { resource_type: string; description: string })[] = [];
  for (const t of registry.all()) {
    const heatType = heatTypeOfModelType(t.name);
    if (heatType === undefined) continue;
    const details = heatDetailsOf(t);
    if (details.supportStatus.status === "HIDDEN") continue;
    if (nameExp && !nameExp.test(heatType)) continue;
    if (filters.version !== undefined && details.supportStatus.version !== filters.version) continue;
    if (status !== undefined && details.supportStatus.status !== status) continue;
    out.push(withDescription ? { resource_type: heatType, description: details.description } : heatType);
  }
  return { resource_types: out };
}
