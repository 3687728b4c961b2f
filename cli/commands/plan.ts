import * as Flags from "@oclif/core/flags";
import {
  commonFlags,
  dirArg,
  GantryCommand,
  planFlags,
  stackFlags,
  stateFlags,
  varFlags,
  verboseFlags,
} from "../base-command.js";

export default class Plan extends GantryCommand {
  static override summary = "Show the changes needed to make the hosts match the configuration";
  static override description =
    "Refreshes what really exists (unless -refresh=false), diffs the configuration against the state and shows each " +
    "action: create (+), update in place (~), replace (-/+ or +/-) and destroy (-).";
  static override args = dirArg;
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    ...stackFlags,
    ...varFlags,
    ...planFlags,
    ...verboseFlags,
    out: Flags.string({ description: "save the plan to this file, for 'gantry apply FILE'" }),
    destroy: Flags.boolean({ description: "plan to destroy everything in the state" }),
    json: Flags.boolean({ description: "print the plan as JSON (Terraform's JSON plan shape)" }),
    "detailed-exitcode": Flags.boolean({ description: "exit 0 with no changes, 1 on error, 2 when there are changes" }),
  };

  async run(): Promise<void> {
    const { planHasChanges } = await import("../../planner/plan.js");
    const { planRequest, workspaceOptions } = await import("../workspace-flags.js");
    const { args, flags } = await this.parse(Plan);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const render = await this.renderer(flags.json, flags.verbose);
    const ws = await engine.openWorkspace(workspaceOptions(args.dir, flags), render.onEvent);
    const mode = flags["refresh-only"] ? "refresh-only" : flags.destroy ? "destroy" : "normal";
    const outcome = await engine.plan(ws, { ...planRequest(flags), mode, onEvent: render.onEvent });
    render.plan(outcome.plan);
    if (flags.out) {
      engine.savePlan(flags.out, ws, outcome);
      if (!flags.json)
        this.out(
          `\nSaved the plan to: ${flags.out}\n\nTo perform exactly these actions, run:\n  gantry apply ${flags.out}\n`,
        );
    }
    if (flags["detailed-exitcode"] && planHasChanges(outcome.plan)) process.exitCode = 2;
  }
}
