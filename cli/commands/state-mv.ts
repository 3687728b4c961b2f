import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { instanceAddress, parseAddress, resourceKeyOf } from "../../planner/addresses.js";
import { GantryError } from "../../contract/diagnostics.js";
import { commonFlags, GantryCommand, parseDuration, stateFlags } from "../base-command.js";

export default class StateMv extends GantryCommand {
  static override summary = "Move an instance (or all instances of a resource) to another address";
  static override args = {
    source: Args.string({ description: "source address", required: true }),
    destination: Args.string({ description: "destination address", required: true }),
  };
  static override flags = { ...commonFlags, ...stateFlags, dir: Flags.string({ description: "configuration directory", default: "." }) };

  async run(): Promise<void> {
    const { StateLock } = await import("../../planner/state-lock.js");
    const { StateWriter } = await import("../../planner/state.js");
    const { loadState, workspace } = await import("../workspace.js");
    const { args, flags } = await this.parse(StateMv);
    const src = parseAddress(args.source);
    const dst = parseAddress(args.destination);
    if (!src) throw new GantryError(`Invalid source address "${args.source}"`);
    if (!dst) throw new GantryError(`Invalid destination address "${args.destination}"`);
    if (src.type !== dst.type) throw new GantryError(`Cannot move ${args.source} to ${args.destination}: the resource types differ`);
    const ws = workspace({ dir: flags.dir, statePath: flags.state });
    const lock = await StateLock.acquire(ws.statePath, "state mv", parseDuration(flags["lock-timeout"]));
    try {
      const state = loadState(ws);
      const moves: [string, string][] = [];
      if (src.hasKey) {
        moves.push([instanceAddress(src.resourceKey, src.key), instanceAddress(dst.resourceKey, dst.hasKey ? dst.key : undefined)]);
      } else {
        if (dst.hasKey) throw new GantryError("Moving a whole resource needs a resource address (without an index) as destination");
        for (const a of state.instances.keys()) if (resourceKeyOf(a) === src.resourceKey) moves.push([a, dst.resourceKey + a.slice(src.resourceKey.length)]);
      }
      if (!moves.length || !state.instances.has(moves[0][0])) throw new GantryError(`No instance "${args.source}" in the state; nothing was moved.`);
      for (const [, to] of moves) if (state.instances.has(to)) throw new GantryError(`Cannot move to ${to}: it already exists in the state`);
      for (const [from, to] of moves) {
        const inst = state.instances.get(from)!;
        state.instances.delete(from);
        const p = parseAddress(to)!;
        state.instances.set(to, { ...inst, address: to, name: p.name, key: p.key });
      }
      const w = new StateWriter(ws.statePath, state);
      w.touch();
      await w.flush();
      for (const [from, to] of moves) this.out(`Move "${from}" to "${to}"`);
      this.out(`Successfully moved ${moves.length} object(s).`);
    } finally {
      lock.release();
    }
  }
}
