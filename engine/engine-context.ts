// What every engine operation is given: the engine's own resource types,
// provisioners and host drivers. Operations take it as an argument; nothing is process-wide.

import type { AttributeChecker } from "../contract/attribute-check.js";
import type { Provisioner } from "../contract/provisioner.js";
import type { DataSourceType, ResourceType } from "../contract/resource-type.js";
import type { HostConnections } from "../provider/hosts/host-connections.js";
import type { ResourceTypeRegistry } from "../provider/resource-types.js";

export interface EngineContext {
  readonly types: ResourceTypeRegistry;
  readonly hosts: HostConnections;
  readonly resolveType: (name: string) => ResourceType | undefined;
  /** The engine's data sources (gantry's and terraform_remote_state). */
  readonly resolveDataSource: (name: string) => DataSourceType | undefined;
  readonly resolveProvisioner: (name: string) => Provisioner | undefined;
  readonly attributeChecker: () => AttributeChecker;
}
