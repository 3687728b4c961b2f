// What an object that is deleted, updated or replaced depended on, so that
// it goes before what it used: for an instance being deleted whose resource
// is still configured, the configuration's dependencies (the state's may be
// stale); for an orphan, the state's; for an update or replacement, the
// state's (the object as it was); for a deposed object, nothing.

import type { ResourceChange } from "./changes.js";
import { buildGraph } from "./graph.js";
import type { Config } from "./model.js";
import type { State } from "./state.js";

/** `allChanges`: every change of the plan, noop ones too (they carry the configuration's dependencies). */
export function oldDependencies(
  state: State,
  config: Config,
  allChanges: ResourceChange[],
): (c: ResourceChange) => string[] {
  const configDeps = new Map<string, string[]>();
  for (const c of allChanges)
    if (c.action !== "delete" && !configDeps.has(c.resourceKey)) configDeps.set(c.resourceKey, c.dependsOn);
  let graphDeps: Map<string, string[]> | undefined;
  /** From the plan's changes, or else from the configuration graph (built only when needed). */
  const depsInConfig = (key: string): string[] | undefined => {
    const d = configDeps.get(key);
    if (d) return d;
    if (!graphDeps) {
      try {
        graphDeps = buildGraph(config).resourceDeps;
      } catch {
        graphDeps = new Map();
      }
    }
    return graphDeps.get(key);
  };
  return (c) => {
    if (c.deposed) return [];
    if (c.action === "delete") {
      const fromConfig = config.resources.has(c.resourceKey) ? depsInConfig(c.resourceKey) : undefined;
      return fromConfig ?? state.instances.get(c.address)?.dependencies ?? c.dependsOn;
    }
    return state.instances.get(c.address)?.dependencies ?? [];
  };
}
