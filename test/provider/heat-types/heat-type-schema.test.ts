import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { HeatError } from "../../../stacks/heat-error.js";
import {
  heatResourceTypeSchema,
  heatResourceTypeTemplate,
  listHeatResourceTypes,
} from "../../../stacks/resource-type-schema.js";
import { testEngine } from "../../engine-fixture.js";

const registry = testEngine().types;
const recorded = (name: string) =>
  JSON.parse(readFileSync(new URL(`real-heat/${name}.json`, import.meta.url), "utf8")) as Record<string, unknown>;

const NAMES = ["None", "TestResource", "RandomString", "Value", "Delay", "SoftwareConfig", "StructuredConfig"];
for (const name of [...NAMES, "WaitConditionHandle", "WaitCondition"]) {
  test(`OS::Heat::${name}: schema and templates as real Heat 19 answers`, () => {
    const real = recorded(name);
    assert.equal(heatResourceTypeSchema(registry, `OS::Heat::${name}`), real.schema);
    // Heat answers 500 for Value's templates (its property of type any); gantry gives one with a json parameter
    if (name === "Value") return;
    assert.equal(heatResourceTypeTemplate(registry, `OS::Heat::${name}`, "cfn"), real.template_cfn);
    assert.equal(heatResourceTypeTemplate(registry, `OS::Heat::${name}`), real.template_cfn, "cfn is the default");
    assert.equal(heatResourceTypeTemplate(registry, `OS::Heat::${name}`, "hot"), real.template_hot);
  });
}

test("the key order of a property is Heat's", () => {
  const s = heatResourceTypeSchema(registry, "OS::Heat::RandomString") as { properties: Record<string, object> };
  assert.equal(Object.keys(s.properties.length), [
    "type",
    "description",
    "default",
    "required",
    "constraints",
    "update_allowed",
    "immutable",
  ]);
  assert.not.ok("sequence" in s.properties, "the hidden property is not shown");
});

test("OS::Heat::Value's HOT template: the any property becomes a json parameter", () => {
  const t = heatResourceTypeTemplate(registry, "OS::Heat::Value", "hot") as Record<string, Record<string, unknown>>;
  assert.equal(t.parameters.value, { type: "json", description: 'The expression to generate the "value" attribute.' });
  assert.equal(t.resources.Value, {
    type: "OS::Heat::Value",
    properties: { value: { get_param: "value" }, type: { get_param: "type" } },
  });
});

function heatError(f: () => unknown): HeatError {
  try {
    f();
  } catch (e) {
    if (e instanceof HeatError) return e;
    throw e;
  }
  throw new Error("no HeatError");
}

/** A HeatError as Heat's API body shows it (its code, type and message). */
function asBody(e: HeatError) {
  return { code: e.code, type: e.type, message: e.message };
}
function realBody(name: string) {
  const r = recorded(name) as { code: number; error: { type: string; message: string } };
  return { code: r.code, type: r.error.type, message: r.error.message };
}

test("errors: unknown type, unknown template type, bad support status, as Heat words them", () => {
  assert.equal(asBody(heatError(() => heatResourceTypeSchema(registry, "OS::Nova::Nope"))), realBody("notfound"));
  assert.equal(
    asBody(heatError(() => heatResourceTypeTemplate(registry, "OS::Heat::Value", "xyz"))),
    realBody("badtype"),
  );
  assert.equal(
    asBody(heatError(() => listHeatResourceTypes(registry, { support_status: "BOGUS" }))),
    realBody("bad-support-status"),
  );
  assert.is(heatError(() => heatResourceTypeSchema(registry, "OS::Heat::ResourceGroupX")).code, 404);
  assert.is(heatError(() => listHeatResourceTypes(registry, { with_description: "yes" })).code, 400);
});

test("list: Heat's and gantry's types by their Heat names; filters as Heat's", () => {
  const all = listHeatResourceTypes(registry).resource_types as string[];
  for (const n of ["OS::Heat::None", "OS::Heat::TestResource", "OS::Heat::RandomString", "OS::Heat::Value"])
    assert.ok(all.includes(n), n);
  assert.ok(all.includes("Gantry::Noop") && all.includes("Gantry::MarathonApp"));
  assert.not.ok(all.some((n) => n.includes("null") || n.includes("terraform")));
  assert.equal(listHeatResourceTypes(registry, { name: "OS::Heat::[NT]" }).resource_types, [
    "OS::Heat::None",
    "OS::Heat::TestResource",
  ]);
  assert.equal(listHeatResourceTypes(registry, { name: "Heat::" }).resource_types, [], "matched from the start");
  assert.equal(listHeatResourceTypes(registry, { name: "[bad" }).resource_types, []);
  assert.equal(listHeatResourceTypes(registry, { version: "5.0.0" }).resource_types, [
    "OS::Heat::None",
    "OS::Heat::TestResource",
  ]);
  assert.equal(listHeatResourceTypes(registry, { support_status: "DEPRECATED" }).resource_types, []);
  const real = recorded("list-name-desc") as { resource_types: { resource_type: string; description: string }[] };
  const random = real.resource_types.find((r) => r.resource_type === "OS::Heat::RandomString");
  assert.equal(listHeatResourceTypes(registry, { name: "OS::Heat::RandomString", with_description: "true" }), {
    resource_types: [random],
  });
});

test("gantry's own types as Gantry::…: properties from their schema, replacement from forceNew", () => {
  const s = heatResourceTypeSchema(registry, "Gantry::Noop") as Record<string, Record<string, Record<string, unknown>>>;
  assert.is(s.resource_type, "Gantry::Noop");
  assert.equal(s.properties.triggers_replace.update_allowed, false);
  assert.equal(s.properties.input.update_allowed, true);
  assert.not.ok("output" in s.properties, "computed attributes are not properties");
  assert.ok("output" in s.attributes && "id" in s.attributes && "show" in s.attributes);
  assert.equal((s.support_status as unknown as { status: string }).status, "SUPPORTED");
  const t = heatResourceTypeTemplate(registry, "Gantry::Noop", "hot") as Record<string, Record<string, unknown>>;
  assert.equal(t.resources.Noop, {
    type: "Gantry::Noop",
    properties: { input: { get_param: "input" }, triggers_replace: { get_param: "triggers_replace" } },
  });
  assert.equal(t.outputs["OS::stack_id"], { value: { get_resource: "Noop" } });
});

test.run();
