import { GantryCommand } from "../../base-command.js";
import { programDirArg, pulumiRunFlags } from "./pulumi-flags.js";

export default class PulumiRefresh extends GantryCommand {
  static override summary =
    "Read every resource of the stack through its provider and record what changed or is gone; the program is not run";
  static override args = programDirArg;
  static override flags = pulumiRunFlags;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PulumiRefresh);
    const { runPulumiCommand } = await import("./run-pulumi-command.js");
    await runPulumiCommand("refresh", args.dir, flags, (t) => this.out(t));
  }
}
