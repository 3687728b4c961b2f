import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { addressMatches, parseAddress } from "../../planner/addresses.js";
import { GantryError } from "../../contract/diagnostics.js";
import { commonFlags, GantryCommand } from "../base-command.js";

export default class StateList extends GantryCommand {
  static override summary = "List the instances in the state";
  static override strict = false;
  static override args = { addresses: Args.string({ description: "filter: resource or instance addresses" }) };
  static override flags = { ...commonFlags, state: Flags.string({ description: "state file" }), dir: Flags.string({ description: "configuration directory", default: "." }) };

  async run(): Promise<void> {
    const { loadState, workspace } = await import("../workspace.js");
    const { argv, flags } = await this.parse(StateList);
    const filters = (argv as string[]).map((a) => {
      const p = parseAddress(a);
      if (!p) throw new GantryError(`Invalid address "${a}"`);
      return p;
    });
    const state = loadState(workspace({ dir: flags.dir, statePath: flags.state }));
    for (const a of [...state.instances.keys()].sort()) if (!filters.length || filters.some((f) => addressMatches(f, a))) this.out(a);
  }
}
