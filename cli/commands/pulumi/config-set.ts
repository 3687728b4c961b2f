import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { GantryError } from "../../../contract/diagnostics.js";
import { GantryCommand } from "../../base-command.js";
import { configPathFlag, pulumiConfigFlags } from "./config-flags.js";

export default class PulumiConfigSet extends GantryCommand {
  static override summary = "Set a configuration value in Pulumi.<stack>.yaml, as `pulumi config set` does";
  static override description =
    "Without VALUE, the value is read from standard input (its trailing newline removed unless --raw). With --path, " +
    "the key names a property in a map or list (`outer.inner`, `names[0]`), and `true`, `false` and integers are " +
    "set as such. A secret is encrypted with the passphrase (PULUMI_CONFIG_PASSPHRASE or " +
    "PULUMI_CONFIG_PASSPHRASE_FILE); the stack's encryptionsalt is made on the first. --type writes the value as a " +
    "string, int, bool or float, as Pulumi does (a bool that is not 1, t, T, TRUE, true or True is false).";
  static override args = {
    key: Args.string({ description: "the key (`name` of the project, or `pkg:name`)", required: true }),
    value: Args.string({ description: "the value (default: standard input)" }),
  };
  static override flags = {
    ...pulumiConfigFlags,
    ...configPathFlag,
    secret: Flags.boolean({ description: "encrypt the value", exclusive: ["plaintext", "type"] }),
    plaintext: Flags.boolean({ description: "save the value as plain text (the default)", exclusive: ["type"] }),
    type: Flags.string({
      description: "save the value as this type (a YAML string, integer, boolean or number)",
      options: ["string", "int", "bool", "float"],
    }),
    raw: Flags.boolean({ description: "a value read from standard input keeps its trailing newline" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PulumiConfigSet);
    const [{ setStackConfigValue }, { DEFAULT_STACK }] = await Promise.all([
      import("../../../pulumi-engine/config/stack-config-writer.js"),
      import("../../../pulumi-engine/default-stack.js"),
    ]);
    let value = args.value;
    if (value === undefined) {
      if (process.stdin.isTTY)
        throw new GantryError(
          "config value must be given: as an argument, or on standard input (gantry does not prompt)",
        );
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      value = Buffer.concat(chunks).toString("utf8");
      if (!flags.raw) value = value.replace(/\n$/, "");
    }
    await setStackConfigValue({
      dir: flags.cwd,
      stack: flags.stack ?? DEFAULT_STACK,
      key: args.key,
      value,
      secret: flags.secret,
      path: flags.path,
      type: flags.type,
    });
  }
}
