// Resource types are named in full everywhere ("gantry_noop.a"); YAML may
// write gantry's types short ("noop.a", "${noop.a.output}"); Terraform syntax
// takes types exactly as written; old state files with short types still plan.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError } from "../../contract/diagnostics.js";
import { fullTypeName, providerOfType } from "../../contract/type-names.js";
import { parseAddress } from "../../planner/addresses.js";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { parseNativeYaml } from "../../templates/native-yaml.js";
import { testEngine } from "../engine-fixture.js";
import { actions, configDir, loadStateAt, makePlan, planAndApply, statePath, writeConfig } from "./harness.js";

test("the short-name rule: a type without a known provider prefix is gantry's", () => {
  assert.is(fullTypeName("noop"), "gantry_noop");
  assert.is(fullTypeName("chronos_job"), "gantry_chronos_job");
  assert.is(fullTypeName("gantry_noop"), "gantry_noop");
  assert.is(fullTypeName("null_resource"), "null_resource");
  assert.is(fullTypeName("terraform_data"), "terraform_data");
  assert.is(providerOfType("haproxy_config"), undefined);
  assert.is(providerOfType("gantry_haproxy_config"), "gantry");
});

test("YAML: short types, references, depends_on and replace_triggered_by resolve to full names", () => {
  const bag = new DiagnosticBag();
  const frag = parseNativeYaml(
    "main.gantry.yaml",
    [
      "resources:",
      "  noop.a: { input: 1 }",
      "  chronos_job.j: {}",
      "  null_resource.n: {}",
      "  noop.b:",
      '    count: "${length(var.xs)}"',
      '    input: "${noop.a.output} ${var.x} ${local.y} ${count.index} ${path.module} ${terraform.workspace}"',
      "    depends_on: [null_resource.n, gantry_noop.a]",
      "    lifecycle: { replace_triggered_by: [noop.a.output] }",
      "outputs:",
      '  o: { value: "${noop.b[0].output}", depends_on: [noop.a] }',
      "",
    ].join("\n"),
    bag,
  );
  assert.equal(bag.items, []);
  assert.equal(
    frag.resources.map((r) => [r.type, r.key]),
    [
      ["gantry_noop", "gantry_noop.a"],
      ["gantry_chronos_job", "gantry_chronos_job.j"],
      ["null_resource", "null_resource.n"],
      ["gantry_noop", "gantry_noop.b"],
    ],
  );
  const b = frag.resources[3];
  const input = b.properties.input.value;
  assert.ok(input.k === "tmpl");
  const roots =
    input.k === "tmpl" ? input.parts.flatMap((p) => (typeof p === "string" ? [] : p.k === "ref" ? [p.root] : [])) : [];
  assert.equal(roots, ["gantry_noop", "var", "local", "count", "path", "terraform"]);
  assert.equal(
    b.dependsOn.map((d) => d.ref),
    ["null_resource.n", "gantry_noop.a"],
  );
  assert.equal(
    b.lifecycle.replaceTriggeredBy.map((d) => d.ref),
    ["gantry_noop.a.output"],
  );
  assert.equal(
    frag.outputs[0].dependsOn.map((d) => d.ref),
    ["gantry_noop.a"],
  );
  assert.ok(frag.outputs[0].value.k === "ref" && frag.outputs[0].value.root === "gantry_noop");
});

test("tf.json: a type without its provider prefix is no type, and the message suggests the full name", async () => {
  const dir = configDir({ "main.tf.json": JSON.stringify({ resource: { noop: { a: { input: 1 } } } }) });
  try {
    await makePlan(dir);
    assert.unreachable("planned");
  } catch (e) {
    if (!(e instanceof GantryError)) throw e;
    const d = e.diagnostics[0];
    assert.is(d.summary, 'Unknown resource type "noop" for resource "noop.a"');
    assert.match(d.detail ?? "", /gantry has no resource type "noop"\. Did you mean "gantry_noop"\?/);
  }
});

test("tf.json: a short reference is an undeclared resource", async () => {
  const dir = configDir({
    "main.tf.json": JSON.stringify({
      resource: { gantry_noop: { a: { input: 1 }, b: { input: "${noop.a.output}" } } },
    }),
  });
  try {
    await makePlan(dir);
    assert.unreachable("planned");
  } catch (e) {
    if (!(e instanceof GantryError)) throw e;
    assert.match(e.diagnostics.map((d) => d.summary).join("\n"), /Reference to undeclared resource "noop\.a"/);
  }
});

test("addresses typed by users: the full form, and the short form as an alias", () => {
  assert.is(parseAddress("gantry_noop.a[0]")?.resourceKey, "gantry_noop.a");
  assert.is(parseAddress("noop.a")?.resourceKey, "gantry_noop.a");
  assert.is(parseAddress("null_resource.n")?.resourceKey, "null_resource.n");
});

test("a state written with short types (format 1) reads in full and plans no changes", async () => {
  const yaml = 'resources:\n  noop.a: { input: 1 }\n  noop.b:\n    count: 2\n    input: "${noop.a.output}"\n';
  const dir = configDir({ "main.gantry.yaml": yaml });
  const { state } = await planAndApply(dir);
  assert.equal([...state.instances.keys()].sort(), ["gantry_noop.a", "gantry_noop.b[0]", "gantry_noop.b[1]"]);
  // write it back as gantry 0.1 did: format 1, types without the prefix
  const raw = JSON.parse(readFileSync(statePath(dir), "utf8"));
  assert.is(raw.version, 2);
  raw.version = 1;
  for (const r of raw.resources) {
    r.address = r.address.replace(/^gantry_/, "");
    r.type = r.type.replace(/^gantry_/, "");
    r.dependencies = r.dependencies.map((d: string) => d.replace(/^gantry_/, ""));
  }
  assert.equal(raw.resources[1].dependencies, ["noop.a"]);
  writeFileSync(statePath(dir), JSON.stringify(raw));
  const plan = await makePlan(dir);
  assert.equal(actions(plan), { "gantry_noop.a": "noop", "gantry_noop.b[0]": "noop", "gantry_noop.b[1]": "noop" });
  assert.equal(plan.priorState.instances.get("gantry_noop.b[1]")?.dependencies, ["gantry_noop.a"]);
  // state commands take the full form and the short alias
  const ws = testEngine().workspace({ dir });
  assert.is((await testEngine().showState(ws, "noop.b[1]")).address, "gantry_noop.b[1]");
  assert.equal(await testEngine().listState(ws, ["noop.b"]), ["gantry_noop.b[0]", "gantry_noop.b[1]"]);
});

test("a saved plan written with short types (plan format 2) applies", async () => {
  const dir = configDir({
    "main.gantry.yaml": 'resources:\n  noop.a: { input: 1 }\n  noop.b:\n    input: "${noop.a.output}"\n',
  });
  await planAndApply(dir);
  writeConfig(dir, {
    "main.gantry.yaml": 'resources:\n  noop.a: { input: 2 }\n  noop.b:\n    input: "${noop.a.output}"\n',
  });
  const ws = testEngine().workspace({ dir });
  const outcome = await testEngine().plan(ws);
  const file = join(dir, "saved.plan");
  testEngine().savePlan(file, ws, outcome);
  // write it back as gantry 0.1 did: format 2, types without the prefix, prior state in state format 1
  const short = (a: string) => a.replace(/^gantry_/, "");
  const raw = JSON.parse(readFileSync(file, "utf8"));
  assert.is(raw.version, 3);
  raw.version = 2;
  for (const c of raw.plan.changes) {
    c.address = short(c.address);
    c.resourceKey = short(c.resourceKey);
    c.type = short(c.type);
    c.dependsOn = c.dependsOn.map(short);
  }
  raw.plan.expansions = raw.plan.expansions.map(([k, e]: [string, unknown]) => [short(k), e]);
  const prior = JSON.parse(raw.plan.priorState);
  prior.version = 1;
  for (const r of prior.resources) {
    r.address = short(r.address);
    r.type = short(r.type);
    r.dependencies = r.dependencies.map(short);
  }
  raw.plan.priorState = JSON.stringify(prior);
  assert.equal(
    raw.plan.changes.map((c: { address: string; action: string }) => `${c.address} ${c.action}`),
    ["noop.a update", "noop.b update"],
  );
  writeFileSync(file, JSON.stringify(raw));
  const applied = await testEngine().applySaved(file, {});
  assert.is(applied.status, "applied");
  const state = loadStateAt(dir);
  assert.equal([...state.instances.keys()].sort(), ["gantry_noop.a", "gantry_noop.b"]);
  assert.is(state.instances.get("gantry_noop.b")?.attributes.output, 2);
});

test.run();
