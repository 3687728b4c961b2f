// What every gantry command shares: flags Terraform users know, located
// error output, colors and exit codes.

import { Command } from "@oclif/core/command";
import * as Flags from "@oclif/core/flags";
import * as Args from "@oclif/core/args";
import { GantryError, type Diagnostic } from "../contract/diagnostics.js";
import { makeStyle, type Style } from "./style.js";
import type { ErrorContext } from "./write-diagnostics.js";

export const dirArg = { dir: Args.string({ description: "configuration directory", default: "." }) };

export const commonFlags = {
  "no-color": Flags.boolean({ description: "plain output without colors" }),
};

/** The pg backend's settings: -backend-config conn_str=postgres://… (repeatable; also schema_name, …). */
export const backendConfigFlags = {
  "backend-config": Flags.string({
    description: "a backend setting KEY=VALUE, e.g. conn_str=postgres://user@host/db (repeatable)",
    multiple: true,
    multipleNonGreedy: true,
  }),
};

export const stateFlags = {
  ...backendConfigFlags,
  state: Flags.string({ description: "path of the state file (default: <dir>/gantry.tfstate)" }),
  "lock-timeout": Flags.string({
    description: "how long to wait for the state lock, e.g. 30s (default: fail at once)",
    default: "0s",
  }),
};

export const varFlags = {
  var: Flags.string({
    description: "set a variable: -var 'name=value' (repeatable)",
    multiple: true,
    multipleNonGreedy: true,
  }),
  "var-file": Flags.string({
    description: "read variable values from a file (repeatable)",
    multiple: true,
    multipleNonGreedy: true,
  }),
};

/** -verbose: what gantry cannot do on the hosts, one line per resource instead of grouped. */
export const verboseFlags = {
  verbose: Flags.boolean({ description: "say what gantry cannot do on the hosts once per resource, not grouped" }),
};

export const stackFlags = {
  stack: Flags.string({
    description: "a CDKTF app (a directory holding cdktf.json): the stack to work on (required with several stacks)",
  }),
};

export const planFlags = {
  target: Flags.string({
    description: "limit to this resource address and what it depends on (repeatable)",
    multiple: true,
    multipleNonGreedy: true,
  }),
  replace: Flags.string({
    description: "plan to replace this instance (repeatable)",
    multiple: true,
    multipleNonGreedy: true,
  }),
  refresh: Flags.boolean({
    description: "read what really exists before planning (-refresh=false to skip)",
    default: true,
    allowNo: true,
  }),
  "replace-host": Flags.string({
    description:
      "mark this cluster host failed and place its nodes on the remaining hosts under the same policies (repeatable)",
    multiple: true,
    multipleNonGreedy: true,
  }),
  "refresh-only": Flags.boolean({ description: "only record what changed outside gantry; plan no changes" }),
  parallelism: Flags.integer({ description: "how many operations run at once", default: 10, min: 1 }),
  "host-parallelism": Flags.integer({
    description: "at most this many operations at once on one host (default: no limit)",
    min: 1,
  }),
};

export { parseDuration } from "./duration.js";

export abstract class GantryCommand extends Command {
  protected style: Style = makeStyle(false);
  /** Where errors are resolved to source lines (the engine's "configuration" events update it). */
  protected errors: ErrorContext = { dir: process.cwd() };

  protected setColor(noColor: boolean): void {
    this.style = makeStyle(!noColor && !!process.stdout.isTTY && !process.env.NO_COLOR);
  }

  /** A renderer of engine events for this command; it keeps the error context current. */
  protected async renderer(json = false, verbose = false): Promise<import("./event-renderer.js").EventRenderer> {
    const { EventRenderer } = await import("./event-renderer.js");
    return new EventRenderer(this.style, json, (t) => this.out(t), this.errors, verbose);
  }

  /** The engine this command runs on (one per command). */
  protected async engine(): Promise<import("../engine/engine.js").Engine> {
    const [{ Engine }, { limitHeapGrowth }] = await Promise.all([
      import("../engine/engine.js"),
      import("./heap-growth.js"),
    ]);
    limitHeapGrowth();
    return new Engine();
  }

  protected out(text: string): void {
    process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  protected async printDiagnostics(diags: Diagnostic[]): Promise<void> {
    const { writeDiagnostics } = await import("./write-diagnostics.js");
    writeDiagnostics(diags, this.errors, this.style);
  }

  override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (err instanceof GantryError) {
      await this.printDiagnostics(err.diagnostics);
      process.exitCode = 1;
      return;
    }
    if (err.oclif?.exit !== undefined) return super.catch(err);
    process.stderr.write(
      this.style.red(this.style.bold("Error: ")) +
        (err.stack && process.env.GANTRY_DEBUG ? err.stack : err.message) +
        "\n",
    );
    process.exitCode = 1;
    return;
  }
}
