import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { addressMatches, parseAddress } from "../../planner/addresses.js";
import { GantryError } from "../../contract/diagnostics.js";
import { commonFlags, GantryCommand, parseDuration, stateFlags } from "../base-command.js";

export default class StateRm extends GantryCommand {
  static override summary = "Forget instances (the objects on the hosts are left as they are)";
  static override strict = false;
  static override args = { addresses: Args.string({ description: "resource or instance addresses", required: true }) };
  static override flags = { ...commonFlags, ...stateFlags, dir: Flags.string({ description: "configuration directory", default: "." }) };

  async run(): Promise<void> {
    const { StateLock } = await import("../../planner/state-lock.js");
    const { StateWriter } = await import("../../planner/state.js");
    const { loadState, workspace } = await import("../workspace.js");
    const { argv, flags } = await this.parse(StateRm);
    const ws = workspace({ dir: flags.dir, statePath: flags.state });
    const lock = await StateLock.acquire(ws.statePath, "state rm", parseDuration(flags["lock-timeout"]));
    try {
      const state = loadState(ws);
      const removed: string[] = [];
      for (const a of argv as string[]) {
        const p = parseAddress(a);
        if (!p) throw new GantryError(`Invalid address "${a}"`);
        const hits = [...state.instances.keys()].filter((x) => addressMatches(p, x));
        if (!hits.length) throw new GantryError(`No instance matches "${a}" in the state; nothing was removed.`);
        removed.push(...hits);
      }
      for (const a of removed) state.instances.delete(a);
      const w = new StateWriter(ws.statePath, state);
      w.touch();
      await w.flush();
      for (const a of removed) this.out(`Removed ${a}`);
      this.out(`Successfully removed ${removed.length} resource instance(s).`);
    } finally {
      lock.release();
    }
  }
}
