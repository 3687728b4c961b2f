// Which backend keeps a configuration directory's state: the pg backend when the configuration says
// `backend "pg"`, or when no other backend is configured and a conn_str is given (-backend-config, recorded by
// `gantry init -backend-config`, or GANTRY_PG_CONN); otherwise a local file. Read synchronously when a workspace
// opens (the configuration's backend block through templates/local-backend.ts).

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import { configuredBackend } from "../templates/local-backend.js";
import {
  CONN_ENV_VARS,
  parseBackendConfigArgs,
  type PgBackendSettings,
  pgBackendSettings,
} from "./pg-state/pg-backend-settings.js";

/** Where `gantry init -backend-config` records the settings (as Terraform keeps them under .terraform). */
export const RECORDED_BACKEND_CONFIG = join(".gantry", "backend-config.json");

export type BackendChoice = { type: "local"; path?: string } | { type: "pg"; settings: PgBackendSettings };

/** `args`: -backend-config KEY=VALUE given to this command (they win over those init recorded). */
export function chooseBackend(
  dir: string,
  env: Record<string, string | undefined>,
  args: readonly string[] = [],
): BackendChoice {
  const given = { ...recordedBackendConfig(dir), ...parseBackendConfigArgs(args) };
  const block = configuredBackend(dir);
  if (block && block.type !== "pg") {
    if (args.length)
      throw new GantryError(
        `-backend-config applies to the pg backend; the configuration's backend is "${block.type}" (${block.file})`,
      );
    return { type: "local", path: typeof block.settings.path === "string" ? block.settings.path : undefined };
  }
  if (block || given.conn_str !== undefined || CONN_ENV_VARS.some((v) => env[v]))
    return { type: "pg", settings: pgBackendSettings(given, block, env) };
  return { type: "local" };
}

export function recordedBackendConfig(dir: string): Record<string, string> {
  const path = join(dir, RECORDED_BACKEND_CONFIG);
  if (!existsSync(path)) return {};
  try {
    const v = JSON.parse(readFileSync(path, "utf8")) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, string>;
  } catch {
    // rewritten by the next init
  }
  throw new GantryError(`${path} is not what gantry init records; run gantry init -backend-config … again`);
}

/** `gantry init -backend-config …`: records the settings for later commands (readable by the owner only). */
export function recordBackendConfig(dir: string, args: readonly string[]): void {
  const settings = parseBackendConfigArgs(args);
  mkdirSync(join(dir, ".gantry"), { recursive: true });
  const path = join(dir, RECORDED_BACKEND_CONFIG);
  writeFileSync(path, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
