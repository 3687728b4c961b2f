// Reading a HOT document (template or environment): YAML as Heat reads it
// (PyYAML's safe loader: YAML 1.1, with dates kept as strings; JSON is
// YAML), within limits (size, nesting depth, alias expansion), into a raw
// node whose every value knows its file, line and column.

import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type ScalarTag,
  type Tags,
} from "yaml";
import type { DiagnosticBag, Origin } from "../../contract/diagnostics.js";
import { childValue, type RawNode } from "../raw-config.js";

/** Heat's limits (max_template_size; PyYAML has no depth or alias limits, gantry does). */
export const HOT_YAML_LIMITS = {
  /** Bytes of one document (Heat's default max_template_size). */
  maxSize: 524288,
  /** Nesting of maps and lists. */
  maxDepth: 200,
  /** Alias nodes expanded in one document. */
  maxAliasCount: 1000,
};

/**
 * The document in `text` as a raw node, or undefined when it cannot be read (reported, located). An empty
 * document is an empty map, as in Heat.
 */
export function readHotYaml(file: string, text: string, bag: DiagnosticBag, what = "template"): RawNode | undefined {
  const size = Buffer.byteLength(text, "utf8");
  if (size > HOT_YAML_LIMITS.maxSize) {
    bag.error(`Template size (${size} bytes) exceeds maximum allowed size (${HOT_YAML_LIMITS.maxSize} bytes).`, {
      file,
      path: [],
      line: 1,
      column: 1,
    });
    return undefined;
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lc,
    uniqueKeys: false,
    prettyErrors: false,
    version: "1.1",
    customTags: pyYamlTags,
  });
  const at = (offset: number | undefined, path: (string | number)[]): Origin => {
    if (offset === undefined) return { file, path };
    const p = lc.linePos(offset);
    return { file, path, line: p.line, column: p.col };
  };
  if (doc.errors.length) {
    for (const err of doc.errors) {
      const o = at(err.pos[0], []);
      const msg = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      bag.error(`Error parsing ${what} ${file} at line ${o.line}, column ${o.column}: ${msg}`, o);
    }
    return undefined;
  }
  const deepest = deepestNode(doc.contents, HOT_YAML_LIMITS.maxDepth);
  if (deepest) {
    bag.error(
      `Error parsing ${what} ${file}: nesting deeper than ${HOT_YAML_LIMITS.maxDepth} levels`,
      at(deepest.range?.[0], []),
    );
    return undefined;
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: HOT_YAML_LIMITS.maxAliasCount });
  } catch (e) {
    bag.error(`Error parsing ${what} ${file}: ${(e as Error).message}`, at(0, []));
    return undefined;
  }
  if (value === null || value === undefined) value = {};
  const root = new HotYamlNode(value, at(doc.contents?.range?.[0] ?? 0, []), doc.contents, doc, at);
  if (typeof value !== "object" || Array.isArray(value)) {
    bag.error(`The ${what} is not a JSON object or YAML mapping.`, root.origin);
    return undefined;
  }
  return root;
}

/**
 * YAML 1.1 as PyYAML's safe loader reads it: timestamps are kept as strings (Heat's loader:
 * heat_template_version: 2013-05-23 is a string), and y/n are strings (PyYAML's booleans are yes/no, true/false,
 * on/off).
 */
function pyYamlTags(tags: Tags): Tags {
  const out: Tags = [];
  for (const t of tags) {
    if (typeof t === "string") out.push(t);
    else if (t.tag === "tag:yaml.org,2002:timestamp") continue;
    else if (t.tag === "tag:yaml.org,2002:bool" && "test" in t && t.test instanceof RegExp)
      out.push({ ...t, test: new RegExp(t.test.source.replace(/^\^\(\?:[YN]\|[yn]\|/, "^(?:")) } as ScalarTag);
    else out.push(t);
  }
  return out;
}

/** The first node nested deeper than `max` maps and lists, if any. */
function deepestNode(root: unknown, max: number): Node | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!isCollection(n)) continue;
    if (depth >= max) return n;
    for (const item of n.items) {
      if (isPair(item)) stack.push([item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/**
 * A value of a HOT document with its YAML node: map members are located at their key, list items at the item; a
 * value not in the node (from a merge key or an alias) is located at its nearest ancestor that is.
 */
export class HotYamlNode implements RawNode {
  constructor(
    readonly value: unknown,
    readonly origin: Origin,
    private readonly node: unknown,
    private readonly doc: Document,
    private readonly at: (offset: number | undefined, path: (string | number)[]) => Origin,
  ) {}

  child(key: string | number): RawNode {
    const value = childValue(this.value, key);
    const path = [...this.origin.path, key];
    const n = isAlias(this.node) ? this.node.resolve(this.doc) : this.node;
    let locatedAt: Node | undefined;
    let childNode: unknown;
    if (isMap(n)) {
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = isScalar(p.key) ? p.key.value : p.key;
        if (String(k) === String(key)) {
          locatedAt = (p.key as Node | null)?.range ? (p.key as Node) : ((p.value as Node | null) ?? undefined);
          childNode = p.value;
        }
      }
    } else if (isSeq(n)) {
      const idx = typeof key === "number" ? key : /^[0-9]+$/.test(key) ? Number(key) : -1;
      const item = n.items[idx] as Node | undefined;
      if (item) {
        locatedAt = item;
        childNode = item;
      }
    }
    if (!locatedAt?.range) return new HotYamlNode(value, { ...this.origin, path }, undefined, this.doc, this.at);
    return new HotYamlNode(value, this.at(locatedAt.range[0], path), childNode, this.doc, this.at);
  }
}
