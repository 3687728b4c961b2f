// Resource and instance addresses: "gantry_noop.a", "gantry_noop.a[0]", 'gantry_noop.a["key"]'.

import { fullTypeName } from "../contract/type-names.js";

export type InstanceKey = number | string | undefined;

export function instanceAddress(resourceKey: string, key: InstanceKey): string {
  if (key === undefined) return resourceKey;
  if (typeof key === "number") return `${resourceKey}[${key}]`;
  return `${resourceKey}[${JSON.stringify(key)}]`;
}

export interface ParsedAddress {
  type: string;
  name: string;
  /** "type.name" */
  resourceKey: string;
  key: InstanceKey;
  /** True when the address names one instance ([n] or ["k"]). */
  hasKey: boolean;
}

const ADDRESS = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[(?:(\d+)|"((?:[^"\\]|\\.)*)")\])?$/;

/**
 * Parses an address as users type it (-target, -replace, state commands); returns undefined when malformed. A type
 * without a known provider prefix is short for gantry's ("noop.a" is "gantry_noop.a").
 */
export function parseAddress(text: string): ParsedAddress | undefined {
  const m = ADDRESS.exec(text.trim());
  if (!m) return undefined;
  const type = fullTypeName(m[1]);
  const resourceKey = `${type}.${m[2]}`;
  if (m[3] !== undefined) return { type, name: m[2], resourceKey, key: Number(m[3]), hasKey: true };
  if (m[4] !== undefined)
    return { type, name: m[2], resourceKey, key: JSON.parse(`"${m[4]}"`) as string, hasKey: true };
  return { type, name: m[2], resourceKey, key: undefined, hasKey: false };
}

/** The resource key ("type.name") of an instance address. */
export function resourceKeyOf(address: string): string {
  const i = address.indexOf("[");
  return i < 0 ? address : address.slice(0, i);
}

/** Does `address` fall under `pattern` (a resource key matches all its instances)? */
export function addressMatches(pattern: ParsedAddress, address: string): boolean {
  if (pattern.hasKey) return instanceAddress(pattern.resourceKey, pattern.key) === address;
  return resourceKeyOf(address) === pattern.resourceKey;
}
