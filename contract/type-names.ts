// Resource type names. The canonical name is Terraform's: the provider's name,
// "_", then the type ("gantry_noop", "null_resource", "terraform_data"). It is
// the name in the registry, the config model, plans, state and every message.
// YAML may write gantry's own types without their prefix ("noop" is
// "gantry_noop"); fullTypeName is that rule.

import { BUILTIN_PROVIDERS } from "./built-in-providers.js";

/** Providers whose types gantry knows; a type's provider is the part of its name before the first "_". */
export const KNOWN_PROVIDERS: readonly string[] = BUILTIN_PROVIDERS.map((p) => p.localName);

/** The provider a type name starts with ("gantry_noop" → "gantry"); undefined when it names no known provider. */
export function providerOfType(type: string): string | undefined {
  const i = type.indexOf("_");
  const p = i > 0 ? type.slice(0, i) : undefined;
  return p !== undefined && KNOWN_PROVIDERS.includes(p) ? p : undefined;
}

/** YAML's short names: "noop" → "gantry_noop", "chronos_job" → "gantry_chronos_job"; full names as written. */
export function fullTypeName(type: string): string {
  return providerOfType(type) ? type : `gantry_${type}`;
}

/** The full form of a "type.name..." address or reference text whose type may be short. */
export function fullAddress(address: string): string {
  const dot = address.indexOf(".");
  return dot < 0 ? address : fullTypeName(address.slice(0, dot)) + address.slice(dot);
}
