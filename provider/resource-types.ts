// The resource types an engine knows, keyed by canonical short name ("file").
// An engine owns one registry: gantry's built-in types, plus any it is given.

import type { ResourceType } from "../contract/resource-type.js";
import { chronosJobType } from "./types/chronos-job.js";
import { clusterType } from "./types/cluster.js";
import { commandType } from "./types/command.js";
import { fileType } from "./types/file.js";
import { haproxyConfigType } from "./types/haproxy-config.js";
import { hostType } from "./types/host.js";
import { marathonAppType } from "./types/marathon-app.js";
import { noopType } from "./types/noop.js";
import { packageType } from "./types/package.js";
import { serviceType } from "./types/service.js";

/** gantry's own resource types. */
export const BUILTIN_RESOURCE_TYPES: readonly ResourceType[] = [
  hostType,
  noopType,
  fileType,
  commandType,
  serviceType,
  packageType,
  clusterType,
  marathonAppType,
  chronosJobType,
  haproxyConfigType,
];

export class ResourceTypeRegistry {
  private readonly types = new Map<string, ResourceType>();

  constructor(types: Iterable<ResourceType> = BUILTIN_RESOURCE_TYPES) {
    for (const t of types) this.register(t);
  }

  /** Registers (or replaces) a resource type under its name. */
  register(t: ResourceType): void {
    if (!t.name || t.name.startsWith("gantry_")) {
      throw new Error(`resource type name must be a short name without the "gantry_" prefix (got "${t.name}")`);
    }
    this.types.set(t.name, t);
  }

  /** The type for a canonical short name ("file"); a "gantry_" prefix is tolerated. */
  get(name: string): ResourceType | undefined {
    return (
      this.types.get(name) ?? (name.startsWith("gantry_") ? this.types.get(name.slice("gantry_".length)) : undefined)
    );
  }

  /** Every registered type. */
  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** Registered type names, sorted. */
  names(): string[] {
    return [...this.types.keys()].sort();
  }
}
