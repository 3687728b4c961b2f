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
  parseConfigKeyArgument,
  setConfigPath,
  sortedConfigObject,
} from "./config-key-path.js";
import { INCORRECT_PASSPHRASE_DECRYPT, IncorrectPassphraseError, PassphraseCrypter } from "./passphrase-crypter.js";
import { readPassphrase } from "./passphrase-source.js";
import { readPulumiProject } from "./project-file.js";
import { Ciphertext, type ConfigObject, fromConfigObject, toConfigObject } from "./stack-config-file.js";

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
  env?: NodeJS.ProcessEnv;
  passphrase?: string;
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
  const open = openStackFile(opts);
  const { file, doc, key, path } = open;
  let value: ConfigObject = opts.value;
  if (opts.secret) {
    const provider = doc.get("secretsprovider");
    if (typeof provider === "string" && provider !== "passphrase")
      throw new GantryError(
        `${file}: secrets provider '${provider}' is not supported; gantry encrypts only with a passphrase`,
      );
    const passphrase = opts.passphrase ?? readPassphrase(opts.env ?? process.env);
    const salt = doc.get("encryptionsalt");
    let crypter: PassphraseCrypter;
    if (typeof salt === "string") {
      try {
        crypter = await PassphraseCrypter.fromState(passphrase, salt);
      } catch (e) {
        if (e instanceof IncorrectPassphraseError)
          throw new GantryError(INCORRECT_PASSPHRASE_DECRYPT.replace("failed to decrypt", "failed to encrypt"));
        throw new GantryError(`${file}: encryptionsalt: ${(e as Error).message}`);
      }
    } else {
      crypter = await PassphraseCrypter.create(passphrase);
      // as on a stack Pulumi made (`pulumi stack init` writes the salt): encryptionsalt first
      open.map.items.unshift(doc.createPair("encryptionsalt", crypter.state) as never);
    }
    value = new Ciphertext(crypter.encrypt(opts.value));
  }
  const config = doc.get("config");
  if (path && path.length > 1) {
    const node = isMap(config) ? config.get(key, true) : undefined;
    const root = isNode(node) ? toConfigObject(node.toJS(doc)) : undefined;
    try {
      value = sortedConfigObject(setConfigPath(root, path, opts.secret ? value : coerceConfigValue(opts.value)));
    } catch (e) {
      throw new GantryError(`${file}: ${opts.key}: ${(e as Error).message}`);
    }
  }
  const written = fromConfigObject(value);
  if (!isMap(config)) doc.set("config", doc.createNode({ [key]: written }));
  else config.set(key, doc.createNode(written));
  saveStackFile(open);
  return { file, key };
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
