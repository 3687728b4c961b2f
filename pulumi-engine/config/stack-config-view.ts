// What `pulumi config` and `pulumi config get` show (pkg/cmd/pulumi/config/config.go listConfig, getConfig): the
// stack's values with the project's values and defaults merged in, unchecked (Pulumi's ApplyProjectConfig);
//   - the list: keys sorted by namespace then name, the project's shown without their namespace, in a KEY/VALUE table
//     (columns padded to the widest, two spaces between, the last not padded); secrets shown as [secret] unless
//     asked, which needs the passphrase only then; with --json, a map of `namespace:name` to {value, objectValue,
//     secret}, a secret's value left out unless shown;
//   - one value: its text (a string as it is, anything else as JSON), decrypted; with a path, the value inside a
//     structured one; with --json, {value, objectValue, secret}.

import { GantryError } from "../../contract/diagnostics.js";
import { type PropertyValue, Secret } from "../plugins/property-value.js";
import { type ConfigKey, formatConfigKey } from "./config-key.js";
import { getConfigPath, parseConfigKeyArgument } from "./config-key-path.js";
import { configText, StackConfiguration } from "./stack-configuration.js";

export interface StackConfigViewOptions {
  /** The project directory. */
  dir: string;
  stack: string;
  env?: NodeJS.ProcessEnv;
  passphrase?: string;
}

/** One key as shown. */
export interface ConfigShown {
  key: ConfigKey;
  /** The text shown: decrypted, or with `[secret]` for each secret when they are not shown. */
  text: string;
  secret: boolean;
  /** A list or map (shown as JSON, given as objectValue in JSON output). */
  object: boolean;
}

const compareKeys = (a: ConfigKey, b: ConfigKey) =>
  a.namespace === b.namespace ? compareText(a.name, b.name) : compareText(a.namespace, b.namespace);

/** Go's strings.Compare (byte order). */
function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** `pulumi config`: every key of the stack (and of the project), sorted. */
export async function listStackConfig(
  opts: StackConfigViewOptions & { showSecrets?: boolean },
): Promise<{ project: string; values: ConfigShown[] }> {
  const cfg = await StackConfiguration.load({ ...opts, validate: false, blindSecrets: !opts.showSecrets });
  const values = [...cfg.values.values()]
    .map((v) => ({ key: v.key, text: v.text, secret: v.secret, object: v.object }))
    .sort((a, b) => compareKeys(a.key, b.key));
  return { project: cfg.project.name, values };
}

/** Pulumi's PrettyKey: a key of the project without its namespace. */
export function prettyConfigKey(project: string, key: ConfigKey): string {
  return key.namespace === project ? key.name : formatConfigKey(key);
}

/** The list as Pulumi's table. */
export function renderConfigTable(project: string, values: ConfigShown[]): string {
  const rows = [["KEY", "VALUE"], ...values.map((v) => [prettyConfigKey(project, v.key), v.text])];
  // a value of several lines takes several rows, as Pulumi's table does
  const lines = rows.flatMap(([k, v]) => {
    const ks = k.split("\n");
    const vs = v.split("\n");
    return Array.from({ length: Math.max(ks.length, vs.length) }, (_, i) => [ks[i] ?? "", vs[i] ?? ""]);
  });
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(width)}  ${v}\n`).join("");
}

/** One entry of Pulumi's configValueJSON. */
function jsonEntry(v: ConfigShown, show: boolean): Record<string, unknown> {
  if (v.secret && !show) return { secret: true };
  return { value: v.text, ...(v.object ? { objectValue: JSON.parse(v.text) as unknown } : {}), secret: v.secret };
}

/** Go's encoder escapes U+2028 and U+2029 (and, with HTML escaping, <, > and &). */
function goEscapes(text: string, html: boolean): string {
  const chars = html ? /[<>&\u2028\u2029]/g : /[\u2028\u2029]/g;
  return text.replace(chars, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `pulumi config --json`: a map of `namespace:name` (sorted) to its entry. */
export function configListJson(values: ConfigShown[], showSecrets: boolean): string {
  const out: Record<string, unknown> = {};
  for (const v of [...values].sort((a, b) => compareText(formatConfigKey(a.key), formatConfigKey(b.key))))
    out[formatConfigKey(v.key)] = jsonEntry(v, showSecrets);
  return `${goEscapes(JSON.stringify(out, null, 2), false)}\n`;
}

/** `pulumi config get --json`: one entry (Go's MarshalIndent, HTML escaped). */
export function configGetJson(v: ConfigShown): string {
  return `${goEscapes(JSON.stringify(jsonEntry(v, true), null, 2), true)}\n`;
}

const holdsSecret = (v: PropertyValue): boolean =>
  v instanceof Secret ||
  (Array.isArray(v) ? v.some(holdsSecret) : v !== null && typeof v === "object" && Object.values(v).some(holdsSecret));

/**
 * `pulumi config get [--path] KEY`: the value, decrypted (the passphrase is needed only for a secret). Throws
 * Pulumi's "configuration key '...' not found for stack '...'" for a key (or path) that is not set.
 */
export async function getStackConfigValue(
  opts: StackConfigViewOptions & { key: string; path?: boolean },
): Promise<ConfigShown> {
  const blind = await StackConfiguration.load({ ...opts, validate: false, blindSecrets: true });
  const project = blind.project.name;
  let parsed: ReturnType<typeof parseConfigKeyArgument>;
  try {
    parsed = parseConfigKeyArgument(project, opts.key, opts.path ?? false);
  } catch (e) {
    throw new GantryError(`invalid configuration key: ${(e as Error).message}`);
  }
  const notFound = () => {
    const shown = parseConfigKeyArgument(project, opts.key, false).key;
    return new GantryError(
      `configuration key '${prettyConfigKey(project, shown)}' not found for stack '${opts.stack}'`,
    );
  };
  const canonical = formatConfigKey(parsed.key);
  const blinded = blind.values.get(canonical);
  if (!blinded) throw notFound();
  // decrypt only what is asked for, and only when it is a secret
  const cfg = blinded.secret ? await StackConfiguration.load({ ...opts, validate: false }) : blind;
  const whole = cfg.values.get(canonical);
  if (!whole) throw notFound();
  if (!parsed.path || parsed.path.length === 1)
    return { key: parsed.key, text: whole.text, secret: whole.secret, object: whole.object };
  const leaf = (v: PropertyValue) => v instanceof Secret;
  // a value set as a string holding JSON is looked into too, as Pulumi unmarshals the value's object
  const root = whole.object || typeof whole.value !== "string" ? whole.value : parseJson(whole.value);
  const at = getConfigPath<PropertyValue>(root, parsed.path.slice(1), leaf);
  if (at === undefined) throw notFound();
  const inner = at instanceof Secret ? at.value : at;
  return {
    key: parsed.key,
    text: configText(at),
    secret: holdsSecret(at),
    object: inner !== null && typeof inner === "object",
  };
}

function parseJson(text: string): PropertyValue {
  try {
    return JSON.parse(text) as PropertyValue;
  } catch {
    return text;
  }
}
