import * as Flags from "@oclif/core/flags";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { GantryError } from "../../contract/diagnostics.js";
import { commonFlags, dirArg, GantryCommand, stackFlags, varFlags } from "../base-command.js";

export default class GraphCmd extends GantryCommand {
  static override summary = "Print the dependency graph in DOT (or render SVG with Graphviz)";
  static override args = dirArg;
  static override flags = {
    ...commonFlags,
    ...stackFlags,
    ...varFlags,
    svg: Flags.string({ description: "write an SVG to this file (needs Graphviz's dot)" }),
  };

  async run(): Promise<void> {
    const { describeNode } = await import("../../planner/graph.js");
    const { workspaceOptions } = await import("../workspace-flags.js");
    const { args, flags } = await this.parse(GraphCmd);
    const engine = await this.engine();
    const render = await this.renderer();
    const ws = await engine.openWorkspace(workspaceOptions(args.dir, flags), render.onEvent);
    const { graph } = await engine.graph(ws, render.onEvent);
    const q = (s: string) => JSON.stringify(s);
    const lines = ["digraph G {", '  rankdir = "RL";', '  node [shape = rect, fontname = "sans-serif"];'];
    graph.forEachNode((id, info) => {
      const shape = info.kind === "resource" ? "box" : info.kind === "output" ? "note" : "ellipse";
      lines.push(`  ${q(id)} [label = ${q(describeNode(info))}, shape = ${shape}];`);
    });
    // an arrow from a node to what it depends on, as Terraform draws it
    graph.forEachEdge((from, to) => lines.push(`  ${q(to)} -> ${q(from)};`));
    lines.push("}");
    const dot = `${lines.join("\n")}\n`;
    if (!flags.svg) {
      this.out(dot);
      return;
    }
    const r = spawnSync("dot", ["-Tsvg"], { input: dot, encoding: "utf8" });
    if (r.error || r.status !== 0)
      throw new GantryError(
        `cannot render SVG: ${r.error ? "Graphviz's dot is not installed (apt-get install graphviz)" : r.stderr}`,
      );
    writeFileSync(flags.svg, r.stdout);
    this.out(`Wrote ${flags.svg}`);
  }
}
