import * as Flags from "@oclif/core/flags";
import { commonFlags, dirArg, GantryCommand, planFlags, stateFlags, varFlags } from "../base-command.js";

export default class Apply extends GantryCommand {
  static override summary = "Make the hosts match the configuration (or carry out a saved plan)";
  static override description =
    "Plans, asks for confirmation (unless -auto-approve) and applies, walking the graph in parallel. Given a plan file from 'plan -out', carries out exactly that plan, refusing if the state changed since.";
  static override args = { dir: dirArg.dir };
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    ...varFlags,
    ...planFlags,
    "auto-approve": Flags.boolean({ description: "apply without asking for confirmation" }),
    json: Flags.boolean({ description: "print machine-readable events, one JSON object per line" }),
  };

  async run(): Promise<void> {
    const { isPlanFile, planAndApply } = await import("../operations.js");
    const { args, flags } = await this.parse(Apply);
    this.setColor(flags["no-color"]);
    const planFile = isPlanFile(args.dir) ? args.dir : undefined;
    await planAndApply({ ...flags, dir: args.dir, planFile, "auto-approve": flags["auto-approve"] || !!planFile }, "normal", this.io());
  }
}
