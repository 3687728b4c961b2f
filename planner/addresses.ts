// Resource and instance addresses, Terraform's: "gantry_noop.a", "gantry_noop.a[0]", 'gantry_noop.a["key"]', and
// inside modules 'module.a["x"].gantry_file.f[0]', "module.a.module.b.null_resource.n". A module path is the
// "module.NAME[key]" steps before the resource ("" at the root). Every address is parsed here (-target, -replace,
// state commands, depends_on, replace_triggered_by, and later moved blocks).

import { fullTypeName } from "../contract/type-names.js";

export type InstanceKey = number | string | undefined;

/** `[0]` or `["key"]` (nothing for undefined). */
export function instanceKeySuffix(key: InstanceKey): string {
  if (key === undefined) return "";
  if (typeof key === "number") return `[${key}]`;
  return `[${JSON.stringify(key)}]`;
}

export function instanceAddress(resourceKey: string, key: InstanceKey): string {
  if (key === undefined) return resourceKey;
  if (typeof key === "number") return [resourceKey, "[", key, "]"].join("");
  return [resourceKey, "[", JSON.stringify(key), "]"].join("");
}

/**
 * A resource's key in its module ("gantry_noop.a", "data.gantry_file.f"), made as one
 * flat string: keys and addresses are looked up in maps of every resource many times over, and V8 hashes and
 * compares a flat string several times faster than one made with `+` or a template (a rope of its parts).
 */
export function resourceKey(type: string, name: string, data?: boolean): string {
  return (data ? ["data", type, name] : [type, name]).join(".");
}

export interface ParsedAddress {
  /** The resource type ("" for a whole module). */
  type: string;
  /** The resource name ("" for a whole module). */
  name: string;
  /** 'module.a["x"].type.name' ("type.name" at the root); for a whole module, its path. */
  resourceKey: string;
  key: InstanceKey;
  /** True when the address names one instance ([n] or ["k"]). */
  hasKey: boolean;
  /** The module path ('module.a["x"].module.b'), "" at the root. */
  module: string;
  /** The address names a module or module instance as a whole ("module.a", "module.a[0]"): all that is in it. */
  wholeModule: boolean;
  /** A data resource ("data.TYPE.NAME", 'module.a["x"].data.TYPE.NAME'); resourceKey keeps the "data." step. */
  data?: boolean;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const TYPE_IDENT = /[A-Za-z][A-Za-z0-9_]*/y;
const INDEX = /\[(?:(\d+)|"((?:[^"\\]|\\.)*)")\]/y;

interface Scanned {
  module: string;
  type: string;
  name: string;
  key: InstanceKey;
  hasKey: boolean;
  wholeModule: boolean;
  data: boolean;
  /** Where the address ended (what follows is an attribute path, when allowed). */
  end: number;
}

function scan(text: string, allowTail: boolean): Scanned | undefined {
  let pos = 0;
  const word = (re: RegExp): string | undefined => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    pos = re.lastIndex;
    return m[0];
  };
  const index = (): { key: InstanceKey; ok: boolean } => {
    INDEX.lastIndex = pos;
    const m = INDEX.exec(text);
    if (!m) return { key: undefined, ok: false };
    pos = INDEX.lastIndex;
    return { key: m[1] !== undefined ? Number(m[1]) : (JSON.parse(`"${m[2]}"`) as string), ok: true };
  };
  let module = "";
  for (;;) {
    if (!text.startsWith("module.", pos)) break;
    const save = pos;
    pos += 7;
    const name = word(IDENT);
    if (name === undefined) {
      pos = save;
      break;
    }
    const ix = index();
    module += `${module ? "." : ""}module.${name}${instanceKeySuffix(ix.key)}`;
    if (pos === text.length || (allowTail && text[pos] !== ".")) {
      return { module, type: "", name: "", key: undefined, hasKey: false, wholeModule: true, data: false, end: pos };
    }
    if (text[pos] !== ".") return undefined;
    pos++;
  }
  const data = text.startsWith("data.", pos);
  if (data) pos += 5;
  const type = word(TYPE_IDENT);
  if (type === undefined || text[pos] !== ".") return undefined;
  pos++;
  const name = word(IDENT);
  if (name === undefined) return undefined;
  const ix = index();
  if (pos !== text.length && (!allowTail || text[pos] !== ".")) return undefined;
  return { module, type, name, key: ix.key, hasKey: ix.ok, wholeModule: false, data, end: pos };
}

/**
 * Parses an address as users type it (-target, -replace, state commands); returns undefined when malformed. A type
 * without a known provider prefix is short for gantry's ("noop.a" is "gantry_noop.a").
 */
export function parseAddress(text: string): ParsedAddress | undefined {
  const s = scan(text.trim(), false);
  if (!s) return undefined;
  if (s.wholeModule)
    return {
      type: "",
      name: "",
      resourceKey: s.module,
      key: undefined,
      hasKey: false,
      module: s.module,
      wholeModule: true,
    };
  const type = s.data ? s.type : fullTypeName(s.type);
  const resourceKey = `${s.module ? `${s.module}.` : ""}${s.data ? "data." : ""}${type}.${s.name}`;
  return {
    type,
    name: s.name,
    resourceKey,
    key: s.key,
    hasKey: s.hasKey,
    module: s.module,
    wholeModule: false,
    ...(s.data ? { data: true } : {}),
  };
}

/**
 * A reference to a resource, one of its instances or an attribute ("gantry_noop.a", "gantry_noop.a[0]",
 * "module.m.gantry_noop.a.id"), or to a module ("module.m"): what it names, and the attribute path after it.
 */
export function parseReference(text: string): { address: ParsedAddress; attributes: string[] } | undefined {
  const t = text.trim();
  const s = scan(t, true);
  if (!s) return undefined;
  const attributes = s.end < t.length ? t.slice(s.end + 1).split(".") : [];
  const type = s.wholeModule ? "" : s.type;
  const resourceKey = s.wholeModule
    ? s.module
    : `${s.module ? `${s.module}.` : ""}${s.data ? "data." : ""}${type}.${s.name}`;
  return {
    address: {
      type,
      name: s.name,
      resourceKey,
      key: s.key,
      hasKey: s.hasKey,
      module: s.module,
      wholeModule: s.wholeModule,
      ...(s.data ? { data: true } : {}),
    },
    attributes,
  };
}

/** The resource key (module path, "type.name") of an instance address. */
export function resourceKeyOf(address: string): string {
  if (address.charCodeAt(address.length - 1) !== 93 /* ] */) return address;
  if (!address.startsWith("module.")) return address.slice(0, address.indexOf("["));
  const p = parseAddress(address);
  return p && !p.wholeModule ? p.resourceKey : address;
}

/** The module path of an address ("" at the root). */
export function moduleOf(address: string): string {
  if (!address.startsWith("module.")) return "";
  return parseReference(address)?.address.module ?? "";
}

/**
 * The module path of the address of a known instance (a state record: its mode, type, name and key): the address
 * without its last part, cut off rather than parsed; parsed when the address does not end in that part.
 */
export function moduleOfInstance(i: {
  address: string;
  mode?: "data";
  type: string;
  name: string;
  key?: InstanceKey;
}): string {
  const address = i.address;
  if (!address.startsWith("module.")) return "";
  const own = instanceAddress(`${i.mode === "data" ? "data." : ""}${i.type}.${i.name}`, i.key);
  const cut = address.length - own.length - 1;
  if (cut > 7 && address.charCodeAt(cut) === 46 /* . */ && address.endsWith(own)) return address.slice(0, cut);
  return moduleOf(address);
}

/** The module path without instance keys ('module.a["x"].module.b' -> "module.a.module.b"). */
export function moduleConfigPath(module: string): string {
  return module.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g, "");
}

/** Does `address` fall under `pattern` (a resource key matches all its instances, a module all that is in it)? */
export function addressMatches(pattern: ParsedAddress, address: string): boolean {
  if (pattern.wholeModule) {
    if (!address.startsWith(pattern.module)) return false;
    const next = address.charCodeAt(pattern.module.length);
    return next === 46 /* . */ || (next === 91 /* [ */ && !pattern.module.endsWith("]"));
  }
  if (pattern.hasKey) return instanceAddress(pattern.resourceKey, pattern.key) === address;
  return resourceKeyOf(address) === pattern.resourceKey;
}
