// HOT's intrinsic functions (Heat's heat.engine.hot.functions and the
// CloudFormation ones HOT 2013-05-23 keeps), as the planner evaluates them
// when their arguments depend on resources. Their names hold a ":" so that
// HCL cannot call them. Every call takes the function's name as the template
// wrote it (Heat's messages name it), its argument as written (functions
// inside already evaluated) and, for some, the variant the template's version
// has. Arguments are checked and errors worded as Heat checks and words them;
// an argument still unknown ("known after apply") makes the result unknown
// once its shape has been checked.

import { createHash } from "node:crypto";
import { containsUnknown, isUnknown, UNKNOWN, type Value } from "../../../contract/values.js";
import { EvalError } from "../evaluate.js";
import type { FunctionDefinition, FunctionTable } from "./definition.js";
import { pyEqual, pyJsonDumps, pyQuote, pyQuotePlus, pyRepr, pyStr, pyTypeName } from "./python-rendering.js";

type Obj = { [k: string]: Value };

/** An error in Heat's words (distinguished from the evaluator's own by its name). */
export function heatFunctionError(message: string): EvalError {
  const e = new EvalError(message);
  e.name = "HeatFunctionError";
  return e;
}

export function isHeatFunctionError(e: unknown): e is EvalError {
  return e instanceof Error && e.name === "HeatFunctionError";
}

const fail = (message: string): never => {
  throw heatFunctionError(message);
};

const isMap = (v: Value): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v) && !isUnknown(v);
/** Python's truth value. */
const truthy = (v: Value): boolean =>
  v !== null &&
  v !== false &&
  v !== 0 &&
  v !== "" &&
  !(Array.isArray(v) && v.length === 0) &&
  !(isMap(v) && Object.keys(v).length === 0);
/** Python's str(KeyError(message)): the message's repr. */
const keyError = (message: string): never => fail(pyRepr(message));

function def(params: string[], impl: (args: Value[]) => Value): FunctionDefinition {
  return { params, minArgs: 2, unknowns: "self", allowNull: true, impl: (args) => impl(args) };
}

const incorrect = (fn: string, example: string) => `Incorrect arguments to "${fn}" should be: ${example}`;

// ---------------------------------------------------------------- str_replace

type ReplaceMode = "plain" | "json" | "strict" | "vstrict";

function replacement(fn: string, mode: ReplaceMode, value: Value, param: string): string {
  const empty = () =>
    fail(`${fn} has an undefined or empty value for param ${param}, must be a defined non-empty value`);
  if (value === null) return mode === "vstrict" ? empty() : "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    const s = pyStr(value);
    if (mode === "vstrict" && s === "") empty();
    return s;
  }
  if (mode === "plain") return fail(`"${fn}" params must be strings or numbers, param ${param} is not valid`);
  if (mode === "vstrict" && (Array.isArray(value) ? value.length : Object.keys(value as Obj).length) === 0) empty();
  return pyJsonDumps(value, true);
}

/** str_replace and its variants: args `{template, params}` (Fn::Replace: `[params, template]`). */
function strReplace(fn: string, args: Value, mode: ReplaceMode, cfn: boolean): Value {
  let mapping: Value;
  let template: Value;
  if (isUnknown(args)) return UNKNOWN;
  if (cfn) {
    const example = `{"${fn}": [ {"$var1": "foo", "%var2%": "bar"}, "$var1 is %var2%"]}`;
    if (typeof args === "string" || isMap(args)) fail(incorrect(fn, example));
    if (!Array.isArray(args) || args.length !== 2) fail(incorrect(fn, example));
    [mapping, template] = args as Value[];
    if (!isMap(mapping) && !isUnknown(mapping)) fail(`"${fn}" parameters must be a mapping`);
  } else {
    if (!isMap(args)) return fail(`Arguments to "${fn}" must be a map`);
    if (!Object.hasOwn(args, "params") || !Object.hasOwn(args, "template"))
      keyError(
        `"${fn}" syntax should be ${fn}:\n              template: This is var1 template var2\n` +
          "              params:\n                var1: a\n                var2: string",
      );
    mapping = args.params;
    template = args.template;
  }
  // as written (the compiler checks that), `params` is a map or a function; what a function gave is checked here
  if (containsUnknown(template) || containsUnknown(mapping)) return UNKNOWN;
  if (typeof template !== "string") return fail(`"${fn}" template must be a string`);
  if (!isMap(mapping)) return fail(`"${fn}" params must be a map`);
  const params = mapping as Obj;
  const strict = mode === "strict" || mode === "vstrict";
  const unreplaced = new Set(Object.keys(params));
  const byLength = (keys: string[]) => [...keys].sort().sort((a, b) => b.length - a.length);
  const replace = (strings: string[], keys: string[]): string[] => {
    if (keys.length === 0) return strings;
    const [placeholder, ...rest] = keys;
    const value = replacement(fn, mode, params[placeholder], placeholder);
    return strings.map((s) => {
      const parts = s.split(placeholder);
      if (parts.length > 1) unreplaced.delete(placeholder);
      return replace(parts, rest).join(value);
    });
  };
  const out = replace([template], byLength(Object.keys(params)))[0];
  if (strict && unreplaced.size > 0)
    fail(`The following params were not found in the template: ${byLength([...unreplaced]).join(",")}`);
  return out;
}

// ---------------------------------------------------------------- list_join

/** list_join as 2013-05-23 … 2015-04-30 have it (and Fn::Join): `[delimiter, [strings]]`. */
function join(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  const example = `"${fn}" : [ " ", [ "str1", "str2"]]`;
  if (!Array.isArray(args) || args.length !== 2) return fail(incorrect(fn, example));
  const [delim, list] = args;
  if (containsUnknown(args)) return UNKNOWN;
  const strings = list ?? [];
  if (!Array.isArray(strings)) return fail(`"${fn}" must operate on a list`);
  if (typeof delim !== "string") return fail(`"${fn}" delimiter must be a string`);
  return strings
    .map((s) => {
      if (s === null) return "";
      if (typeof s !== "string") return fail(`Items to join must be strings not ${pyRepr(s).slice(0, 200)}`);
      return s;
    })
    .join(delim);
}

/** list_join from 2015-10-15: `[delimiter, [items], [items]...]`; lists and maps are joined as JSON. */
function joinMultiple(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  const example = `"${fn}" : [ " ", [ "str1", "str2"] ...]`;
  if (!Array.isArray(args)) return fail(incorrect(fn, example));
  if (args.length < 2) return fail(incorrect(fn, example));
  const [delim, ...lists] = args;
  if (containsUnknown(args)) return UNKNOWN;
  const strings: Value[] = [];
  for (const l of lists)
    if (truthy(l)) {
      if (!Array.isArray(l)) fail(`"${fn}" must operate on a list`);
      strings.push(...(l as Value[]));
    }
  if (typeof delim !== "string") return fail(`"${fn}" delimiter must be a string`);
  return strings
    .map((s) => {
      if (s === null) return "";
      if (typeof s === "string") return s;
      if (typeof s === "object") return pyJsonDumps(s, true);
      return fail(`Items to join must be string, map or list not ${pyRepr(s).slice(0, 200)}`);
    })
    .join(delim);
}

// ---------------------------------------------------------------- repeat

type RepeatMode = "Repeat" | "RepeatWithMap" | "RepeatWithNestedLoop";

function product(lists: Value[][]): Value[][] {
  return lists.reduce<Value[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]]);
}

function substitute(keys: string[], values: Value[], template: Value): Value {
  if (typeof template === "string") {
    let t = template;
    keys.forEach((k, i) => {
      const v = values[i];
      if (typeof v !== "string") fail(`replace() argument 2 must be str, not ${pyTypeName(v)}`);
      t = t.split(k).join(v as string);
    });
    return t;
  }
  if (Array.isArray(template)) return template.map((e) => substitute(keys, values, e));
  if (isMap(template)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(template))
      out[substitute(keys, values, k) as string] = substitute(keys, values, v);
    return out;
  }
  return template;
}

function repeat(fn: string, args: Value, mode: RepeatMode): Value {
  if (isUnknown(args)) return UNKNOWN;
  if (!isMap(args)) return fail(`Arguments to "${fn}" must be a map`);
  if (!Object.hasOwn(args, "for_each") || !Object.hasOwn(args, "template"))
    keyError(
      `"repeat" syntax should be repeat:\n              template: This is %var%\n              for_each:\n` +
        "                %var%: ['a', 'b', 'c']",
    );
  let nested = true;
  if (mode === "RepeatWithNestedLoop" && Object.hasOwn(args, "permutations")) {
    if (typeof args.permutations !== "boolean") fail(`"permutations" should be boolean type for ${fn} function.`);
    nested = args.permutations as boolean;
  }
  const forEach = args.for_each;
  if (isUnknown(forEach)) return UNKNOWN;
  if (!isMap(forEach)) return fail(`The "for_each" argument to "${fn}" must contain a map`);
  const keys = Object.keys(forEach);
  if (keys.length === 0) fail("not enough values to unpack (expected 2, got 0)");
  const lists: Value[][] = [];
  const lengths: number[] = [];
  let unknown = false;
  for (const k of keys) {
    const v = forEach[k];
    if (v === null) {
      lists.push([]);
      continue;
    }
    if (isUnknown(v)) {
      unknown = true;
      continue;
    }
    const maps = mode === "RepeatWithMap" || (mode === "RepeatWithNestedLoop" && nested);
    if (!(Array.isArray(v) || (maps && isMap(v))))
      fail(`The values of the "for_each" argument to "${fn}" must be ${maps ? "lists or maps" : "lists"}`);
    const items = Array.isArray(v) ? v : Object.keys(v as Obj);
    lists.push(items);
    lengths.push(items.length);
  }
  if (!nested && new Set(lengths).size > 1)
    fail(`For ${fn}, the length of for_each values should be equal if no nested loop.`);
  if (unknown || lists.some(containsUnknown) || containsUnknown(args.template)) return UNKNOWN;
  const rows = nested
    ? product(lists)
    : Array.from({ length: Math.min(...lists.map((l) => l.length)) }, (_, i) => lists.map((l) => l[i]));
  return rows.map((row) => substitute(keys, row, args.template));
}

// ---------------------------------------------------------------- digest

/** Python's hashlib names → Node's. */
const DIGESTS: Record<string, string> = {
  md5: "md5",
  sha1: "sha1",
  sha224: "sha224",
  sha256: "sha256",
  sha384: "sha384",
  sha512: "sha512",
  sha512_224: "sha512-224",
  sha512_256: "sha512-256",
  sha3_224: "sha3-224",
  sha3_256: "sha3-256",
  sha3_384: "sha3-384",
  sha3_512: "sha3-512",
  blake2b: "blake2b512",
  blake2s: "blake2s256",
};

function digest(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  if (!Array.isArray(args)) return fail(`Argument to function "${fn}" must be a list of strings`);
  if (args.some(isUnknown)) return UNKNOWN;
  if (!args.every((a) => typeof a === "string")) fail(`Argument to function "${fn}" must be a list of strings`);
  if (args.length !== 2) fail(`Function "${fn}" usage: ["<algorithm>", "<value>"]`);
  const [algorithm, value] = args as string[];
  const node = DIGESTS[algorithm.toLowerCase()];
  if (!node)
    fail(
      `Algorithm must be one of {${Object.keys(DIGESTS)
        .map((a) => `'${a}'`)
        .join(", ")}}`,
    );
  for (let i = 0; i < value.length; i++)
    if (value.charCodeAt(i) > 255)
      fail(
        `'latin-1' codec can't encode character '\\u${value.charCodeAt(i).toString(16).padStart(4, "0")}' in ` +
          `position ${i}: ordinal not in range(256)`,
      );
  return createHash(node).update(Buffer.from(value, "latin1")).digest("hex");
}

// ---------------------------------------------------------------- str_split

function pySplit(s: string, delim: Value): string[] {
  if (delim === null) return s.split(/\s+/).filter((p) => p !== "");
  if (typeof delim !== "string") return fail(`must be str or None, not ${pyTypeName(delim)}`);
  if (delim === "") return fail("empty separator");
  return s.split(delim);
}

function strSplit(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  const example = `"${fn}" : [ ",", "apples,pears", <index>]`;
  if (typeof args === "string" || isMap(args)) return fail(incorrect(fn, example));
  if (!Array.isArray(args) || args.length < 2) return fail(incorrect(fn, example));
  if (containsUnknown(args)) return UNKNOWN;
  const [delim, str, ...rest] = args;
  if (str === null) return null;
  if (typeof str !== "string") return fail(`'${pyTypeName(str)}' object has no attribute 'split'`);
  const parts = pySplit(str, delim);
  if (rest.length === 0) return parts;
  const raw = rest[0];
  const index =
    typeof raw === "number"
      ? Math.trunc(raw)
      : typeof raw === "boolean"
        ? Number(raw)
        : typeof raw === "string" && /^\s*[-+]?\d+\s*$/.test(raw)
          ? Number.parseInt(raw, 10)
          : undefined;
  if (index === undefined) return fail(`Incorrect index to "${fn}" should be: ${example}`);
  const at = index < 0 ? parts.length + index : index;
  if (at < 0 || at >= parts.length) fail(`Incorrect index to "${fn}" should be between 0 and ${parts.length - 1}`);
  return parts[at];
}

// ---------------------------------------------------------------- maps

function mapMerge(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  const example = `"${fn}" : [ { "key1": "val1" }, { "key2": "val2" } ]`;
  const items = typeof args === "string" ? [...args] : args;
  if (!Array.isArray(items)) return fail(incorrect(fn, example));
  const out: Obj = {};
  let unknown = false;
  for (const m of items) {
    if (m === null) continue;
    if (isUnknown(m)) {
      unknown = true;
      continue;
    }
    // Heat 19 names neither the item nor its type
    if (!isMap(m)) fail("Incorrect arguments: Items to merge must be maps.");
    Object.assign(out, m);
  }
  return unknown ? UNKNOWN : out;
}

/** A map's member `key` looked up as Python looks up a dict (a number or bool as the key it equals). */
function lookup(m: Obj, key: Value): Value | undefined {
  if (typeof key === "string" || typeof key === "number" || typeof key === "boolean") {
    const k = typeof key === "boolean" ? (key ? "1" : "0") : String(key);
    return Object.hasOwn(m, k) ? m[k] : undefined;
  }
  return undefined;
}

function mapReplace(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  const example = `"${fn}" : [ { "key1": "val1" }, {"keys": {"key1": "key2"}, "values": {"val1": "val2"}}]`;
  const ensureMap = (m: Value): Obj => {
    if (m === null) return {};
    if (isMap(m)) return m;
    return fail(`Incorrect arguments: to "${fn}", arguments must be a list of maps. Example:  ${example}`);
  };
  if (!Array.isArray(args) || args.length === 0) return fail(incorrect(fn, example));
  if (args.some(isUnknown)) return UNKNOWN;
  const input = ensureMap(args[0]);
  if (args.length < 2) return fail(incorrect(fn, example));
  const repl = ensureMap(args[1]);
  if (args.length > 2) return fail(incorrect(fn, example));
  for (const k of Object.keys(repl)) if (k !== "keys" && k !== "values") fail(incorrect(fn, example));
  if (isUnknown(repl.keys) || isUnknown(repl.values) || isUnknown(input)) return UNKNOWN;
  const keys = ensureMap(repl.keys ?? {});
  const values = ensureMap(repl.values ?? {});
  if (containsUnknown(keys)) return UNKNOWN;
  const out: Obj = {};
  for (const [k, v] of Object.entries(input)) {
    let key = lookup(keys, k);
    if (key === undefined || key === null) key = k;
    else {
      const ks = typeof key === "string" ? key : pyStr(key);
      if (Object.hasOwn(input, ks) && ks !== k) fail(`key replacement ${ks} collides with a key in the input map`);
      if (Object.hasOwn(out, ks)) fail(`key replacement ${ks} collides with a key in the output map`);
      key = ks;
    }
    const replaced = lookup(values, v);
    out[key as string] = replaced === undefined ? v : replaced;
  }
  return out;
}

// ---------------------------------------------------------------- lists

function listConcat(fn: string, args: Value, unique: boolean): Value {
  if (isUnknown(args)) return UNKNOWN;
  const example = `"${fn}" : [ [ <value 1>, <value 2> ], [ <value 3>, <value 4> ] ]`;
  if (!Array.isArray(args)) return fail(incorrect(fn, example));
  const out: Value[] = [];
  let unknown = false;
  for (const m of args) {
    if (m === null) continue;
    if (isUnknown(m)) {
      unknown = true;
      continue;
    }
    if (!Array.isArray(m))
      fail(
        "Incorrect arguments: Items to concat must be lists. " +
          `${pyJsonDumps(args, false)} contains an item that is not a list: ${pyJsonDumps(m, false)}`,
      );
    out.push(...(m as Value[]));
  }
  if (unknown) return UNKNOWN;
  if (!unique) return out;
  if (containsUnknown(out)) return UNKNOWN;
  const kept: Value[] = [];
  for (const item of out) if (!kept.some((k) => pyEqual(k, item))) kept.push(item);
  return kept;
}

function contains(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  const example = `"${fn}" : [ "value1", [ "value1", "value2"]]`;
  if (!truthy(args) || !Array.isArray(args)) return fail(incorrect(fn, example));
  if (args.length !== 2) return fail(`Arguments to "${fn}" must be of the form: [value1, [value1, value2]]`);
  if (containsUnknown(args)) return UNKNOWN;
  const [value, sequence] = args;
  if (typeof sequence === "string") {
    if (typeof value !== "string")
      return fail(`'in <string>' requires string as left operand, not ${pyTypeName(value)}`);
    return sequence.includes(value);
  }
  if (!Array.isArray(sequence)) return fail(`Second argument to "${fn}" should be a sequence.`);
  return sequence.some((x) => pyEqual(x, value));
}

function filter(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  if (!Array.isArray(args)) return fail(`Argument to "${fn}" must be a list`);
  if (args.length !== 2)
    return fail(`"${fn}" expected 2 arguments of the form [values, sequence] but got ${args.length} arguments instead`);
  const [values, sequence] = args;
  if (isUnknown(sequence)) return UNKNOWN;
  if (!truthy(sequence)) return sequence;
  if (!Array.isArray(sequence)) return fail(`"${fn}" only works with lists`);
  if (isUnknown(values)) return UNKNOWN;
  if (!truthy(values)) return sequence;
  // Heat 19 formats its message '"%(fn)s" filters a list of values' with a string, which fails as Python says
  if (!Array.isArray(values)) return fail("format requires a mapping");
  if (containsUnknown(values) || containsUnknown(sequence)) return UNKNOWN;
  return sequence.filter((i) => !values.some((v) => pyEqual(v, i)));
}

// ---------------------------------------------------------------- make_url

const URL_KEYS = ["scheme", "username", "password", "host", "port", "path", "query", "fragment"];

/** Schemes Python's urlunsplit writes with "//" (urllib.parse.uses_netloc). */
const USES_NETLOC = new Set([
  "",
  "ftp",
  "http",
  "gopher",
  "nntp",
  "telnet",
  "imap",
  "wais",
  "file",
  "mms",
  "https",
  "shttp",
  "snews",
  "prospero",
  "rtsp",
  "rtspu",
  "rsync",
  "svn",
  "svn+ssh",
  "sftp",
  "nfs",
  "git",
  "git+ssh",
  "ws",
  "wss",
]);

function checkUrlArgs(fn: string, args: Obj): void {
  for (const arg of URL_KEYS) {
    if (!Object.hasOwn(args, arg)) continue;
    const v = args[arg];
    if (isUnknown(v)) continue;
    if (arg === "query") {
      if (!isMap(v)) fail(`The "${arg}" argument to "${fn}" must be a map`);
      return;
    }
    if (arg === "port") {
      let port: number;
      if (typeof v === "number" || typeof v === "boolean") port = Math.trunc(Number(v));
      else if (typeof v === "string" && /^\s*[-+]?\d+\s*$/.test(v)) port = Number.parseInt(v, 10);
      else port = fail(`Invalid URL port "${pyStr(v)}" for ${fn} called with ${pyRepr(args)}`);
      if (!(port > 0 && port <= 65535)) fail(`Invalid URL port ${port}, must be in range 1-65535`);
    } else if (typeof v !== "string") fail(`The "${arg}" argument to "${fn}" must be a string`);
  }
}

function makeUrl(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  if (!isMap(args)) return fail(`The arguments to "${fn}" must be a map`);
  const invalid = Object.keys(args).filter((k) => !URL_KEYS.includes(k));
  if (invalid.length > 0) fail(`Invalid arguments to "${fn}": ${invalid.join(", ")}`);
  checkUrlArgs(fn, args);
  if (containsUnknown(args)) return UNKNOWN;
  const get = (k: string) => (Object.hasOwn(args, k) ? args[k] : "");
  const scheme = get("scheme") as string;
  if (scheme.includes(":")) fail(`URL "scheme" should not contain ':'`);
  let netloc = "";
  const username = pyQuote(get("username") as string, "");
  const password = pyQuote(get("password") as string, "");
  if (username || password) netloc += `${username}${password ? `:${password}` : ""}@`;
  let host = get("host") as string;
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  host = pyQuote(host, ":");
  netloc += host.includes(":") ? `[${host}]` : host;
  const port = get("port");
  if (truthy(port)) netloc += `:${pyStr(port)}`;
  let url = pyQuote(get("path") as string);
  const queryMap = (Object.hasOwn(args, "query") ? args.query : {}) as Obj;
  const query = Object.entries(queryMap)
    .map(([k, v]) => `${pyQuotePlus(k)}=${pyQuotePlus(pyStr(v))}`)
    .join("&")
    .replaceAll("%2F", "/");
  const fragment = pyQuote(get("fragment") as string);
  if (netloc || (scheme && USES_NETLOC.has(scheme) && url.slice(0, 2) !== "//")) {
    if (url && url[0] !== "/") url = `/${url}`;
    url = `//${netloc}${url}`;
  }
  if (scheme) url = `${scheme}:${url}`;
  if (query) url = `${url}?${query}`;
  if (fragment) url = `${url}#${fragment}`;
  return url;
}

// ---------------------------------------------------------------- conditions

function equals(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  if (!truthy(args) || !Array.isArray(args) || args.length !== 2)
    return fail(`Arguments to "${fn}" must be of the form: [value_1, value_2]`);
  if (containsUnknown(args)) return UNKNOWN;
  return pyEqual(args[0], args[1]);
}

// ---------------------------------------------------------------- CloudFormation (2013-05-23)

function select(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  if (!Array.isArray(args) || args.length !== 2)
    return fail(`Arguments to "${fn}" must be of the form [index, collection]`);
  if (containsUnknown(args)) return UNKNOWN;
  const [index] = args;
  let [, strings] = args;
  if (strings === "") return "";
  if (typeof strings === "string") {
    try {
      strings = JSON.parse(strings) as Value;
    } catch (e) {
      return fail(`"${fn}": ${(e as Error).message}`);
    }
  }
  if (isMap(strings)) {
    if (typeof index !== "string") return fail(`Index to "${fn}" must be a string`);
    return Object.hasOwn(strings, index) ? strings[index] : "";
  }
  let i: Value = index;
  if (typeof i === "string" && /^\s*[-+]?\d+\s*$/.test(i)) i = Number.parseInt(i, 10);
  else if (typeof i === "number") i = Math.trunc(i);
  if (Array.isArray(strings)) {
    if (typeof i !== "number") return fail(`Index to "${fn}" must be an integer`);
    const at = i < 0 ? strings.length + i : i;
    return at >= 0 && at < strings.length ? strings[at] : "";
  }
  if (strings === null) return "";
  return fail(`Arguments to ${fn} not fully resolved`);
}

function split(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  const example = `"${fn}" : [ ",", "str1,str2"]]`;
  if (typeof args === "string" || isMap(args)) return fail(incorrect(fn, example));
  if (!Array.isArray(args) || args.length !== 2) return fail(incorrect(fn, example));
  if (containsUnknown(args)) return UNKNOWN;
  const [delim, strings] = args;
  if (typeof delim !== "string") return fail(`Delimiter for ${fn} must be string`);
  if (typeof strings !== "string") return fail(`String to split must be string; got <class '${pyTypeName(strings)}'>`);
  return pySplit(strings, delim);
}

function base64(fn: string, args: Value): Value {
  if (containsUnknown(args)) return UNKNOWN;
  if (typeof args !== "string") return fail(`"${fn}" argument must be a string`);
  return args;
}

/** Fn::MemberListToMap: `[keyName, valueName, [".member.0.<keyName>=k", ".member.0.<valueName>=v", ...]]`. */
function memberListToMap(fn: string, args: Value): Value {
  if (isUnknown(args)) return UNKNOWN;
  if (!Array.isArray(args) || args.length !== 3)
    return fail(
      `Wrong Arguments try: "\n            {'Fn::MemberListToMap': ['Name', 'Value',\n` +
        "                                     ['.member.0.Name=key',\n" +
        "                                      '.member.0.Value=door']]}\n            \"",
    );
  const [keyName, valueName, list] = args;
  if (typeof keyName !== "string") fail(`${fn} Key Name must be a string`);
  if (typeof valueName !== "string") fail(`${fn} Value Name must be a string`);
  if (containsUnknown(list)) return UNKNOWN;
  if (!Array.isArray(list) && typeof list !== "string" && !isMap(list)) return fail("Member list must be a list");
  const items = Array.isArray(list) ? list : typeof list === "string" ? [...list] : Object.keys(list as Obj);
  const partials = new Map<string, string>();
  for (const s of items) {
    if (typeof s !== "string") fail("Member list items must be strings");
    const at = (s as string).indexOf("=");
    partials.set(at < 0 ? (s as string) : (s as string).slice(0, at), at < 0 ? "" : (s as string).slice(at + 1));
  }
  // heat.api.aws.utils.extract_param_pairs: the ".member.N.<name>" items grouped by N, in N's order
  const members = new Map<number, Map<string, string>>();
  for (const [k, v] of partials) {
    const m = /^\.member\.([0-9]+)\.(.*)$/.exec(k);
    if (!m) continue;
    const n = Number.parseInt(m[1], 10);
    if (!members.has(n)) members.set(n, new Map());
    members.get(n)!.set(m[2], v);
  }
  const out: Obj = {};
  for (const n of [...members.keys()].sort((x, y) => x - y)) {
    const p = members.get(n)!;
    if (p.has(keyName as string) && p.has(valueName as string))
      out[p.get(keyName as string)!] = p.get(valueName as string)!;
  }
  return out;
}

// ---------------------------------------------------------------- paths

/**
 * A path into a parameter's (`get_param: [name, path...]`) or an attribute's value (`get_attr: [r, a, path...]`),
 * followed as Heat follows it: map keys, list indices (a parameter's may be written as strings), characters of a
 * string; a step that does not lead anywhere gives "" for a parameter and null for an attribute.
 */
function followPath(kind: Value, value: Value, path: Value): Value {
  const param = kind === "get_param";
  const missing = param ? "" : null;
  if (!Array.isArray(path)) return missing;
  let v = value;
  for (const key of path) {
    if (isUnknown(v) || isUnknown(key)) return UNKNOWN;
    const k = typeof key === "boolean" ? Number(key) : key;
    if (typeof k !== "string" && !(typeof k === "number" && Number.isInteger(k))) return missing;
    if (isMap(v)) {
      if (typeof k !== "string" || !Object.hasOwn(v, k)) return missing;
      v = v[k];
      continue;
    }
    if (!Array.isArray(v) && typeof v !== "string") return missing;
    let i: number;
    if (typeof k === "number") i = k;
    else if (param && /^\s*[-+]?\d+\s*$/.test(k)) i = Number.parseInt(k, 10);
    else return missing;
    const at = i < 0 ? v.length + i : i;
    if (at < 0 || at >= v.length) return missing;
    v = v[at];
  }
  return v;
}

// ---------------------------------------------------------------- the table

const str = (v: Value) => v as string;

/** The functions by the names the HOT compiler calls (templates/hot/intrinsic-functions.ts). */
export const HEAT_INTRINSIC_FUNCTIONS: FunctionTable = {
  "hot:path": def(["name", "value", "path"], ([kind, v, path]) => followPath(kind, v, path)),
  "hot:str_replace": def(["name", "args", "mode"], ([fn, a, mode]) =>
    strReplace(str(fn), a, (mode ?? "json") as ReplaceMode, false),
  ),
  "hot:cfn_replace": def(["name", "args"], ([fn, a]) => strReplace(str(fn), a, "plain", true)),
  "hot:list_join": def(["name", "args", "multiple"], ([fn, a, multiple]) =>
    multiple === false ? join(str(fn), a) : joinMultiple(str(fn), a),
  ),
  "hot:repeat": def(["name", "args", "mode"], ([fn, a, mode]) =>
    repeat(str(fn), a, (mode ?? "RepeatWithNestedLoop") as RepeatMode),
  ),
  "hot:digest": def(["name", "args"], ([fn, a]) => digest(str(fn), a)),
  "hot:str_split": def(["name", "args"], ([fn, a]) => strSplit(str(fn), a)),
  "hot:map_merge": def(["name", "args"], ([fn, a]) => mapMerge(str(fn), a)),
  "hot:map_replace": def(["name", "args"], ([fn, a]) => mapReplace(str(fn), a)),
  "hot:list_concat": def(["name", "args", "unique"], ([fn, a, unique]) => listConcat(str(fn), a, unique === true)),
  "hot:contains": def(["name", "args"], ([fn, a]) => contains(str(fn), a)),
  "hot:filter": def(["name", "args"], ([fn, a]) => filter(str(fn), a)),
  "hot:make_url": def(["name", "args"], ([fn, a]) => makeUrl(str(fn), a)),
  "hot:equals": def(["name", "args"], ([fn, a]) => equals(str(fn), a)),
  "hot:cfn_select": def(["name", "args"], ([fn, a]) => select(str(fn), a)),
  "hot:cfn_split": def(["name", "args"], ([fn, a]) => split(str(fn), a)),
  "hot:cfn_base64": def(["name", "args"], ([fn, a]) => base64(str(fn), a)),
  "hot:cfn_member_list_to_map": def(["name", "args"], ([fn, a]) => memberListToMap(str(fn), a)),
};
