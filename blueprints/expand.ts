// Expands every `cluster` resource of a configuration into the primitive
// resources that bring its platform up: hosts, packages, configuration
// files and services per node, Marathon apps, Chronos jobs and HAProxy.
// The cluster's own address keeps a record (distro, placement, endpoints).
// Nothing downstream knows a resource came from a blueprint.
//
// A cluster goes through the stages in expandCluster, in order; each is a
// function in blueprints/expansion/ that reads what the ones before produced.

import { DiagnosticBag, type Diagnostic } from "../contract/diagnostics.js";
import { containsUnknown, type Value } from "../contract/values.js";
import { collectRefs } from "../planner/expressions/ast.js";
import { evaluate } from "../planner/expressions/evaluate.js";
import type { Config, ResourceConfig } from "../planner/model.js";
import { ValueScope } from "../planner/scope.js";
import { NO_RECORD, type PreviousPlacement } from "./cluster-record.js";
import { appResources } from "./expansion/apps.js";
import { type ClusterInput, readClusterInput } from "./expansion/cluster-input.js";
import { groupBlockList, groupResources } from "./expansion/group-resources.js";
import { placeNodes } from "./expansion/place.js";
import { recordBlock } from "./expansion/record.js";
import { routeResources } from "./expansion/routes.js";
import { orderStarts } from "./expansion/start-order.js";
import { clusterTopology } from "./expansion/topology.js";
import { clustersOf, withoutClusters } from "./lazy-expand.js";

export interface ExpandOptions {
  /** <config dir>/.gantry: local hosts' roots default to <dataDir>/hosts/<cluster>-<host>. */
  dataDir: string;
  /** What the last apply recorded per cluster (previousPlacementFromState), kept stable; none: a first plan. */
  previous?: PreviousPlacement;
  /**
   * Hosts to mark failed in this plan (-replace-host, or lost hosts in a reconcile) → why: each cluster holding one
   * places its nodes again without it and records it failed.
   */
  replaceHosts?: Record<string, string>;
  /** A cluster whose properties are not all known (validate: a variable without a value) is left as written. */
  unknownLeftAsWritten?: boolean;
}

export interface ExpandResult {
  config: Config;
  warnings: Diagnostic[];
  /** Every cluster's failed hosts (recorded or replaced now), by host name. */
  failedHosts: Set<string>;
  /** Every cluster's inventory hosts, by name. */
  clusterHosts: Set<string>;
}

export function expandBlueprints(config: Config, variables: Map<string, Value>, opts: ExpandOptions): ExpandResult {
  const clusters = clustersOf(config);
  if (!clusters.length) return withoutClusters(config, opts);
  const failedHosts = new Set<string>();
  const clusterHosts = new Set<string>();
  const replaceHosts = opts.replaceHosts ?? {};
  const diags = new DiagnosticBag();
  const resources = new Map(config.resources);
  const values = new ValueScope(config, variables, new Map(), () => undefined, true);
  for (const r of clusters) {
    const props = clusterProperties(r, values, diags, opts.unknownLeftAsWritten ?? false);
    if (diags.hasErrors || props === undefined) continue;
    const clusterDiags = new DiagnosticBag();
    const c = readClusterInput(r, props, opts.previous?.[r.key] ?? NO_RECORD, opts.dataDir, clusterDiags, replaceHosts);
    for (const h of c?.blueprint.hosts ?? []) clusterHosts.add(h.name);
    for (const h of Object.keys(c?.failedHosts ?? {})) failedHosts.add(h);
    const generated = c && expandCluster(c);
    diags.add(clusterDiags.items);
    for (const block of generated ?? []) {
      if (block.key !== r.key && resources.has(block.key))
        diags.error(
          `cluster ${r.name} generates ${block.key}, which is also declared in the configuration`,
          resources.get(block.key)!.origin,
        );
      resources.set(block.key, block);
    }
  }
  for (const h of Object.keys(replaceHosts))
    if (!diags.hasErrors && !clusterHosts.has(h))
      diags.error(
        `cannot replace host ${h}: no cluster has a host of that name`,
        undefined,
        `Hosts: ${[...clusterHosts].join(", ")}.`,
      );
  diags.throwIfErrors();
  return {
    config: { ...config, resources },
    warnings: diags.items.filter((d) => d.severity === "warning"),
    failedHosts,
    clusterHosts,
  };
}

/** Roots of references to variables and locals. */
const NAMED_VALUE = new Set(["var", "local"]);

/** The cluster's properties, which must be known when planning (variables and locals, no resource attributes). */
function clusterProperties(
  r: ResourceConfig,
  values: ValueScope,
  diags: DiagnosticBag,
  /** Undefined, with no error, when a property is not known. */
  unknownLeftAsWritten: boolean,
): Record<string, Value> | undefined {
  const props: Record<string, Value> = {};
  for (const [k, p] of Object.entries(r.properties)) {
    try {
      const v = evaluate(p.value, values.scope());
      // unknown for want of a variable's value (not a resource's attribute, which is an error even so)
      if (containsUnknown(v) && unknownLeftAsWritten && collectRefs(p.value).every((x) => NAMED_VALUE.has(x.root)))
        return undefined;
      if (containsUnknown(v))
        diags.error(
          `cluster ${r.name}: "${k}" must be known when planning; ` +
            "it may use variables and locals, not other resources' attributes",
          p.origin,
        );
      else props[k] = v;
    } catch (e) {
      diags.error(`cluster ${r.name}: invalid expression in "${k}": ${(e as Error).message}`, p.origin);
    }
  }
  return props;
}

/**
 * The stages of one cluster's expansion, in order (read → place → topology → group resources →
 * start order → apps → routes → record); undefined when a stage found errors (in `diags`).
 */
function expandCluster(c: ClusterInput): ResourceConfig[] | undefined {
  const placed = placeNodes(c);
  if (!placed) return undefined;
  const topology = clusterTopology(c, placed.placements);
  const groups = groupResources(c, topology);
  if (!groups) return undefined;
  orderStarts(groups);
  const apps = appResources(c, topology, groups);
  const routes = routeResources(c, groups, apps);
  const record = recordBlock(c, topology, apps);
  return [placed.hosts, ...groupBlockList(groups), ...apps.blocks, ...routes, record];
}
