// The cluster type's schema describes the blueprint's input (what CDKTF's
// constructs are generated from): every field the blueprint reads is
// declared, a good blueprint passes the schema's nested checks, and inputs
// the blueprint refuses for their shape the schema refuses too.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AttributeChecker } from "../../contract/attribute-check.js";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import { INSTANCE_TYPES, ROLE_ALIASES, ROLES } from "../../blueprints/blueprint.js";
import { KNOWN_FIELDS, readBlueprint } from "../../blueprints/read-blueprint.js";
import type { ResourceConfig } from "../../planner/model.js";
import { CLUSTER_INSTANCE_TYPES, CLUSTER_ROLES, clusterType } from "../../provider/types/cluster.js";

const GOOD: Record<string, Value> = {
  distro: { name: "mesos", version: "1.0.1" },
  zk_path: "/mesos",
  app_runner: "processes",
  hosts: [{ name: "h1", address: "127.0.0.1", driver: "sim", cpus: 8, memory_mb: 32000, rack: "r1" }],
  host_pools: [
    { driver: "sim", count: 4, prefix: "p-", cpus: 8, memory_mb: 32000, address_start: "127.0.1.1", racks: ["a"] },
  ],
  node_groups: [
    {
      name: "zookeeper",
      roles: ["zookeeper", "mesos_agent"],
      instances: 1,
      instance_type: "SMALL",
      ha: true,
      max_batch_size: 1,
      min_in_service: 0,
      placement: {
        instance_per_host: 1,
        group_racks: { type: "ROUNDROBIN", racks: ["a"] },
        group_associations: [{ reference: "zookeeper", type: "WEAK" }],
      },
      configuration: { mesos: { quorum: 1 } },
    },
  ],
  apps: [{ id: "/web", cmd: "true", portDefinitions: [{ port: 10000 }] }],
  jobs: [{ name: "j", command: "true", schedule: "R/2026-12-01T02:00:00Z/PT24H", owner: "ops" }],
  routes: [{ app: "/web", service_port: 10000, mode: "http", vhost: "web.example" }],
};

function blueprintErrors(props: Record<string, Value>): string[] {
  const origin = { file: "c.yaml", path: [] };
  const r = {
    type: "gantry_cluster",
    name: "c",
    key: "gantry_cluster.c",
    properties: Object.fromEntries(Object.keys(props).map((k) => [k, { origin: { file: "c.yaml", path: [k] } }])),
    origin,
  } as unknown as ResourceConfig;
  const diags = new DiagnosticBag();
  readBlueprint(r, props, diags);
  return diags.items.filter((d) => d.severity === "error").map((d) => d.summary);
}

function schemaProblems(props: Record<string, Value>): string[] {
  const checker = new AttributeChecker();
  return Object.entries(props).flatMap(([k, v]) => {
    const s = clusterType.schema[k];
    return s ? checker.problems(s, v).map((p) => `${k}: ${p}`) : [`${k}: not in the schema`];
  });
}

const edit = (field: string, f: (v: any) => void): Record<string, Value> => {
  const props = structuredClone(GOOD);
  f(props[field]);
  return props;
};

test("every field the blueprint reads is in the cluster type's schema", () => {
  for (const k of KNOWN_FIELDS) assert.ok(clusterType.schema[k], k);
});

test("the schema's roles and instance types are the blueprint's", () => {
  assert.equal([...CLUSTER_ROLES].sort(), [...ROLES, ...Object.keys(ROLE_ALIASES)].sort());
  assert.equal([...CLUSTER_INSTANCE_TYPES], Object.keys(INSTANCE_TYPES));
});

test("a good blueprint passes both the blueprint's checks and the schema's", () => {
  assert.equal(blueprintErrors(GOOD), []);
  assert.equal(schemaProblems(GOOD), []);
});

const BAD: [string, Record<string, Value>][] = [
  ["host pool count 0", edit("host_pools", (v) => (v[0].count = 0))],
  ["host pool count 1.5", edit("host_pools", (v) => (v[0].count = 1.5))],
  ["host pool without address_start", edit("host_pools", (v) => delete v[0].address_start)],
  ["host without address", edit("hosts", (v) => delete v[0].address)],
  ["host cpus as a string", edit("hosts", (v) => (v[0].cpus = "many"))],
  ["unknown role", edit("node_groups", (v) => (v[0].roles = ["bogus"]))],
  ["negative instances", edit("node_groups", (v) => (v[0].instances = -1))],
  ["unknown instance type", edit("node_groups", (v) => (v[0].instance_type = "HUGE"))],
  ["max_batch_size 0", edit("node_groups", (v) => (v[0].max_batch_size = 0))],
  ["unknown placement field", edit("node_groups", (v) => (v[0].placement.spread = 1))],
  ["instance_per_host 0", edit("node_groups", (v) => (v[0].placement.instance_per_host = 0))],
  ["group_racks type", edit("node_groups", (v) => (v[0].placement.group_racks.type = "ANY"))],
  ["association type", edit("node_groups", (v) => (v[0].placement.group_associations[0].type = "SOFT"))],
  ["configuration not a map of maps", edit("node_groups", (v) => (v[0].configuration = { mesos: 1 }))],
  ["route mode", edit("routes", (v) => (v[0].mode = "udp"))],
  ["route without service_port", edit("routes", (v) => delete v[0].service_port)],
  ["distro without version", edit("distro", (v) => delete v.version)],
  ["app_runner", { ...GOOD, app_runner: "docker" }],
];

for (const [what, props] of BAD)
  test(`refused by both: ${what}`, () => {
    assert.ok(blueprintErrors(props).length, "the blueprint refuses it");
    assert.ok(schemaProblems(props).length, "the schema refuses it");
  });

test.run();
