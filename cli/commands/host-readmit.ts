import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { commonFlags, GantryCommand, parseDuration, stateFlags } from "../base-command.js";

export default class HostReadmit extends GantryCommand {
  static override summary = "Let a host marked failed be used again by cluster placement";
  static override description =
    "A host marked failed (it stopped answering during a reconcile, or was replaced with -replace-host) is left out " +
    "of placement even after it answers again. Readmitting it clears the mark in the state; nodes placed elsewhere " +
    "stay where they are, the host is capacity again from the next plan on.";
  static override args = {
    name: Args.string({ description: "host name, as in the cluster's inventory", required: true }),
  };
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(HostReadmit);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const ws = engine.workspace({ dir: flags.dir, statePath: flags.state });
    const done = await engine.readmitHost(ws, args.name, { lockTimeoutMs: parseDuration(flags["lock-timeout"]) });
    for (const d of done)
      this.out(`Host ${args.name} is readmitted to ${d.cluster} (it had been marked failed: ${d.reason}).`);
  }
}
