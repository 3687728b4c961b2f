import { backendConfigFlags, commonFlags, dirArg, GantryCommand } from "../base-command.js";

export default class WorkspaceList extends GantryCommand {
  static override summary = "List the workspaces (* marks the current one)";
  static override args = { ...dirArg };
  static override flags = { ...commonFlags, ...backendConfigFlags };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(WorkspaceList);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const { current, names } = await engine.listWorkspaces(args.dir, process.env, flags["backend-config"]);
    if (current.overriddenBy)
      process.stderr.write(
        `${this.style.yellow(this.style.bold("Warning: "))}${this.style.bold(
          `The active workspace is being overridden using the ${current.overriddenBy} environment variable.`,
        )}\n\n`,
      );
    // as Terraform: one line each, then an empty line
    this.out(`${names.map((n) => (n === current.name ? `* ${n}` : `  ${n}`)).join("\n")}\n\n`);
  }
}
