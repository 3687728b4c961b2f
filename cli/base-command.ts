// What every gantry command shares: flags Terraform users know, located
// error output, colors and exit codes.

import { Command } from "@oclif/core/command";
import * as Flags from "@oclif/core/flags";
import * as Args from "@oclif/core/args";
import { GantryError, type Diagnostic } from "../contract/diagnostics.js";
import type { SourceFile } from "../planner/model.js";
import { makeStyle, type Style } from "./style.js";

export const dirArg = { dir: Args.string({ description: "configuration directory", default: "." }) };

export const commonFlags = {
  "no-color": Flags.boolean({ description: "plain output without colors" }),
};

export const stateFlags = {
  state: Flags.string({ description: "path of the state file (default: <dir>/gantry.tfstate)" }),
  "lock-timeout": Flags.string({ description: "how long to wait for the state lock, e.g. 30s (default: fail at once)", default: "0s" }),
};

export const varFlags = {
  var: Flags.string({ description: "set a variable: -var 'name=value' (repeatable)", multiple: true, multipleNonGreedy: true }),
  "var-file": Flags.string({ description: "read variable values from a file (repeatable)", multiple: true, multipleNonGreedy: true }),
};

export const planFlags = {
  target: Flags.string({ description: "limit to this resource address and what it depends on (repeatable)", multiple: true, multipleNonGreedy: true }),
  replace: Flags.string({ description: "plan to replace this instance (repeatable)", multiple: true, multipleNonGreedy: true }),
  refresh: Flags.boolean({ description: "read what really exists before planning (-refresh=false to skip)", default: true, allowNo: true }),
  "refresh-only": Flags.boolean({ description: "only record what changed outside gantry; plan no changes" }),
  parallelism: Flags.integer({ description: "how many operations run at once", default: 10, min: 1 }),
  "host-parallelism": Flags.integer({ description: "at most this many operations at once on one host (default: no limit)", min: 1 }),
};

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new GantryError(`invalid duration "${text}": expected e.g. 500ms, 30s, 5m`);
  const n = Number(m[1]);
  return n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"] ?? 1000);
}

export abstract class GantryCommand extends Command {
  protected style: Style = makeStyle(false);
  protected errorDir = process.cwd();
  protected errorSources: SourceFile[] | undefined;

  protected setColor(noColor: boolean): void {
    this.style = makeStyle(!noColor && !!process.stdout.isTTY && !process.env.NO_COLOR);
  }

  protected io(): { style: Style; out(text: string): void; setErrorContext(dir: string, sources?: SourceFile[]): void; warnings(d: Diagnostic[]): Promise<void> } {
    return {
      style: this.style,
      out: (t) => this.out(t),
      warnings: (d) => this.printDiagnostics(d),
      setErrorContext: (dir, sources) => {
        this.errorDir = dir;
        this.errorSources = sources;
      },
    };
  }

  protected out(text: string): void {
    process.stdout.write(text.endsWith("\n") ? text : text + "\n");
  }

  protected async printDiagnostics(diags: Diagnostic[]): Promise<void> {
    const { formatDiagnostic } = await import("../templates/locate.js");
    const color = this.style.bold("x") !== "x";
    for (const d of diags) process.stderr.write(formatDiagnostic(d, this.errorDir, color, this.errorSources) + "\n");
  }

  override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (err instanceof GantryError) {
      await this.printDiagnostics(err.diagnostics);
      process.exitCode = 1;
      return;
    }
    if (err.oclif?.exit !== undefined) return super.catch(err);
    process.stderr.write(this.style.red(this.style.bold("Error: ")) + (err.stack && process.env.GANTRY_DEBUG ? err.stack : err.message) + "\n");
    process.exitCode = 1;
    return;
  }
}
