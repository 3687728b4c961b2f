import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { backendConfigFlags, commonFlags, dirArg, GantryCommand, parseDuration } from "../base-command.js";

export default class WorkspaceDelete extends GantryCommand {
  static override summary = "Delete a workspace and its state";
  static override args = { name: Args.string({ description: "workspace name", required: true }), dir: dirArg.dir };
  static override flags = {
    ...commonFlags,
    ...backendConfigFlags,
    force: Flags.boolean({ description: "delete even when its state still tracks resource instances" }),
    "lock-timeout": Flags.string({ description: "how long to wait for the state lock, e.g. 30s", default: "0s" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(WorkspaceDelete);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const { hadResources } = await engine.deleteWorkspace(args.dir, args.name, process.env, {
      backendConfig: flags["backend-config"],
      force: flags.force,
      lockTimeoutMs: parseDuration(flags["lock-timeout"]),
    });
    const name = JSON.stringify(args.name);
    this.out(this.style.green(`Deleted workspace ${name}!`));
    if (hadResources)
      this.out(
        this.style.yellow(
          `WARNING: ${name} was non-empty.\nThe resources managed by the deleted workspace may still exist,\n` +
            "but are no longer manageable by gantry since the state has\nbeen deleted.\n",
        ),
      );
  }
}
