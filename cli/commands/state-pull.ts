import * as Flags from "@oclif/core/flags";
import { backendConfigFlags, commonFlags, GantryCommand, stackFlags } from "../base-command.js";

export default class StatePull extends GantryCommand {
  static override summary = "Print the recorded state (JSON) on standard output";
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...backendConfigFlags,
    state: Flags.string({ description: "state file" }),
    serial: Flags.integer({ description: "an earlier version, by its serial (see state history; pg backend)" }),
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(StatePull);
    const engine = await this.engine();
    const ws = await engine.openWorkspace({
      dir: flags.dir,
      statePath: flags.state,
      backendConfig: flags["backend-config"],
      stack: flags.stack,
      env: process.env,
    });
    const text = await engine.pullState(ws, { serial: flags.serial });
    // as Terraform: nothing at all when no state was ever written
    if (text !== undefined) process.stdout.write(`${text}\n`);
  }
}
