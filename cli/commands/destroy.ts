import * as Flags from "@oclif/core/flags";
import { commonFlags, dirArg, GantryCommand, planFlags, stackFlags, stateFlags, varFlags } from "../base-command.js";

export default class Destroy extends GantryCommand {
  static override summary = "Destroy everything this configuration manages";
  static override description =
    "Stops every process gantry started, removes what it wrote, and deletes every instance in the state, in reverse " +
    "dependency order.";
  static override args = dirArg;
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    ...stackFlags,
    ...varFlags,
    ...planFlags,
    "auto-approve": Flags.boolean({ description: "destroy without asking for confirmation" }),
    json: Flags.boolean({ description: "print machine-readable events" }),
  };

  async run(): Promise<void> {
    const { planRequest, workspaceOptions } = await import("../workspace-flags.js");
    const { runApply } = await import("../run-apply.js");
    const { args, flags } = await this.parse(Destroy);
    this.setColor(flags["no-color"]);
    await runApply({
      engine: await this.engine(),
      mode: flags["refresh-only"] ? "refresh-only" : "destroy",
      workspace: workspaceOptions(args.dir, flags),
      request: planRequest(flags),
      autoApprove: flags["auto-approve"],
      renderer: await this.renderer(flags.json),
      style: this.style,
      out: (t) => this.out(t),
    });
  }
}
