import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { commonFlags, GantryCommand, parseDuration, stateFlags, stackFlags } from "../base-command.js";

export default class StateRm extends GantryCommand {
  static override summary = "Forget instances (the objects on the hosts are left as they are)";
  static override strict = false;
  static override args = { addresses: Args.string({ description: "resource or instance addresses", required: true }) };
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...stateFlags,
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(StateRm);
    const engine = await this.engine();
    const ws = await engine.openWorkspace({
      dir: flags.dir,
      statePath: flags.state,
      backendConfig: flags["backend-config"],
      stack: flags.stack,
      env: process.env,
    });
    const removed = await engine.removeState(ws, argv as string[], parseDuration(flags["lock-timeout"]));
    for (const a of removed) this.out(`Removed ${a}`);
    this.out(`Successfully removed ${removed.length} resource instance(s).`);
  }
}
