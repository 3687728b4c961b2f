// A ResourceGroup whose members are provider templates, and a ResourceChain with a provider-template member: the
// members are a nested stack of their own (templates/hot/member-stack.ts), each provider member a nested stack in
// it. The index variable reaches each member's properties; a property that refers to another resource arrives at
// run time; get_attr on the group reads its members' outputs (refs, attributes, resource.N, resource.N.out).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Diagnostic } from "../../contract/diagnostics.js";
import { Engine } from "../../engine/engine.js";
import { hotSourceFiles, type HotSources } from "../../templates/hot/hot-sources.js";
import { modelNameOfHeatName } from "../../templates/hot/resource-names.js";
import { diagnosticsOf } from "../templates/helpers.js";

const member = [
  "heat_template_version: 2018-08-31",
  "parameters:",
  "  val: {type: string}",
  "  extra: {type: string, default: none}",
  "resources:",
  "  v:",
  "    type: OS::Heat::Value",
  "    properties: {value: {list_join: ['/', [{get_param: val}, {get_param: extra}]]}}",
  "outputs:",
  "  out: {value: {get_attr: [v, value]}}",
].join("\n");

function ws(engine: Engine, src: HotSources) {
  return engine.workspace({ dir: mkdtempSync(join(tmpdir(), "gantry-hot-members-")), files: hotSourceFiles(src) });
}

const groupTemplate = (count: number) => ({
  heat_template_version: "2018-08-31",
  resources: {
    first: { type: "OS::Heat::Value", properties: { value: "a" } },
    g: {
      type: "OS::Heat::ResourceGroup",
      properties: {
        count,
        removal_policies: [{ resource_list: ["1"] }],
        resource_def: {
          type: "My::Member",
          properties: { val: "m-%index%", extra: { get_attr: ["first", "value"] } },
        },
      },
    },
  },
  outputs: {
    outs: { value: { get_attr: ["g", "out"] } },
    attributes: { value: { get_attr: ["g", "attributes", "out"] } },
    one: { value: { get_attr: ["g", "resource.2.out"] } },
    refs: { value: { get_attr: ["g", "refs"] } },
    ref2: { value: { get_attr: ["g", "resource.2"] } },
    removed: { value: { get_attr: ["g", "removed_rsrc_list"] } },
    ref: { value: { get_resource: "g" } },
  },
});

test("a group of provider templates: a nested stack of members, each a nested stack; get_attr through it", async () => {
  const engine = new Engine();
  const w = ws(engine, {
    template: groupTemplate(2),
    environments: [{ resource_registry: { "My::Member": "member.yaml" } }],
    files: { "member.yaml": member },
  });
  const plan = await engine.plan(w);
  const keys = [...plan.config.resources.keys()].sort();
  const m = (n: string) => modelNameOfHeatName(n);
  assert.equal(
    keys,
    [
      "heat_nested_stack.g",
      `module.g.heat_nested_stack.${m("0")}`,
      `module.g.heat_nested_stack.${m("2")}`,
      `module.g.module.${m("0")}.heat_value.v`,
      `module.g.module.${m("2")}.heat_value.v`,
      "heat_value.first",
    ].sort(),
  );
  assert.equal(plan.config.resources.get("heat_nested_stack.g")!.source, {
    name: "g",
    type: "OS::Heat::ResourceGroup",
  });
  assert.equal(plan.config.resources.get(`module.g.heat_nested_stack.${m("2")}`)!.source, {
    name: "2",
    type: "My::Member",
  });
  await engine.apply(w);
  const o = await engine.outputs(w);
  assert.equal(o.outs.value, ["m-0/a", "m-2/a"]);
  assert.equal(o.attributes.value, { 0: "m-0/a", 2: "m-2/a" });
  assert.is(o.one.value, "m-2/a");
  const refs = o.refs.value as string[];
  assert.is(refs.length, 2);
  // a provider member's get_resource: its nested stack's ARN
  for (const r of refs) assert.match(r, /^arn:openstack:heat::[^:]*:stacks\/[^/]+\/[0-9a-f-]{36}$/);
  assert.is(o.ref2.value, refs[1]);
  assert.equal(o.removed.value, ["1"]);
  // get_resource on the group: its nested stack's id
  assert.is(o.ref.value, (await engine.showState(w, "heat_nested_stack.g")).attributes.stack_id);
  assert.match(String(o.ref.value), /^[0-9a-f-]{36}$/);
});

test("a chain of provider members; a property a member lacks; a group of a template that is missing", async () => {
  const engine = new Engine();
  const w = ws(engine, {
    template: {
      heat_template_version: "2018-08-31",
      resources: {
        c: {
          type: "OS::Heat::ResourceChain",
          properties: { resources: ["OS::Heat::Value", "My::Member"], resource_properties: { val: "x" } },
        },
      },
    },
    environments: [{ resource_registry: { "My::Member": "member.yaml" } }],
    files: { "member.yaml": member },
  });
  const diags: Diagnostic[] = await diagnosticsOf(() => engine.plan(w));
  // OS::Heat::Value has no property val (and lacks its value)
  assert.match(diags.map((d) => d.summary).join("\n"), /Unsupported property "val"/);

  const w2 = ws(engine, {
    template: {
      heat_template_version: "2018-08-31",
      resources: {
        c: {
          type: "OS::Heat::ResourceChain",
          properties: { resources: ["My::Member", "My::Member"], resource_properties: { val: "x" } },
        },
      },
      outputs: { outs: { value: { get_attr: ["c", "out"] } } },
    },
    environments: [{ resource_registry: { "My::Member": "member.yaml" } }],
    files: { "member.yaml": member },
  });
  const plan = await engine.plan(w2);
  // the chain's module is named after what it cannot update (resource_properties: templates/hot/resource-chain.ts)
  const chain = [...plan.config.resources.values()].find((r) => r.key.startsWith("heat_nested_stack.c_"))!.name;
  const first = `module.${chain}.heat_nested_stack.${modelNameOfHeatName("0")}`;
  assert.ok(plan.config.resources.has(first));
  // the second member's nested stack waits for the first member
  const inner = plan.config.resources.get(`module.${chain}.module.${modelNameOfHeatName("1")}.heat_value.v`)!;
  assert.equal(
    inner.dependsOn.map((d) => d.ref),
    [first],
  );
  await engine.apply(w2);
  assert.equal((await engine.outputs(w2)).outs.value, ["x/none", "x/none"]);

  const w3 = ws(engine, {
    template: groupTemplate(1),
    environments: [{ resource_registry: { "My::Member": "absent.yaml" } }],
  });
  const missing: Diagnostic[] = await diagnosticsOf(() => engine.plan(w3));
  assert.equal(
    missing.map((d) => d.summary),
    ['Could not fetch remote template "absent.yaml": Invalid URL scheme '],
  );
});

test("a rolling_update group of provider templates is batched by member: a member's nested stack with it", async () => {
  const engine = new Engine();
  const template = (val: string) => ({
    heat_template_version: "2018-08-31",
    resources: {
      g: {
        type: "OS::Heat::ResourceGroup",
        update_policy: { rolling_update: { max_batch_size: 2, min_in_service: 1 } },
        properties: { count: 4, resource_def: { type: "My::Member", properties: { val } } },
      },
    },
  });
  const src = (val: string): HotSources => ({
    template: template(val),
    environments: [{ resource_registry: { "My::Member": "member.yaml" } }],
    files: { "member.yaml": member },
  });
  const dir = mkdtempSync(join(tmpdir(), "gantry-hot-members-"));
  await engine.apply(engine.workspace({ dir, files: hotSourceFiles(src("a")) }));
  const p = await engine.plan(engine.workspace({ dir, files: hotSourceFiles(src("b")) }));
  assert.equal(
    p.plan.rolling.map((r) => ({ group: r.group, batches: r.batches, members: r.members, size: r.batchSize })),
    [
      {
        group: "g",
        batches: [
          ["0", "1"],
          ["2", "3"],
        ],
        members: 4,
        size: 2,
      },
    ],
  );
  const batchOf = (address: string) => p.plan.changes.find((c) => c.address === address)?.batch?.index;
  for (const [name, batch] of [
    ["0", 1],
    ["1", 1],
    ["2", 2],
    ["3", 2],
  ] as const) {
    const m = modelNameOfHeatName(name);
    assert.is(batchOf(`module.g.heat_nested_stack.${m}`), batch, `member ${name}`);
    assert.is(batchOf(`module.g.module.${m}.heat_value.v`), batch, `member ${name}'s resource`);
  }
  assert.is(batchOf("heat_nested_stack.g"), undefined, "the group's own stack is not a member");
});

test.run();
