import * as Args from "@oclif/core/args";
import * as Flags from "@oclif/core/flags";
import { type AddressedHostLimitation, limitationSentence } from "../../contract/host-limitation.js";
import { backendConfigFlags, commonFlags, GantryCommand, stackFlags, verboseFlags } from "../base-command.js";
import { shownOutputs } from "../shown-outputs.js";

export default class Show extends GantryCommand {
  static override summary = "Show the state, or a saved plan";
  static override args = {
    path: Args.string({ description: "a plan file or a configuration directory (default: .)", default: "." }),
  };
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...verboseFlags,
    ...backendConfigFlags,
    state: Flags.string({ description: "state file" }),
    json: Flags.boolean({ description: "JSON output" }),
  };

  async run(): Promise<void> {
    const { readPlanFile } = await import("../../planner/plan-file.js");
    const { planToJson, stateToJson } = await import("../render-json.js");
    const { formatValue, renderPlan } = await import("../render-plan.js");
    const { isPlanFile } = await import("../is-plan-file.js");
    const { FileStateBackend } = await import("../../engine/state-backend.js");
    const { args, flags } = await this.parse(Show);
    this.setColor(flags["no-color"]);
    if (isPlanFile(args.path) && !args.path.endsWith(".tfstate")) {
      const saved = readPlanFile(args.path);
      this.out(
        flags.json
          ? JSON.stringify(planToJson(saved.plan))
          : renderPlan(saved.plan, this.style, { verbose: flags.verbose }),
      );
      return;
    }
    const engine = await this.engine();
    const state = args.path.endsWith(".tfstate")
      ? await new FileStateBackend(args.path).read()
      : await engine.readState(
          await engine.openWorkspace({
            dir: args.path,
            statePath: flags.state,
            backendConfig: flags["backend-config"],
            stack: flags.stack,
            env: process.env,
          }),
        );
    if (flags.json) {
      this.out(JSON.stringify(stateToJson(state)));
      return;
    }
    if (!state.instances.size) {
      this.out("The state is empty. No resources are managed yet.");
      return;
    }
    const s = this.style;
    const notDone: { address: string; message: string }[] = [];
    const limitations: AddressedHostLimitation[] = [];
    for (const inst of state.instances.values()) {
      this.out(s.bold(`# ${inst.address}:${inst.status === "tainted" ? " (tainted)" : ""}`));
      this.out(`resource "${inst.type}" "${inst.name}" {`);
      const keys = Object.keys(inst.attributes).sort();
      const w = Math.max(0, ...keys.map((k) => k.length));
      const hidden = new Set(inst.sensitiveAttributes ?? []);
      for (const k of keys)
        this.out(
          `    ${k.padEnd(w)} = ${hidden.has(k) ? "(sensitive value)" : formatValue(inst.attributes[k], "    ")}`,
        );
      this.out("}");
      for (const m of inst.warnings ?? []) {
        this.out(s.yellow(`  ! ${m}`));
        notDone.push({ address: inst.address, message: m });
      }
      for (const limitation of inst.limitations ?? []) {
        if (flags.verbose) this.out(s.yellow(`  ! ${limitationSentence(limitation)}`));
        limitations.push({ address: inst.address, limitation });
      }
      this.out("");
    }
    const outs = shownOutputs(state.outputs);
    if (outs.length) {
      this.out("\nOutputs:\n");
      for (const [k, o] of outs) this.out(`${k} = ${o.sensitive ? "(sensitive value)" : formatValue(o.value, "")}`);
    }
    const { renderHostLimitations } = await import("../render-host-limitations.js");
    const header = "What gantry could not do on the hosts:";
    const limits = renderHostLimitations(limitations, notDone, header, s, flags.verbose);
    if (limits.length) this.out(limits.join("\n"));
  }
}
