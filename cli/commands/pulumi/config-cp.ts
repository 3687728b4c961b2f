import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { GantryCommand } from "../../base-command.js";
import { configPathFlag, pulumiConfigFlags } from "./config-flags.js";

export default class PulumiConfigCp extends GantryCommand {
  static override summary = "Copy configuration to another stack, as `pulumi config cp` does";
  static override description =
    "Copies KEY (or, without it, every key) from the stack's Pulumi.<stack>.yaml to the destination stack's; " +
    "secrets are decrypted with the passphrase and encrypted again for the destination.";
  static override aliases = ["pulumi:config:copy"];
  static override args = {
    key: Args.string({ description: "the key (`name` of the project, or `pkg:name`); default: every key" }),
  };
  static override flags = {
    ...pulumiConfigFlags,
    ...configPathFlag,
    dest: Flags.string({ char: "d", description: "the stack to copy the config to", required: true }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PulumiConfigCp);
    const [{ copyStackConfig }, { DEFAULT_STACK }] = await Promise.all([
      import("../../../pulumi-engine/config/stack-config-writer.js"),
      import("../../../pulumi-engine/default-stack.js"),
    ]);
    await copyStackConfig({
      dir: flags.cwd,
      stack: flags.stack ?? DEFAULT_STACK,
      dest: flags.dest,
      key: args.key,
      path: flags.path,
    });
  }
}
