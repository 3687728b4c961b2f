// What every stage of a cluster's expansion reads: the cluster resource, its
// blueprint (read and checked) and distro, the record of the last apply, and
// where the cluster's diagnostics go.

import { join } from "node:path";
import type { DiagnosticBag } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import type { ResourceConfig } from "../../planner/model.js";
import type { Blueprint, InventoryHost, NodeGroup, Placement, Role } from "../blueprint.js";
import { checkBlueprint } from "../check-blueprint.js";
import type { ClusterRecord } from "../cluster-record.js";
import { distroManifest, type Distro } from "../distro-manifest.js";
import { fieldOrigin } from "../field-origin.js";
import { readBlueprint } from "../read-blueprint.js";

export interface ClusterInput {
  /** The `cluster` resource. */
  resource: ResourceConfig;
  blueprint: Blueprint;
  distro: Distro;
  /** What the last apply recorded for this cluster (NO_RECORD the first time). */
  previous: ClusterRecord;
  /** <config dir>/.gantry: local hosts' roots default to <dataDir>/hosts/<cluster>-<host>. */
  dataDir: string;
  /** This cluster's diagnostics only: a stage that finds errors in it stops the expansion. */
  diags: DiagnosticBag;
  hostByName: Map<string, InventoryHost>;
  groupByName: Map<string, NodeGroup>;
  /** Hosts marked failed (recorded, or replaced in this plan) → why: placement leaves them out. */
  failedHosts: Record<string, string>;
}

/** The blueprint of cluster `resource` (its evaluated properties), or undefined when it has errors. */
export function readClusterInput(
  resource: ResourceConfig,
  props: Record<string, Value>,
  previous: ClusterRecord,
  dataDir: string,
  diags: DiagnosticBag,
  replaceHosts: Record<string, string> = {},
): ClusterInput | undefined {
  const bp = readBlueprint(resource, props, diags);
  const manifest = distroManifest((bp.distros ?? []) as Partial<Distro>[]);
  const distro = manifest.find((d) => d.name === bp.distro.name && d.version === bp.distro.version);
  if (!distro && bp.distro.version) {
    const known = manifest.map(
      (d) => `${d.name} ${d.version} (Mesos ${d.mesos}, Marathon ${d.marathon}, Chronos ${d.chronos})`,
    );
    diags.error(
      `cluster ${resource.name}: no distro "${bp.distro.name}" version "${bp.distro.version}" in the manifest`,
      fieldOrigin(resource, "distro"),
      `Known: ${known.join("; ")}. Add your own under "distros".`,
    );
  }
  if (diags.hasErrors || !distro) return undefined;
  checkBlueprint(resource, bp, diags);
  if (diags.hasErrors) return undefined;
  return {
    resource,
    blueprint: bp,
    distro,
    previous,
    dataDir,
    diags,
    hostByName: new Map(bp.hosts.map((h) => [h.name, h])),
    groupByName: new Map(bp.node_groups.map((g) => [g.name, g])),
    failedHosts: Object.fromEntries(
      Object.entries({ ...previous.failedHosts, ...replaceHosts }).filter(([h]) => bp.hosts.some((x) => x.name === h)),
    ),
  };
}

/** Whether node `p` has `role` (through its node group). */
export function hasRole(c: ClusterInput, p: Placement, role: Role): boolean {
  return c.groupByName.get(p.group)!.roles.includes(role);
}

/** The host node `p` was placed on. */
export function hostOf(c: ClusterInput, p: Placement): InventoryHost {
  return c.hostByName.get(p.host)!;
}

/** A local host's root directory (its sandbox on this machine); "" for other drivers. */
export function hostRoot(c: ClusterInput, h: InventoryHost): string {
  if (h.driver !== "local") return "";
  return h.root ?? join(c.dataDir, "hosts", `${c.resource.name}-${h.name}`);
}
