import * as Args from "@oclif/core/args";
import { backendConfigFlags, commonFlags, dirArg, GantryCommand } from "../base-command.js";

export default class WorkspaceNew extends GantryCommand {
  static override summary = "Create a new workspace (its own, empty state) and switch to it";
  static override args = { name: Args.string({ description: "workspace name", required: true }), dir: dirArg.dir };
  static override flags = { ...commonFlags, ...backendConfigFlags };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(WorkspaceNew);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    await engine.newWorkspace(args.dir, args.name, process.env, flags["backend-config"]);
    this.out(
      `${this.style.green(this.style.bold(`Created and switched to workspace ${JSON.stringify(args.name)}!`))}\n\n` +
        this.style.green(
          "You're now on a new, empty workspace. Workspaces isolate their state,\n" +
            'so if you run "gantry plan" gantry will not see any existing state\nfor this configuration.',
        ),
    );
  }
}
