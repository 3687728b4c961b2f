import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { commonFlags, GantryCommand, parseDuration, stateFlags, varFlags } from "../base-command.js";

export default class Import extends GantryCommand {
  static override summary =
    "Read an existing object into the state at a resource address declared in the configuration";
  static override description =
    "As 'terraform import ADDRESS ID': the type reads the object the id names (gantry_file: its absolute path on " +
    "the host the configuration names; gantry_noop: its id) and the state records it. Nothing on the hosts changes.";
  static override args = {
    address: Args.string({ description: "resource instance address, e.g. gantry_file.f", required: true }),
    id: Args.string({ description: "the object's import id", required: true }),
  };
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    ...varFlags,
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { workspaceOptions } = await import("../workspace-flags.js");
    const { args, flags } = await this.parse(Import);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const render = await this.renderer();
    const ws = engine.workspace(workspaceOptions(flags.dir, flags));
    this.out(`${args.address}: Importing from ID "${args.id}"...`);
    await engine.importObject(ws, args.address, args.id, {
      lockTimeoutMs: parseDuration(flags["lock-timeout"]),
      onEvent: render.onEvent,
    });
    this.out(`${args.address}: Import prepared!\n  Prepared ${args.address.split(".")[0]} for import`);
    this.out(
      "\nImport successful!\n\nThe resources that were imported are shown above. These resources are now in\n" +
        "your gantry state and will henceforth be managed by gantry.\n",
    );
  }
}
