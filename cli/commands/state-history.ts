import * as Flags from "@oclif/core/flags";
import { backendConfigFlags, commonFlags, GantryCommand } from "../base-command.js";

export default class StateHistory extends GantryCommand {
  static override summary = "List the versions of the state the pg backend keeps (serial, lineage, when, who, size)";
  static override flags = {
    ...commonFlags,
    ...backendConfigFlags,
    json: Flags.boolean({ description: "one JSON document" }),
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(StateHistory);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const ws = await engine.openWorkspace({ dir: flags.dir, backendConfig: flags["backend-config"], env: process.env });
    const versions = await engine.stateHistory(ws);
    if (flags.json) {
      this.out(JSON.stringify({ versions }));
      return;
    }
    if (!versions.length) {
      this.out("No state has been written yet.");
      return;
    }
    const rows = versions.map((v) => [
      `${v.current ? "*" : " "} ${v.serial}`,
      v.lineage,
      v.writtenAt,
      `${v.writtenBy}, ${v.operation}`,
      `${v.size} bytes`,
    ]);
    const head = ["  SERIAL", "LINEAGE", "WRITTEN", "BY, OPERATION", "SIZE"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join("  ");
    this.out([line(head), ...rows.map(line)].join("\n"));
  }
}
