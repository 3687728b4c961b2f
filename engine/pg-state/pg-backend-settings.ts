// The settings of the pg backend (Terraform's: conn_str, schema_name, skip_schema_creation), gathered from where a
// user may give them: `-backend-config KEY=VALUE` (on the command line, or recorded by `gantry init`), the
// configuration's `terraform { backend "pg" { … } }` block (HCL, .tf.json or YAML), then GANTRY_PG_CONN (or
// Terraform's PG_CONN_STR) for conn_str. Earlier sources win, setting by setting.

import { GantryError } from "../../contract/diagnostics.js";

export const DEFAULT_SCHEMA_NAME = "terraform_remote_state";
export const CONN_ENV_VARS = ["GANTRY_PG_CONN", "PG_CONN_STR"] as const;

export interface PgBackendSettings {
  connStr: string;
  schemaName: string;
  skipSchemaCreation: boolean;
  /** Where conn_str came from, for messages ("-backend-config", "backend \"pg\" in main.tf", "GANTRY_PG_CONN"). */
  connSource: string;
}

/** `-backend-config KEY=VALUE` arguments as settings; a malformed one is an error naming it. */
export function parseBackendConfigArgs(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const eq = a.indexOf("=");
    if (eq <= 0)
      throw new GantryError({
        severity: "error",
        summary: `Invalid -backend-config value ${JSON.stringify(a)}`,
        detail: "gantry takes -backend-config KEY=VALUE, e.g. -backend-config conn_str=postgres://user@host/db",
      });
    out[a.slice(0, eq).trim()] = a.slice(eq + 1);
  }
  return out;
}

const KNOWN = new Set(["conn_str", "schema_name", "skip_schema_creation"]);

/**
 * The pg backend's settings from `given` (-backend-config), the configuration's block (`block`, unchecked values as
 * written) and the environment; throws naming the setting when conn_str is missing or a value is of the wrong kind.
 */
export function pgBackendSettings(
  given: Record<string, string>,
  block: { settings: Record<string, unknown>; file: string } | undefined,
  env: Record<string, string | undefined>,
): PgBackendSettings {
  for (const k of Object.keys(given))
    if (!KNOWN.has(k))
      throw new GantryError({
        severity: "error",
        summary: `-backend-config ${k}: the pg backend has no setting "${k}"`,
        detail: "Its settings are conn_str, schema_name and skip_schema_creation.",
      });
  const blockString = (k: string): string | undefined => {
    const v = block?.settings[k];
    if (v === undefined) return undefined;
    if (typeof v !== "string")
      throw new GantryError(`backend "pg" in ${block!.file}: ${k} must be a string, got ${JSON.stringify(v)}`);
    return v;
  };
  let connStr: string | undefined;
  let connSource = "";
  if (given.conn_str !== undefined) [connStr, connSource] = [given.conn_str, "-backend-config conn_str"];
  else if (blockString("conn_str") !== undefined)
    [connStr, connSource] = [blockString("conn_str"), `conn_str of backend "pg" in ${block!.file}`];
  else
    for (const v of CONN_ENV_VARS)
      if (env[v]) {
        [connStr, connSource] = [env[v], v];
        break;
      }
  if (!connStr)
    throw new GantryError({
      severity: "error",
      summary: 'backend "pg": no conn_str',
      detail:
        'Give the PostgreSQL connection string as conn_str in the backend "pg" block, with -backend-config ' +
        "conn_str=postgres://user@host/db, or in GANTRY_PG_CONN.",
    });
  if (!/^postgres(ql)?:\/\//i.test(connStr) && !/(^|\s)(host|dbname|user)=/.test(connStr))
    throw new GantryError({
      severity: "error",
      summary: `backend "pg": conn_str (from ${connSource}) is not a PostgreSQL connection string`,
      detail: `Got ${JSON.stringify(redactConnStr(connStr))}; expected postgres://user:password@host:port/database.`,
    });
  const skip: unknown = given.skip_schema_creation ?? block?.settings.skip_schema_creation;
  if (skip !== undefined && typeof skip !== "boolean" && skip !== "true" && skip !== "false")
    throw new GantryError(`backend "pg": skip_schema_creation must be true or false, got ${JSON.stringify(skip)}`);
  const schemaName = given.schema_name ?? blockString("schema_name") ?? DEFAULT_SCHEMA_NAME;
  if (!schemaName) throw new GantryError('backend "pg": schema_name must not be empty');
  return { connStr, connSource, schemaName, skipSchemaCreation: skip === true || skip === "true" };
}

/** The connection string with its password replaced by "***" (for messages). */
export function redactConnStr(connStr: string): string {
  return connStr.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, "$1***@").replace(/(password=)\S+/gi, "$1***");
}
