// Where the passphrase of the passphrase secrets provider comes from, as Pulumi reads it without a terminal
// (pkg/secrets/passphrase/manager.go readPassphrase): PULUMI_CONFIG_PASSPHRASE when it is set (even empty), else the
// file named by PULUMI_CONFIG_PASSPHRASE_FILE (its content trimmed), else an error in Pulumi's words.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { GantryError } from "../../contract/diagnostics.js";

export const PASSPHRASE_REQUIRED =
  "passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables";

export function readPassphrase(env: NodeJS.ProcessEnv = process.env): string {
  const phrase = env.PULUMI_CONFIG_PASSPHRASE;
  if (phrase !== undefined) return phrase;
  const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
  if (file !== undefined && file !== "") {
    try {
      return readFileSync(resolve(file), "utf8").trim();
    } catch (e) {
      throw new GantryError(`unable to read PULUMI_CONFIG_PASSPHRASE_FILE: ${(e as Error).message}`);
    }
  }
  throw new GantryError(PASSPHRASE_REQUIRED);
}
