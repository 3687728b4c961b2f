import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { existsSync, statSync } from "node:fs";
import { GantryError } from "../../contract/diagnostics.js";
import { backendConfigFlags, commonFlags, dirArg, GantryCommand, stackFlags } from "../base-command.js";
import { shownOutputs } from "../shown-outputs.js";

export default class Output extends GantryCommand {
  static override summary = "Show output values from the state";
  static override args = { name: Args.string({ description: "one output (default: all)" }), dir: dirArg.dir };
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...backendConfigFlags,
    state: Flags.string({ description: "state file" }),
    json: Flags.boolean({ description: "JSON output" }),
    raw: Flags.boolean({ description: "print one string, number or bool output as it is, without quotes" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Output);
    this.setColor(flags["no-color"]);
    // `gantry output DIR` (one argument that is a directory) shows all outputs of DIR
    if (args.name && args.dir === "." && existsSync(args.name) && statSync(args.name).isDirectory()) {
      args.dir = args.name;
      args.name = undefined;
    }
    if (flags.json && flags.raw)
      throw new GantryError({
        severity: "error",
        summary: "Invalid output format",
        detail: "The -raw and -json options are mutually-exclusive.",
      });
    if (flags.raw && !args.name)
      throw new GantryError({
        severity: "error",
        summary: "Output name required",
        detail: "You must give the name of a single output value when using the -raw option.",
      });
    const { formatOutputValues, formatTerraformValue, terraformNumber } = await import("../terraform-value-text.js");
    const { terraformJson } = await import("../terraform-json-text.js");
    const { inferType } = await import("../../planner/type-conversion.js");
    const { typeToJson } = await import("../../planner/type-json.js");
    const engine = await this.engine();
    const ws = await engine.openWorkspace({
      dir: args.dir,
      statePath: flags.state,
      backendConfig: flags["backend-config"],
      stack: flags.stack,
      env: process.env,
    });
    const outputs = Object.fromEntries(shownOutputs(await engine.outputs(ws)));
    const names = Object.keys(outputs).sort();
    const none = {
      severity: "warning" as const,
      summary: "No outputs found",
      detail:
        "The state file either has no outputs defined, or all the defined outputs are empty. Please define an " +
        "output in your configuration with the `output` keyword and run `gantry refresh` for it to become " +
        "available. If you are using interpolation, please verify the interpolated value is not empty. You can " +
        "use the `gantry console` command to assist.",
    };
    const missing = (name: string) =>
      new GantryError({
        severity: "error",
        summary: `Output ${JSON.stringify(name)} not found`,
        detail:
          "The output variable requested could not be found in the state file. If you recently added this to " +
          "your configuration, be sure to run `gantry apply`, since the state won't be updated with new output " +
          "variables until that command is run.",
      });
    if (flags.json) {
      if (args.name) {
        const o = outputs[args.name];
        if (!o) throw missing(args.name);
        this.out(terraformJson(o.value ?? null));
        return;
      }
      const all = Object.fromEntries(
        names.map((k) => [
          k,
          {
            sensitive: !!outputs[k].sensitive,
            type: outputs[k].type ?? typeToJson(inferType(outputs[k].value)),
            value: outputs[k].value,
          },
        ]),
      );
      this.out(terraformJson(all, { indent: true }));
      return;
    }
    if (flags.raw) {
      // as Terraform: with no outputs at all, only a warning, which -raw does not show
      if (!names.length) return;
      const o = outputs[args.name!];
      if (!o) throw missing(args.name!);
      const v = o.value;
      const unsupported = (detail: string) =>
        new GantryError({ severity: "error", summary: "Unsupported value for raw output", detail });
      if (v === null || v === undefined)
        throw unsupported(
          `The value for output value ${JSON.stringify(args.name)} is null, so -raw mode cannot print it.`,
        );
      if (typeof v === "object")
        throw unsupported(
          `The -raw option only supports strings, numbers, and boolean values, but output value ` +
            `${JSON.stringify(args.name)} is ${friendlyTypeName(v)}.\n\nUse the -json option for machine-readable ` +
            "representations of output values that have complex types.",
        );
      // no newline after the value, as Terraform
      process.stdout.write(typeof v === "number" ? terraformNumber(v) : String(v));
      return;
    }
    if (!names.length) {
      await this.printDiagnostics([none]);
      return;
    }
    if (args.name) {
      const o = outputs[args.name];
      if (!o) throw missing(args.name);
      this.out(formatTerraformValue(o.value));
      return;
    }
    this.out(formatOutputValues(outputs));
  }
}

/** Terraform's friendly name of a collection type, as gantry knows it (lists are tuples, maps objects). */
function friendlyTypeName(v: object): string {
  if (Array.isArray(v)) return "tuple";
  return "object";
}
