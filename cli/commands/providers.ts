import { commonFlags, dirArg, GantryCommand } from "../base-command.js";

export default class Providers extends GantryCommand {
  static override summary = "Show the providers the configuration and the state require (all built in)";
  static override args = { ...dirArg };
  static override flags = { ...commonFlags };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Providers);
    this.setColor(flags["no-color"]);
    const { builtinProviderOfType } = await import("../../contract/built-in-providers.js");
    const { GantryError } = await import("../../contract/diagnostics.js");
    const { resolve } = await import("node:path");
    const engine = await this.engine();
    const r = await engine.init(args.dir);
    if (!r.hasConfiguration)
      throw new GantryError({
        severity: "error",
        summary: "No configuration files",
        detail: `The directory ${resolve(args.dir)} contains no gantry configuration files.`,
      });
    // Terraform's tree (treeprint): the root module ".", one branch per provider
    const nodes = r.providers.map((p) => `provider[${p.source}]${p.version ? ` ${p.version}` : ""}`);
    const tree = [".", ...nodes.map((n, i) => `${i === nodes.length - 1 ? "└──" : "├──"} ${n}`)].join("\n");
    let text = `\nProviders required by configuration:\n${tree}\n\n`;
    const state = await engine.readState(engine.workspace({ dir: args.dir, env: process.env }));
    const fromState = [
      ...new Set([...state.instances.values()].map((i) => builtinProviderOfType(i.type).source)),
    ].sort();
    if (fromState.length)
      text += `Providers required by state:\n\n${fromState.map((p) => `    provider[${p}]\n\n`).join("")}`;
    process.stdout.write(text);
  }
}
