#!/usr/bin/env node
// gantry's resource types (the built-in registry, from dist/) as Terraform's
// `providers schema -json` document, written to stdout. A stand-in until
// `gantry providers schema -json` exists; the CDKTF bindings script and its
// tests use it. Run `npm run build` first.
//
//   node scripts/registry-provider-schema.mjs > schema.json

import { pathToFileURL } from "node:url";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The provider address CDKTF bindings and configurations name gantry by. */
export const GANTRY_PROVIDER_ADDRESS = "registry.terraform.io/gantry/gantry";

/** An attribute schema's kind as a Terraform type constraint (cty JSON form). */
function ctyType(a) {
  switch (a.kind) {
    case "string":
    case "number":
    case "bool":
      return a.kind;
    case "list":
    case "map":
      return [a.kind, a.element ? ctyType(a.element) : "dynamic"];
    case "object":
      return a.attributes
        ? ["object", Object.fromEntries(Object.entries(a.attributes).map(([k, v]) => [k, ctyType(v)]))]
        : ["map", "dynamic"];
    default:
      return "dynamic";
  }
}

function attribute(a) {
  const out = { type: ctyType(a), description: a.description, description_kind: "plain" };
  if (a.required) out.required = true;
  else if (a.computed && !a.optional) out.computed = true;
  else {
    out.optional = true;
    if (a.computed) out.computed = true;
  }
  if (a.sensitive) out.sensitive = true;
  return out;
}

/**
 * A cluster's blueprint fields (blueprints/blueprint.ts): the registry's
 * cluster type describes only the record it keeps, the blueprint is read by
 * blueprints/ before planning.
 */
const CLUSTER_BLUEPRINT = {
  distro: {
    kind: "object",
    description: "Distro name and version from the distro manifest.",
    attributes: {
      name: { kind: "string", description: "" },
      version: { kind: "string", description: "" },
    },
  },
  zk_path: { kind: "string", description: "ZooKeeper path of the Mesos masters (default /mesos)." },
  app_runner: { kind: "string", description: "Who runs the apps: marathon or processes." },
  hosts: {
    kind: "list",
    description: "The hosts the node groups are placed on.",
    element: {
      kind: "object",
      description: "",
      attributes: {
        name: { kind: "string", description: "" },
        address: { kind: "string", description: "" },
        driver: { kind: "string", description: "" },
        cpus: { kind: "number", description: "" },
        memory_mb: { kind: "number", description: "" },
        rack: { kind: "string", description: "" },
        root: { kind: "string", description: "" },
        options: { kind: "map", description: "" },
      },
    },
  },
  host_pool: { kind: "any", description: "Generated hosts: driver, count, prefix, cpus, memory_mb, address_start." },
  node_groups: { kind: "list", description: "Node groups: name, roles, instances, placement ..." },
  apps: { kind: "list", description: "Marathon app definitions." },
  jobs: { kind: "list", description: "Chronos jobs." },
  routes: { kind: "list", description: "HAProxy routes: app, service_port, mode." },
};

export async function registryProviderSchema() {
  const { BUILTIN_RESOURCE_TYPES } = await import(pathToFileURL(join(root, "dist/provider/resource-types.js")).href);
  const resourceSchemas = {};
  for (const t of BUILTIN_RESOURCE_TYPES) {
    // the null and terraform providers' types are not gantry's
    if (/^(null|terraform)_/.test(t.name)) continue;
    const name = t.name.startsWith("gantry_") ? t.name : `gantry_${t.name}`;
    const schema = name === "gantry_cluster" ? { ...t.schema, ...CLUSTER_BLUEPRINT } : t.schema;
    resourceSchemas[name] = {
      version: 0,
      block: {
        attributes: Object.fromEntries(Object.entries(schema).map(([k, a]) => [k, attribute(a)])),
        description: t.description,
        description_kind: "plain",
      },
    };
  }
  return {
    format_version: "1.0",
    provider_schemas: {
      [GANTRY_PROVIDER_ADDRESS]: {
        provider: { version: 0, block: { description_kind: "plain" } },
        resource_schemas: resourceSchemas,
        data_source_schemas: {},
      },
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(await registryProviderSchema(), null, 2)}\n`);
}
