// `pulumi config set [--secret] [--path] KEY VALUE` and `pulumi config rm [--path] KEY` for gantry: writes one value
// into (or removes one from) Pulumi.<stack>.yaml as Pulumi writes it (the key namespaced by the project when written
// without one; a secret as `secure: v1:...` encrypted with the passphrase provider; with `path`, the key's name a
// property path into a structured value), keeping the file's comments and order. A stack without `encryptionsalt`
// gets a new one made from the passphrase, as Pulumi does on the first secret; with one, the passphrase must open it.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Document, isMap, isNode, parseDocument, type YAMLMap } from "yaml";
import { GantryError } from "../../contract/diagnostics.js";
import { type ConfigKey, formatConfigKey } from "./config-key.js";
import {
  type ConfigPath,
  coerceConfigValue,
  deleteConfigPath,
  getConfigPath,
  parseConfigKeyArgument,
  setConfigPath,
  sortedConfigObject,
} from "./config-key-path.js";
import { INCORRECT_PASSPHRASE_DECRYPT, IncorrectPassphraseError, PassphraseCrypter } from "./passphrase-crypter.js";
import { readPassphrase } from "./passphrase-source.js";
import { readPulumiProject } from "./project-file.js";
import {
  Ciphertext,
  type ConfigObject,
  fromConfigObject,
  holdsCiphertext,
  toConfigObject,
} from "./stack-config-file.js";

export interface SetStackConfigValueOptions {
  /** The project directory. */
  dir: string;
  stack: string;
  /** The key as the user wrote it (`port`, `aws:region`). */
  key: string;
  value: string;
  secret?: boolean;
  /** The key's name is a property path (`outer.inner`, `names[0]`): the value is set inside a structured one. */
  path?: boolean;
  /** `config set --type`: the value is written as this type (not with `secret`). */
  type?: string;
  env?: NodeJS.ProcessEnv;
  passphrase?: string;
}

/** The types `pulumi config set --type` takes. */
export const CONFIG_VALUE_TYPES = ["string", "int", "bool", "float"] as const;

/**
 * A value as `pulumi config set --type` writes it (config.NewTypedValue): a string as it is; an int as Go's Atoi
 * reads it; a bool as Go's ParseBool (1, t, T, TRUE, true, True and the false ones), anything else false as Pulumi
 * makes it; a float as ParseFloat. Each is written as a YAML scalar of that type.
 */
export function typedConfigValue(text: string, type: string): ConfigObject {
  switch (type) {
    case "string":
      return text;
    case "int": {
      if (!/^[+-]?\d+$/.test(text))
        throw new GantryError(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
      const n = Number(text);
      if (!Number.isSafeInteger(n))
        throw new GantryError(`strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`);
      return n;
    }
    case "bool":
      return ["1", "t", "T", "TRUE", "true", "True"].includes(text);
    case "float": {
      const t = text.replace(/_/g, "");
      const n = /^[+-]?(inf|infinity|nan)$/i.test(t) ? Number.NaN : Number(t);
      if (t.trim() !== t || t === "" || (Number.isNaN(n) && !/nan/i.test(t)))
        throw new GantryError(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
      if (!Number.isFinite(n))
        throw new GantryError(`${JSON.stringify(text)}: gantry does not write infinities or NaN as config values`);
      return n;
    }
    default:
      throw new GantryError(`invalid type ${JSON.stringify(type)}; must be one of string, int, bool, or float`);
  }
}

/** A stack's config file opened for an edit (comments and order kept). */
interface OpenStackFile {
  file: string;
  doc: Document.Parsed;
  map: YAMLMap;
  key: string;
  path: ConfigPath | undefined;
}

function openStackFile(opts: { dir: string; stack: string; key: string; path?: boolean }): OpenStackFile {
  const project = readPulumiProject(opts.dir);
  let parsed: { key: ConfigKey; path?: ConfigPath };
  try {
    parsed = parseConfigKeyArgument(project.name, opts.key, opts.path ?? false);
  } catch (e) {
    const message = (e as Error).message;
    throw new GantryError(message.startsWith("could not parse") ? message : `${opts.key}: ${message}`);
  }
  const name = opts.stack.includes("/") ? opts.stack.slice(opts.stack.lastIndexOf("/") + 1) : opts.stack;
  const ext = project.file.endsWith(".yml") ? ".yml" : project.file.endsWith(".json") ? ".json" : ".yaml";
  const file = join(opts.dir, project.stackConfigDir, `Pulumi.${name}${ext}`);
  const doc = parseDocument(existsSync(file) ? readFileSync(file, "utf8") : "");
  if (doc.errors.length) throw new GantryError(`${file}: invalid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  if (!isMap(doc.contents)) throw new GantryError(`${file}: a stack configuration file must hold a map`);
  return { file, doc, map: doc.contents, key: formatConfigKey(parsed.key), path: parsed.path };
}

function saveStackFile(open: OpenStackFile): void {
  mkdirSync(dirname(open.file), { recursive: true });
  writeFileSync(open.file, open.doc.toString());
}

/** Set one config value; returns the stack file written and the key as stored (`project:key`). */
export async function setStackConfigValue(opts: SetStackConfigValueOptions): Promise<{ file: string; key: string }> {
  if (opts.type !== undefined && opts.secret) throw new GantryError("--type cannot be used with --secret");
  const typed = opts.type !== undefined ? typedConfigValue(opts.value, opts.type) : undefined;
  const open = openStackFile(opts);
  const { file, doc, key, path } = open;
  let value: ConfigObject = typed ?? opts.value;
  if (opts.secret) value = new Ciphertext((await encrypterOf(open, opts)).encrypt(opts.value));
  if (path && path.length > 1) {
    const leaf = opts.secret || typed !== undefined ? value : coerceConfigValue(opts.value);
    value = valueWithPath(open, opts.key, leaf);
  }
  setInFile(open, value);
  saveStackFile(open);
  return { file, key };
}

/** The stack file's crypter to encrypt with: its passphrase's, a new salt written first when it has none. */
async function encrypterOf(
  open: OpenStackFile,
  opts: { env?: NodeJS.ProcessEnv; passphrase?: string },
): Promise<PassphraseCrypter> {
  const { doc, file } = open;
  const provider = doc.get("secretsprovider");
  if (typeof provider === "string" && provider !== "passphrase")
    throw new GantryError(
      `${file}: secrets provider '${provider}' is not supported; gantry encrypts only with a passphrase`,
    );
  const passphrase = opts.passphrase ?? readPassphrase(opts.env ?? process.env);
  const salt = doc.get("encryptionsalt");
  if (typeof salt === "string") {
    try {
      return await PassphraseCrypter.fromState(passphrase, salt);
    } catch (e) {
      if (e instanceof IncorrectPassphraseError)
        throw new GantryError(INCORRECT_PASSPHRASE_DECRYPT.replace("failed to decrypt", "failed to encrypt"));
      throw new GantryError(`${file}: encryptionsalt: ${(e as Error).message}`);
    }
  }
  const crypter = await PassphraseCrypter.create(passphrase);
  // as on a stack Pulumi made (`pulumi stack init` writes the salt): encryptionsalt first
  open.map.items.unshift(doc.createPair("encryptionsalt", crypter.state) as never);
  return crypter;
}

/** The key's structured value with `leaf` set at the open path. */
function valueWithPath(open: OpenStackFile, keyText: string, leaf: ConfigObject): ConfigObject {
  const { doc, file, key, path } = open;
  const config = doc.get("config");
  const node = isMap(config) ? config.get(key, true) : undefined;
  const root = isNode(node) ? toConfigObject(node.toJS(doc)) : undefined;
  try {
    return sortedConfigObject(setConfigPath(root, path ?? [], leaf));
  } catch (e) {
    throw new GantryError(`${file}: ${keyText}: ${(e as Error).message}`);
  }
}

function setInFile(open: OpenStackFile, value: ConfigObject): void {
  const { doc, key } = open;
  const config = doc.get("config");
  const written = fromConfigObject(value);
  if (!isMap(config)) doc.set("config", doc.createNode({ [key]: written }));
  else config.set(key, doc.createNode(written));
}

export interface CopyStackConfigOptions {
  dir: string;
  /** The stack copied from. */
  stack: string;
  /** The stack copied to (`--dest`). */
  dest: string;
  /** One key (as the user wrote it); absent: every key. */
  key?: string;
  path?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * `pulumi config cp [KEY] --dest STACK [--path]`: copies one value (or, without KEY, every one) from the stack's
 * config file to the destination's, secrets decrypted with the stack's passphrase and encrypted again with the
 * destination's (which gets an encryptionsalt of its own if it has none). A KEY the stack does not have is an error,
 * as in Pulumi; copying to the same stack too.
 */
export async function copyStackConfig(opts: CopyStackConfigOptions): Promise<{ file: string; keys: string[] }> {
  if (opts.stack === opts.dest) throw new GantryError("current stack and destination stack are the same");
  const env = opts.env ?? process.env;
  const from = openStackFile({ dir: opts.dir, stack: opts.stack, key: opts.key ?? "x", path: opts.path });
  const fromConfig = from.doc.get("config");
  const entries: [string, ConfigObject][] = isMap(fromConfig)
    ? fromConfig.items.map((p) => [String(isNode(p.key) ? p.key.toJSON() : p.key), toConfigObject(toJs(from, p.value))])
    : [];
  let chosen = entries;
  let path: ConfigPath | undefined;
  if (opts.key !== undefined) {
    const found = entries.find(([k]) => k === from.key);
    path = from.path && from.path.length > 1 ? from.path : undefined;
    const value = found && path ? getConfigPath(found[1], path.slice(1), isLeafObject) : found?.[1];
    if (value === undefined)
      throw new GantryError(`configuration key '${opts.key}' not found for stack '${opts.stack}'`);
    chosen = [[from.key, value]];
  }
  let decrypter: PassphraseCrypter | undefined;
  let encrypter: PassphraseCrypter | undefined;
  const to = openStackFile({ dir: opts.dir, stack: opts.dest, key: opts.key ?? "x", path: opts.path });
  for (const [k, v] of chosen) {
    let value = v;
    if (holdsCiphertext(v)) {
      decrypter ??= await decrypterOf(from, env);
      encrypter ??= await encrypterOf(to, { env });
      const d = decrypter;
      const e = encrypter;
      value = mapCiphertexts(v, (c) => new Ciphertext(e.encrypt(d.decrypt(c.ciphertext))));
    }
    if (path) {
      setInFile(to, valueWithPath(to, opts.key ?? k, value));
    } else setInFile({ ...to, key: k }, value);
  }
  saveStackFile(to);
  return { file: to.file, keys: chosen.map(([k]) => k) };
}

function toJs(open: OpenStackFile, v: unknown): unknown {
  return isNode(v) ? v.toJS(open.doc) : v;
}

const isLeafObject = (v: ConfigObject) => v === null || typeof v !== "object" || v instanceof Ciphertext;

function mapCiphertexts(v: ConfigObject, f: (c: Ciphertext) => Ciphertext): ConfigObject {
  if (v instanceof Ciphertext) return f(v);
  if (Array.isArray(v)) return v.map((x) => mapCiphertexts(x, f));
  if (v !== null && typeof v === "object") {
    const out: { [key: string]: ConfigObject } = {};
    for (const [k, x] of Object.entries(v)) out[k] = mapCiphertexts(x, f);
    return out;
  }
  return v;
}

/** The stack file's crypter to decrypt with (its salt and the passphrase). */
async function decrypterOf(open: OpenStackFile, env: NodeJS.ProcessEnv): Promise<PassphraseCrypter> {
  const salt = open.doc.get("encryptionsalt");
  if (typeof salt !== "string")
    throw new GantryError(`${open.file}: it holds secrets but no encryptionsalt to decrypt them with`);
  try {
    return await PassphraseCrypter.fromState(readPassphrase(env), salt);
  } catch (e) {
    if (e instanceof IncorrectPassphraseError) throw new GantryError(INCORRECT_PASSPHRASE_DECRYPT);
    throw new GantryError(`${open.file}: encryptionsalt: ${(e as Error).message}`);
  }
}

export interface RemoveStackConfigValueOptions {
  dir: string;
  stack: string;
  /** The key as the user wrote it. */
  key: string;
  /** The key's name is a property path: the value inside a structured one is removed. */
  path?: boolean;
}

/**
 * `pulumi config rm [--path] KEY`: removes the key (or the value at the path inside it) from Pulumi.<stack>.yaml;
 * a key that is not set is no error, as in Pulumi. `config:` goes when its last key does. Returns whether the file
 * changed (a stack without a file is left without one).
 */
export function removeStackConfigValue(opts: RemoveStackConfigValueOptions): { file: string; removed: boolean } {
  const open = openStackFile(opts);
  const { file, doc, key, path } = open;
  const config = doc.get("config");
  if (!isMap(config) || !config.has(key)) return { file, removed: false };
  if (path && path.length > 1) {
    const node = config.get(key, true);
    const root = toConfigObject(isNode(node) ? node.toJS(doc) : node);
    let left: ConfigObject;
    try {
      left = deleteConfigPath(root, path.slice(1), path.slice(0, 1));
    } catch (e) {
      throw new GantryError(`${file}: ${opts.key}: ${(e as Error).message}`);
    }
    if (JSON.stringify(fromConfigObject(left)) === JSON.stringify(fromConfigObject(root)))
      return { file, removed: false };
    config.set(key, doc.createNode(fromConfigObject(left)));
  } else {
    config.delete(key);
    if (!config.items.length) doc.delete("config");
  }
  saveStackFile(open);
  return { file, removed: true };
}
