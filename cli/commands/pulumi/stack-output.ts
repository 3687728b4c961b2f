import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { GantryError } from "../../../contract/diagnostics.js";
import { GantryCommand } from "../../base-command.js";
import { pulumiStackFlag } from "./pulumi-flags.js";

export default class PulumiStackOutput extends GantryCommand {
  static override summary = "Show the stack's outputs (of its last good update), as `pulumi stack output` does";
  static override args = {
    name: Args.string({ description: "one output (default: all)" }),
  };
  static override flags = {
    ...pulumiStackFlag,
    cwd: Flags.string({ char: "C", description: "the Pulumi program's directory", default: "." }),
    json: Flags.boolean({ char: "j", description: "print JSON" }),
    "show-secrets": Flags.boolean({ description: "print secret values in plain text" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PulumiStackOutput);
    const [{ existsSync, statSync }, { Engine }, ops, render] = await Promise.all([
      import("node:fs"),
      import("../../../engine/engine.js"),
      import("../../../pulumi-engine/pulumi-operation.js"),
      import("../../../pulumi-engine/render-progress.js"),
    ]);
    let dir = flags.cwd;
    let name = args.name;
    // `gantry pulumi stack output DIR`: a directory given where a name would be
    if (name && existsSync(name) && statSync(name).isDirectory()) {
      dir = name;
      name = undefined;
    }
    const show = flags["show-secrets"];
    const outputs = await ops.pulumiStackOutputs(new Engine(), dir, flags.stack, { showSecrets: show });
    if (name !== undefined && !(name in outputs))
      throw new GantryError(`current stack does not have output property '${name}'`);
    if (flags.json) return void process.stdout.write(render.stackOutputsJson(outputs, show, name));
    if (name !== undefined) {
      const v = outputs[name];
      const text = render.stackOutputsJson({ v }, show, "v").trimEnd();
      this.out(text.startsWith('"') ? (JSON.parse(text) as string) : text);
      return;
    }
    process.stdout.write(render.renderStackOutputs(outputs, show));
  }
}
