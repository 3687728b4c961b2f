// CDKTF apps for tests: a temporary directory holding an app's files and a
// node_modules that resolves what a CDKTF app imports (cdktf, constructs,
// @cdktf/provider-null, tsx and gantry itself, for gantry/cdktf) to this
// checkout's, as an app that installed them would.

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;

export function cdktfApp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-cdktf-"));
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, ".bin"), { recursive: true });
  for (const m of ["cdktf", "constructs", "@cdktf", "tsx"])
    symlinkSync(join(ROOT, "node_modules", m), join(modules, m));
  symlinkSync(ROOT, join(modules, "gantry"));
  symlinkSync(join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(modules, ".bin", "tsx"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** cdktf.json for an app run by `command` (a TypeScript app: `node --import tsx main.ts`). */
export function cdktfJson(command: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ language: "typescript", app: command, ...extra }, null, 2);
}
