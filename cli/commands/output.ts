import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { existsSync, statSync } from "node:fs";
import { GantryError } from "../../contract/diagnostics.js";
import { commonFlags, dirArg, GantryCommand, stackFlags } from "../base-command.js";

export default class Output extends GantryCommand {
  static override summary = "Show output values from the state";
  static override args = { name: Args.string({ description: "one output (default: all)" }), dir: dirArg.dir };
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    state: Flags.string({ description: "state file" }),
    json: Flags.boolean({ description: "JSON output" }),
    raw: Flags.boolean({ description: "print a string output without quotes" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Output);
    this.setColor(flags["no-color"]);
    // `gantry output DIR` (one argument that is a directory) shows all outputs of DIR
    if (args.name && args.dir === "." && existsSync(args.name) && statSync(args.name).isDirectory()) {
      args.dir = args.name;
      args.name = undefined;
    }
    const engine = await this.engine();
    const ws = await engine.openWorkspace({
      dir: args.dir,
      statePath: flags.state,
      stack: flags.stack,
      env: process.env,
    });
    const state = { outputs: engine.outputs(ws) };
    if (args.name) {
      const o = state.outputs[args.name];
      if (!o)
        throw new GantryError(
          `Output "${args.name}" not found. The state has: ${Object.keys(state.outputs).join(", ") || "no outputs"}.`,
        );
      this.out(
        flags.raw && typeof o.value === "string" ? o.value : JSON.stringify(o.value, null, flags.json ? undefined : 2),
      );
      return;
    }
    if (flags.json) {
      this.out(
        JSON.stringify(
          Object.fromEntries(
            Object.entries(state.outputs).map(([k, o]) => [k, { sensitive: !!o.sensitive, value: o.value }]),
          ),
        ),
      );
      return;
    }
    for (const [k, o] of Object.entries(state.outputs))
      this.out(`${k} = ${o.sensitive ? "<sensitive>" : JSON.stringify(o.value)}`);
  }
}
