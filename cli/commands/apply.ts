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

export default class Apply extends GantryCommand {
  static override summary = "Make the hosts match the configuration (or carry out a saved plan)";
  static override description =
    "Plans, asks for confirmation (unless -auto-approve) and applies, walking the graph in parallel. Given a plan " +
    "file from 'plan -out', carries out exactly that plan, refusing if the state changed since.";
  static override args = { dir: dirArg.dir };
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    ...stackFlags,
    ...varFlags,
    ...planFlags,
    ...verboseFlags,
    "auto-approve": Flags.boolean({ description: "apply without asking for confirmation" }),
    json: Flags.boolean({ description: "print machine-readable events, one JSON object per line" }),
  };

  async run(): Promise<void> {
    const { planRequest, workspaceOptions } = await import("../workspace-flags.js");
    const { runApply } = await import("../run-apply.js");
    const { args, flags } = await this.parse(Apply);
    this.setColor(flags["no-color"]);
    const { isPlanFile } = await import("../is-plan-file.js");
    const planFile = isPlanFile(args.dir) ? args.dir : undefined;
    await runApply({
      engine: await this.engine(),
      mode: flags["refresh-only"] ? "refresh-only" : "normal",
      workspace: workspaceOptions(args.dir, flags),
      planFile,
      request: planRequest(flags),
      autoApprove: flags["auto-approve"] || !!planFile,
      renderer: await this.renderer(flags.json, flags.verbose),
      style: this.style,
      out: (t) => this.out(t),
    });
  }
}
