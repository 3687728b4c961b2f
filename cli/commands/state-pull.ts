import * as Flags from "@oclif/core/flags";
import { commonFlags, GantryCommand, stackFlags } from "../base-command.js";

export default class StatePull extends GantryCommand {
  static override summary = "Print the recorded state (JSON) on standard output";
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    state: Flags.string({ description: "state file" }),
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(StatePull);
    const engine = await this.engine();
    const ws = await engine.openWorkspace({
      dir: flags.dir,
      statePath: flags.state,
      stack: flags.stack,
      env: process.env,
    });
    const text = engine.pullState(ws);
    // as Terraform: nothing at all when no state was ever written
    if (text !== undefined) process.stdout.write(`${text}\n`);
  }
}
