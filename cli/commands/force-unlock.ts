import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { backendConfigFlags, commonFlags, dirArg, GantryCommand, stackFlags } from "../base-command.js";

export default class ForceUnlock extends GantryCommand {
  static override summary = "Remove a stale lock on the state";
  static override args = {
    id: Args.string({ description: "the lock ID shown by the failed command", required: true }),
    dir: dirArg.dir,
  };
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...backendConfigFlags,
    state: Flags.string({ description: "state file" }),
    force: Flags.boolean({ description: "accepted for Terraform compatibility" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ForceUnlock);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const info = await engine.forceUnlock(
      await engine.openWorkspace({
        dir: args.dir,
        statePath: flags.state,
        backendConfig: flags["backend-config"],
        stack: flags.stack,
        env: process.env,
      }),
      args.id,
    );
    this.out(
      `${this.style.green("gantry state has been successfully unlocked!")}\nThe lock ${info?.ID ?? args.id} ` +
        `(${info?.Operation ?? "?"} by ${info?.Who ?? "?"}) was removed.`,
    );
  }
}
