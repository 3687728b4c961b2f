// The context handed to a resource type for one operation on one instance.

import type { HostConnector } from "../contract/host-driver.js";
import type { HostLimitation } from "../contract/host-limitation.js";
import type { InstanceInfo, OperationContext } from "../contract/resource-type.js";
import type { InstanceKey } from "./addresses.js";

export interface InstanceRef {
  address: string;
  name: string;
  key?: InstanceKey;
}

export function instanceInfo(i: InstanceRef, dataDir: string, configDir: string, stackName?: string): InstanceInfo {
  // "." cannot appear in a resource name, so "web.0" (web[0]) never meets another resource's name
  const name = i.key === undefined ? i.name : `${i.name}.${String(i.key).replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return stackName === undefined
    ? { address: i.address, name, dataDir, configDir }
    : { address: i.address, name, dataDir, configDir, stackName };
}

/** What a type said during one change: warnings, and what it could not do on its host. */
export interface TypeNotes {
  warnings: string[];
  limitations: HostLimitation[];
}

export function operationContext(
  info: InstanceInfo,
  signal: AbortSignal,
  log: (address: string, message: string) => void,
  notes: TypeNotes,
  hosts: HostConnector,
  identified?: (address: string, id: string) => void,
): OperationContext {
  const { warnings, limitations } = notes;
  // explicit fields: a spread here gives every context its own hidden class (slow, and heavy at 100,000 instances)
  return {
    address: info.address,
    name: info.name,
    dataDir: info.dataDir,
    configDir: info.configDir,
    stackName: info.stackName,
    signal,
    hosts,
    log: (m) => log(info.address, m),
    warn: (m) => {
      if (!warnings.includes(m)) warnings.push(m);
    },
    identified: (id) => identified?.(info.address, id),
    limited: (l) => {
      const same = (o: HostLimitation) => JSON.stringify(o) === JSON.stringify(l);
      if (!limitations.some(same)) limitations.push(l);
    },
  };
}
