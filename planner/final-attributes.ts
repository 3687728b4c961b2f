// The attributes a create or update is carried out with: the plan's, or for
// a deferred change (some configured value was unknown when planning) the
// configuration evaluated again now that its dependencies are applied, and
// checked against what the plan promised.

import type { InstanceInfo, ResourceType } from "../contract/resource-type.js";
import { GantryError } from "../contract/diagnostics.js";
import { containsUnknown, deepEqual, type Attrs } from "../contract/values.js";
import type { ResourceChange } from "./changes.js";
import { evaluateInstance, expandBlock, instanceScope, planAttributes, withIgnoredChanges } from "./instances.js";
import type { Config } from "./model.js";
import type { Expansion, ValueScope } from "./scope.js";

export type FinalAttributes = (c: ResourceChange, type: ResourceType, prior: Attrs | null, info: InstanceInfo) => Attrs;

/** `values` reads the live state, so a deferred change sees what its dependencies became. */
export function finalAttributes(
  config: Config,
  expansions: Map<string, Expansion>,
  values: ValueScope,
): FinalAttributes {
  return (c, type, prior, info) => {
    if (!c.deferred) return c.after!;
    const r = config.resources.get(c.resourceKey);
    const exp = expansions.get(c.resourceKey);
    if (!r || !exp) throw new GantryError(`configuration for ${c.address} is missing`);
    let scopeExp = exp;
    if (exp.mode === "for_each" && c.key !== undefined && containsUnknown(exp.eachValues?.get(String(c.key)) ?? null)) {
      // each.value was known only after apply: evaluate for_each again now
      const now = expandBlock(r, values.scope());
      if (now.eachValues?.has(String(c.key))) scopeExp = now;
    }
    const configured = evaluateInstance(r, type, instanceScope(values, scopeExp, c.key), c.address);
    if (containsUnknown(configured))
      throw new GantryError(`configuration of ${c.address} is still unknown after its dependencies were applied`);
    const { planned } = planAttributes(type, prior, withIgnoredChanges(r, type, configured, prior), info);
    for (const [k, v] of Object.entries(c.after ?? {}))
      if (!containsUnknown(v) && !deepEqual(v, planned[k] ?? null))
        throw new GantryError(
          `inconsistent final plan for ${c.address}: "${k}" was planned as ${JSON.stringify(v)} ` +
            `but is now ${JSON.stringify(planned[k])}`,
        );
    return planned;
  };
}
