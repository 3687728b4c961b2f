import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { backendConfigFlags, commonFlags, GantryCommand, stackFlags } from "../base-command.js";

export default class StateList extends GantryCommand {
  static override summary = "List the instances in the state";
  static override strict = false;
  static override args = { addresses: Args.string({ description: "filter: resource or instance addresses" }) };
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...backendConfigFlags,
    state: Flags.string({ description: "state file" }),
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(StateList);
    const engine = await this.engine();
    const ws = await engine.openWorkspace({
      dir: flags.dir,
      statePath: flags.state,
      backendConfig: flags["backend-config"],
      stack: flags.stack,
      env: process.env,
    });
    for (const a of await engine.listState(ws, argv as string[])) this.out(a);
  }
}
