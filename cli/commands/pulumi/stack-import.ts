import * as Flags from "@oclif/core/flags";
import { GantryError } from "../../../contract/diagnostics.js";
import { GantryCommand } from "../../base-command.js";
import { pulumiStackFlag } from "./pulumi-flags.js";

export default class PulumiStackImport extends GantryCommand {
  static override summary = "Replace the stack's record with an exported deployment (v3), as `pulumi stack import`";
  static override description =
    "Reads the deployment JSON from --file or standard input. Its pending operations are dropped with a warning, " +
    "as Pulumi drops them; secrets in plain text are encrypted with the stack's passphrase.";
  static override flags = {
    ...pulumiStackFlag,
    cwd: Flags.string({ char: "C", description: "the Pulumi program's directory", default: "." }),
    file: Flags.string({ description: "read the deployment from this file instead of standard input" }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(PulumiStackImport);
    const [{ readFileSync }, { Engine }, ops] = await Promise.all([
      import("node:fs"),
      import("../../../engine/engine.js"),
      import("../../../pulumi-engine/pulumi-operation.js"),
    ]);
    let text: string;
    if (flags.file) text = readFileSync(flags.file, "utf8");
    else {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      text = Buffer.concat(chunks).toString("utf8");
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new GantryError(`${flags.file ?? "standard input"}: not JSON: ${(e as Error).message}`);
    }
    await ops.importPulumiStack(new Engine(), flags.cwd, doc, {
      stack: flags.stack,
      warn: (m) => process.stderr.write(`warning: ${m}\n`),
    });
    this.out("Import complete.");
  }
}
