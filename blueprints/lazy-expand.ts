// The blueprint compiler's front: a configuration without clusters (most of them) is answered here, and the
// compiler itself (blueprints/expand.ts: its stages and every service's configuration generator, a fifth of what a
// plan would load) is imported only when a configuration has a cluster.

import { GantryError } from "../contract/diagnostics.js";
import type { Value } from "../contract/values.js";
import type { Config, ResourceConfig } from "../planner/model.js";
import type { ExpandOptions, ExpandResult } from "./expand.js";

/** The configuration's `cluster` resources, in declaration order. */
export function clustersOf(config: Config): ResourceConfig[] {
  return [...config.resources.values()].filter((r) => r.type === "gantry_cluster");
}

/** As expandBlueprints (blueprints/expand.ts), loading the compiler only for a configuration with clusters. */
export async function expandBlueprintsLazily(
  config: Config,
  variables: Map<string, Value>,
  opts: ExpandOptions,
): Promise<ExpandResult> {
  if (!clustersOf(config).length) return withoutClusters(config, opts);
  const { expandBlueprints } = await import("./expand.js");
  return expandBlueprints(config, variables, opts);
}

/** The expansion of a configuration without clusters: itself; a host to replace is an error (there is none). */
export function withoutClusters(config: Config, opts: ExpandOptions): ExpandResult {
  for (const h of Object.keys(opts.replaceHosts ?? {}))
    throw new GantryError(`cannot replace host ${h}: the configuration has no cluster, so no host to replace`);
  return { config, warnings: [], failedHosts: new Set(), clusterHosts: new Set() };
}
