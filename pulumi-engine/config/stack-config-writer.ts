// `pulumi config set [--secret] KEY VALUE` for gantry: writes one value into Pulumi.<stack>.yaml as Pulumi writes it
// (the key namespaced by the project when written without one; a secret as `secure: v1:...` encrypted with the
// passphrase provider), keeping the file's comments and order. A stack without `encryptionsalt` gets a new one made
// from the passphrase, as Pulumi does on the first secret; with one, the passphrase must open it.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isMap, parseDocument } from "yaml";
import { GantryError } from "../../contract/diagnostics.js";
import { formatConfigKey, parseProjectConfigKey } from "./config-key.js";
import { INCORRECT_PASSPHRASE_DECRYPT, IncorrectPassphraseError, PassphraseCrypter } from "./passphrase-crypter.js";
import { readPassphrase } from "./passphrase-source.js";
import { readPulumiProject } from "./project-file.js";

export interface SetStackConfigValueOptions {
  /** The project directory. */
  dir: string;
  stack: string;
  /** The key as the user wrote it (`port`, `aws:region`). */
  key: string;
  value: string;
  secret?: boolean;
  env?: NodeJS.ProcessEnv;
  passphrase?: string;
}

/** Set one config value; returns the stack file written and the key as stored (`project:key`). */
export async function setStackConfigValue(opts: SetStackConfigValueOptions): Promise<{ file: string; key: string }> {
  const project = readPulumiProject(opts.dir);
  let key: string;
  try {
    key = formatConfigKey(parseProjectConfigKey(project.name, opts.key));
  } catch (e) {
    throw new GantryError((e as Error).message);
  }
  const name = opts.stack.includes("/") ? opts.stack.slice(opts.stack.lastIndexOf("/") + 1) : opts.stack;
  const ext = project.file.endsWith(".yml") ? ".yml" : project.file.endsWith(".json") ? ".json" : ".yaml";
  const file = join(opts.dir, project.stackConfigDir, `Pulumi.${name}${ext}`);
  const doc = parseDocument(existsSync(file) ? readFileSync(file, "utf8") : "");
  if (doc.errors.length) throw new GantryError(`${file}: invalid YAML: ${doc.errors[0].message.split("\n")[0]}`);
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  if (!isMap(doc.contents)) throw new GantryError(`${file}: a stack configuration file must hold a map`);

  let value: unknown = opts.value;
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
      // Pulumi writes encryptionsalt first.
      doc.contents.items.unshift(doc.createPair("encryptionsalt", crypter.state) as never);
    }
    value = { secure: crypter.encrypt(opts.value) };
  }
  const config = doc.get("config");
  if (!isMap(config)) doc.set("config", doc.createNode({ [key]: value }));
  else config.set(key, doc.createNode(value));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, doc.toString());
  return { file, key };
}
