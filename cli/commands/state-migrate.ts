import * as Flags from "@oclif/core/flags";
import { backendConfigFlags, commonFlags, GantryCommand, parseDuration } from "../base-command.js";

export default class StateMigrate extends GantryCommand {
  static override summary =
    "Move the workspace's state from its local file into PostgreSQL (-to pg) or back (-to local)";
  static override description =
    "The state moves unchanged (serial, lineage and text byte for byte); both sides are locked meanwhile and the " +
    "source is left as it was. The pg backend's settings come from the configuration's backend \"pg\" block, " +
    "-backend-config or GANTRY_PG_CONN.";
  static override flags = {
    ...commonFlags,
    ...backendConfigFlags,
    to: Flags.string({ description: "where the state goes", options: ["pg", "local"], default: "pg" }),
    state: Flags.string({ description: "the local state file (default: the workspace's)" }),
    force: Flags.boolean({ description: "replace a state already at the destination" }),
    "lock-timeout": Flags.string({ description: "how long to wait for the locks, e.g. 30s", default: "0s" }),
    dir: Flags.string({ description: "configuration directory", default: "." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(StateMigrate);
    this.setColor(flags["no-color"]);
    const engine = await this.engine();
    const r = await engine.migrateState({
      dir: flags.dir,
      env: process.env,
      to: flags.to as "pg" | "local",
      statePath: flags.state,
      backendConfig: flags["backend-config"],
      force: flags.force,
      lockTimeoutMs: parseDuration(flags["lock-timeout"]),
    });
    this.out(
      `${this.style.green(
        `Moved the state of workspace ${JSON.stringify(r.workspace)} (serial ${r.serial}, ` +
          `lineage ${r.lineage}, ${r.bytes} bytes)`,
      )}\n  from ${r.from}\n  to   ${r.to}\n` +
        "The source is left as it was; remove it once everyone uses the new place.",
    );
  }
}
