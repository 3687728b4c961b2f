import { GantryCommand } from "../../base-command.js";
import { programDirArg, pulumiProgramFlags, pulumiRefreshFlag, pulumiRunFlags } from "./pulumi-flags.js";

export default class PulumiPreview extends GantryCommand {
  static override summary = "Show what an update of the stack would change (runs the program; changes nothing)";
  static override args = programDirArg;
  static override flags = { ...pulumiRunFlags, ...pulumiRefreshFlag, ...pulumiProgramFlags };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PulumiPreview);
    const { runPulumiCommand } = await import("./run-pulumi-command.js");
    await runPulumiCommand("preview", args.dir, flags, (t) => this.out(t));
  }
}
