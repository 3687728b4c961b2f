import * as Flags from "@oclif/core/flags";
import { commonFlags, dirArg, GantryCommand, stackFlags, varFlags } from "../base-command.js";

export default class Validate extends GantryCommand {
  static override summary = "Check the configuration without touching state or hosts";
  static override description =
    "Parses every *.gantry.yaml and *.tf.json file, checks structure, resource types and properties, references and " +
    "cycles. As terraform validate, every input variable is taken as unknown, so that the configuration is checked " +
    "for " +
    "any values (a variable without a value is no error); values given with -var or -var-file are checked and used.";
  static override args = dirArg;
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...varFlags,
    json: Flags.boolean({ description: "JSON output" }),
  };

  async run(): Promise<void> {
    const { workspaceOptions } = await import("../workspace-flags.js");
    const { args, flags } = await this.parse(Validate);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const render = await this.renderer(flags.json);
    const ws = await engine.openWorkspace(workspaceOptions(args.dir, flags), render.onEvent);
    const { config } = await engine.validate(ws, render.onEvent, { variablesUnknown: true });
    if (flags.json) this.out(JSON.stringify({ valid: true, error_count: 0, warning_count: 0, diagnostics: [] }));
    else
      this.out(
        `${this.style.green(this.style.bold("Success!"))} The configuration is valid ` +
          `(${config.resources.size} resources in ${config.files.length} files).`,
      );
  }
}
