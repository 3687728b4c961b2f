import { commonFlags, dirArg, GantryCommand } from "../base-command.js";

export default class WorkspaceShow extends GantryCommand {
  static override summary = "Show the name of the current workspace";
  static override args = { ...dirArg };
  static override flags = { ...commonFlags };

  async run(): Promise<void> {
    const { args } = await this.parse(WorkspaceShow);
    const engine = await this.engine();
    this.out(engine.currentWorkspace(args.dir, process.env));
  }
}
