// gantry's resource types in Terraform's provider-schema JSON format (what
// `terraform providers schema -json` prints, format_version "1.0"): per
// provider source address, the provider's own (empty) configuration block and
// a schema per resource type, each a block of attributes with the type in
// Terraform's type JSON, description, required / optional / computed and
// sensitive. CDKTF's provider generator reads this.
// Objects are built field by field in Terraform's order (Go struct order);
// maps (providers, resource types, attributes) are sorted by key.

import type { AttributeSchema, ResourceType } from "../contract/resource-type.js";
import { type BuiltinProvider, builtinProviderOfType } from "../contract/built-in-providers.js";

export const PROVIDER_SCHEMA_FORMAT_VERSION = "1.0";

export type TypeJson = string | (string | TypeJson | Record<string, TypeJson> | string[])[];

export interface AttributeJson {
  type: TypeJson;
  description?: string;
  description_kind?: "plain";
  required?: true;
  optional?: true;
  computed?: true;
  sensitive?: true;
}

export interface BlockJson {
  attributes?: Record<string, AttributeJson>;
  description?: string;
  description_kind: "plain";
}

export interface SchemaJson {
  version: number;
  block: BlockJson;
}

export interface ProviderSchemaJson {
  provider: SchemaJson;
  resource_schemas?: Record<string, SchemaJson>;
}

export interface ProviderSchemasJson {
  format_version: string;
  provider_schemas?: Record<string, ProviderSchemaJson>;
}

export function providerSchemas(
  providers: readonly BuiltinProvider[],
  types: Iterable<ResourceType>,
): ProviderSchemasJson {
  const all = [...types];
  const schemas: Record<string, ProviderSchemaJson> = {};
  for (const p of [...providers].sort((a, b) => (a.source < b.source ? -1 : 1))) {
    const mine = all
      .filter((t) => builtinProviderOfType(t.name).source === p.source)
      .map((t) => [t.name, t] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const entry: ProviderSchemaJson = { provider: { version: 0, block: { description_kind: "plain" } } };
    if (mine.length) entry.resource_schemas = Object.fromEntries(mine.map(([name, t]) => [name, resourceSchema(t)]));
    schemas[p.source] = entry;
  }
  return Object.keys(schemas).length
    ? { format_version: PROVIDER_SCHEMA_FORMAT_VERSION, provider_schemas: schemas }
    : { format_version: PROVIDER_SCHEMA_FORMAT_VERSION };
}

function resourceSchema(t: ResourceType): SchemaJson {
  const names = Object.keys(t.schema).sort();
  const block: BlockJson = { description_kind: "plain" };
  if (names.length) block.attributes = Object.fromEntries(names.map((n) => [n, attributeJson(t.schema[n])]));
  if (t.description) block.description = t.description;
  return { version: 0, block: { ...orderBlock(block) } };
}

/** Go's field order: attributes, description, description_kind. */
function orderBlock(b: BlockJson): BlockJson {
  const out: Partial<BlockJson> = {};
  if (b.attributes) out.attributes = b.attributes;
  if (b.description) out.description = b.description;
  out.description_kind = b.description_kind;
  return out as BlockJson;
}

function attributeJson(a: AttributeSchema): AttributeJson {
  const out: AttributeJson = { type: typeJson(a) };
  if (a.description) {
    out.description = a.description;
    out.description_kind = "plain";
  }
  // gantry: an attribute neither required, optional nor computed is optional
  if (a.required) out.required = true;
  else if (a.optional || !a.computed) out.optional = true;
  if (a.computed) out.computed = true;
  if (a.sensitive) out.sensitive = true;
  return out;
}

/** Terraform's type JSON for an attribute schema. */
export function typeJson(a: AttributeSchema): TypeJson {
  switch (a.kind) {
    case "string":
    case "number":
    case "bool":
      return a.kind;
    case "list":
    case "set":
      return [a.kind, a.element ? typeJson(a.element) : "dynamic"];
    case "map":
      return ["map", a.element ? typeJson(a.element) : "dynamic"];
    case "object": {
      // an object whose fields are not declared: any keys, any values
      if (!a.attributes) return ["map", "dynamic"];
      const names = Object.keys(a.attributes).sort();
      // as providers' schemas carry them: no list of optional fields (that form is for type constraints only)
      return ["object", Object.fromEntries(names.map((n) => [n, typeJson(a.attributes![n])]))];
    }
    default:
      return "dynamic";
  }
}
