import { GantryCommand } from "../../base-command.js";
import { programDirArg, pulumiRunFlags } from "./pulumi-flags.js";

export default class PulumiDestroy extends GantryCommand {
  static override summary = "Delete every resource of the stack (dependents first); the program is not run";
  static override args = programDirArg;
  static override flags = pulumiRunFlags;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PulumiDestroy);
    const { runPulumiCommand } = await import("./run-pulumi-command.js");
    await runPulumiCommand("destroy", args.dir, flags, (t) => this.out(t));
  }
}
