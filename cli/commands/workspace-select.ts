import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { backendConfigFlags, commonFlags, dirArg, GantryCommand } from "../base-command.js";

export default class WorkspaceSelect extends GantryCommand {
  static override summary = "Switch to another workspace";
  static override args = { name: Args.string({ description: "workspace name", required: true }), dir: dirArg.dir };
  static override flags = {
    ...commonFlags,
    ...backendConfigFlags,
    "or-create": Flags.boolean({ description: "create the workspace if it does not exist" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(WorkspaceSelect);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const r = await engine.selectWorkspace(
      args.dir,
      args.name,
      process.env,
      flags["or-create"],
      flags["backend-config"],
    );
    if (!r.changed) return;
    const name = JSON.stringify(args.name);
    if (r.created)
      this.out(
        `${this.style.green(this.style.bold(`Created and switched to workspace ${name}!`))}\n\n` +
          this.style.green(
            "You're now on a new, empty workspace. Workspaces isolate their state,\n" +
              'so if you run "gantry plan" gantry will not see any existing state\nfor this configuration.',
          ),
      );
    else this.out(this.style.green(`Switched to workspace ${name}.`));
  }
}
