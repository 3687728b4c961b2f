import * as Flags from "@oclif/core/flags";
import { commonFlags, dirArg, GantryCommand, planFlags, stateFlags, varFlags } from "../base-command.js";

export default class Plan extends GantryCommand {
  static override summary = "Show the changes needed to make the hosts match the configuration";
  static override description =
    "Refreshes what really exists (unless -refresh=false), diffs the configuration against the state and shows each action: create (+), update in place (~), replace (-/+ or +/-) and destroy (-).";
  static override args = dirArg;
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    ...varFlags,
    ...planFlags,
    out: Flags.string({ description: "save the plan to this file, for 'gantry apply FILE'" }),
    destroy: Flags.boolean({ description: "plan to destroy everything in the state" }),
    json: Flags.boolean({ description: "print the plan as JSON (Terraform's JSON plan shape)" }),
    "detailed-exitcode": Flags.boolean({ description: "exit 0 with no changes, 1 on error, 2 when there are changes" }),
  };

  async run(): Promise<void> {
    const { planHasChanges } = await import("../../planner/plan.js");
    const { makePlan, savePlan, showPlan } = await import("../operations.js");
    const { args, flags } = await this.parse(Plan);
    this.setColor(flags["no-color"]);
    const io = this.io();
    const { ws, config, plan } = await makePlan({ ...flags, dir: args.dir }, flags.destroy ? "destroy" : "normal", io);
    showPlan(plan, flags, io);
    if (flags.out) savePlan(flags.out, ws, config, plan, io, flags.json);
    if (flags["detailed-exitcode"] && planHasChanges(plan)) process.exitCode = 2;
  }
}
