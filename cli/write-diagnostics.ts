// Located diagnostics on standard error, with the source lines they point at.

import type { Diagnostic } from "../contract/diagnostics.js";
import type { SourceFile } from "../planner/model.js";
import { formatDiagnostic, SourceLocator } from "../templates/locate.js";
import type { Style } from "./style.js";

/** Where errors are resolved to source lines (updated as the engine loads the configuration). */
export interface ErrorContext {
  dir: string;
  sources?: SourceFile[];
}

export function writeDiagnostics(diags: Diagnostic[], errors: ErrorContext, style: Style): void {
  const color = style.bold("x") !== "x";
  const locator = new SourceLocator(); // each file read once for the batch
  for (const d of diags) process.stderr.write(`${formatDiagnostic(d, errors.dir, color, errors.sources, locator)}\n`);
}
