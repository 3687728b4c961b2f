// Source positions inside JSON text. Loading uses JSON.parse (fast) and keeps
// only document paths; this scanner is used afterwards, only when a
// diagnostic must be shown, to turn a path into an offset, or to find where
// malformed JSON goes wrong. (The `yaml` parser can read JSON too but takes
// minutes on a 100,000-resource file; this scanner is linear and light.)

import type { Origin } from "../contract/diagnostics.js";
import { confirmedCallOffset, type StringSource } from "./expression-calls.js";

/** Position tree node: offsets of the value and (for members of objects) of the key. */
export interface JsonPosNode {
  /** Offset of the value's first character. */
  start: number;
  /** Offset of the member's key (its opening quote), when the node is an object member. */
  keyStart?: number;
  members?: Map<string, JsonPosNode>;
  items?: JsonPosNode[];
}

export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "JsonScanError";
  }
}

const LITERAL = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;

/** Build the position tree of a JSON document; throws JsonScanError at the first syntax error. */
export function scanJson(src: string): JsonPosNode {
  let i = 0;
  const n = src.length;

  const ws = (): void => {
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const fail = (msg: string, at = i): never => {
    throw new JsonScanError(msg, at);
  };
  const describeHere = (): string => (i >= n ? "end of input" : `character ${JSON.stringify(src[i])}`);

  const str = (): string => {
    // at opening quote
    const begin = i;
    i++;
    let plain = true;
    while (true) {
      if (i >= n) fail("unterminated string", begin);
      const c = src.charCodeAt(i);
      if (c === 34) break; // "
      if (c === 92) {
        plain = false;
        const e = src[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) fail("invalid \\u escape in string");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail("invalid escape in string");
        continue;
      }
      if (c < 0x20) fail("control character in string (newlines must be written as \\n)");
      i++;
    }
    i++;
    const raw = src.slice(begin, i);
    return plain ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  };

  const value = (): JsonPosNode => {
    ws();
    const start = i;
    if (i >= n) fail("unexpected end of input, expected a value");
    const c = src[i];
    if (c === "{") {
      i++;
      const members = new Map<string, JsonPosNode>();
      ws();
      if (src[i] === "}") {
        i++;
        return { start, members };
      }
      while (true) {
        ws();
        if (src[i] !== '"') fail(`expected a double-quoted property name but found ${describeHere()}`);
        const keyStart = i;
        const key = str();
        ws();
        if (src[i] !== ":") fail(`expected ":" after property name but found ${describeHere()}`);
        i++;
        const v = value();
        v.keyStart = keyStart;
        members.set(key, v);
        ws();
        if (src[i] === ",") {
          i++;
          continue;
        }
        if (src[i] === "}") {
          i++;
          return { start, members };
        }
        fail(`expected "," or "}" after property value but found ${describeHere()}`);
      }
    }
    if (c === "[") {
      i++;
      const items: JsonPosNode[] = [];
      ws();
      if (src[i] === "]") {
        i++;
        return { start, items };
      }
      while (true) {
        items.push(value());
        ws();
        if (src[i] === ",") {
          i++;
          continue;
        }
        if (src[i] === "]") {
          i++;
          return { start, items };
        }
        fail(`expected "," or "]" after array element but found ${describeHere()}`);
      }
    }
    if (c === '"') {
      str();
      return { start };
    }
    LITERAL.lastIndex = i;
    const m = LITERAL.exec(src);
    if (m && m[0].length > 0) {
      const after = src[i + m[0].length];
      if (after === undefined || !/[A-Za-z0-9_.]/.test(after)) {
        i += m[0].length;
        return { start };
      }
    }
    const word = /^[^\s,:\]}[{]+/.exec(src.slice(i, i + 40))?.[0] ?? src[i];
    return fail(
      `unexpected ${JSON.stringify(word)}, expected a value (string, number, true, false, null, object or array)`,
    );
  };

  // Optional byte-order mark.
  if (src.charCodeAt(0) === 0xfeff) i = 1;
  const root = value();
  ws();
  if (i < n) fail(`unexpected ${describeHere()} after the end of the JSON document`);
  return root;
}

/**
 * Offset for a document path: the key of the last member when the path ends
 * at an object member, else the value. Walks as far as the path exists.
 */
export function jsonOffset(root: JsonPosNode, path: readonly (string | number)[]): number {
  let node = root;
  let at = root.start;
  for (const seg of path) {
    let next: JsonPosNode | undefined;
    if (node.members) next = node.members.get(String(seg));
    else if (node.items && typeof seg === "number") next = node.items[seg];
    else if (node.items && /^[0-9]+$/.test(String(seg))) next = node.items[Number(seg)];
    if (!next) return at;
    node = next;
    at = next.keyStart ?? next.start;
  }
  return at;
}

/**
 * Offset of the start of the value at `path` (inside the quotes of a string, where an expression in it starts);
 * where jsonOffset stops when the path is not all there.
 */
export function jsonValueOffset(src: string, root: JsonPosNode, path: readonly (string | number)[]): number {
  let node = root;
  for (const seg of path) {
    let next: JsonPosNode | undefined;
    if (node.members) next = node.members.get(String(seg));
    else if (node.items && /^[0-9]+$/.test(String(seg))) next = node.items[Number(seg)];
    if (!next) return jsonOffset(root, path);
    node = next;
  }
  return src[node.start] === '"' ? node.start + 1 : node.start;
}

/**
 * Offset of the name of a function call in the value at `path`: the `nth` (0-based, in source order) call of `fn` in
 * its strings, else its first, else undefined. Each candidate (the name followed by `(` in a string) is confirmed:
 * renamed in the string, the string must then call the renamed function (a name in literal text is no call).
 */
export function jsonCallOffset(
  src: string,
  root: JsonPosNode,
  path: readonly (string | number)[],
  fn: string,
  nth: number,
): number | undefined {
  let node: JsonPosNode | undefined = root;
  for (const seg of path) {
    node = node.members ? node.members.get(String(seg)) : node.items?.[Number(seg)];
    if (!node) return undefined;
  }
  const strings: StringSource[] = [];
  const collect = (x: JsonPosNode) => {
    if (x.members) for (const m of x.members.values()) collect(m);
    else if (x.items) for (const i of x.items) collect(i);
    else if (src[x.start] === '"') {
      let end = x.start + 1;
      while (end < src.length && src[end] !== '"') end += src[end] === "\\" ? 2 : 1;
      strings.push({ start: x.start, text: src.slice(x.start, end + 1) });
    }
  };
  collect(node);
  return confirmedCallOffset(strings, fn, nth, JSON.parse);
}

/** 1-based line and column of an offset. */
export function lineColumn(src: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, src.length);
  for (let i = src.indexOf("\n"); i !== -1 && i < end; i = src.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * The located error for JSON that JSON.parse refused (`message` is its error's): the line and column where this
 * scanner finds it going wrong, as "invalid JSON in FILE at line L, column C: what".
 */
export function invalidJson(file: string, content: string, message: string): { summary: string; origin: Origin } {
  let offset: number | undefined;
  let msg = message
    .replace(/ in JSON at position \d+.*$/, "")
    .replace(/^Unexpected token '(.)', ".*" is not valid JSON$/s, "unexpected token '$1'");
  try {
    scanJson(content);
  } catch (e) {
    if (e instanceof JsonScanError) {
      offset = e.offset;
      msg = e.message;
    }
  }
  if (offset === undefined) {
    const m = /at position (\d+)/.exec(message);
    if (m) offset = Number(m[1]);
    else if (/end of JSON input/.test(message)) offset = content.length;
  }
  if (offset === undefined) return { summary: `invalid JSON in ${file}: ${msg}`, origin: { file, path: [] } };
  const { line, column } = lineColumn(content, offset);
  return {
    summary: `invalid JSON in ${file} at line ${line}, column ${column}: ${msg}`,
    origin: { file, path: [], line, column },
  };
}
