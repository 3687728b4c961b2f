// What every gantry/pulumi resource class shares: its provider, its type
// token (pulumi-nodejs:dynamic/gantry:<Class>), and the inputs it hands the
// provider: the resource's own (a Host given where a host is wanted becomes
// its attributes) and the meta `__gantry` (its name, the program's directory
// and gantry's data directory there, and which inputs are secrets, so the
// provider hides them in whatever it logs or reports).

import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** The module of gantry's type tokens: pulumi-nodejs:dynamic/gantry:File. */
export const GANTRY_MODULE = "gantry";
/** The input carrying the meta (runtime/resource-meta.ts reads it). */
export const META_KEY = "__gantry";

/** A host's attributes as host-bound types take them (a Host resource's outputs). */
export interface HostAttributes {
  name: string;
  driver: string;
  address: string;
  root: string;
  options?: { [key: string]: unknown };
  id?: string;
}

/** Where a host-bound resource acts: a gantry Host resource, or a host's attributes. */
export type HostInput = GantryResource | pulumi.Input<HostAttributes>;

/** Pulumi's type token of a gantry class ("File" → "pulumi-nodejs:dynamic/gantry:File"). */
export function typeToken(className: string): string {
  return `pulumi-nodejs:dynamic/${GANTRY_MODULE}:${className}`;
}

export abstract class GantryResource extends pulumi.dynamic.Resource {
  /** gantry's resource type ("gantry_file"). */
  readonly gantryType: string;

  /**
   * `outputs`: every output's name (Pulumi registers only the properties it is given); `secretOutputs`: those
   * always kept secret.
   */
  protected constructor(
    provider: pulumi.dynamic.ResourceProvider,
    gantryType: string,
    className: string,
    name: string,
    args: object,
    outputs: readonly string[],
    secretOutputs: readonly string[],
    opts?: pulumi.CustomResourceOptions,
  ) {
    const options: pulumi.CustomResourceOptions = secretOutputs.length
      ? { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs] }
      : (opts ?? {});
    super(
      provider,
      name,
      gantryInputs(name, args as Record<string, unknown>, outputs),
      options,
      GANTRY_MODULE,
      className,
    );
    this.gantryType = gantryType;
  }

  /** A host's attributes, as a host-bound resource's `host` takes them (for a Host resource). */
  hostAttributes(): pulumi.Output<HostAttributes> {
    const o = this as unknown as Record<string, pulumi.Output<unknown>>;
    return pulumi.output({
      name: o.name,
      driver: o.driver,
      address: o.address,
      root: o.root,
      options: o.options,
      id: this.id,
    }) as unknown as pulumi.Output<HostAttributes>;
  }
}

/** The property bag a class registers: every output (unset), the inputs, the meta. */
export function gantryInputs(name: string, args: Record<string, unknown>, outputs: readonly string[]): pulumi.Inputs {
  const props: Record<string, unknown> = {};
  for (const k of outputs) props[k] = undefined;
  for (const [k, v] of Object.entries(args ?? {})) {
    props[k] = v instanceof GantryResource && v.gantryType === "gantry_host" ? v.hostAttributes() : v;
  }
  const config = new pulumi.Config(GANTRY_MODULE);
  const configDir = process.cwd();
  props[META_KEY] = {
    name,
    configDir,
    dataDir: resolve(configDir, config.get("dataDir") ?? ".gantry"),
    secrets: secretInputs(args ?? {}),
  };
  return props;
}

/** The inputs that are secrets (or hold one), by name. */
async function secretInputs(args: Record<string, unknown>): Promise<string[]> {
  const found = await Promise.all(
    Object.entries(args).map(async ([k, v]) => {
      if (v === undefined || v === null || v instanceof GantryResource) return undefined;
      const secret = await (pulumi.output(v) as unknown as { isSecret: Promise<boolean> }).isSecret;
      return secret ? k : undefined;
    }),
  );
  return found.filter((k): k is string => k !== undefined);
}
