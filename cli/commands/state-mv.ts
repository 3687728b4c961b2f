import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { commonFlags, GantryCommand, parseDuration, stateFlags, stackFlags } from "../base-command.js";

export default class StateMv extends GantryCommand {
  static override summary = "Move an instance (or all instances of a resource) to another address";
  static override args = {
    source: Args.string({ description: "source address", required: true }),
    destination: Args.string({ description: "destination address", required: true }),
  };
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...stateFlags,
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(StateMv);
    const engine = await this.engine();
    const ws = await engine.openWorkspace({
      dir: flags.dir,
      statePath: flags.state,
      backendConfig: flags["backend-config"],
      stack: flags.stack,
      env: process.env,
    });
    const lockTimeout = parseDuration(flags["lock-timeout"]);
    const moves = await engine.moveState(ws, args.source, args.destination, lockTimeout);
    for (const [from, to] of moves) this.out(`Move "${from}" to "${to}"`);
    this.out(`Successfully moved ${moves.length} object(s).`);
  }
}
