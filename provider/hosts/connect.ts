// Choosing and caching host drivers. Resource types reach a host only through
// connectHost(spec).

import type { HostDriver, HostSpec } from "../host-driver.js";
import { LocalDriver } from "./local-driver.js";
import { SimDriver } from "./sim-driver.js";

type DriverFactory = (spec: HostSpec) => HostDriver;

const factories = new Map<string, DriverFactory>([
  ["local", (spec) => new LocalDriver(spec)],
  ["sim", (spec) => new SimDriver(spec)],
]);

const cache = new Map<string, HostDriver>();

/** Names of the host drivers connectHost knows. */
export function knownDrivers(): string[] {
  return [...factories.keys()];
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/**
 * The driver for a host. Drivers are cached per name, driver, root, address
 * and options, so every resource on a host shares one driver object.
 */
export function connectHost(spec: HostSpec): HostDriver {
  for (const field of ["name", "driver", "address", "root"] as const) {
    if (typeof spec[field] !== "string" || spec[field].length === 0) {
      throw new Error(`host ${JSON.stringify(spec.name ?? "?")}: "${field}" must be a non-empty string`);
    }
  }
  const factory = factories.get(spec.driver);
  if (!factory) {
    throw new Error(
      `host "${spec.name}": unknown host driver "${spec.driver}" (known drivers: ${knownDrivers().join(", ")})`,
    );
  }
  const key = [spec.driver, spec.name, spec.root, spec.address, stableJson(spec.options ?? {})].join("\0");
  let driver = cache.get(key);
  if (!driver) {
    driver = factory({ ...spec, options: spec.options ? { ...spec.options } : undefined });
    cache.set(key, driver);
  }
  return driver;
}

/** Forgets every cached driver (tests). */
export function clearHostCache(): void {
  cache.clear();
}
