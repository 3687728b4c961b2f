import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { readFileSync } from "node:fs";
import { GantryError } from "../../contract/diagnostics.js";
import { commonFlags, GantryCommand, parseDuration, stackFlags, stateFlags } from "../base-command.js";

export default class StatePush extends GantryCommand {
  static override summary = "Replace the recorded state with a state file (- reads standard input)";
  static override args = {
    path: Args.string({ description: "the state file to push, or - for stdin", required: true }),
  };
  static override flags = {
    ...commonFlags,
    ...stateFlags,
    ...stackFlags,
    force: Flags.boolean({ description: "write even when the lineage differs or the serial is not newer" }),
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(StatePush);
    let text: string;
    try {
      text = readFileSync(args.path === "-" ? 0 : args.path, "utf8");
    } catch (e) {
      throw new GantryError((e as Error).message);
    }
    const engine = await this.engine();
    const ws = await engine.openWorkspace({
      dir: flags.dir,
      statePath: flags.state,
      backendConfig: flags["backend-config"],
      stack: flags.stack,
      env: process.env,
    });
    await engine.pushState(ws, text, args.path, {
      force: flags.force,
      lockTimeoutMs: parseDuration(flags["lock-timeout"]),
    });
  }
}
