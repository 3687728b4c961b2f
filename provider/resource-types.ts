// The resource types an engine knows, keyed by full name ("gantry_file").
// An engine owns one registry: gantry's built-in types, plus any it is given.

import type { DataSourceType, ResourceType } from "../contract/resource-type.js";
import { fileDataSource } from "./data-sources/file.js";
import { remoteStateDataSource } from "./data-sources/remote-state.js";
import { KNOWN_PROVIDERS, providerOfType } from "../contract/type-names.js";
import { chronosJobType } from "./types/chronos-job.js";
import { clusterType } from "./types/cluster.js";
import { commandType } from "./types/command.js";
import { fileType } from "./types/file.js";
import { haproxyConfigType } from "./types/haproxy-config.js";
import { heatDelayType } from "./types/heat/heat-delay.js";
import { heatNestedStackType } from "./types/heat/heat-nested-stack.js";
import { heatNoneType } from "./types/heat/heat-none.js";
import { heatRandomStringType } from "./types/heat/heat-random-string.js";
import { heatSoftwareConfigType, heatStructuredConfigType } from "./types/heat/heat-software-config.js";
import { heatTestResourceType } from "./types/heat/heat-test-resource.js";
import { heatValueType } from "./types/heat/heat-value.js";
import { heatWaitConditionType } from "./types/heat/heat-wait-condition.js";
import { heatWaitConditionHandleType } from "./types/heat/heat-wait-condition-handle.js";
import { hostType } from "./types/host.js";
import { marathonAppType } from "./types/marathon-app.js";
import { noopType } from "./types/noop.js";
import { nullResourceType } from "./types/null-resource.js";
import { packageType } from "./types/package.js";
import { serviceType } from "./types/service.js";
import { terraformDataType } from "./types/terraform-data.js";

/** gantry's own resource types, the null and terraform providers' and Heat's (OS::Heat::RandomString …). */
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
  terraformDataType,
  nullResourceType,
  heatNoneType,
  heatTestResourceType,
  heatRandomStringType,
  heatValueType,
  heatDelayType,
  heatSoftwareConfigType,
  heatStructuredConfigType,
  heatNestedStackType,
  heatWaitConditionHandleType,
  heatWaitConditionType,
];

/** gantry's data sources, and Terraform's built-in terraform_remote_state. */
export const BUILTIN_DATA_SOURCES: readonly DataSourceType[] = [fileDataSource, remoteStateDataSource];

export class ResourceTypeRegistry {
  private readonly types = new Map<string, ResourceType>();

  constructor(types: Iterable<ResourceType> = BUILTIN_RESOURCE_TYPES) {
    for (const t of types) this.register(t);
  }

  /** Registers (or replaces) a resource type under its name. */
  register(t: ResourceType): void {
    if (!providerOfType(t.name)) {
      throw new Error(
        `resource type name must start with its provider's name (${KNOWN_PROVIDERS.join(", ")}) and "_",` +
          ` e.g. "gantry_file" (got "${t.name}")`,
      );
    }
    this.types.set(t.name, t);
  }

  /** The type of a full name ("gantry_file"). */
  get(name: string): ResourceType | undefined {
    return this.types.get(name);
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
