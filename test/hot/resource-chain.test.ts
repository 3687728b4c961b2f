// OS::Heat::ResourceChain and get_resource through the type's reference attribute: Heat's chain test template plans
// a nested stack (a module instance beside the chain's heat_nested_stack) with one resource per member, each after
// the one before it, and its attributes are the members'.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Diagnostic } from "../../contract/diagnostics.js";
import type { Config } from "../../planner/model.js";
import { referenceAttributeOf } from "../../contract/heat-reference-attributes.js";
import { heatRandomStringType } from "../../provider/types/heat/heat-random-string.js";
import { heatTestResourceType } from "../../provider/types/heat/heat-test-resource.js";
import { hotSourceFiles, type HotSources } from "../../templates/hot/hot-sources.js";
import { modelNameOfHeatName } from "../../templates/hot/resource-names.js";
import { diagnosticsOf } from "../templates/helpers.js";
import { engineWithHeatStandIns } from "./heat-test-types.js";

const HEAT = "/work/shared/peer/heat";
const heatTemplate = (name: string) => readFileSync(join(HEAT, "templates", name), "utf8");

function setUp(src: HotSources) {
  const { engine } = engineWithHeatStandIns();
  const ws = engine.workspace({ dir: mkdtempSync(join(tmpdir(), "gantry-chain-")), files: hotSourceFiles(src) });
  return { engine, ws };
}

/**
 * The chain's model name: "my-chain", followed by the name of what it cannot update (resource-chain.ts
 * chainGeneration: other values, another nested stack) when it sets resource_properties or concurrent.
 */
const chainName = (config: Config) =>
  [...config.resources.values()].find((r) => r.type === "heat_nested_stack" && r.source?.name === "my-chain")!.name;
const chainKey = (config: Config) => `heat_nested_stack.${chainName(config)}`;
const member = (config: Config, type: string, i: number) =>
  `module.${chainName(config)}.${type}.${modelNameOfHeatName(String(i))}`;

test("the reference attribute table is the types' own; get_resource of a RandomString is its value", async () => {
  assert.is(referenceAttributeOf("heat_random_string"), "value");
  assert.is(heatRandomStringType.heat?.referenceAttribute, "value");
  assert.is(referenceAttributeOf("heat_test_resource"), "id");
  assert.is(heatTestResourceType.heat?.referenceAttribute ?? "id", "id");
  const { engine, ws } = setUp({
    template: `heat_template_version: 2016-10-14
resources:
  r: {type: OS::Heat::RandomString, properties: {length: 5}}
  t: {type: OS::Heat::TestResource, properties: {value: {get_resource: r}}}
  g:
    type: OS::Heat::ResourceGroup
    properties: {count: 2, resource_def: {type: OS::Heat::RandomString, properties: {length: 3}}}
outputs:
  ref: {value: {get_resource: r}}
  test_output: {value: {get_attr: [t, output]}}
  test_ref: {value: {get_resource: t}}
  test_id: {value: {get_attr: [t, id]}}
  group_refs: {value: {get_attr: [g, refs]}}
  group_ref_1: {value: {get_attr: [g, resource.1]}}
`,
  });
  await engine.apply(ws);
  const o = await engine.outputs(ws);
  assert.is(o.ref.value, "xxxxx");
  assert.is(o.test_output.value, "xxxxx");
  assert.is(o.test_ref.value, o.test_id.value);
  assert.equal(o.group_refs.value, ["xxx", "xxx"]);
  assert.is(o.group_ref_1.value, "xxx");
});

test("Heat's chain template: members 0 and 1, the second after the first, attributes as Heat gives them", async () => {
  const { engine, ws } = setUp({
    template: heatTemplate("test_resource_chain__TEMPLATE_SIMPLE.yaml"),
    environments: ["parameters: {string-length: 8}\n"],
  });
  const p = await engine.plan(ws);
  const first = member(p.config, "heat_random_string", 0);
  const second = member(p.config, "heat_random_string", 1);
  assert.equal(p.plan.changes.map((c) => `${c.address} ${c.action}`).sort(), [
    `${chainKey(p.config)} create`,
    `${first} create`,
    `${second} create`,
  ]);
  const r0 = p.config.resources.get(first)!;
  const r1 = p.config.resources.get(second)!;
  assert.equal(p.config.resources.get(chainKey(p.config))!.source, {
    name: "my-chain",
    type: "OS::Heat::ResourceChain",
  });
  assert.equal(r0.source, { name: "0", type: "OS::Heat::RandomString" });
  // the second's definition has its depends_on (a new order of the chain updates it, as in Heat)
  assert.equal(
    { ...r1.source, definition: undefined },
    { name: "1", type: "OS::Heat::RandomString", definition: undefined },
  );
  assert.match(r1.source?.definition ?? "", /"depends_on":\["0"\]/);
  assert.equal(r0.dependsOn, []);
  assert.equal(
    r1.dependsOn.map((d) => d.ref),
    [first],
  );
  await engine.apply(ws);
  const o = await engine.outputs(ws);
  assert.equal(o["resource-ids"].value, ["xxxxxxxx", "xxxxxxxx"]);
  assert.is(o["resource-0-value"].value, "xxxxxxxx");
  assert.equal(o["all-resource-attrs"].value, { 0: "xxxxxxxx", 1: "xxxxxxxx" });
});

test("a chain driven by a parameter: members of their own types, None keeps no properties; concurrent", async () => {
  const template = `heat_template_version: 2016-04-08
parameters:
  chain-types: {type: comma_delimited_list}
resources:
  my-chain:
    type: OS::Heat::ResourceChain
    properties:
      resources: {get_param: chain-types}
      concurrent: true
      resource_properties: {length: 4}
  after:
    type: OS::Heat::TestResource
    depends_on: my-chain
    properties: {value: {get_attr: [my-chain, refs_map]}}
`;
  const { engine, ws } = setUp({
    template,
    environments: ["parameters: {chain-types: 'OS::Heat::None,OS::Heat::RandomString,OS::Heat::None'}\n"],
  });
  const p = await engine.plan(ws);
  const none0 = member(p.config, "heat_none", 0);
  const random1 = member(p.config, "heat_random_string", 1);
  const none2 = member(p.config, "heat_none", 2);
  assert.equal(
    [...p.config.resources.keys()].sort(),
    [chainKey(p.config), none0, random1, none2, "heat_test_resource.after"].sort(),
  );
  assert.equal(Object.keys(p.config.resources.get(none0)!.properties), []);
  assert.equal(Object.keys(p.config.resources.get(random1)!.properties), ["length"]);
  for (const k of [none0, random1, none2]) assert.equal(p.config.resources.get(k)!.dependsOn, []);
  assert.equal(
    p.config.resources.get("heat_test_resource.after")!.dependsOn.map((d) => d.ref),
    [chainKey(p.config)],
  );
  await engine.apply(ws);
  const refs = (await engine.showState(ws, "heat_test_resource.after")).attributes.output as Record<string, unknown>;
  assert.equal(Object.keys(refs), ["0", "1", "2"]);
  assert.is(refs[1], "xxxx");
  assert.match(String(refs[0]), /^[0-9a-f-]{36}$/);
});

test("what a chain cannot update names its nested stack: other values, another one; `resources` updates", async () => {
  const chainOf = async (properties: string) => {
    const { engine, ws } = setUp({
      template: `heat_template_version: 2016-04-08
resources:
  my-chain:
    type: OS::Heat::ResourceChain
    properties: {${properties}}
`,
      environments: ["parameter_defaults: {OS::stack_id: 5d5a5c33-4f4e-4a43-9a8e-0e2f1f6a1b2c}\n"],
    });
    const p = await engine.plan(ws);
    const key = chainKey(p.config);
    const stackId = p.config.resources.get(key)!.properties.stack_id!.value;
    return { name: chainName(p.config), stackId: JSON.stringify(stackId) };
  };
  const plain = await chainOf("resources: [OS::Heat::None]");
  assert.is(plain.name, "my-chain", "without them, the name it always had");
  assert.equal(await chainOf("resources: [OS::Heat::None, OS::Heat::None]"), plain);
  const eight = await chainOf("resources: [OS::Heat::RandomString], resource_properties: {length: 8}");
  const nine = await chainOf("resources: [OS::Heat::RandomString], resource_properties: {length: 9}");
  const concurrent = await chainOf("resources: [OS::Heat::None], concurrent: true");
  for (const other of [eight, nine, concurrent]) {
    assert.is.not(other.name, plain.name);
    assert.is.not(other.stackId, plain.stackId);
  }
  assert.is.not(eight.name, nine.name);
  assert.is.not(eight.stackId, nine.stackId);
  assert.equal(
    await chainOf("resources: [OS::Heat::RandomString, OS::Heat::RandomString], resource_properties: {length: 8}"),
    eight,
  );
});

test("OS::Heat::None keeps no properties; any attribute is null (resource, group and chain member)", async () => {
  const { engine, ws } = setUp({
    template: `heat_template_version: 2016-10-14
resources:
  n: {type: OS::Heat::None, properties: {a: 1}}
  t: {type: OS::Heat::TestResource, properties: {value: {get_attr: [n, foo]}}}
  g:
    type: OS::Heat::ResourceGroup
    properties: {count: 2, resource_def: {type: OS::Heat::None, properties: {b: 2}}}
  my-chain:
    type: OS::Heat::ResourceChain
    properties: {resources: [OS::Heat::None, OS::Heat::RandomString], resource_properties: {length: 2}}
outputs:
  foo: {value: {get_attr: [n, foo, bar]}}
  id: {value: {get_attr: [n, id]}}
  ref: {value: {get_resource: n}}
  group: {value: {get_attr: [g, anything]}}
  group_refs: {value: {get_attr: [g, refs]}}
  chain: {value: {get_attr: [my-chain, attributes, value]}}
  t: {value: {get_attr: [t, output]}}
`,
  });
  const p = await engine.plan(ws);
  assert.equal(p.config.resources.get("heat_none.n")!.properties, {});
  assert.equal(p.config.resources.get("heat_none.g")!.properties, {});
  assert.equal(p.config.resources.get(member(p.config, "heat_none", 0))!.properties, {});
  await engine.apply(ws);
  const o = await engine.outputs(ws);
  assert.is(o.foo.value, null);
  assert.is(o.t.value, null);
  assert.match(String(o.ref.value), /^[0-9a-f-]{36}$/);
  assert.is(o.id.value, o.ref.value);
  assert.equal(o.group.value, [null, null]);
  assert.is((o.group_refs.value as string[]).length, 2);
  assert.equal(o.chain.value, { 0: null, 1: "xx" });
});

test("chain mistakes are Heat's, located", async () => {
  const errors = async (props: string) => {
    const { engine, ws } = setUp({
      template:
        "heat_template_version: 2016-04-08\nresources:\n  c:\n    type: OS::Heat::ResourceChain\n" +
        `    properties: ${props}\n`,
    });
    const diags: Diagnostic[] = await diagnosticsOf(() => engine.plan(ws));
    return diags.map((d) => `${d.origin?.line}: ${d.summary}`);
  };
  assert.equal(await errors("{}"), ["5: Property error: resources.c.properties: Property resources not assigned"]);
  assert.equal(await errors("{resources: [OS::Nova::Nothing]}"), [
    "5: The Resource Type (OS::Nova::Nothing) could not be found.",
  ]);
  assert.equal(await errors("{resources: [], colour: red}"), [
    "5: Property error: resources.c.properties: Unknown Property colour",
  ]);
});

test.run();
