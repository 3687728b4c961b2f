// Pulumi.<stack>.yaml as Pulumi reads it (workspace.ProjectStack, config.Map): `secretsprovider`, `encryptedkey`,
// `encryptionsalt` and `config`, whose keys must be namespaced (`project:key`, `aws:region`; the old
// `project:config:key` too) and whose values are scalars, lists and maps, where a map of the single key `secure`
// holding a string is a ciphertext (Pulumi's isSecureValue), at any depth.

import { existsSync } from "node:fs";
import { type ConfigKey, formatConfigKey, parseConfigKey } from "./config-key.js";
import { LocatedYaml } from "./located-yaml.js";

/** A `secure:` value as written: the ciphertext. */
export class Ciphertext {
  constructor(readonly ciphertext: string) {}
}

/** A config value as stored: JSON with ciphertexts. */
export type ConfigObject =
  | null
  | boolean
  | number
  | string
  | Ciphertext
  | ConfigObject[]
  | { [key: string]: ConfigObject };

export interface StackConfigEntry {
  key: ConfigKey;
  /** The key as written in the file. */
  keyText: string;
  value: ConfigObject;
  /** Line of the key in the file. */
  line: number;
}

export interface StackConfigFile {
  file: string;
  /** False when the file does not exist (a stack with no config yet). */
  exists: boolean;
  secretsProvider?: string;
  encryptedKey?: string;
  encryptionSalt?: string;
  /** Line of `encryptionsalt`, for errors about the passphrase. */
  encryptionSaltLine?: number;
  /** Entries in file order; the last of two spellings of one key wins, as in Pulumi. */
  entries: StackConfigEntry[];
  source?: LocatedYaml;
}

/** True for a map of the single key `secure` holding a string. */
function isSecureValue(v: Record<string, unknown>): v is { secure: string } {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === "secure" && typeof v.secure === "string";
}

/** A plain YAML/JSON value as a config object (ciphertexts found). */
export function toConfigObject(v: unknown): ConfigObject {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean" || typeof v === "number") return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toConfigObject);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (isSecureValue(o)) return new Ciphertext(o.secure);
    const out: { [key: string]: ConfigObject } = {};
    for (const [k, x] of Object.entries(o)) out[k] = toConfigObject(x);
    return out;
  }
  return String(v);
}

/** True when the value holds a ciphertext anywhere (Pulumi's Value.Secure()). */
export function holdsCiphertext(v: ConfigObject): boolean {
  if (v instanceof Ciphertext) return true;
  if (Array.isArray(v)) return v.some(holdsCiphertext);
  if (v !== null && typeof v === "object") return Object.values(v).some(holdsCiphertext);
  return false;
}

/** The value as Pulumi writes it back to YAML (ciphertexts as `secure:` maps). */
export function fromConfigObject(v: ConfigObject): unknown {
  if (v instanceof Ciphertext) return { secure: v.ciphertext };
  if (Array.isArray(v)) return v.map(fromConfigObject);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromConfigObject(x);
    return out;
  }
  return v;
}

/** Read a stack's config file; a missing file is an empty stack config. */
export function readStackConfigFile(file: string): StackConfigFile {
  if (!existsSync(file)) return { file, exists: false, entries: [] };
  const src = LocatedYaml.read(file);
  const raw = src.toJS();
  if (raw === null) return { file, exists: true, entries: [], source: src };
  if (typeof raw !== "object" || Array.isArray(raw))
    throw src.error([], "a stack configuration file must hold a map (secretsprovider, encryptionsalt, config)");
  const doc = raw as Record<string, unknown>;
  const result: StackConfigFile = { file, exists: true, entries: [], source: src };
  for (const field of ["secretsprovider", "encryptedkey", "encryptionsalt"] as const) {
    const v = doc[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") throw src.error([field], `${field} must be a string`);
  }
  if (typeof doc.secretsprovider === "string") result.secretsProvider = doc.secretsprovider;
  if (typeof doc.encryptedkey === "string") result.encryptedKey = doc.encryptedkey;
  if (typeof doc.encryptionsalt === "string") {
    result.encryptionSalt = doc.encryptionsalt;
    result.encryptionSaltLine = src.origin(["encryptionsalt"]).line;
  }
  if (doc.environment !== undefined && doc.environment !== null)
    throw src.error(
      ["environment"],
      "environment: Pulumi ESC environments need Pulumi Cloud; gantry reads config only from the config section",
    );
  const config = doc.config;
  if (config === undefined || config === null) return result;
  if (typeof config !== "object" || Array.isArray(config))
    throw src.error(["config"], "config must be a map of `<namespace>:<name>` keys to values");
  const seen = new Map<string, number>();
  for (const [keyText, value] of Object.entries(config as Record<string, unknown>)) {
    const line = src.origin(["config", keyText]).line ?? 0;
    let key: ConfigKey;
    try {
      key = parseConfigKey(keyText);
    } catch (e) {
      throw src.error(["config", keyText], (e as Error).message);
    }
    const entry: StackConfigEntry = { key, keyText, value: toConfigObject(value), line };
    const canonical = formatConfigKey(key);
    const at = seen.get(canonical);
    if (at !== undefined) result.entries[at] = entry;
    else {
      seen.set(canonical, result.entries.length);
      result.entries.push(entry);
    }
  }
  return result;
}
