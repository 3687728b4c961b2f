// The context handed to a resource type for one operation on one instance.

import type { HeatSignals } from "../contract/heat-signals.js";
import type { HostConnector } from "../contract/host-driver.js";
import type { HostLimitation } from "../contract/host-limitation.js";
import type { InstanceInfo, OperationContext } from "../contract/resource-type.js";
import { type InstanceKey, moduleOf } from "./addresses.js";

export interface InstanceRef {
  address: string;
  name: string;
  key?: InstanceKey;
  /** The module instance the address is in ("" at the root), when the caller knows it: else read from the address. */
  module?: string;
}

/** An instance key as a part of a name: letters, digits, "_" and "-" kept, anything else "_". */
function keyPart(key: InstanceKey): string {
  return String(key).replace(/[^A-Za-z0-9_-]/g, "_");
}

/**
 * A module path as a part of a name ('module.a["x"].module.b[0]' -> "module.a.x.module.b.0"), so
 * that the instances of a module (count, for_each) name their objects apart, as Terraform's distinct addresses do.
 */
function modulePart(module: string): string {
  return module.replace(
    /\[(\d+|"(?:[^"\\]|\\.)*")\]/g,
    (_, k: string) => `.${keyPart(k.startsWith('"') ? (JSON.parse(k) as string) : k)}`,
  );
}

export function instanceInfo(i: InstanceRef, dataDir: string, configDir: string, stackName?: string): InstanceInfo {
  // "." cannot appear in a resource name, so "web.0" (web[0]) never meets another resource's name; a resource in a
  // module is named with its module path first ("module.site.a.h"), which no root resource's name can be
  const own = i.key === undefined ? i.name : `${i.name}.${keyPart(i.key)}`;
  const path = i.module ?? (i.address.startsWith("module.") ? moduleOf(i.address) : "");
  const module = path ? modulePart(path) : "";
  const name = module ? `${module}.${own}` : own;
  return stackName === undefined
    ? { address: i.address, name, nameInModule: own, dataDir, configDir }
    : { address: i.address, name, nameInModule: own, dataDir, configDir, stackName };
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
  heatSignals?: HeatSignals,
): OperationContext {
  const { warnings, limitations } = notes;
  // explicit fields: a spread here gives every context its own hidden class (slow, and heavy at 100,000 instances)
  return {
    address: info.address,
    name: info.name,
    nameInModule: info.nameInModule,
    dataDir: info.dataDir,
    configDir: info.configDir,
    stackName: info.stackName,
    signal,
    hosts,
    heatSignals,
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
