import * as Flags from "@oclif/core/flags";
import { GantryError } from "../../contract/diagnostics.js";
import { commonFlags, dirArg, GantryCommand } from "../base-command.js";

export default class ProvidersSchema extends GantryCommand {
  static override summary = "Print the schemas of the providers the configuration uses, in Terraform's JSON format";
  static override description =
    "The format of `terraform providers schema -json` (format_version 1.0), which CDKTF's provider generator " +
    "reads. In a directory without configuration files, every built-in provider is printed.";
  static override args = { ...dirArg };
  static override flags = { ...commonFlags, json: Flags.boolean({ description: "JSON output (required)" }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ProvidersSchema);
    if (!flags.json)
      throw new GantryError({
        severity: "error",
        summary: "The `gantry providers schema` command requires the `-json` flag.",
      });
    const { terraformJson } = await import("../terraform-json-text.js");
    const engine = await this.engine();
    this.out(terraformJson(await engine.providerSchemas(args.dir), { sortKeys: false }));
  }
}
