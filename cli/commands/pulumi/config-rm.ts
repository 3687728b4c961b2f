import * as Args from "@oclif/core/args";
import { GantryCommand } from "../../base-command.js";
import { configPathFlag, pulumiConfigFlags } from "./config-flags.js";

export default class PulumiConfigRm extends GantryCommand {
  static override summary = "Remove a configuration value from Pulumi.<stack>.yaml, as `pulumi config rm` does";
  static override aliases = ["pulumi:config:remove", "pulumi:config:delete"];
  static override args = {
    key: Args.string({ description: "the key (`name` of the project, or `pkg:name`)", required: true }),
  };
  static override flags = { ...pulumiConfigFlags, ...configPathFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PulumiConfigRm);
    const [{ removeStackConfigValue }, { DEFAULT_STACK }] = await Promise.all([
      import("../../../pulumi-engine/config/stack-config-writer.js"),
      import("../../../pulumi-engine/default-stack.js"),
    ]);
    removeStackConfigValue({ dir: flags.cwd, stack: flags.stack ?? DEFAULT_STACK, key: args.key, path: flags.path });
  }
}
