import * as Flags from "@oclif/core/flags";
import { GantryCommand } from "../../base-command.js";
import { pulumiConfigFlags } from "./config-flags.js";

export default class PulumiConfig extends GantryCommand {
  static override summary = "List the stack's configuration values, as `pulumi config` does";
  static override flags = {
    ...pulumiConfigFlags,
    json: Flags.boolean({ char: "j", description: "print JSON" }),
    "show-secrets": Flags.boolean({ description: "show secret values instead of [secret] (needs the passphrase)" }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PulumiConfig);
    const [view, { DEFAULT_STACK }] = await Promise.all([
      import("../../../pulumi-engine/config/stack-config-view.js"),
      import("../../../pulumi-engine/default-stack.js"),
    ]);
    const show = flags["show-secrets"];
    const { project, values } = await view.listStackConfig({
      dir: flags.cwd,
      stack: flags.stack ?? DEFAULT_STACK,
      showSecrets: show,
    });
    process.stdout.write(flags.json ? view.configListJson(values, show) : view.renderConfigTable(project, values));
  }
}
