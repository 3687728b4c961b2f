// The HOT front end: Heat's own test templates load, plan and apply through the Engine from an in-memory
// workspace; every mistake is reported in Heat's words at its file and line.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Diagnostic } from "../../contract/diagnostics.js";
import { Engine } from "../../engine/engine.js";
import { hotSourceFiles, type HotSources } from "../../templates/hot/hot-sources.js";
import { modelNameOfHeatName } from "../../templates/hot/resource-names.js";
import { diagnosticsOf } from "../templates/helpers.js";
import { engineWithHeatStandIns } from "./heat-test-types.js";

const HEAT = "/work/shared/peer/heat";
const heatTemplate = (name: string) => readFileSync(join(HEAT, "templates", name), "utf8");
const heatEnvironment = (name: string) => readFileSync(join(HEAT, "environments", name), "utf8");

function workspace(engine: Engine, src: HotSources, dir = mkdtempSync(join(tmpdir(), "gantry-hot-"))) {
  return engine.workspace({ dir, files: hotSourceFiles(src) });
}

async function planOf(src: HotSources) {
  const { engine } = engineWithHeatStandIns();
  return engine.plan(workspace(engine, src));
}

/** "file:line: summary" of each error the sources give at plan. */
async function errorsOf(src: HotSources): Promise<string[]> {
  const diags: Diagnostic[] = await diagnosticsOf(() => planOf(src));
  return diags.map((d) => `${d.origin?.file}:${d.origin?.line}: ${d.summary}`);
}

const changes = (p: Awaited<ReturnType<typeof planOf>>) => p.plan.changes.map((c) => `${c.address} ${c.action}`);

test("Heat's two-resource template plans two TestResources, named and typed as Heat writes them", async () => {
  const p = await planOf({ template: heatTemplate("test_create_update__test_template_two_resource.yaml") });
  assert.equal(changes(p), ["heat_test_resource.test1 create", "heat_test_resource.test2 create"]);
  const r = p.config.resources.get("heat_test_resource.test1")!;
  assert.equal(r.source, { name: "test1", type: "OS::Heat::TestResource" });
  assert.equal(r.properties.value.value, { k: "lit", v: "Test1" });
  assert.equal(r.properties.action_wait_secs.value, { k: "map", entries: { update: { k: "lit", v: 1 } } });
});

test("outputs: get_attr of resources, applied", async () => {
  const { engine } = engineWithHeatStandIns();
  const ws = workspace(engine, { template: heatTemplate("test_stack_outputs__StackOutputsTest.template.yaml") });
  await engine.apply(ws);
  const outs = await engine.outputs(ws);
  assert.equal(outs.resource_output_a.value, "a");
  assert.equal(outs.resource_output_b.value, "b");
});

test("environments merge in order: parameters, resource_registry (aliases, per resource, OS::Heat::None)", async () => {
  const template = heatTemplate("test_env_merge__TEMPLATE.yaml").replace(
    "    resources:",
    "    outputs:\n      p: {value: [{get_param: p0}, {get_param: p1}, {get_param: p2}]}\n    resources:",
  );
  const src: HotSources = {
    template,
    environments: [heatEnvironment("test_env_merge__ENV_1.yaml"), heatEnvironment("test_env_merge__ENV_2.yaml")],
  };
  const p = await planOf(src);
  assert.equal(changes(p), [
    "heat_none.r3a create",
    "heat_random_string.r1 create",
    "heat_random_string.r2 create",
    "heat_random_string.r3b create",
  ]);
  assert.equal(p.config.resources.get("heat_none.r3a")!.source, { name: "r3a", type: "test::R3" });
  assert.equal(p.plan.outputs.find((o) => o.name === "p")?.after, ["CORRECT", "CORRECT", "CORRECT"]);
});

test("ResourceGroup: count 0 has no members; the registry maps the member type", async () => {
  const template = heatTemplate("test_resource_group__ResourceGroupTest.template.yaml");
  const environments = [{ resource_registry: { "My::RandomString": "OS::Heat::RandomString" } }];
  const p = await planOf({ template, environments });
  assert.equal(changes(p), []);
  const r = p.config.resources.get("heat_random_string.random_group")!;
  // its members are shown in a nested stack of their own, of the member type as resource_def names it
  assert.equal(r.source?.name, "random_group");
  assert.equal(r.source?.type, "OS::Heat::ResourceGroup");
  assert.equal(r.source?.group?.memberType, "My::RandomString");
  // attributes of members a group without members does not have are null, without an error (as Heat 19 shows them)
  assert.equal(Object.fromEntries(p.plan.outputs.map((o) => [o.name, o.after])), {
    all_values: [],
    random1: null,
    random2: null,
  });
  // with members, one it does not have is null with Heat's output error beside it, not a load error
  const one = await planOf({ template: template.replace("count: 0", "count: 1"), environments });
  assert.equal(
    one.plan.outputs.find((o) => o.name === "output_error.random2")?.after,
    "Member '1' not found in group resource 'random_group'.",
  );
  const two = await planOf({ template: template.replace("count: 0", "count: 2"), environments });
  assert.equal(changes(two), [
    'heat_random_string.random_group["0"] create',
    'heat_random_string.random_group["1"] create',
  ]);
});

test("nested stacks: what a type reads at validation is refused as in Heat, in a group its first member", async () => {
  const template = heatTemplate("test_resource_group__ResourceGroupTest.template.yaml");
  const provider = heatTemplate(
    "test_resource_group__ResourceGroupTest.test_resource_group_zero_novalidate.nested_template_fail.yaml",
  );
  const src = (count: number): HotSources => ({
    template: template.replace("count: 0", `count: ${count}`),
    environments: [{ resource_registry: { "My::RandomString": "provider.yaml" } }],
    files: { "provider.yaml": provider },
  });
  // count 0: nothing in the members' template is validated
  assert.equal(changes(await planOf(src(0))), ["heat_nested_stack.random_group create"]);
  // count 2: the first member's nested stack is, once, with Heat's path of nested stacks
  assert.equal(await errorsOf(src(2)), [
    "provider.yaml:14: ValueError: resources.random_group<nested_stack>.resources.0<provider.yaml>.resources.random: " +
      "Value 'BAD' is not an integer",
  ]);
  // a provider template resource of its own: its nested stack is validated too
  const direct = "heat_template_version: 2013-05-23\nresources:\n  r:\n    type: provider.yaml\n";
  assert.equal(await errorsOf({ template: direct, files: { "provider.yaml": provider } }), [
    "provider.yaml:14: ValueError: resources.r<provider.yaml>.resources.random: Value 'BAD' is not an integer",
  ]);
  const fine = provider.replace("length: BAD", "length: '12'");
  const planned = await planOf({ template: direct, files: { "provider.yaml": fine } });
  assert.ok(changes(planned).includes("module.r.heat_random_string.random create"), changes(planned).join());
});

test("an output that cannot be computed is null with Heat's error; in a property the same is refused", async () => {
  const nested = `
heat_template_version: 2016-10-14
resources:
  a: {type: OS::Heat::None}
outputs:
  bad: {value: {get_param: foo}}
`;
  const template = `
heat_template_version: 2016-10-14
resources:
  child: {type: nested.yaml}
outputs:
  bad: {value: {get_attr: [child, bad]}}
  missing: {value: {get_attr: [child, nope]}}
`;
  const p = await planOf({ template, files: { "nested.yaml": nested } });
  assert.equal(Object.fromEntries(p.plan.outputs.map((o) => [o.name, o.after])), {
    bad: null,
    missing: null,
    "output_error.bad": "Error in child output bad: The Parameter (foo) was not provided.",
    "output_error.missing": "The Referenced Attribute (child nope) is incorrect.",
  });
  const refused = `
heat_template_version: 2016-10-14
resources:
  a: {type: OS::Heat::Value, properties: {value: {get_param: foo}}}
`;
  assert.equal(await errorsOf({ template: refused }), ["stack.hot.yaml:4: The Parameter (foo) was not provided."]);
});

test("adopting: each resource the adopt data gives an id is imported, with the data it kept", async () => {
  const template = `
heat_template_version: 2016-10-14
resources:
  rs: {type: OS::Heat::RandomString}
  made: {type: OS::Heat::None}
outputs:
  value: {value: {get_attr: [rs, value]}}
`;
  const adopt = { rs: { resource_id: "rs-id", resource_data: { value: "goopie" } }, made: { resource_data: {} } };
  // Heat's own types (they take the objects over); the stand-ins cannot
  const engine = new Engine();
  const p = await engine.plan(workspace(engine, { template, adopt }));
  assert.equal(
    p.plan.changes.map((c) => `${c.address} ${c.action}${c.importing ? ` import ${c.importing.id}` : ""}`),
    ["heat_none.made create", "heat_random_string.rs noop import rs-id"],
  );
  assert.equal(Object.fromEntries(p.plan.outputs.map((o) => [o.name, o.after])), { value: "goopie" });
});

test("ResourceGroup: members named as Heat names them (removal_policies), %index% and attributes", async () => {
  const template = `
heat_template_version: 2016-10-14
parameters:
  n: {type: number, default: 3}
resources:
  group:
    type: OS::Heat::ResourceGroup
    properties:
      count: {get_param: n}
      removal_policies: [{resource_list: ["1"]}]
      resource_def:
        type: OS::Heat::TestResource
        properties:
          value: member-%index%
  custom:
    type: OS::Heat::ResourceGroup
    properties:
      count: 2
      index_var: __i__
      resource_def:
        type: OS::Heat::TestResource
        properties:
          value: {list_of: ["__i__", "%index%"]}
outputs:
  all: {value: {get_attr: [group, output]}}
  refs: {value: {get_attr: [group, refs]}}
  refs_map: {value: {get_attr: [group, refs_map]}}
  two: {value: {get_attr: [group, resource.2.output]}}
  two_id: {value: {get_attr: [group, resource.2]}}
  attributes: {value: {get_attr: [group, attributes, output]}}
  removed: {value: {get_attr: [group, removed_rsrc_list]}}
  custom: {value: {get_attr: [custom, output]}}
`;
  const { engine } = engineWithHeatStandIns();
  const ws = workspace(engine, { template });
  const p = await engine.plan(ws);
  assert.equal(changes(p), [
    'heat_test_resource.custom["0"] create',
    'heat_test_resource.custom["1"] create',
    'heat_test_resource.group["0"] create',
    'heat_test_resource.group["2"] create',
    'heat_test_resource.group["3"] create',
  ]);
  await engine.apply(ws);
  const o = await engine.outputs(ws);
  assert.equal(o.all.value, ["member-0", "member-2", "member-3"]);
  assert.equal(o.two.value, "member-2");
  assert.equal(o.attributes.value, { 0: "member-0", 2: "member-2", 3: "member-3" });
  assert.equal(o.removed.value, ["1"]);
  assert.equal(o.custom.value, [{ list_of: ["0", "%index%"] }, { list_of: ["1", "%index%"] }]);
  const refs = o.refs.value as string[];
  assert.equal(refs.length, 3);
  assert.equal(o.refs_map.value, { 0: refs[0], 2: refs[1], 3: refs[2] });
  assert.equal(o.two_id.value, refs[1]);
});

test("ResourceGroup update with removal_policies: Heat's removal test (members 1, 2, 3 go, 5, 6, 7 come)", async () => {
  const { engine, deleted } = engineWithHeatStandIns();
  const dir = mkdtempSync(join(tmpdir(), "gantry-hot-"));
  const name = "test_resource_group__ResourceGroupTest.test_update_removal_policies.rp_template";
  await engine.apply(workspace(engine, { template: heatTemplate(`${name}.yaml`) }, dir));
  const ws = workspace(engine, { template: heatTemplate(`derived/${name}__remove_1_2_3.yaml`) }, dir);
  const p = await engine.plan(ws);
  assert.equal(
    p.plan.changes.filter((c) => c.action !== "noop").map((c) => `${c.address} ${c.action}`),
    [
      'heat_random_string.random_group["1"] delete',
      'heat_random_string.random_group["2"] delete',
      'heat_random_string.random_group["3"] delete',
      'heat_random_string.random_group["5"] create',
      'heat_random_string.random_group["6"] create',
      'heat_random_string.random_group["7"] create',
    ],
  );
  await engine.apply(ws);
  assert.equal(
    deleted.sort(),
    [1, 2, 3].map((i) => `heat_random_string.random_group["${i}"]`),
  );
});

test("ResourceGroup rolling_update becomes the members' update policy", async () => {
  const p = await planOf({
    template: heatTemplate("test_resource_group__ResourceGroupUpdatePolicyTest.template.yaml"),
  });
  const r = p.config.resources.get("heat_test_resource.random_group")!;
  assert.equal(r.updatePolicy, { group: "random_group", maxBatchSize: 2, minInService: 1, pauseSeconds: 1 });
  assert.equal(p.plan.changes.length, 10);
});

test("ResourceGroup batch_create: the members' create batches; no update batches without rolling_update", async () => {
  const p = await planOf({
    template: `heat_template_version: rocky
resources:
  g:
    type: OS::Heat::ResourceGroup
    update_policy:
      batch_create: { max_batch_size: '2', pause_time: 1.5 }
    properties:
      count: 5
      resource_def: {type: OS::Heat::TestResource}`,
  });
  const r = p.config.resources.get("heat_test_resource.g")!;
  assert.equal(r.updatePolicy, {
    group: "g",
    maxBatchSize: 1,
    minInService: 0,
    rolling: false,
    createBatches: { maxBatchSize: 2, pauseSeconds: 1.5 },
  });
  assert.equal(
    p.plan.changes.map((c) => [c.key, c.batch?.index, c.batch?.pauseSeconds]),
    [
      ["0", 1, 1.5],
      ["1", 1, 1.5],
      ["2", 2, 1.5],
      ["3", 2, 1.5],
      ["4", 3, 1.5],
    ],
  );
});

test("strings are literal: no ${} interpolation in HOT", async () => {
  const p = await planOf({
    template: `heat_template_version: 2021-04-16
resources:
  r: {type: OS::Heat::TestResource, properties: {value: "\${var.x} %{ if true }"}}`,
  });
  assert.equal(p.plan.changes[0].after?.value, "${var.x} %{ if true }");
});

test("release names are versions; conditions decide which resources and outputs exist", async () => {
  const template = `heat_template_version: rocky
parameters:
  on: {type: boolean, default: false}
conditions:
  never: false
  always: true
resources:
  kept: {type: OS::Heat::TestResource, condition: always, properties: {value: {get_resource: gone}}}
  gone: {type: OS::Heat::TestResource, condition: never}
  also_gone: {type: OS::Heat::TestResource, condition: false, depends_on: [gone]}
outputs:
  shown: {value: here, condition: always}
  hidden: {value: {get_attr: [gone, output]}, condition: never}
`;
  const p = await planOf({ template });
  assert.equal(changes(p), ["heat_test_resource.kept create"]);
  assert.equal(p.plan.changes[0].after?.value, null);
  const outs = Object.fromEntries(p.plan.outputs.map((o) => [o.name, o.after]));
  assert.equal(outs, { hidden: null, shown: "here" });
});

test("resource names Heat allows and the model does not are mapped; their source keeps them", async () => {
  const template = `heat_template_version: 2015-04-30
resources:
  "my server.1": {type: OS::Heat::TestResource, properties: {value: one}}
  "2nd": {type: OS::Heat::TestResource, depends_on: "my server.1", properties: {value: {get_resource: "my server.1"}}}
`;
  const p = await planOf({ template });
  const one = modelNameOfHeatName("my server.1");
  const two = modelNameOfHeatName("2nd");
  assert.match(one, /^my_server_1_[0-9a-f]{8}$/);
  assert.match(two, /^_2nd_[0-9a-f]{8}$/);
  assert.equal(p.config.resources.get(`heat_test_resource.${one}`)!.source, {
    name: "my server.1",
    type: "OS::Heat::TestResource",
  });
  const second = p.config.resources.get(`heat_test_resource.${two}`)!;
  assert.equal(
    second.dependsOn.map((d) => d.ref),
    [`heat_test_resource.${one}`],
  );
});

test("deletion_policy Retain: a deleted resource is forgotten, not destroyed", async () => {
  const { engine, deleted } = engineWithHeatStandIns();
  const dir = mkdtempSync(join(tmpdir(), "gantry-hot-"));
  const template = (resources: string) => `heat_template_version: 2016-10-14\nresources:\n${resources}`;
  const both = template(
    "  kept: {type: OS::Heat::TestResource, deletion_policy: Retain}\n" +
      "  dropped: {type: OS::Heat::TestResource, deletion_policy: delete}\n",
  );
  await engine.apply(workspace(engine, { template: both }, dir));
  const ws = workspace(engine, { template: template("  other: {type: OS::Heat::TestResource}\n") }, dir);
  const p = await engine.plan(ws);
  const forget = Object.fromEntries(p.plan.changes.map((c) => [c.address, c.forget ?? false]));
  assert.equal(forget, {
    "heat_test_resource.dropped": false,
    "heat_test_resource.kept": true,
    "heat_test_resource.other": false,
  });
  await engine.apply(ws);
  assert.equal(deleted, ["heat_test_resource.dropped"]);
  assert.equal([...(await ws.state.read()).instances.keys()], ["heat_test_resource.other"]);
});

test("external_id imports the existing object", async () => {
  const p = await planOf({
    template: `heat_template_version: 2016-10-14
resources:
  adopted: {type: Gantry::Noop, external_id: 0d5c5ac4-6e35-4ad4-8d39-0a16a7b2a6c1}`,
  });
  assert.equal(
    p.config.imports.map((i) => i.to),
    ["gantry_noop.adopted"],
  );
  assert.equal(p.plan.changes[0].importing, { id: "0d5c5ac4-6e35-4ad4-8d39-0a16a7b2a6c1" });
});

test("errors are Heat's, located at the file and line", async () => {
  const t = (body: string) => ({ template: `heat_template_version: 2016-10-14\n${body}` });
  assert.equal(await errorsOf({ template: "resources: {}\n" }), [
    "stack.hot.yaml:1: Template format version not found.",
  ]);
  const unknown = await errorsOf({ template: "heat_template_version: 2012-01-01\n" });
  assert.match(
    unknown[0],
    'stack.hot.yaml:1: The template version is invalid: "heat_template_version: 2012-01-01". ' +
      '"heat_template_version" should be one of: 2013-05-23, 2014-10-16,',
  );
  assert.match(unknown[0], "2021-04-16, newton, ocata, pike, queens, rocky, wallaby");
  assert.equal(await errorsOf(t("resourcez: {}\nconditionz: {}\n")), [
    "stack.hot.yaml:2: The template section is invalid: resourcez",
    "stack.hot.yaml:3: The template section is invalid: conditionz",
  ]);
  assert.equal(await errorsOf({ template: "heat_template_version: 2016-04-08\nconditions: {}\n" }), [
    "stack.hot.yaml:2: The template section is invalid: conditions",
  ]);
  assert.equal(await errorsOf(t("resources:\n  server:\n    type: OS::Nova::Server\n")), [
    "stack.hot.yaml:4: The Resource Type (OS::Nova::Server) could not be found.",
  ]);
  assert.equal(
    await errorsOf(
      t(
        "resources:\n  a:\n    type: OS::Heat::TestResource\n    depends_on: [nowhere]\n" +
          "    deletion_policy: Keep\n    colour: red\n  b: {}\n",
      ),
    ),
    [
      'stack.hot.yaml:7: "colour" is not a valid keyword inside a resource definition',
      "stack.hot.yaml:8: Each resource must contain a type key.",
    ],
  );
  assert.equal(
    await errorsOf(
      t("resources:\n  a:\n    type: OS::Heat::TestResource\n    depends_on: [nowhere]\n    deletion_policy: Keep\n"),
    ),
    [
      'stack.hot.yaml:5: The specified reference "nowhere" (in a) is incorrect.',
      'stack.hot.yaml:6: Invalid deletion policy "Keep"',
    ],
  );
  assert.equal(
    await errorsOf(
      t("resources:\n  a:\n    type: OS::Heat::TestResource\n    condition: maybe\noutputs:\n  o: {description: x}\n"),
    ),
    [
      'stack.hot.yaml:5: Invalid condition "maybe"',
      "stack.hot.yaml:7: Each output definition must contain a value key.",
    ],
  );
  assert.equal(
    await errorsOf(
      t("resources:\n  a:\n    type: OS::Heat::TestResource\n    properties:\n      value: {get_resource: b}\n"),
    ),
    ['stack.hot.yaml:6: The specified reference "b" (in resources.a.properties.value) is incorrect.'],
  );
  assert.equal(
    await errorsOf(t("resources:\n  a: {type: OS::Heat::TestResource, properties: {value: {get_param: p}}}\n")),
    ["stack.hot.yaml:3: The Parameter (p) was not provided."],
  );
});

test("ResourceGroup and property mistakes are located", async () => {
  const t = (body: string) => ({ template: `heat_template_version: 2016-10-14\nresources:\n${body}` });
  assert.equal(
    await errorsOf(
      t(
        "  a: {type: OS::Heat::TestResource}\n  g:\n    type: OS::Heat::ResourceGroup\n    properties:\n" +
          "      count: {get_attr: [a, output]}\n      resource_def: {type: OS::Nova::Server}\n",
      ),
    ),
    [
      "stack.hot.yaml:7: Property error: resources.g.properties.count: a ResourceGroup needs this value from " +
        'parameters alone (Variables not allowed: "heat_test_resource.a.output" (variables may not be used here))',
      "stack.hot.yaml:8: The Resource Type (OS::Nova::Server) could not be found.",
    ],
  );
  assert.equal(await errorsOf(t("  a: {type: OS::Heat::TestResource, properties: {count: 1}}\n")), [
    'stack.hot.yaml:3: Resource a: a property named "count" cannot be given (gantry reads it as a meta-argument)',
  ]);
});

test("pseudo parameters come from the environment the stack is run with", async () => {
  const template = "heat_template_version: 2016-10-14\noutputs:\n  n: {value: {get_param: OS::stack_name}}\n";
  const p = await planOf({ template, parameters: { "OS::stack_name": "teststack" } });
  assert.equal(p.plan.outputs[0].after, "teststack");
});

test("YAML: syntax errors located; limits on size and alias expansion", async () => {
  const bad = await errorsOf({ template: "heat_template_version: 2016-10-14\nresources: {a: [}\n" });
  assert.ok(bad.length > 0);
  assert.match(bad[0], /^stack\.hot\.yaml:2: Error parsing template stack\.hot\.yaml at line 2/);
  const big = await errorsOf({ template: `heat_template_version: 2016-10-14\ndescription: "${"x".repeat(600000)}"\n` });
  assert.equal(big, ["stack.hot.yaml:1: Template size (600050 bytes) exceeds maximum allowed size (524288 bytes)."]);
  const lol = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 8; i++)
    lol.push(
      `${"bcdefgh"[i - 1]}: &${"bcdefgh"[i - 1]} [${Array(10)
        .fill(`*${"abcdefgh"[i - 1]}`)
        .join(", ")}]`,
    );
  const bomb = await errorsOf({ template: `heat_template_version: 2016-10-14\n${lol.join("\n")}\n` });
  assert.match(bomb[0], /^stack\.hot\.yaml:\d+: Error parsing template stack\.hot\.yaml: Excessive alias count/);
  const env = await errorsOf({
    template: "heat_template_version: 2016-10-14\n",
    environments: ["parameters: {a: [}\n"],
  });
  assert.match(env[0], /^stack\.hot-env-000\.yaml:1: invalid YAML in stack\.hot-env-000\.yaml at line 1/);
});

test("a HOT template and the equivalent .tf.json give the same plan", async () => {
  const hot = `heat_template_version: 2018-08-31
parameters:
  greeting: {type: string, default: hello}
resources:
  base: {type: Gantry::Noop, properties: {input: {get_param: greeting}}}
  follower:
    type: Gantry::Noop
    depends_on: base
    properties:
      input: {greeting: {get_attr: [base, output]}, base: {get_resource: base}}
      triggers_replace: [1, 2]
  members:
    type: OS::Heat::ResourceGroup
    properties:
      count: 2
      resource_def: {type: Gantry::Noop, properties: {input: "member %index%"}}
outputs:
  greeting: {value: {get_attr: [follower, output, greeting]}}
  members: {value: {get_attr: [members, output]}}
`;
  const tfJson = {
    variable: { greeting: { type: "string", default: "hello" } },
    resource: {
      gantry_noop: {
        base: { input: "${var.greeting}" },
        follower: {
          depends_on: ["gantry_noop.base"],
          input: { greeting: "${gantry_noop.base.output}", base: "${gantry_noop.base.id}" },
          triggers_replace: [1, 2],
        },
        members: { for_each: { 0: "0", 1: "1" }, input: "member ${each.key}" },
      },
    },
    output: {
      greeting: { value: "${gantry_noop.follower.output.greeting}" },
      members: { value: '${[gantry_noop.members["0"].output, gantry_noop.members["1"].output]}' },
    },
  };
  const { engine } = engineWithHeatStandIns();
  const fromHot = await engine.plan(workspace(engine, { template: hot }));
  const tfDir = mkdtempSync(join(tmpdir(), "gantry-hot-tf-"));
  const fromTf = await engine.plan(
    engine.workspace({ dir: tfDir, files: [{ path: "main.tf.json", content: JSON.stringify(tfJson) }] }),
  );
  const view = (p: typeof fromHot) => ({
    changes: p.plan.changes.map((c) => ({ address: c.address, action: c.action, after: c.after, deps: c.dependsOn })),
    outputs: p.plan.outputs.map((o) => ({ name: o.name, after: o.after })),
  });
  assert.equal(view(fromHot), view(fromTf));
});

test.run();
