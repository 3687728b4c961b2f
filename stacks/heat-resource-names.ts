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

/** 'heat_x.g["3"]' → "3": the instance key of a for_each instance, undefined when the address has none. */
function instanceKeyOf(address: string): string | undefined {
  const m = /\[("(?:[^"\\]|\\.)*"|\d+)\]$/.exec(address);
  if (!m) return undefined;
  const k = m[1]!;
  return k.startsWith('"') ? (JSON.parse(k) as string) : k;
}

/** "null_resource.n[0]" → "null_resource.n". */
export function resourceKeyOf(address: string): string {
  return address.replace(/\[[^\]]*\]$/, "");
}

export class HeatResourceNames {
  private readonly byKey = new Map<string, HeatResourceName>();
  /** Groups whose instances are their members (in a nested stack): the members' type. */
  private readonly memberTypes = new Map<string, string>();

  /** Names from a configuration; later configurations win for the keys they hold. */
  add(config: Config): this {
    for (const r of config.resources.values()) {
      const source = r.source;
      this.byKey.set(
        r.key,
        source
          ? { name: source.name, type: source.type }
          : { name: r.name, type: heatTypeOfModelType(r.type) ?? r.type },
      );
      if (source?.group) this.memberTypes.set(r.key, source.group.memberType);
      else this.memberTypes.delete(r.key);
    }
    return this;
  }

  /**
   * The Heat name of an instance address or resource key (a group's member: its key, in the group's stack). For a
   * deposed object, its instance's address (planner/deposed-ref.ts instanceAddressOf), not its display address.
   */
  of(address: string): HeatResourceName {
    const key = resourceKeyOf(address);
    const memberType = this.memberTypes.get(key);
    if (memberType !== undefined) {
      const member = instanceKeyOf(address);
      if (member !== undefined) return { name: member, type: memberType };
    }
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
