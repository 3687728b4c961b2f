import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { commonFlags, GantryCommand, parseDuration, stateFlags } from "../base-command.js";

export default class Untaint extends GantryCommand {
  static override summary = "Remove the tainted state from a resource instance";
  static override args = { address: Args.string({ description: "resource instance address", required: true }) };
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    dir: Flags.string({ description: "configuration directory", default: "." }),
    "allow-missing": Flags.boolean({ description: "succeed (with a warning) when the instance is not in the state" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Untaint);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const ws = engine.workspace({ dir: flags.dir, statePath: flags.state });
    const done = await engine.untaint(ws, args.address, {
      allowMissing: flags["allow-missing"],
      lockTimeoutMs: parseDuration(flags["lock-timeout"]),
    });
    if (done.warning) await this.printDiagnostics([done.warning]);
    else this.out(`Resource instance ${done.address} has been successfully untainted.`);
  }
}
