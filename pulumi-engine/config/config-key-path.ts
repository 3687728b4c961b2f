// `pulumi config set --path KEY VALUE`: the key's name is a property path (`outer.inner`, `names[0]`,
// `servers[0].port`, `["key.with.dots"]`) into a structured value, as Pulumi's config.Map.Set with path=true does it
// (sdk/go/common/resource/config/map.go, object.go; paths parsed as resource.ParsePropertyPathStrict): the first
// segment names the config key; arrays and maps are made as the next segment asks (an index N on a new array makes
// N+1 slots); a scalar at the top is replaced by a container; the value set is coerced (`true`, `false`, base-10
// integers without a leading zero) unless it is a secret.

import { type ConfigKey, parseProjectConfigKey } from "./config-key.js";
import { Ciphertext, type ConfigObject } from "./stack-config-file.js";

/** A property path: map keys and array indexes. */
export type ConfigPath = (string | number)[];

/** Pulumi's strict property path parse (errors in its words). */
export function parseConfigPath(text: string): ConfigPath {
  const out: ConfigPath = [];
  let rest = text;
  if (rest.startsWith(".")) throw new Error("expected property path to start with a name or index");
  while (rest.length) {
    if (rest[0] === ".") {
      rest = rest.slice(1);
      if (!rest.length) throw new Error("expected property path to end with a name or index");
      if (rest[0] === "[") throw new Error("expected property name after '.'");
    } else if (rest[0] === "[") {
      if (rest[1] === '"') {
        let key = "";
        let i = 2;
        for (;;) {
          if (i >= rest.length) throw new Error("missing closing quote in property name");
          if (rest[i] === '"') {
            i++;
            break;
          }
          if (rest[i] === "\\" && rest[i + 1] === '"') {
            key += '"';
            i += 2;
          } else key += rest[i++];
        }
        if (rest[i] !== "]") throw new Error("missing closing bracket in property access");
        out.push(key);
        rest = rest.slice(i + 1);
      } else {
        const close = rest.indexOf("]");
        if (close < 0) throw new Error("missing closing bracket in array index");
        const segment = rest.slice(1, close);
        if (segment === "*") out.push("*");
        else if (/^[+-]?\d+$/.test(segment) && Number.isSafeInteger(Number(segment))) out.push(Number(segment));
        else throw new Error(`invalid array index: parsing ${JSON.stringify(segment)}: invalid syntax`);
        rest = rest.slice(close + 1);
      }
    } else {
      const end = rest.search(/[.[]/);
      const name = end < 0 ? rest : rest.slice(0, end);
      out.push(name);
      rest = end < 0 ? "" : rest.slice(end);
    }
  }
  return out;
}

/** The config key's name as a path: its first segment (the key) must be a non-empty name. */
export function parseConfigKeyPath(name: string): ConfigPath {
  let path: ConfigPath;
  try {
    path = parseConfigPath(name);
  } catch (e) {
    throw new Error(`invalid config key path: ${(e as Error).message}`);
  }
  if (!path.length) throw new Error("empty config key path");
  if (typeof path[0] !== "string") throw new Error("first path segement of config key must be a string");
  if (path[0] === "") throw new Error("config key is empty");
  return path;
}

/**
 * A key as `pulumi config set|get|rm` take it (pkg/cmd/pulumi/config parseConfigKey): without a colon it is the
 * project's; with `path`, only the part before the first `.` or `[` is the key, the rest a path inside its value.
 * Returns the config key (`namespace:name`, the path's first segment as name) and the whole path. Throws Error.
 */
export function parseConfigKeyArgument(
  projectName: string,
  text: string,
  path: boolean,
): { key: ConfigKey; path?: ConfigPath } {
  const cut = path ? text.search(/[.[]/) : -1;
  let key: ConfigKey;
  if (cut > 0) {
    const top = parseProjectConfigKey(projectName, text.slice(0, cut));
    key = { namespace: top.namespace, name: top.name + text.slice(cut) };
  } else key = parseProjectConfigKey(projectName, text);
  if (!path) return { key };
  const parsed = parseConfigKeyPath(key.name);
  return { key: { namespace: key.namespace, name: parsed[0] as string }, path: parsed };
}

/** Pulumi's coercion of a plain value set by path: `true`/`false` and base-10 integers (no leading zero). */
export function coerceConfigValue(text: string): ConfigObject {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text.length > 1 && text[0] === "0") return text;
  if (!/^[+-]?\d+$/.test(text)) return text;
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new Error(`${text} is an integer beyond 2^53, which gantry cannot keep exactly; set it without --path`);
  return n;
}

const isMap = (v: ConfigObject | undefined): v is { [key: string]: ConfigObject } =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Ciphertext);

const newContainer = (accessor: string | number): ConfigObject =>
  typeof accessor === "number" ? Array.from({ length: accessor + 1 }, () => null) : {};

/** How Go prints a path prefix in these errors (`[servers 0]`). */
const shown = (prefix: ConfigPath) => `[${prefix.join(" ")}]`;

/**
 * The structured value `root` (undefined: the key is not set) with `value` set at `path` (its first segment being
 * the key itself); throws Pulumi's errors for a path that does not fit what is there.
 */
export function setConfigPath(root: ConfigObject | undefined, path: ConfigPath, value: ConfigObject): ConfigObject {
  return setIn(root, path.slice(0, 1), path.slice(1), value);
}

function setIn(
  current: ConfigObject | undefined,
  prefix: ConfigPath,
  path: ConfigPath,
  value: ConfigObject,
): ConfigObject {
  if (!path.length) return value;
  const [head, ...tail] = path;
  let container: ConfigObject;
  if (Array.isArray(current) || isMap(current)) container = current;
  else if (current === null || current === undefined || prefix.length === 1) container = newContainer(head);
  else throw new Error(`${shown(prefix)}: expected ${typeof head === "number" ? "an array" : "a map"}`);
  const at = [...prefix, head];
  if (Array.isArray(container)) {
    if (typeof head !== "number") throw new Error(`${shown(at)}: key for an array must be an int`);
    if (head < 0 || head > container.length) throw new Error(`${shown(at)}: array index out of range`);
    const out = [...container];
    if (head === out.length) out.push(null);
    out[head] = setIn(out[head], at, tail, value);
    return out;
  }
  if (typeof head !== "string") throw new Error(`${shown(at)}: key for a map must be a string`);
  const map = container as { [key: string]: ConfigObject };
  if (!tail.length && !Object.keys(map).length && head === "secure" && typeof value === "string")
    throw new Error('maps with the single key "secure" are reserved');
  return { ...map, [head]: setIn(map[head], at, tail, value) };
}

/** The value with its map keys sorted, as Pulumi (Go's YAML encoder) writes a structured value. */
export function sortedConfigObject(v: ConfigObject): ConfigObject {
  if (Array.isArray(v)) return v.map(sortedConfigObject);
  if (!isMap(v)) return v;
  const out: { [key: string]: ConfigObject } = {};
  for (const k of Object.keys(v).sort()) out[k] = sortedConfigObject(v[k]);
  return out;
}

/** Pulumi's object.Get: the value at `path` inside `root` (path without the key), undefined when there is none. */
export function getConfigPath<T>(root: T, path: ConfigPath, isLeaf: (v: T) => boolean): T | undefined {
  let at: T = root;
  for (const seg of path) {
    if (isLeaf(at)) return undefined;
    if (Array.isArray(at)) {
      if (typeof seg !== "number" || seg < 0 || seg >= at.length) return undefined;
      at = at[seg] as T;
    } else if (at !== null && typeof at === "object") {
      if (typeof seg !== "string" || !Object.hasOwn(at, seg)) return undefined;
      at = (at as Record<string, T>)[seg];
    } else return undefined;
  }
  return at;
}

/**
 * Pulumi's object.Delete: `root` without the value at `path` (path without the key); nothing to delete is no error.
 * Throws when what would be left is a map of the single key `secure` (it would read back as a ciphertext).
 */
export function deleteConfigPath(root: ConfigObject, path: ConfigPath, prefix: ConfigPath): ConfigObject {
  if (!path.length) return root;
  const [head, ...tail] = path;
  const at = [...prefix, head];
  if (Array.isArray(root)) {
    if (typeof head !== "number" || head < 0 || head >= root.length) return root;
    if (!tail.length) return root.filter((_, i) => i !== head);
    const out = [...root];
    out[head] = deleteConfigPath(out[head], tail, at);
    return out;
  }
  if (!isMap(root) || typeof head !== "string" || !Object.hasOwn(root, head)) return root;
  if (!tail.length) {
    const { [head]: _gone, ...rest } = root;
    const keys = Object.keys(rest);
    if (keys.length === 1 && keys[0] === "secure" && typeof rest.secure === "string")
      throw new Error(`${shown(at)}: maps with the single key "secure" are reserved`);
    return rest;
  }
  return { ...root, [head]: deleteConfigPath(root[head], tail, at) };
}
