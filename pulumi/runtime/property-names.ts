// Pulumi's names for gantry's attributes: camelCase ("memory_mb" is
// "memoryMb"), as Pulumi's bridged providers name Terraform's attributes.
// Only names the schema declares are renamed (top-level attributes and the
// fields of objects with declared fields); maps, free-form objects and values
// of any type (a Marathon app definition) keep their keys as written.

import type { AttributeSchema } from "../../contract/resource-type.js";
import type { Attrs, Value } from "../../contract/values.js";

/** "memory_mb" → "memoryMb"; "sha256" stays. */
export function pulumiName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The declared attribute a Pulumi name stands for, by the schema (undefined: none). */
export function gantryName(schema: Record<string, AttributeSchema>, name: string): string | undefined {
  for (const key of Object.keys(schema)) if (pulumiName(key) === name) return key;
  return undefined;
}

/** A value in gantry's names (snake_case) to Pulumi's, following its schema. */
export function toPulumiValue(s: AttributeSchema | undefined, v: Value): Value {
  return renameValue(s, v, (fields, key) => (key in fields ? pulumiName(key) : key));
}

/** A value in Pulumi's names to gantry's, following its schema; names it does not declare stay. */
export function toGantryValue(s: AttributeSchema | undefined, v: Value): Value {
  return renameValue(s, v, (fields, key) => gantryName(fields, key) ?? key);
}

/** Attributes in gantry's names to Pulumi's (undeclared ones are left out). */
export function toPulumiAttrs(schema: Record<string, AttributeSchema>, attrs: Attrs): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(attrs)) if (schema[k]) out[pulumiName(k)] = toPulumiValue(schema[k], v);
  return out;
}

/** Pulumi's properties in gantry's names; `unknown` lists the properties the schema does not declare. */
export function toGantryAttrs(
  schema: Record<string, AttributeSchema>,
  props: Record<string, Value>,
): { attrs: Attrs; unknown: string[] } {
  const attrs: Attrs = {};
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    const name = gantryName(schema, k);
    if (name === undefined) unknown.push(k);
    else attrs[name] = toGantryValue(schema[name], v);
  }
  return { attrs, unknown };
}

function renameValue(
  s: AttributeSchema | undefined,
  v: Value,
  rename: (fields: Record<string, AttributeSchema>, key: string) => string,
): Value {
  if (!s || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return s.kind === "list" && s.element ? v.map((x) => renameValue(s.element, x, rename)) : v;
  const o = v as Record<string, Value>;
  if (s.kind === "map" && s.element) {
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, renameValue(s.element, x, rename)]));
  }
  if (s.kind === "object" && s.attributes) {
    const fields = s.attributes;
    return Object.fromEntries(
      Object.entries(o).map(([k, x]) => {
        const to = rename(fields, k);
        const from = k in fields ? k : gantryName(fields, k);
        return [to, renameValue(from === undefined ? undefined : fields[from], x, rename)];
      }),
    );
  }
  return v;
}
