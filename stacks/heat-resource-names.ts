// A stack's resources by the names Heat shows (the template's logical name
// and type) and by the model's addresses: ResourceConfig.source when the
// front end gave one (HOT), else the model's name and the Heat name of its
// type (heat_random_string → OS::Heat::RandomString).

import { heatTypeOfModelType } from "../contract/heat-type-names.js";
import type { Config } from "../planner/model.js";

export interface HeatResourceName {
  name: string;
  type: string;
}

/** "null_resource.n[0] (deposed 1)" → "null_resource.n". */
export function resourceKeyOf(address: string): string {
  return address.replace(/ \(deposed [^)]*\)$/, "").replace(/\[[^\]]*\]$/, "");
}

export function isDeposedAddress(address: string): boolean {
  return / \(deposed [^)]*\)$/.test(address);
}

export class HeatResourceNames {
  private readonly byKey = new Map<string, HeatResourceName>();

  /** Names from a configuration; later configurations win for the keys they hold. */
  add(config: Config): this {
    for (const r of config.resources.values()) {
      this.byKey.set(r.key, r.source ?? { name: r.name, type: heatTypeOfModelType(r.type) ?? r.type });
    }
    return this;
  }

  /** The Heat name of an instance address or resource key. */
  of(address: string): HeatResourceName {
    const key = resourceKeyOf(address);
    const known = this.byKey.get(key);
    if (known) return known;
    const dot = key.indexOf(".");
    const type = key.slice(0, dot);
    return { name: key.slice(dot + 1), type: heatTypeOfModelType(type) ?? type };
  }

  /** The resource keys a Heat name stands for. */
  keysOf(name: string): string[] {
    return [...this.byKey].filter(([, n]) => n.name === name).map(([k]) => k);
  }
}
