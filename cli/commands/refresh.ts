import * as Flags from "@oclif/core/flags";
import { commonFlags, dirArg, GantryCommand, planFlags, stackFlags, stateFlags, varFlags } from "../base-command.js";

export default class Refresh extends GantryCommand {
  static override summary = "Record in the state what really exists on the hosts";
  static override description =
    "The same as 'apply -refresh-only -auto-approve': reads every instance through its driver and writes what it " +
    "finds to the state, changing nothing on the hosts.";
  static override args = dirArg;
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    ...stackFlags,
    ...varFlags,
    ...planFlags,
    json: Flags.boolean({ description: "JSON output" }),
  };

  async run(): Promise<void> {
    const { planRequest, workspaceOptions } = await import("../workspace-flags.js");
    const { runApply } = await import("../run-apply.js");
    const { args, flags } = await this.parse(Refresh);
    this.setColor(flags["no-color"]);
    await runApply({
      engine: await this.engine(),
      mode: "refresh-only",
      workspace: workspaceOptions(args.dir, flags),
      request: planRequest(flags),
      autoApprove: true,
      renderer: await this.renderer(flags.json),
      style: this.style,
      out: (t) => this.out(t),
    });
  }
}
