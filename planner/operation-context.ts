// The context handed to a resource type for one operation on one instance.

import type { InstanceInfo, OperationContext } from "../provider/resource-type.js";
import type { InstanceKey } from "./addresses.js";

export interface InstanceRef {
  address: string;
  name: string;
  key?: InstanceKey;
}

export function instanceInfo(i: InstanceRef, dataDir: string, configDir: string): InstanceInfo {
  const name = i.key === undefined ? i.name : `${i.name}-${String(i.key).replace(/[^A-Za-z0-9_.-]/g, "_")}`;
  return { address: i.address, name, dataDir, configDir };
}

export function operationContext(
  info: InstanceInfo,
  signal: AbortSignal,
  log: (address: string, message: string) => void,
  warnings: string[],
): OperationContext {
  return {
    ...info,
    signal,
    log: (m) => log(info.address, m),
    warn: (m) => {
      if (!warnings.includes(m)) warnings.push(m);
    },
  };
}
