// Fixture directories for template tests.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { GantryError, type Diagnostic } from "../../contract/diagnostics.js";

/** Write files into a fresh temporary directory and return its path. */
export function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "gantry-templates-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Run fn, expect a GantryError, return its diagnostics. */
export async function diagnosticsOf(fn: () => unknown): Promise<Diagnostic[]> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof GantryError) return e.diagnostics;
    throw e;
  }
  throw new Error("expected a GantryError");
}

/** Strip a string's common leading indentation (for readable YAML fixtures). */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}
