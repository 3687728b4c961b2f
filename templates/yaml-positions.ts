// Offsets of a path inside a parsed YAML document, for messages that name a line and column. The walk is given the
// `yaml` library whose nodes it walks (its node-kind guards): the front ends pass the one they parsed with, and
// templates/locate.ts one it loads only when a YAML position is asked for, so a run that reads no YAML does not load
// the library (the guards work across copies of it: node kinds are global symbols).

import type { isMap, isPair, isScalar, isSeq, Node } from "yaml";

/** The node-kind guards of a `yaml` library (the package's own exports). */
export interface YamlNodeKinds {
  isMap: typeof isMap;
  isPair: typeof isPair;
  isScalar: typeof isScalar;
  isSeq: typeof isSeq;
}

/**
 * Walk YAML nodes along a path, from `start` (a document's contents, or any node; aliases are followed only at the
 * start). Returns the offset of the key when the path ends at a map entry, else of the node; stops at the deepest
 * existing node. With duplicate keys the last one wins (as in toJS).
 */
export function yamlNodePathOffset(
  kinds: YamlNodeKinds,
  start: unknown,
  docPath: readonly (string | number)[],
): number | undefined {
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
      if (!found) return at;
      const keyNode = found.key as Node | null;
      at = keyNode?.range?.[0] ?? (found.value as Node | null)?.range?.[0] ?? at;
      node = found.value;
    } else if (isSeq(node)) {
      const idx = typeof seg === "number" ? seg : /^[0-9]+$/.test(seg) ? Number(seg) : -1;
      const item = node.items[idx] as Node | undefined;
      if (!item) return at;
      at = item.range?.[0] ?? at;
      node = item;
    } else return at;
  }
  return at;
}
