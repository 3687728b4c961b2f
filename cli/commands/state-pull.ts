import * as Flags from "@oclif/core/flags";
import { commonFlags, GantryCommand } from "../base-command.js";

export default class StatePull extends GantryCommand {
  static override summary = "Print the recorded state (JSON) on standard output";
  static override flags = {
    ...commonFlags,
    state: Flags.string({ description: "state file" }),
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(StatePull);
    const engine = await this.engine();
    const text = engine.pullState(engine.workspace({ dir: flags.dir, statePath: flags.state, env: process.env }));
    // as Terraform: nothing at all when no state was ever written
    if (text !== undefined) process.stdout.write(`${text}\n`);
  }
}
