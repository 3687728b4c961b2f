// Checks a configured value against its attribute's schema, nested objects
// and lists included, once, through a JSON Schema (ajv) compiled from it:
// types then keep only the checks no schema can say. Parts known only after
// apply pass (they are checked again when known).

import type { Ajv, ErrorObject, Options, ValidateFunction } from "ajv";
import { ajvPackage, loadPrecompiledValidators, schemaKey } from "./precompiled-validators.js";
import type { AttributeSchema } from "./resource-type.js";
import { isUnknown, type Value } from "./values.js";

type JsonSchema = Record<string, unknown>;

const JSON_TYPE: Record<AttributeSchema["kind"], string | undefined> = {
  string: "string",
  number: "number",
  bool: "boolean",
  list: "array",
  set: "array",
  map: "object",
  object: "object",
  any: undefined,
};

/** Whether a schema says more than its kind (only those are checked here; kinds are converted by the planner). */
export function hasNestedRules(s: AttributeSchema): boolean {
  return !!(s.attributes || s.element || s.allowed || s.integer || s.minimum !== undefined || s.maximum !== undefined);
}

/** The JSON Schema of an attribute; null is allowed everywhere (unset, or not known yet). */
export function toJsonSchema(s: AttributeSchema): JsonSchema {
  const out: JsonSchema = {};
  const type = s.kind === "number" && s.integer ? "integer" : JSON_TYPE[s.kind];
  if (type) out.type = [type, "null"];
  if (s.allowed) out.enum = [...s.allowed, null];
  if (s.minimum !== undefined) out.minimum = s.minimum;
  if (s.maximum !== undefined) out.maximum = s.maximum;
  if (s.attributes) {
    out.properties = Object.fromEntries(Object.entries(s.attributes).map(([k, a]) => [k, toJsonSchema(a)]));
    out.additionalProperties = false;
    const required = Object.entries(s.attributes)
      .filter(([, a]) => a.required)
      .map(([k]) => k);
    if (required.length) out.required = required;
  }
  if (s.element) {
    if (s.kind === "list" || s.kind === "set") out.items = toJsonSchema(s.element);
    else out.additionalProperties = toJsonSchema(s.element);
  }
  return out;
}

/** The ajv that compiles attribute schemas (the build's too, given `code` options to write standalone code). */
export function createAttributeAjv(options: Options = {}): Ajv {
  return new (ajvPackage().Ajv)({ allErrors: true, strict: false, ...options });
}

/**
 * Finds each schema's validator once per schema object, for one engine (a cache, not state): the build's
 * precompiled one (contract/precompiled-validators.ts), else one compiled by ajv, loaded then.
 */
export class AttributeChecker {
  private ajv: Ajv | undefined;
  private precompiled: Record<string, ValidateFunction> | undefined;
  private readonly compiled = new WeakMap<AttributeSchema, ValidateFunction>();

  /** Problems with a value, each naming the field's path inside it ("" for the value itself). */
  problems(s: AttributeSchema, value: Value): string[] {
    if (!hasNestedRules(s) || value === null || isUnknown(value)) return [];
    let validate = this.compiled.get(s);
    if (!validate) {
      const schema = toJsonSchema(s);
      this.precompiled ??= loadPrecompiledValidators()?.attributes ?? {};
      validate = this.precompiled[schemaKey(schema)] ?? (this.ajv ??= createAttributeAjv()).compile(schema);
      this.compiled.set(s, validate);
    }
    if (validate(withoutUnknowns(value))) return [];
    return (validate.errors ?? []).map((e) => describe(e, s));
  }
}

/** Unknown parts become null, which every schema allows. */
function withoutUnknowns(v: Value): unknown {
  if (isUnknown(v)) return null;
  if (Array.isArray(v)) return v.map(withoutUnknowns);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = withoutUnknowns(x);
    return out;
  }
  return v;
}

function schemaAt(s: AttributeSchema, path: string[]): AttributeSchema | undefined {
  let cur: AttributeSchema | undefined = s;
  for (const p of path) cur = cur?.attributes?.[p] ?? cur?.element;
  return cur;
}

function describe(e: ErrorObject, root: AttributeSchema): string {
  const path = e.instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const at = path.length ? `${path.join(".")} ` : "";
  const here = schemaAt(root, path);
  switch (e.keyword) {
    case "additionalProperties": {
      const known = Object.keys(here?.attributes ?? {});
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      return `${path.length ? `${path.join(".")}: ` : ""}unknown field "${field}" (known: ${known.join(", ")})`;
    }
    case "enum":
      return `${at}must be one of ${(here?.allowed ?? []).map((x) => JSON.stringify(x)).join(", ")}`;
    case "type":
      return here?.integer ? `${at}must be a whole number` : `${at}must be ${article(here?.kind ?? "value")}`;
    case "minimum":
      return `${at}must be at least ${(e.params as { limit: number }).limit}`;
    case "maximum":
      return `${at}must be at most ${(e.params as { limit: number }).limit}`;
    case "required":
      return `${at}needs the field "${(e.params as { missingProperty: string }).missingProperty}"`;
    default:
      return `${at}${e.message ?? "is not valid"}`;
  }
}

function article(kind: string): string {
  const name = kind === "bool" ? "boolean" : kind === "map" ? "map" : kind;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}
