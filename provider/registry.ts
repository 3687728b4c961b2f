// The registry of resource types, keyed by canonical short name ("file").

import type { ResourceType } from "../contract/resource-type.js";
import { clusterType } from "./types/cluster.js";
import { chronosJobType } from "./types/chronos-job.js";
import { commandType } from "./types/command.js";
import { fileType } from "./types/file.js";
import { haproxyConfigType } from "./types/haproxy-config.js";
import { hostType } from "./types/host.js";
import { marathonAppType } from "./types/marathon-app.js";
import { noopType } from "./types/noop.js";
import { packageType } from "./types/package.js";
import { serviceType } from "./types/service.js";

const types = new Map<string, ResourceType>();

/** Registers (or replaces) a resource type under its name. */
export function registerResourceType(t: ResourceType): void {
  if (!t.name || t.name.startsWith("gantry_")) {
    throw new Error(`resource type name must be a short name without the "gantry_" prefix (got "${t.name}")`);
  }
  types.set(t.name, t);
}

/** The type for a canonical short name ("file"); a "gantry_" prefix is tolerated. */
export function getResourceType(name: string): ResourceType | undefined {
  return types.get(name) ?? (name.startsWith("gantry_") ? types.get(name.slice("gantry_".length)) : undefined);
}

/** Registered type names, sorted. */
export function resourceTypeNames(): string[] {
  return [...types.keys()].sort();
}

for (const t of [hostType, noopType, fileType, commandType, serviceType, packageType, clusterType, marathonAppType, chronosJobType, haproxyConfigType]) registerResourceType(t);
