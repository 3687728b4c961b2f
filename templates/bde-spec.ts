// VMware Big Data Extensions cluster specs (the JSON format of BDE's
// cli/samples, e.g. mesos_full_cluster.json), so BDE users can move over:
// a `*.bde.json` file in a configuration directory is read as one `cluster`
// resource, and `gantry import bde FILE` writes the same blueprint as YAML.
//
// BDE let vSphere choose hosts; a blueprint needs an inventory, so the
// converted blueprint gets a host pool sized to fit every node (one host per
// node), to be replaced by the real inventory.

import { basename } from "node:path";
import { DiagnosticBag, type Origin } from "../contract/diagnostics.js";
import type { Value } from "../contract/values.js";
import type { ResourceConfig } from "../planner/model.js";
import { defaultLifecycle } from "../planner/model.js";
import type { ConfigFragment } from "./fragment.js";
import { emptyFragment } from "./fragment.js";
import { invalidJson, jsonOffset, lineColumn, scanJson } from "./json-positions.js";

/** Node-group fields of BDE spec files (camelCase, as in cli/samples) and of its REST form (snake_case). */
const GROUP_FIELDS: Record<string, string> = {
  name: "name",
  roles: "roles",
  instanceNum: "instances",
  instance_num: "instances",
  instanceType: "instance_type",
  instance_type: "instance_type",
  cpuNum: "cpus",
  cpu_num: "cpus",
  memCapacityMB: "memory_mb",
  memory_capacity_mb: "memory_mb",
  haFlag: "ha",
  ha: "ha",
  placementPolicies: "placement",
  placement_policies: "placement",
  configuration: "configuration",
};
/** Accepted BDE fields that have no meaning outside vSphere. */
const VSPHERE_ONLY = [
  "storage",
  "swapRatio",
  "latencySensitivity",
  "reservedCpuRatio",
  "reservedMemRatio",
  "rpNames",
  "vmFolderPath",
  "swap_ratio",
  "rp_names",
  "vm_folder_path",
];
const PLACEMENT_FIELDS: Record<string, string> = {
  instancePerHost: "instance_per_host",
  instance_per_host: "instance_per_host",
  groupRacks: "group_racks",
  group_racks: "group_racks",
  groupAssociations: "group_associations",
  group_associations: "group_associations",
};
const INSTANCE_TYPES: Record<string, { cpus: number; memory_mb: number }> = {
  SMALL: { cpus: 1, memory_mb: 3748 },
  MEDIUM: { cpus: 2, memory_mb: 7500 },
  LARGE: { cpus: 4, memory_mb: 15000 },
  EXTRA_LARGE: { cpus: 8, memory_mb: 30000 },
};

export interface BdeImportOptions {
  /** Cluster name (default: from the file name). */
  name?: string;
  driver?: string;
  addressStart?: string;
  distroVersion?: string;
}

export function clusterNameFromFile(file: string): string {
  return (
    basename(file)
      .replace(/\.bde\.json$|\.json$/, "")
      .replace(/[^A-Za-z0-9_-]+/g, "_")
      .replace(/^[^A-Za-z_]+/, "") || "cluster"
  );
}

/** Converts a BDE spec into the properties of a `cluster` resource. Problems go to `bag`, located in the file. */
export function bdeToBlueprint(
  file: string,
  text: string,
  bag: DiagnosticBag,
  opts: BdeImportOptions = {},
): Record<string, unknown> | undefined {
  let spec: any;
  try {
    spec = JSON.parse(text);
  } catch (e) {
    const { summary, origin } = invalidJson(file, text, (e as Error).message);
    bag.error(summary.replace(/^invalid JSON in /, "invalid JSON in BDE spec "), origin);
    return undefined;
  }
  const root = scanJson(text);
  const at = (...path: (string | number)[]): Origin => {
    return { file, path, ...lineColumn(text, jsonOffset(root, path)) };
  };
  const groupsKey = Array.isArray(spec?.nodeGroups) ? "nodeGroups" : Array.isArray(spec?.groups) ? "groups" : undefined;
  if (!groupsKey) {
    bag.error(`BDE spec ${file} has no "nodeGroups" list`, at());
    return undefined;
  }
  const groups: Record<string, unknown>[] = [];
  (spec[groupsKey] as any[]).forEach((g, i) => {
    if (!g || typeof g !== "object" || Array.isArray(g))
      return bag.error(`${groupsKey}[${i}] must be an object`, at(groupsKey, i));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(g)) {
      if (VSPHERE_ONLY.includes(k)) continue;
      const to = GROUP_FIELDS[k];
      if (!to) {
        bag.error(
          `unknown node-group field "${k}" in ${groupsKey}[${i}]`,
          at(groupsKey, i, k),
          `BDE node groups take: ${[...Object.keys(GROUP_FIELDS), ...VSPHERE_ONLY].join(", ")}.`,
        );
        continue;
      }
      if (to === "placement")
        out.placement = convertPlacement(v, (msg, ...p) => bag.error(msg, at(groupsKey, i, k, ...p)));
      else if (to === "ha") out.ha = v === "on" || v === "ft" || v === true;
      else if (to === "instance_type") {
        if (typeof v !== "string" || !(v in INSTANCE_TYPES))
          bag.error(`instanceType must be one of ${Object.keys(INSTANCE_TYPES).join(", ")}`, at(groupsKey, i, k));
        else out.instance_type = v;
      } else if (to === "name") {
        if (typeof v !== "string" && typeof v !== "number")
          bag.error(`the name of ${groupsKey}[${i}] must be a string`, at(groupsKey, i, k));
        else
          out.name = String(v)
            .toLowerCase()
            .replace(/[^a-z0-9_]+/g, "_");
      } else if (to === "configuration") {
        if (v && typeof v === "object" && Object.keys(v).length) out.configuration = v;
      } else out[to] = v;
    }
    // explicit cpus/memory equal to the preset say nothing more than the preset
    const preset = typeof out.instance_type === "string" ? INSTANCE_TYPES[out.instance_type] : undefined;
    if (preset && out.cpus === preset.cpus) delete out.cpus;
    if (preset && out.memory_mb === preset.memory_mb) delete out.memory_mb;
    groups.push(out);
  });
  const total = groups.reduce<number>((n, g) => n + (typeof g.instances === "number" ? g.instances : 0), 0);
  const biggest = groups.reduce<{ cpus: number; memory_mb: number }>(
    (m, g) => {
      const preset =
        typeof g.instance_type === "string" ? INSTANCE_TYPES[g.instance_type] : { cpus: 1, memory_mb: 1024 };
      return {
        // sizes that are not numbers are the blueprint's to report (at their field); the pool fits the others
        cpus: Math.max(m.cpus, typeof g.cpus === "number" ? g.cpus : preset.cpus),
        memory_mb: Math.max(m.memory_mb, typeof g.memory_mb === "number" ? g.memory_mb : preset.memory_mb),
      };
    },
    { cpus: 1, memory_mb: 1024 },
  );
  return {
    distro: { name: "mesos", version: opts.distroVersion ?? "1.0.1" },
    host_pools: [
      {
        driver: opts.driver ?? "sim",
        count: Math.max(1, total),
        prefix: "node-",
        cpus: biggest.cpus,
        memory_mb: biggest.memory_mb,
        address_start: opts.addressStart ?? "127.0.90.1",
      },
    ],
    node_groups: groups,
  };
}

function convertPlacement(
  v: unknown,
  err: (msg: string, ...path: (string | number)[]) => void,
): Record<string, unknown> | undefined {
  if (!v || typeof v !== "object" || Array.isArray(v)) {
    err("placementPolicies must be an object");
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const to = PLACEMENT_FIELDS[k];
    if (!to) err(`unknown placement policy field "${k}"`, k);
    else out[to] = x;
  }
  return out;
}

/** The front end: a `*.bde.json` file becomes one `cluster` resource. */
export function parseBdeSpec(file: string, text: string, bag: DiagnosticBag): ConfigFragment {
  const frag = emptyFragment();
  const props = bdeToBlueprint(file, text, bag);
  if (!props) return frag;
  const name = clusterNameFromFile(file);
  const origin: Origin = { file, path: [], line: 1, column: 1 };
  const properties: ResourceConfig["properties"] = {};
  for (const [k, v] of Object.entries(props))
    properties[k] = {
      // a BDE spec has no expressions: "${...}" in it is text
      value: { k: "lit", v: v as Value },
      origin: { file, path: k === "node_groups" ? ["nodeGroups"] : [], line: 1, column: 1 },
    };
  frag.resources.push({
    type: "gantry_cluster",
    name,
    key: `gantry_cluster.${name}`,
    properties,
    dependsOn: [],
    lifecycle: defaultLifecycle(),
    origin,
  });
  return frag;
}

export { DiagnosticBag };
