import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { GantryCommand } from "../../base-command.js";
import { configPathFlag, pulumiConfigFlags } from "./config-flags.js";

export default class PulumiConfigGet extends GantryCommand {
  static override summary = "Print one configuration value (a secret decrypted), as `pulumi config get` does";
  static override args = {
    key: Args.string({ description: "the key (`name` of the project, or `pkg:name`)", required: true }),
  };
  static override flags = {
    ...pulumiConfigFlags,
    ...configPathFlag,
    json: Flags.boolean({ char: "j", description: "print JSON" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PulumiConfigGet);
    const [view, { DEFAULT_STACK }] = await Promise.all([
      import("../../../pulumi-engine/config/stack-config-view.js"),
      import("../../../pulumi-engine/default-stack.js"),
    ]);
    const value = await view.getStackConfigValue({
      dir: flags.cwd,
      stack: flags.stack ?? DEFAULT_STACK,
      key: args.key,
      path: flags.path,
    });
    process.stdout.write(flags.json ? view.configGetJson(value) : `${value.text}\n`);
  }
}
