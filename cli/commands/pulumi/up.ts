import { GantryCommand } from "../../base-command.js";
import { programDirArg, pulumiProgramFlags, pulumiRefreshFlag, pulumiRunFlags } from "./pulumi-flags.js";

export default class PulumiUp extends GantryCommand {
  static override summary =
    "Create or update the stack's resources by running the Pulumi program (no Pulumi CLI needed)";
  static override args = programDirArg;
  static override flags = { ...pulumiRunFlags, ...pulumiRefreshFlag, ...pulumiProgramFlags };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PulumiUp);
    const { runPulumiCommand } = await import("./run-pulumi-command.js");
    await runPulumiCommand("up", args.dir, flags, (t) => this.out(t));
  }
}
