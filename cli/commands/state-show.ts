import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import type { InstanceState } from "../../planner/state.js";
import { backendConfigFlags, commonFlags, GantryCommand, stackFlags } from "../base-command.js";

export default class StateShow extends GantryCommand {
  static override summary = "Show one instance in the state";
  static override args = { address: Args.string({ description: "instance address", required: true }) };
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...backendConfigFlags,
    state: Flags.string({ description: "state file" }),
    dir: Flags.string({ description: "configuration directory", default: "." }),
    json: Flags.boolean({ description: "JSON output" }),
  };

  async run(): Promise<void> {
    const { formatValue } = await import("../render-plan.js");
    const { args, flags } = await this.parse(StateShow);
    const engine = await this.engine();
    const inst = await engine.showState(
      await engine.openWorkspace({
        dir: flags.dir,
        statePath: flags.state,
        backendConfig: flags["backend-config"],
        stack: flags.stack,
        env: process.env,
      }),
      args.address,
    );
    if (flags.json) {
      this.out(JSON.stringify(inRecordOrder(inst), null, 2));
      return;
    }
    this.out(`# ${inst.address}:${inst.status === "tainted" ? " (tainted)" : ""}`);
    this.out(`resource "${inst.type}" "${inst.name}" {`);
    const keys = Object.keys(inst.attributes).sort();
    const w = Math.max(0, ...keys.map((k) => k.length));
    const hidden = new Set(inst.sensitiveAttributes ?? []);
    for (const k of keys)
      this.out(`    ${k.padEnd(w)} = ${hidden.has(k) ? "(sensitive value)" : formatValue(inst.attributes[k], "    ")}`);
    this.out("}");
    for (const m of inst.warnings ?? []) this.out(`  ! ${m}`);
  }
}

/**
 * The record with its members in one order, however it was made: a record read from a state file may be the file's
 * own object (planner/state.ts), its members in the file's order.
 */
function inRecordOrder(i: InstanceState): InstanceState {
  return {
    address: i.address,
    mode: i.mode,
    type: i.type,
    name: i.name,
    key: i.key,
    attributes: i.attributes,
    dependencies: i.dependencies,
    status: i.status,
    createBeforeDestroy: i.createBeforeDestroy,
    keepOnDestroy: i.keepOnDestroy,
    deposed: i.deposed,
    warnings: i.warnings,
    limitations: i.limitations,
    sensitiveAttributes: i.sensitiveAttributes,
  };
}
