// The native configuration format, `*.gantry.yaml` files, read into the raw
// configuration (templates/raw-config.ts); the shared builder
// (templates/config-builder.ts) makes the model of it.
//
//   variables: { <name>: { type, default, description, sensitive, validation } }
//   locals:    { <name>: <value> }
//   resources: { "<type>.<name>": { <property>: <value>, count, for_each, depends_on, lifecycle, update_policy } }
//   outputs:   { <name>: { value, description, sensitive, depends_on, precondition } }
//   modules:   { <name>: { source: ./path, <input>: <value>, count, for_each, depends_on } }
//   data:      { "<type>.<name>": { <argument>: <value>, count, for_each, depends_on, lifecycle } } (types in full,
//              as references write them: data.gantry_file.x)
//   checks:    { <name>: { assert: { condition, error_message } or a list of them } }
//   moved:     [ { from, to }, ... ]
//   import:    [ { to, id }, ... ]
//
// Read here: YAML syntax, duplicate keys, and the document's outline (the
// four sections, checked with a JSON Schema through ajv, and resource keys).
// What a declaration's body may contain is the builder's business.
//
// Origins: a resource is at ["resources", "<key as written>"], its properties
// and meta-arguments at ["resources", key, "<field>"], depends_on entries at
// [..., "depends_on", i]; variables at ["variables", name], their validation
// rules at ["variables", name, "validation", i] (or without i when a single
// map is given); locals at ["locals", name]; outputs at ["outputs", name].
// Line and column are filled in (they are cheap to know for YAML).

import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  visit,
  type Document,
  type Node,
} from "yaml";
import type { DiagnosticBag, Origin } from "../contract/diagnostics.js";
import { buildConfigFragment } from "./config-builder.js";
import { ADDRESS_RE, fieldPath, rawTypeName, type ConfigFragment } from "./fragment.js";
import {
  childPath,
  childValue,
  type RawConfig,
  type RawDeclaration,
  type RawDialect,
  type RawNode,
} from "./raw-config.js";
import { yamlNodePathOffset } from "./yaml-positions.js";

const SECTIONS = [
  "variables",
  "locals",
  "resources",
  "data",
  "outputs",
  "modules",
  "checks",
  "moved",
  "import",
] as const;
const RESOURCE_KEY = ADDRESS_RE.source;

/** gantry's types may be written short ("noop" is "gantry_noop"); nested blocks are maps. */
export const NATIVE_YAML_DIALECT: RawDialect = { typePrefix: "", shortTypeNames: true, blockLists: false };

/** The document's outline; declaration bodies are checked by the builder (templates/block-schemas.ts). */
export const NATIVE_SCHEMA = {
  type: "object",
  expected: "a map with variables, locals, resources, data, outputs, modules, checks, moved, import and terraform",
  additionalProperties: false,
  properties: {
    variables: { type: ["object", "null"], expected: "a map of variable declarations" },
    locals: { type: ["object", "null"], expected: "a map of local values" },
    resources: {
      type: ["object", "null"],
      expected: 'a map of resources keyed "<type>.<name>"',
      patternProperties: { [RESOURCE_KEY]: {} },
      additionalProperties: false,
    },
    outputs: { type: ["object", "null"], expected: "a map of output declarations" },
    modules: { type: ["object", "null"], expected: "a map of module calls" },
    data: {
      type: ["object", "null"],
      expected: 'a map of data resources keyed "<type>.<name>"',
      patternProperties: { [RESOURCE_KEY]: {} },
      additionalProperties: false,
    },
    checks: { type: ["object", "null"], expected: "a map of check blocks" },
    moved: { type: ["array", "null"], expected: "a list of moved blocks (from, to)" },
    import: { type: ["array", "null"], expected: "a list of import blocks (to, id)" },
    terraform: { type: ["object", "null"], expected: "a map with required_version, required_providers, backend" },
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

/** A message for an error in the outline: the document, a section, or a key of one. */
function schemaError(e: ErrorObject): { summary: string; path: string[] } {
  const p = e.instancePath
    ? e.instancePath
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    : [];
  const ps = e.parentSchema as { expected?: string; properties?: Record<string, unknown> } | undefined;
  if (e.keyword === "additionalProperties") {
    const extra = String((e.params as { additionalProperty: string }).additionalProperty);
    if (p.length === 1 && p[0] === "resources")
      return {
        summary: `invalid resource key "${extra}"; expected "<type>.<name>" such as "noop.a" or "gantry_noop.a"`,
        path: [...p, extra],
      };
    const where = p.length === 0 ? "at top level" : `in "${p.join(".")}"`;
    return {
      summary: `unknown field "${extra}" ${where}; expected one of ${Object.keys(ps?.properties ?? {}).join(", ")}`,
      path: [...p, extra],
    };
  }
  const subject = p.length === 0 ? "the document" : `"${p.join(".")}"`;
  return { summary: `${subject} must be ${ps?.expected ?? e.message ?? "valid"}, got ${rawTypeName(e.data)}`, path: p };
}

/** Parse one `*.gantry.yaml` file. `file` is the path relative to the configuration directory. */
export function parseNativeYaml(file: string, content: string, bag: DiagnosticBag): ConfigFragment {
  return buildConfigFragment(readNativeYaml(file, content), bag);
}

/** Read one `*.gantry.yaml` file into the raw configuration; syntax problems are among its declarations. */
export function readNativeYaml(file: string, content: string): RawConfig {
  const declarations: RawDeclaration[] = [];
  const raw: RawConfig = { file, dialect: NATIVE_YAML_DIALECT, declarations };
  const problem = (summary: string, origin: Origin, related?: { label: string; origin?: Origin }[]): void => {
    declarations.push({
      kind: "diagnostic",
      diagnostic: { severity: "error", summary, origin, ...(related ? { related } : {}) },
    });
  };
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
      problem(`invalid YAML in ${file} at line ${pos.line}, column ${pos.column}: ${msg}`, { file, path: [], ...pos });
    }
    return raw;
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return raw; // empty file

  checkDuplicateKeys(doc, originAt, problem);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    problem(`cannot read ${file}: ${(e as Error).message}`, { file, path: [] });
    return raw;
  }

  const validate = getValidator();
  if (!validate(data)) {
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      const { summary, path } = schemaError(e);
      const key = `${summary}\0${path.join("\0")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problem(summary, {
        file,
        path,
        ...posOf(yamlNodePathOffset({ isMap, isPair, isScalar, isSeq }, doc.contents, path)),
      });
    }
  }

  // Declarations from the YAML nodes of each section, so that duplicate
  // entries are all seen (load.ts reports them with both locations).
  const root = doc.contents;
  if (!isMap(root)) return raw;
  for (const pair of root.items) {
    const section = keyString(pair.key);
    const sectionNode = deref(doc, pair.value);
    if ((section === "moved" || section === "import") && isSeq(sectionNode)) {
      const kind = section;
      sectionNode.items.forEach((item, i) => {
        const value = item == null ? null : (item as Node).toJS(doc, { maxAliasCount: 1000 });
        const at = originAt([kind, i], item);
        declarations.push({ kind, body: new YamlNode(value, at, deref(doc, item), doc, content, originAt) });
      });
      continue;
    }
    if (section === "terraform" && isMap(sectionNode)) {
      // settings of the whole configuration (backend, required_version): one block, checked by the shared builder
      const value = (sectionNode as Node).toJS(doc, { maxAliasCount: 1000 });
      const node = new YamlNode(value, originAt(["terraform"], pair.key), sectionNode, doc, content, originAt);
      declarations.push({ kind: "terraform", body: node });
      continue;
    }
    if (!isMap(sectionNode)) continue;
    const converted = convertedEntries(data, section, sectionNode, content);
    for (const entry of sectionNode.items) {
      if (!isPair(entry)) continue;
      const name = keyString(entry.key);
      if (name === undefined) continue;
      const value =
        converted && Object.hasOwn(converted, name)
          ? converted[name]
          : entry.value == null
            ? null
            : (entry.value as Node).toJS(doc, { maxAliasCount: 1000 });
      const node = new YamlNode(
        value,
        originAt([section!, name], entry.key),
        deref(doc, entry.value),
        doc,
        content,
        originAt,
      );
      switch (section) {
        case "variables":
          declarations.push({ kind: "variable", name, body: node });
          break;
        case "locals":
          declarations.push({ kind: "local", name, value: node });
          break;
        case "resources": {
          if (!ADDRESS_RE.test(name)) break; // reported by the schema
          const dot = name.indexOf(".");
          declarations.push({ kind: "resource", type: name.slice(0, dot), name: name.slice(dot + 1), body: node });
          break;
        }
        case "outputs":
          declarations.push({ kind: "output", name, body: node });
          break;
        case "modules":
          declarations.push({ kind: "module", name, body: node });
          break;
        case "checks":
          declarations.push({ kind: "check", name, body: node });
          break;
        case "data": {
          if (!ADDRESS_RE.test(name)) break; // reported by the schema
          const dot = name.indexOf(".");
          declarations.push({ kind: "data", type: name.slice(0, dot), name: name.slice(dot + 1), body: node });
          break;
        }
      }
    }
  }
  return raw;
}

/**
 * A value of the YAML document with its node: children are located at their
 * key (map members) or at the item (lists); a child that is not in the node
 * (e.g. from a merge key) is located at the nearest ancestor that is.
 */
class YamlNode implements RawNode {
  constructor(
    readonly value: unknown,
    readonly origin: Origin,
    private readonly node: unknown,
    private readonly doc: Document,
    private readonly content: string,
    private readonly originAt: (path: (string | number)[], node: unknown) => Origin,
  ) {}

  child(key: string | number): RawNode {
    const value = childValue(this.value, key);
    const path = childPath(this.origin.path, key);
    let found: { at: unknown; node: unknown } | undefined;
    const n = this.node;
    if (isMap(n)) {
      let pair: { key: unknown; value: unknown } | undefined;
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = isScalar(p.key) ? p.key.value : p.key;
        if (String(k) === String(key)) pair = p;
      }
      if (pair) found = { at: (pair.key as Node | null)?.range ? pair.key : pair.value, node: pair.value };
    } else if (isSeq(n)) {
      const idx = typeof key === "number" ? key : /^[0-9]+$/.test(key) ? Number(key) : -1;
      const item = n.items[idx] as Node | undefined;
      if (item) found = { at: item, node: item };
    }
    if (!found || !(found.at as Node | null)?.range)
      return new YamlNode(value, { ...this.origin, path }, undefined, this.doc, this.content, this.originAt);
    return new YamlNode(value, this.originAt(path, found.at), found.node, this.doc, this.content, this.originAt);
  }

  /** For a plain or quoted one-line string scalar, the origin of an offset inside it. */
  originInString(offset: number): Origin | undefined {
    const node = this.node;
    if (!isScalar(node) || typeof node.value !== "string" || !node.range) return undefined;
    const [s, e] = node.range;
    const raw = this.content.slice(s, e);
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    if (!quoted && node.type !== Scalar.PLAIN) return undefined;
    const inner = quoted ? raw.slice(1, -1) : raw;
    if (inner !== node.value) return undefined;
    return this.originAt(this.origin.path, { range: [s + (quoted ? 1 : 0) + offset] });
  }
}

/**
 * A section's entries as the whole document's conversion made them, when each entry's value there is exactly what
 * converting its node alone would give (so 100,000 entries are not converted twice): no anchors,
 * aliases or merge keys anywhere in the text, and no name given twice in the section. Undefined otherwise.
 */
function convertedEntries(
  data: unknown,
  section: string | undefined,
  sectionNode: { items: unknown[] },
  content: string,
): Record<string, unknown> | undefined {
  if (section === undefined || content.includes("&") || content.includes("*") || content.includes("<<")) return;
  const converted = (data as Record<string, unknown> | null)?.[section];
  if (converted === null || typeof converted !== "object" || Array.isArray(converted)) return;
  const names = new Set<string>();
  for (const entry of sectionNode.items) {
    const name = isPair(entry) ? keyString(entry.key) : undefined;
    if (name === undefined) continue;
    if (names.has(name)) return;
    names.add(name);
  }
  return converted as Record<string, unknown>;
}

function keyString(k: unknown): string | undefined {
  if (isScalar(k)) return k.value === null ? undefined : String(k.value);
  return undefined;
}

function deref(doc: Document, n: unknown): unknown {
  return isAlias(n) ? n.resolve(doc) : n;
}

/** Duplicate keys in any map except the section maps (whose duplicates load.ts reports as duplicate declarations). */
function checkDuplicateKeys(
  doc: Document,
  originAt: (path: (string | number)[], node: unknown) => Origin,
  problem: (summary: string, origin: Origin, related: { label: string; origin?: Origin }[]) => void,
): void {
  const root = doc.contents;
  const sectionMaps = new Set<unknown>();
  if (isMap(root))
    for (const p of root.items)
      if (SECTIONS.includes(keyString(p.key) as (typeof SECTIONS)[number])) sectionMaps.add(p.value);
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
          problem(
            `duplicate key "${k}"${docPath.length ? ` in "${fieldPath(docPath)}"` : " at top level"}`,
            originAt([...docPath, k], pair.key),
            [{ label: "first defined here", origin: originAt([...docPath, k], first) }],
          );
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
