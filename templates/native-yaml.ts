// The native configuration format: `*.gantry.yaml` files.
//
//   variables: { <name>: { type, default, description, sensitive, validation } }
//   locals:    { <name>: <value> }
//   resources: { "<type>.<name>": { <property>: <value>, count, for_each, depends_on, lifecycle } }
//   outputs:   { <name>: { value, description, sensitive, depends_on } }
//
// The document structure is checked with a JSON Schema (ajv); each schema
// error is reported at the offending YAML node. Resource properties are not
// checked here: the planner checks them against each type's schema.
//
// Origins: a resource is at ["resources", "<key as written>"], its properties
// and meta-arguments at ["resources", key, "<field>"], depends_on entries at
// [..., "depends_on", i]; variables at ["variables", name], their validation
// rules at ["variables", name, "validation", i] (or without i when a single
// map is given); locals at ["locals", name]; outputs at ["outputs", name].
// Line and column are filled in (they are cheap to know for YAML).

import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { isAlias, isMap, isPair, isScalar, LineCounter, parseDocument, Scalar, visit, type Document, type Node } from "yaml";
import type { DiagnosticBag, Origin } from "../contract/diagnostics.js";
import type { Expr } from "../planner/expressions/ast.js";
import {
  defaultLifecycle,
  type LifecycleConfig,
  type OutputConfig,
  type PropertyConfig,
  type RefConfig,
  type ResourceConfig,
  type VariableConfig,
} from "../planner/model.js";
import {
  ADDRESS_RE,
  compileAt,
  emptyFragment,
  fieldPath,
  normalizeAddress,
  normalizeAttributeName,
  normalizeTrigger,
  normalizeVariableType,
  rawTypeName,
  shortTypeName,
  VARIABLE_TYPE_EXPECTED,
  type ConfigFragment,
} from "./fragment.js";
import { yamlNodePathOffset } from "./locate.js";

const SECTIONS = ["variables", "locals", "resources", "outputs"] as const;
const RESOURCE_KEY = "^(gantry_)?[a-z][a-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_-]*$";
const ADDRESS_PATTERN = "^(\\$\\{\\s*)?(gantry_)?[a-z][a-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_-]*(\\s*\\})?$";
const TRIGGER_PATTERN = '^(\\$\\{\\s*)?(gantry_)?[a-z][a-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_-]*(\\[(\\d+|"[^"]*")\\])?(\\.[A-Za-z_][A-Za-z0-9_-]*)*(\\s*\\})?$';
const TYPE_PATTERN = "^(\\$\\{\\s*)?(string|number|bool|any|list|map|object)(\\s*\\(.*\\))?(\\s*\\})?$";

const addressList = {
  type: "array",
  expected: 'a list of resource addresses such as ["noop.a"]',
  items: { type: "string", pattern: ADDRESS_PATTERN, expected: 'a resource address such as "noop.a"' },
};

const triggerList = {
  type: "array",
  expected: 'a list of resource, instance or attribute references such as ["noop.a", "noop.a.id"]',
  items: { type: "string", pattern: TRIGGER_PATTERN, expected: 'a reference such as "noop.a", "noop.a[0]" or "noop.a.id"' },
};

const validationRule = {
  type: "object",
  expected: "a map with condition and error_message",
  required: ["condition", "error_message"],
  additionalProperties: false,
  properties: {
    condition: { type: ["string", "boolean"], expected: 'an expression string such as "${var.x > 0}"' },
    error_message: { type: "string", expected: "a string" },
  },
};

export const NATIVE_SCHEMA = {
  type: "object",
  expected: "a map with variables, locals, resources and outputs",
  additionalProperties: false,
  properties: {
    variables: {
      type: ["object", "null"],
      expected: "a map of variable declarations",
      additionalProperties: {
        type: ["object", "null"],
        expected: "a map with type, default, description, sensitive, validation",
        additionalProperties: false,
        properties: {
          type: { type: "string", pattern: TYPE_PATTERN, expected: VARIABLE_TYPE_EXPECTED },
          default: {},
          description: { type: "string", expected: "a string" },
          sensitive: { type: "boolean", expected: "true or false" },
          nullable: { type: "boolean", expected: "true or false" },
          validation: {
            // A single rule (map) or a list of rules: `items` applies to lists only,
            // the other keywords to maps only.
            ...validationRule,
            type: ["array", "object"],
            expected: "a validation rule (condition, error_message) or a list of them",
            items: validationRule,
          },
        },
      },
    },
    locals: { type: ["object", "null"], expected: "a map of local values" },
    resources: {
      type: ["object", "null"],
      expected: 'a map of resources keyed "<type>.<name>"',
      patternProperties: {
        [RESOURCE_KEY]: {
          type: ["object", "null"],
          expected: "a map of properties",
          properties: {
            count: { type: ["integer", "string"], minimum: 0, expected: "a number or an expression string" },
            for_each: { type: ["object", "array", "string"], expected: "a map, a list or an expression string" },
            depends_on: addressList,
            lifecycle: {
              type: "object",
              expected: "a map with create_before_destroy, prevent_destroy, ignore_changes, replace_triggered_by",
              additionalProperties: false,
              properties: {
                create_before_destroy: { type: "boolean", expected: "true or false" },
                prevent_destroy: { type: "boolean", expected: "true or false" },
                ignore_changes: {
                  type: ["array", "string"],
                  pattern: "^all$",
                  expected: 'a list of attribute names or "all"',
                  items: { type: "string", expected: "an attribute name" },
                },
                replace_triggered_by: triggerList,
              },
            },
            update_policy: {
              type: "object",
              expected: "a map with group, max_batch_size, min_in_service",
              additionalProperties: false,
              required: ["group"],
              properties: {
                group: { type: "string", expected: "a group name" },
                max_batch_size: { type: "integer", minimum: 1, expected: "a whole number >= 1" },
                min_in_service: { type: "integer", minimum: 0, expected: "a whole number >= 0" },
              },
            },
          },
        },
      },
      additionalProperties: false,
    },
    outputs: {
      type: ["object", "null"],
      expected: "a map of output declarations",
      additionalProperties: {
        type: "object",
        expected: "a map with value, description, sensitive, depends_on",
        required: ["value"],
        additionalProperties: false,
        properties: {
          value: {},
          description: { type: "string", expected: "a string" },
          sensitive: { type: "boolean", expected: "true or false" },
          depends_on: addressList,
        },
      },
    },
  },
};

let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true });
    ajv.addVocabulary(["expected"]);
    validator = ajv.compile(NATIVE_SCHEMA);
  }
  return validator;
}

function decodePointer(p: string): string[] {
  if (!p) return [];
  return p
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function ownerOf(p: readonly (string | number)[]): string {
  const [section, name] = p;
  switch (section) {
    case "variables":
      return `variable "${name}"`;
    case "resources":
      return `resource ${name}`;
    case "outputs":
      return `output "${name}"`;
    case "locals":
      return `local "${name}"`;
    default:
      return String(section);
  }
}

/** The subject of a message about the value at path p. */
function subject(p: readonly (string | number)[]): string {
  if (p.length === 0) return "the document";
  if (p.length === 1) return `"${p[0]}"`;
  if (p.length === 2) return ownerOf(p);
  return `"${fieldPath(p.slice(2))}" of ${ownerOf(p)}`;
}

/** Where a field lives (for unknown/missing field messages). */
function container(p: readonly (string | number)[]): string {
  if (p.length === 0) return "at top level";
  return `in ${subject(p)}`;
}

const TYPE_NAMES: Record<string, string> = {
  object: "a map",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "a whole number",
  boolean: "a bool",
  null: "null",
};

function schemaError(e: ErrorObject): { summary: string; path: (string | number)[] } {
  const p: (string | number)[] = decodePointer(e.instancePath).map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
  // Array indices come back as numbers only inside lists; a map key that looks
  // numeric is harmless (the YAML walk compares keys as strings).
  const ps = e.parentSchema as { expected?: string; properties?: Record<string, unknown> } | undefined;
  switch (e.keyword) {
    case "additionalProperties": {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const at = [...p, extra];
      if (p.length === 1 && p[0] === "resources")
        return { summary: `invalid resource key "${extra}"; expected "<type>.<name>" such as "noop.a" or "gantry_noop.a"`, path: at };
      const known = Object.keys(ps?.properties ?? {});
      return { summary: `unknown field "${extra}" ${container(p)}; expected one of ${known.join(", ")}`, path: at };
    }
    case "required": {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return { summary: `missing required field "${missing}" ${container(p)}`, path: p };
    }
    case "type": {
      const types = String((e.params as { type: string | string[] }).type).split(",");
      const expected = ps?.expected ?? types.map((t) => TYPE_NAMES[t] ?? t).join(" or ");
      return { summary: `${subject(p)} must be ${expected}, got ${rawTypeName(e.data)}`, path: p };
    }
    default: {
      const expected = ps?.expected ?? e.message ?? "valid";
      const got = typeof e.data === "string" || typeof e.data === "number" ? JSON.stringify(e.data) : rawTypeName(e.data);
      return { summary: `${subject(p)} must be ${expected}, got ${got}`, path: p };
    }
  }
}

/** Parse one `*.gantry.yaml` file. `file` is the path relative to the configuration directory. */
export function parseNativeYaml(file: string, content: string, bag: DiagnosticBag): ConfigFragment {
  const frag = emptyFragment();
  const lc = new LineCounter();
  const doc = parseDocument(content, { lineCounter: lc, uniqueKeys: false, prettyErrors: false, merge: true });
  const posOf = (offset: number | undefined): { line?: number; column?: number } => {
    if (offset === undefined) return {};
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const originAt = (path: (string | number)[], node: unknown): Origin => ({
    file,
    path,
    ...posOf((node as Node | null | undefined)?.range?.[0]),
  });

  if (doc.errors.length) {
    for (const err of doc.errors) {
      const pos = posOf(err.pos[0]);
      const msg = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      bag.error(`invalid YAML in ${file} at line ${pos.line}, column ${pos.column}: ${msg}`, { file, path: [], ...pos });
    }
    return frag;
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return frag; // empty file

  checkDuplicateKeys(doc, file, originAt, bag);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    bag.error(`cannot read ${file}: ${(e as Error).message}`, { file, path: [] });
    return frag;
  }

  const validate = getValidator();
  if (!validate(data)) {
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      const { summary, path } = schemaError(e);
      const key = summary + "\0" + path.join("\0");
      if (seen.has(key)) continue;
      seen.add(key);
      bag.error(summary, { file, path, ...posOf(yamlNodePathOffset(doc.contents, path)) });
    }
  }

  // Build from the YAML nodes of each section so that duplicate entries are
  // all seen (load.ts reports them with both locations).
  const root = doc.contents;
  if (!isMap(root)) return frag;
  for (const pair of root.items) {
    const section = keyString(pair.key);
    const sectionNode = deref(doc, pair.value);
    if (!isMap(sectionNode)) continue;
    for (const entry of sectionNode.items) {
      if (!isPair(entry)) continue;
      const name = keyString(entry.key);
      if (name === undefined) continue;
      const valueNode = deref(doc, entry.value);
      const value = entry.value == null ? null : (entry.value as Node).toJS(doc, { maxAliasCount: 1000 });
      const base = [section!, name];
      const origin = originAt(base, entry.key);
      const ctx: Ctx = { doc, content, file, bag, originAt, valueNode };
      switch (section) {
        case "variables":
          buildVariable(ctx, name, value, origin, frag);
          break;
        case "locals":
          frag.locals.push({ name, value: compileAt(value, origin, `local "${name}"`, bag, stringErrorOrigin(ctx, base, valueNode)), origin });
          break;
        case "resources":
          buildResource(ctx, name, value, origin, frag);
          break;
        case "outputs":
          buildOutput(ctx, name, value, origin, frag);
          break;
      }
    }
  }
  return frag;
}

interface Ctx {
  doc: Document;
  content: string;
  file: string;
  bag: DiagnosticBag;
  originAt: (path: (string | number)[], node: unknown) => Origin;
  /** The YAML node of the current section entry's value. */
  valueNode: unknown;
}

function keyString(k: unknown): string | undefined {
  if (isScalar(k)) return k.value === null ? undefined : String(k.value);
  return undefined;
}

function deref(doc: Document, n: unknown): unknown {
  return isAlias(n) ? n.resolve(doc) : n;
}

/** Origin of a field below the current entry: the field's key in the YAML (or the entry's when not found, e.g. merged keys). */
function fieldOrigin(ctx: Ctx, path: (string | number)[], rel: (string | number)[], fallback: Origin): Origin {
  const off = yamlNodePathOffset(deref(ctx.doc, ctx.valueNode), rel);
  if (off === undefined) return { ...fallback, path };
  return ctx.originAt(path, { range: [off] });
}

/** For a plain or quoted one-line string scalar, the origin of an offset inside it. */
function stringErrorOrigin(ctx: Ctx, path: (string | number)[], node: unknown): ((offset: number) => Origin | undefined) | undefined {
  if (!isScalar(node) || typeof node.value !== "string" || !node.range) return undefined;
  const [s, e] = node.range;
  const raw = ctx.content.slice(s, e);
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  if (!quoted && node.type !== Scalar.PLAIN) return undefined;
  const inner = quoted ? raw.slice(1, -1) : raw;
  if (inner !== node.value) return undefined;
  return (offset) => ctx.originAt(path, { range: [s + (quoted ? 1 : 0) + offset] });
}

function childNode(ctx: Ctx, rel: (string | number)[]): unknown {
  let node = deref(ctx.doc, ctx.valueNode);
  for (const seg of rel) {
    if (isMap(node)) {
      const pair = node.items.filter((p) => keyString(p.key) === String(seg)).pop();
      node = deref(ctx.doc, pair?.value);
    } else return undefined;
  }
  return node;
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function refs(ctx: Ctx, base: (string | number)[], rel: (string | number)[], raw: unknown, fallback: Origin, normalize = normalizeAddress): RefConfig[] {
  if (!Array.isArray(raw)) return [];
  const out: RefConfig[] = [];
  raw.forEach((item, i) => {
    if (typeof item !== "string") return; // reported by the schema
    const ref = normalize(item);
    if (ref === undefined) return; // reported by the schema
    out.push({ ref, origin: fieldOrigin(ctx, [...base, ...rel, i], [...rel, i], fallback) });
  });
  return out;
}

function buildResource(ctx: Ctx, key: string, value: unknown, origin: Origin, frag: ConfigFragment): void {
  if (!ADDRESS_RE.test(key)) return; // reported by the schema
  if (value !== null && !isPlainMap(value)) return; // reported by the schema
  const body = value ?? {};
  const dot = key.indexOf(".");
  const type = shortTypeName(key.slice(0, dot));
  const name = key.slice(dot + 1);
  const canonical = `${type}.${name}`;
  const base = ["resources", key];
  const properties: Record<string, PropertyConfig> = {};
  const lifecycle: LifecycleConfig = defaultLifecycle();
  const res: ResourceConfig = { type, name, key: canonical, properties, dependsOn: [], lifecycle, origin };
  const prop = (field: string): { value: Expr; origin: Origin } => {
    const o = fieldOrigin(ctx, [...base, field], [field], origin);
    const node = childNode(ctx, [field]);
    return { value: compileAt(body[field], o, `"${field}" of resource ${canonical}`, ctx.bag, stringErrorOrigin(ctx, [...base, field], node)), origin: o };
  };
  for (const field of Object.keys(body)) {
    const v = body[field];
    switch (field) {
      case "count":
        if (typeof v === "number" || typeof v === "string") res.count = prop(field);
        break;
      case "for_each":
        if (v !== null && (typeof v === "object" || typeof v === "string")) res.forEach = prop(field);
        break;
      case "depends_on":
        res.dependsOn = refs(ctx, base, ["depends_on"], v, origin);
        break;
      case "lifecycle":
        if (isPlainMap(v)) {
          if (typeof v.create_before_destroy === "boolean") lifecycle.createBeforeDestroy = v.create_before_destroy;
          if (typeof v.prevent_destroy === "boolean") lifecycle.preventDestroy = v.prevent_destroy;
          if (v.ignore_changes === "all") lifecycle.ignoreChanges = "all";
          else if (Array.isArray(v.ignore_changes))
            lifecycle.ignoreChanges = v.ignore_changes.filter((s): s is string => typeof s === "string").map(normalizeAttributeName);
          lifecycle.replaceTriggeredBy = refs(ctx, base, ["lifecycle", "replace_triggered_by"], v.replace_triggered_by, origin, normalizeTrigger);
        }
        break;
      case "update_policy":
        if (isPlainMap(v) && typeof v.group === "string")
          res.updatePolicy = {
            group: v.group,
            maxBatchSize: typeof v.max_batch_size === "number" ? v.max_batch_size : 1,
            minInService: typeof v.min_in_service === "number" ? v.min_in_service : 0,
          };
        break;
      case "provisioner":
      case "connection":
        ctx.bag.error(
          `"${field}" of resource ${canonical} is not supported yet`,
          fieldOrigin(ctx, [...base, field], [field], origin),
          "Gantry resource types do their own configuration of hosts; provisioners and connections are not implemented.",
        );
        break;
      case "__proto__":
        ctx.bag.error(`invalid property name "${field}" of resource ${canonical}`, fieldOrigin(ctx, [...base, field], [field], origin));
        break;
      default:
        properties[field] = prop(field);
    }
  }
  frag.resources.push(res);
}

function buildVariable(ctx: Ctx, name: string, value: unknown, origin: Origin, frag: ConfigFragment): void {
  if (value !== null && !isPlainMap(value)) return; // reported by the schema
  const v = value ?? {};
  const base = ["variables", name];
  const type = typeof v.type === "string" ? normalizeVariableType(v.type) ?? "any" : "any";
  const variable: VariableConfig = { name, type, hasDefault: "default" in v, validations: [], origin };
  if ("default" in v) variable.default = v.default;
  if (typeof v.description === "string") variable.description = v.description;
  if (typeof v.sensitive === "boolean") variable.sensitive = v.sensitive;
  const rules: [unknown, (string | number)[]][] = Array.isArray(v.validation)
    ? v.validation.map((r, i) => [r, ["validation", i]])
    : isPlainMap(v.validation)
      ? [[v.validation, ["validation"]]]
      : [];
  for (const [rule, rel] of rules) {
    if (!isPlainMap(rule) || (typeof rule.condition !== "string" && typeof rule.condition !== "boolean")) continue; // reported by the schema
    const ro = fieldOrigin(ctx, [...base, ...rel], rel, origin);
    const co = fieldOrigin(ctx, [...base, ...rel, "condition"], [...rel, "condition"], ro);
    const condition = compileAt(rule.condition, co, `the validation condition of variable "${name}"`, ctx.bag);
    variable.validations.push({ condition, errorMessage: typeof rule.error_message === "string" ? rule.error_message : "", origin: ro });
  }
  frag.variables.push(variable);
}

function buildOutput(ctx: Ctx, name: string, value: unknown, origin: Origin, frag: ConfigFragment): void {
  if (!isPlainMap(value) || !("value" in value)) return; // reported by the schema
  const base = ["outputs", name];
  const vo = fieldOrigin(ctx, [...base, "value"], ["value"], origin);
  const out: OutputConfig = {
    name,
    value: compileAt(value.value, vo, `the value of output "${name}"`, ctx.bag, stringErrorOrigin(ctx, [...base, "value"], childNode(ctx, ["value"]))),
    dependsOn: refs(ctx, base, ["depends_on"], value.depends_on, origin),
    origin,
  };
  if (typeof value.description === "string") out.description = value.description;
  if (typeof value.sensitive === "boolean") out.sensitive = value.sensitive;
  frag.outputs.push(out);
}

/** Duplicate keys in any map except the section maps (whose duplicates load.ts reports as duplicate declarations). */
function checkDuplicateKeys(
  doc: Document,
  file: string,
  originAt: (path: (string | number)[], node: unknown) => Origin,
  bag: DiagnosticBag,
): void {
  const root = doc.contents;
  const sectionMaps = new Set<unknown>();
  if (isMap(root))
    for (const p of root.items) if (SECTIONS.includes(keyString(p.key) as (typeof SECTIONS)[number])) sectionMaps.add(p.value);
  visit(doc, {
    Map(_key, node, path) {
      if (sectionMaps.has(node)) return;
      const seen = new Map<string, unknown>();
      for (const pair of node.items) {
        const k = keyString(pair.key);
        if (k === undefined) continue;
        const first = seen.get(k);
        if (first !== undefined) {
          const docPath = pathOf(path, node);
          bag.add({
            severity: "error",
            summary: `duplicate key "${k}"${docPath.length ? ` in "${fieldPath(docPath)}"` : " at top level"}`,
            origin: originAt([...docPath, k], pair.key),
            related: [{ label: "first defined here", origin: originAt([...docPath, k], first) }],
          });
        } else seen.set(k, pair.key);
      }
    },
  });
}

/** Document path of a node from yaml's visitor ancestry. */
function pathOf(ancestry: readonly unknown[], node: unknown): (string | number)[] {
  const chain = [...ancestry, node];
  const out: (string | number)[] = [];
  for (let i = 0; i < chain.length; i++) {
    const a = chain[i];
    const child = chain[i + 1];
    if (isPair(a)) {
      const k = keyString(a.key);
      if (k !== undefined) out.push(k);
    } else if (child !== undefined && !isPair(child) && a && typeof a === "object" && "items" in a) {
      const idx = (a as { items: unknown[] }).items.indexOf(child);
      if (idx >= 0) out.push(idx);
    }
  }
  return out;
}
