import * as Flags from "@oclif/core/flags";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { commonFlags, dirArg, GantryCommand, varFlags } from "../base-command.js";

export default class Validate extends GantryCommand {
  static override summary = "Check the configuration without touching state or hosts";
  static override description = "Parses every *.gantry.yaml and *.tf.json file, checks structure, resource types and properties, references and cycles.";
  static override args = dirArg;
  static override flags = { ...commonFlags, ...varFlags, json: Flags.boolean({ description: "JSON output" }) };

  async run(): Promise<void> {
    const { buildGraph } = await import("../../planner/graph.js");
    const { checkBlock } = await import("../../planner/instances.js");
    const { loadWorkspaceConfig, stateOrEmpty } = await import("../workspace.js");
    const { workspace } = await import("../workspace.js");
    const { args, flags } = await this.parse(Validate);
    this.setColor(flags["no-color"]);
    const ws = workspace({ dir: args.dir });
    this.errorDir = ws.dir;
    const { config, warnings } = await loadWorkspaceConfig(ws, { dir: ws.dir, vars: flags.var, varFiles: flags["var-file"] }, stateOrEmpty(ws));
    this.errorSources = config.files;
    if (warnings.length) await this.printDiagnostics(warnings);
    buildGraph(config);
    const diags = new DiagnosticBag();
    for (const r of config.resources.values()) checkBlock(r, ws.types(r.type), ws.knownTypes, diags);
    diags.throwIfErrors();
    if (flags.json) this.out(JSON.stringify({ valid: true, error_count: 0, warning_count: 0, diagnostics: [] }));
    else this.out(this.style.green(this.style.bold("Success!")) + ` The configuration is valid (${config.resources.size} resources in ${config.files.length} files).`);
  }
}
