// A stack's configuration as Pulumi gives it to a program and its providers:
//   1. Pulumi.yaml is read and its config declarations checked (./project-file.ts);
//   2. Pulumi.<stack>.yaml is read (./stack-config-file.ts), from the project's stackConfigDir;
//   3. project defaults and values fill keys the stack does not set (pkg/workspace/config.go mergeConfig); project
//      keys that are declared without either and not set are "missing";
//   4. `secure:` values are decrypted with the passphrase provider (only when there are any), the passphrase from
//      PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE;
//   5. set values are checked against declared types and `secret: true` (validateStackConfigValues).
// The result answers what the door needs: the text of every key as programs receive it (strings as they are, every
// other value as Go's JSON), PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS exactly as Pulumi's Node language host sets
// them, and the property map the Node dynamic provider's Configure receives (Target.GetPackageConfig).

import { join } from "node:path";
import { type Diagnostic, GantryError, type Origin } from "../../contract/diagnostics.js";
import { type PropertyMap, type PropertyValue, Secret } from "../plugins/property-value.js";
import { type ConfigKey, formatConfigKey, parseProjectConfigKey } from "./config-key.js";
import { goJson } from "./go-json.js";
import { INCORRECT_PASSPHRASE_DECRYPT, IncorrectPassphraseError, PassphraseCrypter } from "./passphrase-crypter.js";
import { readPassphrase } from "./passphrase-source.js";
import { type PulumiProject, readPulumiProject } from "./project-file.js";
import { typeNameOf, validateConfigValue } from "./project-config-type.js";
import {
  Ciphertext,
  type ConfigObject,
  holdsCiphertext,
  readStackConfigFile,
  type StackConfigFile,
  toConfigObject,
} from "./stack-config-file.js";

export interface LoadStackConfigurationOptions {
  /** The project directory (holding Pulumi.yaml). */
  dir: string;
  /** The stack's name (`dev`); for `org/project/dev` the config file is Pulumi.dev.yaml. */
  stack: string;
  /** Where PULUMI_CONFIG_PASSPHRASE / PULUMI_CONFIG_PASSPHRASE_FILE are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The passphrase itself, instead of the environment. */
  passphrase?: string;
  /**
   * Check the values against Pulumi.yaml (missing keys, declared types and secrets), as before a run (default). Off
   * for `config` and `config get`, which show what is set as Pulumi's ApplyProjectConfig does, without checking.
   */
  validate?: boolean;
  /**
   * Show secrets as `[secret]` instead of decrypting them (Pulumi's blinding decrypter): no passphrase needed. Only
   * for display: the values are not what a program would receive.
   */
  blindSecrets?: boolean;
}

/** What Pulumi shows in place of a secret it does not decrypt. */
export const BLINDED_SECRET = "[secret]";

/** One config key's value, decrypted. */
export interface StackConfigValue {
  key: ConfigKey;
  /** The value as a tree: JSON, decrypted secrets as Secret (from ../plugins/property-value.ts). */
  value: PropertyValue;
  /** The text a program receives for the key: a string as it is, anything else as Go's JSON (secrets revealed). */
  text: string;
  /** The value holds a `secure:` value (Pulumi lists the key in PULUMI_CONFIG_SECRET_KEYS). */
  secret: boolean;
  /** The value is a list or map (Pulumi's "object" config value). */
  object: boolean;
  /** Where it was set: a stack file line, or the Pulumi.yaml declaration it came from. */
  origin: Origin;
  fromProject: boolean;
}

function stackFileName(projectFile: string, stack: string): string {
  const ext = projectFile.endsWith(".yml") ? ".yml" : projectFile.endsWith(".json") ? ".json" : ".yaml";
  const name = stack.includes("/") ? stack.slice(stack.lastIndexOf("/") + 1) : stack;
  return `Pulumi.${name}${ext}`;
}

export class StackConfiguration {
  private constructor(
    readonly project: PulumiProject,
    /** The stack name as given. */
    readonly stack: string,
    /** The stack config file (it may not exist). */
    readonly stackFile: StackConfigFile,
    /** Every key (`namespace:name`) in file order, then project defaults. */
    readonly values: ReadonlyMap<string, StackConfigValue>,
    /** The crypter of the stack's salt, when secrets were decrypted (to encrypt new ones with). */
    readonly crypter: PassphraseCrypter | undefined,
  ) {}

  /**
   * Read and check the stack's configuration. Async: opening `secure:` values derives the passphrase key (about a
   * second). Errors are GantryErrors naming file, line and key, in Pulumi's words where Pulumi has them.
   */
  static async load(opts: LoadStackConfigurationOptions): Promise<StackConfiguration> {
    const project = readPulumiProject(opts.dir);
    const stackPath = join(opts.dir, project.stackConfigDir, stackFileName(project.file, opts.stack));
    const file = readStackConfigFile(stackPath);

    // Stack values, then project defaults and values for keys the stack does not set.
    interface Raw {
      key: ConfigKey;
      value: ConfigObject;
      object: boolean;
      origin: Origin;
      fromProject: boolean;
    }
    const raws = new Map<string, Raw>();
    for (const e of file.entries) {
      const isObject = e.value === null || (typeof e.value === "object" && !(e.value instanceof Ciphertext));
      raws.set(formatConfigKey(e.key), {
        key: e.key,
        value: e.value,
        object: isObject,
        origin: { file: file.file, path: ["config", e.keyText], line: e.line },
        fromProject: false,
      });
    }
    const missing: string[] = [];
    for (const declKey of Object.keys(project.config).sort()) {
      const decl = project.config[declKey];
      const key = parseProjectConfigKey(project.name, declKey);
      const canonical = formatConfigKey(key);
      if (raws.has(canonical)) continue;
      // Pulumi takes the default over the value when (against Validate) both are present.
      const given = decl.default !== undefined ? decl.default : decl.value;
      if (given === undefined) {
        if (key.namespace === project.name) missing.push(declKey);
        continue;
      }
      const primitive = typeof given === "string" || typeof given === "boolean" || Number.isInteger(given);
      raws.set(canonical, {
        key,
        value: primitive ? String(given) : toConfigObject(given),
        object: !primitive,
        origin: { file: project.file, path: ["config", declKey], line: decl.line },
        fromProject: true,
      });
    }
    if (missing.length && opts.validate !== false) {
      throw new GantryError({
        severity: "error",
        summary:
          `Stack '${opts.stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ` +
          formatMissing(missing),
        origin: { file: file.file, path: ["config"] },
        detail:
          `set ${missing.length > 1 ? "them" : "it"} in ${file.file} under config: as ` +
          `${missing.map((k) => `${project.name}:${k}`).join(", ")}, or give a default in ${project.file}`,
        related: missing.map((k) => ({
          label: `${k} is declared here`,
          origin: { file: project.file, path: ["config", k], line: project.config[k].line },
        })),
      });
    }

    // Decrypt when there is anything to decrypt.
    let crypter: PassphraseCrypter | undefined;
    const firstSecure = [...raws.values()].find((r) => holdsCiphertext(r.value));
    if (firstSecure && !opts.blindSecrets) crypter = await openCrypter(file, firstSecure, opts);

    const values = new Map<string, StackConfigValue>();
    for (const [canonical, r] of raws) {
      const value = opts.blindSecrets ? blindTree(r.value) : decryptTree(r.value, crypter, r, canonical);
      const text = configText(value);
      values.set(canonical, {
        key: r.key,
        value,
        text,
        secret: holdsCiphertext(r.value),
        object: r.object,
        origin: r.origin,
        fromProject: r.fromProject,
      });
    }

    // Declared types and secrets (validateStackConfigValues), in key order.
    const problems: Diagnostic[] = [];
    const checked = opts.validate === false ? [] : Object.keys(project.config).sort();
    for (const declKey of checked) {
      const decl = project.config[declKey];
      const canonical = formatConfigKey(parseProjectConfigKey(project.name, declKey));
      const v = values.get(canonical);
      if (!decl.type || !v) continue;
      if (decl.secret && !v.secret) {
        problems.push({
          severity: "error",
          summary: `Stack '${opts.stack}' with configuration key '${declKey}' must be encrypted as it's secret`,
          origin: v.origin,
        });
        continue;
      }
      let content: unknown = v.text;
      if (v.object) {
        try {
          content = JSON.parse(v.text);
        } catch {
          content = v.text;
        }
      }
      if (!validateConfigValue(decl.type, decl.items, content))
        problems.push({
          severity: "error",
          summary:
            `Stack '${opts.stack}' with configuration key '${declKey}' must be of type ` +
            `'${typeNameOf(decl.type, decl.items)}'`,
          origin: v.origin,
          detail: `declared in ${project.file} line ${decl.line}`,
        });
    }
    if (problems.length) throw new GantryError(problems);

    return new StackConfiguration(project, opts.stack, file, values, crypter);
  }

  /**
   * The crypter of the stack's passphrase secrets provider, for the secrets of its state (as Pulumi encrypts those
   * of its own): undefined when the stack file has no `encryptionsalt` (no secret was ever set in it) or names
   * another provider. Needs the passphrase (PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE).
   */
  async stateCrypter(env: NodeJS.ProcessEnv = process.env): Promise<PassphraseCrypter | undefined> {
    if (this.crypter) return this.crypter;
    const file = this.stackFile;
    if (!file.encryptionSalt || (file.secretsProvider && file.secretsProvider !== "passphrase")) return undefined;
    const origin: Origin = { file: file.file, path: ["encryptionsalt"], line: file.encryptionSaltLine };
    const detail =
      `${file.file} has an encryptionsalt (line ${file.encryptionSaltLine}): the secrets in the stack's state are ` +
      "encrypted with its passphrase";
    let passphrase: string;
    try {
      passphrase = readPassphrase(env);
    } catch (e) {
      throw new GantryError({ severity: "error", summary: (e as Error).message, origin, detail });
    }
    try {
      return await PassphraseCrypter.fromState(passphrase, file.encryptionSalt);
    } catch (e) {
      if (e instanceof IncorrectPassphraseError)
        throw new GantryError({ severity: "error", summary: INCORRECT_PASSPHRASE_DECRYPT, origin, detail });
      throw new GantryError({
        severity: "error",
        summary: `${file.file}:${file.encryptionSaltLine}: encryptionsalt: ${(e as Error).message}`,
        origin,
      });
    }
  }

  /** Keys whose values hold secrets, sorted (PULUMI_CONFIG_SECRET_KEYS). */
  get secretKeys(): string[] {
    return [...this.values.entries()]
      .filter(([, v]) => v.secret)
      .map(([k]) => k)
      .sort();
  }

  /** `namespace:name` → the text programs receive. */
  text(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.values) out[k] = v.text;
    return out;
  }

  /**
   * The two variables Pulumi's Node language host gives a program: PULUMI_CONFIG, a JSON object of
   * `namespace:config:name` → text (the old key form it still writes), and PULUMI_CONFIG_SECRET_KEYS, a JSON list of
   * `namespace:name`.
   */
  programEnvironment(): { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string } {
    const config: Record<string, string> = {};
    for (const v of this.values.values()) config[`${v.key.namespace}:config:${v.key.name}`] = v.text;
    return { PULUMI_CONFIG: goJson(config), PULUMI_CONFIG_SECRET_KEYS: goJson(this.secretKeys) };
  }

  /**
   * What the Node dynamic provider's Configure receives (Pulumi's Target.GetPackageConfig for a dynamic provider):
   * every key, `namespace:name` → its text, secret ones wrapped in Secret.
   */
  dynamicProviderConfig(): PropertyMap {
    const out: PropertyMap = {};
    for (const [k, v] of this.values) out[k] = v.secret ? new Secret(v.text) : v.text;
    return out;
  }

  /**
   * PULUMI_CONFIG as Pulumi's plugin host gives it to a provider plugin it starts (host.Provider): a JSON object of
   * the keys of namespace `pkg` by name → their text, secrets decrypted (Pulumi does not mark them there), `{}` when
   * there are none.
   */
  pluginEnvironmentConfig(pkg: string): string {
    const out: Record<string, string> = {};
    for (const v of this.values.values()) if (v.key.namespace === pkg) out[v.key.name] = v.text;
    return goJson(out);
  }

  /** A provider package's config (Target.GetPackageConfig): the keys of namespace `pkg` by name. */
  providerConfig(pkg: string): PropertyMap {
    const out: PropertyMap = {};
    for (const v of this.values.values())
      if (v.key.namespace === pkg) out[v.key.name] = v.secret ? new Secret(v.text) : v.text;
    return out;
  }
}

/** Pulumi's formatMissingKeys: 'a', 'a' and 'b', 'a', 'b' and 'c'. */
function formatMissing(missing: string[]): string {
  if (missing.length === 1) return `'${missing[0]}'`;
  const quoted = [...missing].sort().map((k) => `'${k}'`);
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

async function openCrypter(
  file: StackConfigFile,
  first: { origin: Origin; key: ConfigKey },
  opts: LoadStackConfigurationOptions,
): Promise<PassphraseCrypter> {
  const keyName = formatConfigKey(first.key);
  const where = `${first.origin.file}:${first.origin.line}`;
  if (file.secretsProvider && file.secretsProvider !== "passphrase")
    throw new GantryError({
      severity: "error",
      summary:
        `${file.file}: secrets provider '${file.secretsProvider}' is not supported; gantry decrypts only the ` +
        "passphrase secrets provider's values",
      origin: { file: file.file, path: ["secretsprovider"] },
    });
  if (!file.encryptionSalt)
    throw new GantryError({
      severity: "error",
      summary:
        `${where}: config key ${keyName} is a secure value but ${file.file} has no encryptionsalt to decrypt it ` +
        "with",
      origin: first.origin,
    });
  let passphrase: string;
  try {
    passphrase = opts.passphrase ?? readPassphrase(opts.env ?? process.env);
  } catch (e) {
    throw new GantryError({
      severity: "error",
      summary: (e as Error).message,
      origin: first.origin,
      detail: `needed to decrypt config key ${keyName} (${where})`,
    });
  }
  try {
    return await PassphraseCrypter.fromState(passphrase, file.encryptionSalt);
  } catch (e) {
    const saltOrigin: Origin = { file: file.file, path: ["encryptionsalt"], line: file.encryptionSaltLine };
    if (e instanceof IncorrectPassphraseError)
      throw new GantryError({
        severity: "error",
        summary: INCORRECT_PASSPHRASE_DECRYPT,
        origin: first.origin,
        detail:
          `the passphrase does not open the encryptionsalt of ${file.file} (line ${file.encryptionSaltLine}), ` +
          `needed for config key ${keyName} (${where})`,
      });
    throw new GantryError({
      severity: "error",
      summary: `${file.file}:${file.encryptionSaltLine}: encryptionsalt: ${(e as Error).message}`,
      origin: saltOrigin,
    });
  }
}

function decryptTree(
  v: ConfigObject,
  crypter: PassphraseCrypter | undefined,
  at: { origin: Origin },
  keyName: string,
  path: (string | number)[] = [],
): PropertyValue {
  if (v instanceof Ciphertext) {
    try {
      return new Secret(crypter!.decrypt(v.ciphertext));
    } catch (e) {
      const inner = path.length ? ` at ${path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("")}` : "";
      throw new GantryError({
        severity: "error",
        summary:
          `${at.origin.file}:${at.origin.line}: failed to decrypt config key ${keyName}${inner}: ` +
          (e as Error).message,
        origin: at.origin,
      });
    }
  }
  if (Array.isArray(v)) return v.map((x, i) => decryptTree(x, crypter, at, keyName, [...path, i]));
  if (v !== null && typeof v === "object") {
    const out: PropertyMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = decryptTree(x, crypter, at, keyName, [...path, k]);
    return out;
  }
  return v;
}

/** The value with every ciphertext shown as `[secret]` (still marked secret). */
function blindTree(v: ConfigObject): PropertyValue {
  if (v instanceof Ciphertext) return new Secret(BLINDED_SECRET);
  if (Array.isArray(v)) return v.map(blindTree);
  if (v !== null && typeof v === "object") {
    const out: PropertyMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = blindTree(x);
    return out;
  }
  return v;
}

function reveal(v: PropertyValue): unknown {
  if (v instanceof Secret) return reveal(v.value);
  if (Array.isArray(v)) return v.map(reveal);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as PropertyMap)) out[k] = reveal(x);
    return out;
  }
  return v;
}

/** Pulumi's Plaintext.marshalText: a string (or secret string) as it is, anything else as Go's JSON. */
export function configText(v: PropertyValue): string {
  if (typeof v === "string") return v;
  if (v instanceof Secret && typeof v.value === "string") return v.value;
  return goJson(reveal(v));
}
