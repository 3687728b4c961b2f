// What a gantry/pulumi resource class tells its provider besides the
// resource's attributes, under the input `__gantry` (Pulumi hands a dynamic
// provider only the inputs): the resource's name, where gantry keeps working
// data and resolves relative paths, and which inputs are secrets. The
// provider returns it among the outputs, so read, update and delete see it.

import { resolve } from "node:path";

/** The input and output that carries the meta (the resource classes write the same name). */
export const META_KEY = "__gantry";
/** The input Pulumi's SDK adds: the serialized provider. */
export const PROVIDER_KEY = "__provider";

export interface ResourceMeta {
  /** The Pulumi resource's name (a gantry instance name: "web"). */
  name: string;
  /** gantry's working data: local host roots, address claims (default <configDir>/.gantry). */
  dataDir: string;
  /** Where relative paths (templates) resolve: the Pulumi program's directory. */
  configDir: string;
  /** The inputs (Pulumi names) that are secrets. */
  secrets: string[];
}

/** The meta of a property bag (defaults: the process's directory, no secrets). */
export function readMeta(props: Record<string, unknown>, fallbackName = "resource"): ResourceMeta {
  const m = (props[META_KEY] ?? {}) as Partial<Record<keyof ResourceMeta, unknown>>;
  const configDir = typeof m.configDir === "string" && m.configDir ? m.configDir : process.cwd();
  return {
    name: typeof m.name === "string" && m.name ? m.name : fallbackName,
    configDir,
    dataDir: typeof m.dataDir === "string" && m.dataDir ? resolve(configDir, m.dataDir) : resolve(configDir, ".gantry"),
    secrets: Array.isArray(m.secrets) ? m.secrets.filter((s): s is string => typeof s === "string") : [],
  };
}

/** The properties of a bag that are the resource's own (not the meta nor the serialized provider). */
export function ownProperties(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (k !== META_KEY && k !== PROVIDER_KEY) out[k] = v;
  return out;
}
