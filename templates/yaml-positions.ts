// Offsets of a path inside a parsed YAML document, for messages that name a line and column. The walk is given the
// `yaml` library whose nodes it walks (its node-kind guards): the front ends pass the one they parsed with, and
// templates/locate.ts one it loads only when a YAML position is asked for, so a run that reads no YAML does not load
// the library (the guards work across copies of it: node kinds are global symbols).

import type { isMap, isPair, isScalar, isSeq, Node } from "yaml";
import { confirmedCallOffset, type StringSource } from "./expression-calls.js";

/** The node-kind guards of a `yaml` library (the package's own exports). */
export interface YamlNodeKinds {
  isMap: typeof isMap;
  isPair: typeof isPair;
  isScalar: typeof isScalar;
  isSeq: typeof isSeq;
}

/**
 * Walk YAML nodes along a path, from `start` (a document's contents, or any node; aliases are followed only at the
 * start), as far as the path exists. `at` is the offset of the key when the path ends at a map entry, else of the
 * node (of the deepest existing node when the path stops short); `node` is the value reached when the whole path is
 * there. With duplicate keys the last one wins (as in toJS).
 */
function walkYamlPath(
  kinds: YamlNodeKinds,
  start: unknown,
  docPath: readonly (string | number)[],
): { at: number | undefined; node?: Node | null } {
  const { isMap, isPair, isScalar, isSeq } = kinds;
  let node: unknown = start;
  let at: number | undefined = (node as Node | null)?.range?.[0];
  for (const seg of docPath) {
    if (isMap(node)) {
      let found: { key: unknown; value: unknown } | undefined;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? pair.key.value : pair.key;
        if (String(k) === String(seg)) found = pair;
      }
      if (!found) return { at };
      const keyNode = found.key as Node | null;
      at = keyNode?.range?.[0] ?? (found.value as Node | null)?.range?.[0] ?? at;
      node = found.value;
    } else if (isSeq(node)) {
      const idx = typeof seg === "number" ? seg : /^[0-9]+$/.test(seg) ? Number(seg) : -1;
      const item = node.items[idx] as Node | undefined;
      if (!item) return { at };
      at = item.range?.[0] ?? at;
      node = item;
    } else return { at };
  }
  return { at, node: node as Node | null };
}

/** The offset of the key when the path ends at a map entry, else of the node; the deepest existing one's. */
export function yamlNodePathOffset(
  kinds: YamlNodeKinds,
  start: unknown,
  docPath: readonly (string | number)[],
): number | undefined {
  return walkYamlPath(kinds, start, docPath).at;
}

/** Offset of the value node at `docPath` (not its key); undefined when the path is not all there. */
export function yamlValueOffset(
  kinds: YamlNodeKinds,
  start: unknown,
  docPath: readonly (string | number)[],
): number | undefined {
  const { node } = walkYamlPath(kinds, start, docPath);
  return node ? node.range?.[0] : undefined;
}

/**
 * Offset of the name of the `nth` (0-based, in source order) call of `fn` in the strings of the value at `docPath`,
 * else of its first call there, else undefined. A candidate in a scalar's source text is confirmed by reading the
 * text back, the name renamed, with `decode` (a YAML reader of one scalar): a name in literal text is no call.
 */
export function yamlCallOffset(
  kinds: YamlNodeKinds,
  src: string,
  start: unknown,
  docPath: readonly (string | number)[],
  fn: string,
  nth: number,
  decode: (text: string) => unknown,
): number | undefined {
  const { isMap, isScalar, isSeq } = kinds;
  let node: unknown = start;
  for (const seg of docPath) {
    if (isMap(node)) {
      let value: unknown; // with duplicate keys the last one wins (as in toJS)
      for (const p of node.items) if (String(isScalar(p.key) ? p.key.value : p.key) === String(seg)) value = p.value;
      node = value;
    } else if (isSeq(node)) node = node.items[typeof seg === "number" ? seg : Number(seg)];
    else return undefined;
    if (!node) return undefined;
  }
  const strings: StringSource[] = [];
  const collect = (x: unknown) => {
    if (isMap(x)) for (const p of x.items) collect(p.value);
    else if (isSeq(x)) for (const i of x.items) collect(i);
    else if (isScalar(x) && typeof x.value === "string" && x.range)
      strings.push({ start: x.range[0], text: src.slice(x.range[0], x.range[1]) });
  };
  collect(node);
  return confirmedCallOffset(strings, fn, nth, decode);
}
