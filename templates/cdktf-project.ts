// A CDKTF project: a directory holding cdktf.json, read as cdktf-cli reads it
// (`app`: the command that synthesizes; `output`: where, default cdktf.out;
// `context`: values handed to the app; `terraformModules`).

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GantryError } from "../contract/diagnostics.js";

export const CDKTF_CONFIG_FILE = "cdktf.json";
/** cdktf-cli's default `output`. */
export const CDKTF_DEFAULT_OUTPUT = "cdktf.out";

export interface CdktfProject {
  /** The directory holding cdktf.json; the app runs here. */
  dir: string;
  /** The command that synthesizes the app (cdktf.json `app`). */
  app: string;
  /** Where the app writes manifest.json and stacks/, as written in cdktf.json (relative to dir). */
  output: string;
  /** cdktf.json `context`, when given. */
  context?: Record<string, unknown>;
  /** cdktf.json `terraformModules`: names or { source, ... } constraints. */
  terraformModules: (string | { source: string })[];
}

export function isCdktfProject(dir: string): boolean {
  return existsSync(join(resolve(dir), CDKTF_CONFIG_FILE));
}

export function readCdktfProject(dir: string): CdktfProject {
  const root = resolve(dir);
  const file = join(root, CDKTF_CONFIG_FILE);
  if (!existsSync(file)) {
    throw new GantryError(`${root} holds no ${CDKTF_CONFIG_FILE}: it is not a CDKTF app`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new GantryError({
      severity: "error",
      summary: `${CDKTF_CONFIG_FILE} is not valid JSON: ${(e as Error).message}`,
      origin: { file, path: [] },
    });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new GantryError({
      severity: "error",
      summary: `${CDKTF_CONFIG_FILE} is malformed: the root must be a JSON object`,
      origin: { file, path: [] },
    });
  }
  const cfg = parsed as Record<string, unknown>;
  const field = (name: string, ok: boolean, want: string) => {
    if (!ok)
      throw new GantryError({
        severity: "error",
        summary: `${CDKTF_CONFIG_FILE}: "${name}" must be ${want}`,
        origin: { file, path: [name] },
      });
  };
  field("app", typeof cfg.app === "string" && cfg.app.trim() !== "", "the command that synthesizes the app");
  field("output", cfg.output === undefined || typeof cfg.output === "string", "a directory");
  const context = cfg.context;
  field("context", context === undefined || (typeof context === "object" && context !== null), "an object");
  field("terraformModules", cfg.terraformModules === undefined || Array.isArray(cfg.terraformModules), "a list");
  return {
    dir: root,
    app: cfg.app as string,
    output: (cfg.output as string | undefined) || CDKTF_DEFAULT_OUTPUT,
    context: context as Record<string, unknown> | undefined,
    terraformModules: (cfg.terraformModules as CdktfProject["terraformModules"] | undefined) ?? [],
  };
}
