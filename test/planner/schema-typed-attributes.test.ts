// A resource's configured attributes take the types its schema declares, as Terraform converts configuration to a
// provider's schema: list(number) given ["80"] holds [80], a set attribute is a set (distinct, cty's order, not
// indexable), a map attribute a map, an unset optional attribute null; a value that cannot convert is an error at
// the attribute.

import { test } from "uvu";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as assert from "uvu/assert";
import type { ResourceType } from "../../contract/resource-type.js";
import { collectionKind, type Attrs } from "../../contract/values.js";
import { Engine } from "../../engine/engine.js";
import { toSchemaType, withSchemaNulls } from "../../planner/schema-typed-value.js";
import { BUILTIN_RESOURCE_TYPES } from "../../provider/resource-types.js";
import { configDir } from "./harness.js";

const typed: ResourceType = {
  name: "gantry_typed",
  description: "Holds typed attributes (test).",
  schema: {
    ports: { kind: "list", description: "list(number)", element: { kind: "number", description: "port" } },
    tags: { kind: "set", description: "set(string)", element: { kind: "string", description: "tag" } },
    weights: { kind: "map", description: "map(number)", element: { kind: "number", description: "weight" } },
    names: {
      kind: "list",
      description: "list(string), unset in the tests",
      element: { kind: "string", description: "" },
    },
    flag: { kind: "bool", description: "bool" },
    rules: {
      kind: "list",
      description: "list(object({ name = string, weight = number, inner = object({ z = number }) }))",
      element: {
        kind: "object",
        description: "a rule",
        attributes: {
          name: { kind: "string", description: "", required: true },
          weight: { kind: "number", description: "" },
          inner: {
            kind: "object",
            description: "",
            attributes: { z: { kind: "number", description: "" }, y: { kind: "string", description: "" } },
          },
        },
      },
    },
  },
  async create(_ctx, planned): Promise<Attrs> {
    return planned;
  },
  async read(_ctx, prior) {
    return prior;
  },
  async update(_ctx, _prior, planned) {
    return planned;
  },
  async delete() {},
};

const engine = new Engine({ types: [...BUILTIN_RESOURCE_TYPES, typed] });

async function plan(hcl: string) {
  const dir = configDir({ "main.tf": hcl });
  return (await engine.plan(engine.workspace({ dir }), {})).plan;
}

async function planFails(hcl: string): Promise<string> {
  try {
    await plan(hcl);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the plan did not fail");
}

const outputs = (p: Awaited<ReturnType<typeof plan>>) => Object.fromEntries(p.outputs.map((o) => [o.name, o.after]));

test("list(number) given strings holds numbers; set(string) a set; map(number) a map; bool from a string", async () => {
  const p = await plan(`
resource "gantry_typed" "t" {
  ports   = ["80", 443]
  tags    = ["b", "a", "b"]
  weights = { x = "1.5" }
  flag    = "true"
}
`);
  const after = p.changes.find((c) => c.address === "gantry_typed.t")!.after!;
  assert.equal(after.ports, [80, 443]);
  assert.is(collectionKind(after.ports), "list");
  assert.equal(after.tags, ["a", "b"]);
  assert.is(collectionKind(after.tags), "set");
  assert.equal(after.weights, { x: 1.5 });
  assert.is(collectionKind(after.weights), "map");
  assert.is(after.flag, true);
  assert.is(after.names, null);
});

test("expressions see the schema's types: a set attribute cannot be indexed, an unset one is null", async () => {
  const p = await plan(`
resource "gantry_typed" "t" {
  ports = ["80"]
  tags  = ["b", "a"]
}
output "sum" { value = gantry_typed.t.ports[0] + 1 }
output "tags" { value = join(",", gantry_typed.t.tags) }
output "names_null" { value = gantry_typed.t.names == null }
output "tags_is_set" { value = can(gantry_typed.t.tags[0]) }
`);
  assert.equal(outputs(p), { sum: 81, tags: "a,b", names_null: true, tags_is_set: false });
});

test("a value that cannot convert is an error naming the attribute and the element", async () => {
  const m = await planFails(`
resource "gantry_typed" "t" {
  ports = ["eighty"]
}
`);
  assert.match(m, /property "ports" of gantry_typed\.t/);
  assert.match(m, /element 0: a number is required/);
  const m2 = await planFails(`
resource "gantry_typed" "t" {
  tags = { a = 1 }
}
`);
  assert.match(m2, /property "tags" of gantry_typed\.t: set of string required/);
});

test("the conversion on its own: unknown and null pass, nested elements convert by their schema", () => {
  const s = typed.schema.ports;
  assert.equal(toSchemaType(null, s), { ok: true, value: null });
  const r = toSchemaType(["1", 2], s);
  assert.ok(r.ok);
  assert.equal(r.ok && r.value, [1, 2]);
  const bad = toSchemaType([[1]], s);
  assert.equal(bad, { ok: false, message: "element 0: number required, but have tuple" });
});

test("a built-in type's list(number) attribute takes strings as numbers (gantry_service.ports)", async () => {
  const p = await plan(`
resource "gantry_host" "h" {
  driver = "sim"
}
resource "gantry_service" "s" {
  host    = gantry_host.h
  command = "sleep 1000"
  ports   = ["8080"]
}
`);
  assert.equal(p.changes.find((c) => c.address === "gantry_service.s")!.after!.ports, [8080]);
});

test("an object attribute's unset fields are null at any depth, as cty's conversion makes them", async () => {
  const p = await plan(`
resource "gantry_typed" "t" {
  rules = [{ name = "a" }, { name = "b", weight = "2", inner = { z = "1" } }]
}
output "weight" { value = gantry_typed.t.rules[0].weight }
output "inner_null" { value = gantry_typed.t.rules[0].inner == null }
output "y_null" { value = gantry_typed.t.rules[1].inner.y == null }
output "names" { value = keys(gantry_typed.t.rules[1].inner) }
`);
  const after = p.changes.find((c) => c.address === "gantry_typed.t")!.after!;
  assert.equal(after.rules, [
    { name: "a", weight: null, inner: null },
    { name: "b", weight: 2, inner: { z: 1, y: null } },
  ]);
  assert.equal(outputs(p), { weight: null, inner_null: true, y_null: true, names: ["y", "z"] });
});

test("a state recorded without the null fields plans no change (read with them, as a provider upgrades)", async () => {
  const dir = configDir({
    "main.tf": 'resource "gantry_typed" "t" {\n  rules = [{ name = "a", inner = { z = 1 } }]\n}\n',
  });
  const applied = await engine.apply(engine.workspace({ dir }), {});
  assert.is(applied.status, "applied");
  const file = join(dir, "gantry.tfstate");
  const written = readFileSync(file, "utf8");
  assert.match(written, /"weight":\s*null/);
  // as an older gantry wrote it: the unset fields absent
  const old = JSON.parse(written);
  for (const r of old.resources) r.attributes.rules = [{ name: "a", inner: { z: 1 } }];
  writeFileSync(file, JSON.stringify(old, null, 2));
  const { plan: p } = await engine.plan(engine.workspace({ dir }), {});
  assert.equal(
    p.changes.map((c) => [c.address, c.action]),
    [["gantry_typed.t", "noop"]],
  );
  assert.equal(withSchemaNulls([{ name: "a" }], typed.schema.rules), [{ name: "a", weight: null, inner: null }]);
  const complete = [{ name: "a", weight: null, inner: null }];
  assert.is(withSchemaNulls(complete, typed.schema.rules), complete, "nothing missing: the same value");
});

test("a built-in type's object attribute gets its unset fields as null (gantry_service.health_check)", async () => {
  const p = await plan(`
resource "gantry_host" "h" {
  driver = "sim"
}
resource "gantry_service" "s" {
  host         = gantry_host.h
  command      = "sleep 1000"
  ports        = [8080]
  health_check = { type = "tcp" }
}
output "path" { value = gantry_service.s.health_check.path }
`);
  const hc = p.changes.find((c) => c.address === "gantry_service.s")!.after!.health_check as Record<string, unknown>;
  assert.is(hc.type, "tcp");
  assert.is(hc.path, null);
  assert.is(hc.retries, null);
  assert.equal(outputs(p), { path: null });
});

test.run();
