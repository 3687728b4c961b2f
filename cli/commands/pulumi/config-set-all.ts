import * as Flags from "@oclif/core/flags";
import { GantryError } from "../../../contract/diagnostics.js";
import { GantryCommand } from "../../base-command.js";
import { configPathFlag, pulumiConfigFlags } from "./config-flags.js";

/** Pulumi's parseKeyValuePair: KEY=VALUE split at the first `=`, or after a quoted key (`"a=b"=c`). */
export function keyValuePair(pair: string): { key: string; value: string } {
  const q = pair[0];
  const at = q === '"' || q === "'" ? pair.indexOf(`${q}=`, 1) : pair.indexOf("=");
  if (at < 0) throw new GantryError(`${pair}: config value must be in the form [key]=[value]`);
  return q === '"' || q === "'"
    ? { key: pair.slice(1, at), value: pair.slice(at + 2) }
    : { key: pair.slice(0, at), value: pair.slice(at + 1) };
}

export default class PulumiConfigSetAll extends GantryCommand {
  static override summary = "Set several configuration values at once, as `pulumi config set-all` does";
  static override description =
    "Each value is given as KEY=VALUE after --plaintext or --secret (each repeatable); the plain ones are set " +
    "first, then the secrets, as Pulumi does. With --path, the keys name properties in maps or lists, and plain " +
    "`true`, `false` and integers are set as such.";
  static override flags = {
    ...pulumiConfigFlags,
    ...configPathFlag,
    plaintext: Flags.string({ description: "KEY=VALUE, saved as plain text", multiple: true }),
    secret: Flags.string({ description: "KEY=VALUE, encrypted", multiple: true }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PulumiConfigSetAll);
    const [{ setStackConfigValue }, { DEFAULT_STACK }] = await Promise.all([
      import("../../../pulumi-engine/config/stack-config-writer.js"),
      import("../../../pulumi-engine/default-stack.js"),
    ]);
    const stack = flags.stack ?? DEFAULT_STACK;
    const plain = (flags.plaintext ?? []).map(keyValuePair);
    const secret = (flags.secret ?? []).map(keyValuePair);
    for (const { key, value } of plain)
      await setStackConfigValue({ dir: flags.cwd, stack, key, value, path: flags.path });
    for (const { key, value } of secret)
      await setStackConfigValue({ dir: flags.cwd, stack, key, value, path: flags.path, secret: true });
  }
}
