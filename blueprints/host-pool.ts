// Host pools: a generated inventory of `count` hosts per driver.

import { isUnknown, typeName, type Value } from "../contract/values.js";
import type { InventoryHost } from "./blueprint.js";

/** The hosts of one pool, named <prefix><n> from 1, addresses counting up from address_start. */
export function hostPoolHosts(v: Value, err: (msg: string, ...path: (string | number)[]) => void): InventoryHost[] {
  if (v === null || typeof v !== "object" || Array.isArray(v) || isUnknown(v)) {
    err(`must be a map { driver, count, prefix, cpus, memory_mb, address_start, racks }, got ${typeName(v)}`);
    return [];
  }
  const p = v as { [k: string]: Value };
  const count = p.count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 65000) {
    err("count must be a whole number from 1 to 65000", "count");
    return [];
  }
  const start = typeof p.address_start === "string" ? p.address_start.split(".").map(Number) : [];
  if (start.length !== 4 || start.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) {
    err("address_start must be an IPv4 address", "address_start");
    return [];
  }
  const base = ((start[0] << 24) >>> 0) + (start[1] << 16) + (start[2] << 8) + start[3];
  const racks = Array.isArray(p.racks) ? p.racks.filter((r): r is string => typeof r === "string") : [];
  const prefix = typeof p.prefix === "string" ? p.prefix : "host-";
  const out: InventoryHost[] = [];
  for (let i = 0; i < count; i++) {
    const a = base + i;
    out.push({
      name: `${prefix}${i + 1}`,
      address: [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join("."),
      driver: typeof p.driver === "string" ? p.driver : "local",
      cpus: typeof p.cpus === "number" ? p.cpus : 1,
      memory_mb: typeof p.memory_mb === "number" ? p.memory_mb : 1024,
      ...(racks.length ? { rack: racks[i % racks.length] } : {}),
      ...(p.options && typeof p.options === "object" && !Array.isArray(p.options)
        ? { options: p.options as Record<string, unknown> }
        : {}),
    });
  }
  return out;
}
