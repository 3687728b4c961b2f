import * as Flags from "@oclif/core/flags";
import { GantryCommand } from "../../base-command.js";
import { pulumiStackFlag } from "./pulumi-flags.js";

export default class PulumiStackExport extends GantryCommand {
  static override summary = "Export the stack's record in Pulumi's deployment format (v3), as `pulumi stack export`";
  static override description =
    "Writes the deployment JSON to standard output or --file. Secrets stay encrypted with the stack's passphrase " +
    "unless --show-secrets, which writes them in plain text as Pulumi does.";
  static override flags = {
    ...pulumiStackFlag,
    cwd: Flags.string({ char: "C", description: "the Pulumi program's directory", default: "." }),
    file: Flags.string({ description: "write the deployment to this file instead of standard output" }),
    "show-secrets": Flags.boolean({ description: "write secret values in plain text" }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PulumiStackExport);
    const [{ writeFileSync }, { Engine }, ops] = await Promise.all([
      import("node:fs"),
      import("../../../engine/engine.js"),
      import("../../../pulumi-engine/pulumi-operation.js"),
    ]);
    const doc = await ops.exportPulumiStack(new Engine(), flags.cwd, flags.stack, {
      showSecrets: flags["show-secrets"],
    });
    const text = `${JSON.stringify(doc, null, 4)}\n`;
    if (flags.file) writeFileSync(flags.file, text);
    else process.stdout.write(text);
  }
}
