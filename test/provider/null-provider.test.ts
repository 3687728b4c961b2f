// terraform_data and the null provider's null_resource through the engine:
// plan, apply, update and replace, with Terraform's semantics.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { containsUnknown, isUnknown } from "../../contract/values.js";
import { configDir, makePlan, planAndApply, writeConfig } from "../planner/harness.js";
import { testEngine } from "../engine-fixture.js";

const tf = (resource: Record<string, unknown>, output?: Record<string, unknown>) => ({
  "main.tf.json": JSON.stringify({ resource, ...(output ? { output } : {}) }),
});
const change = (p: Awaited<ReturnType<typeof makePlan>>, address: string) =>
  p.changes.find((c) => c.address === address)!;

test("both types are registered under their own names", () => {
  const names = testEngine().types.names();
  assert.ok(names.includes("terraform_data") && names.includes("null_resource") && names.includes("gantry_noop"));
});

test("terraform_data: output known after apply on create, mirrors input; id is a UUID kept on update", async () => {
  const dir = configDir(
    tf({ terraform_data: { d: { input: { a: 1 } } } }, { o: { value: "${terraform_data.d.output}" } }),
  );
  const p1 = await makePlan(dir);
  const c1 = change(p1, "terraform_data.d");
  assert.is(c1.action, "create");
  assert.ok(isUnknown(c1.after!.output), "output unknown in the plan although input is known");
  assert.ok(isUnknown(c1.after!.id));
  const { state: s1 } = await planAndApply(dir);
  const d1 = s1.instances.get("terraform_data.d")!.attributes;
  assert.equal(d1.output, { a: 1 });
  assert.match(String(d1.id), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(s1.outputs.o.value, { a: 1 });

  assert.is(change(await makePlan(dir), "terraform_data.d").action, "noop");

  writeConfig(dir, tf({ terraform_data: { d: { input: "two" } } }));
  const c2 = change(await makePlan(dir), "terraform_data.d");
  assert.is(c2.action, "update");
  assert.ok(isUnknown(c2.after!.output), "output unknown when input changes");
  assert.is(c2.after!.id, d1.id, "id kept");
  const { state: s2 } = await planAndApply(dir);
  assert.equal(s2.instances.get("terraform_data.d")!.attributes.output, "two");
  assert.is(s2.instances.get("terraform_data.d")!.attributes.id, d1.id);

  writeConfig(dir, tf({ terraform_data: { d: {} } }));
  const c3 = change(await makePlan(dir), "terraform_data.d");
  assert.is(c3.action, "update");
  assert.is(c3.after!.output, null, "no input: output is null, not unknown");
});

test("terraform_data: a change of triggers_replace replaces it (new id); the same value does not", async () => {
  const dir = configDir(tf({ terraform_data: { d: { input: "x", triggers_replace: ["v1"] } } }));
  const { state: s1 } = await planAndApply(dir);
  const id1 = s1.instances.get("terraform_data.d")!.attributes.id;
  assert.is(change(await makePlan(dir), "terraform_data.d").action, "noop");
  writeConfig(dir, tf({ terraform_data: { d: { input: "x", triggers_replace: ["v2"] } } }));
  const c = change(await makePlan(dir), "terraform_data.d");
  assert.is(c.action, "replace");
  assert.equal(c.requiresReplace, ["triggers_replace"]);
  assert.ok(isUnknown(c.after!.id) && isUnknown(c.after!.output));
  const { state: s2 } = await planAndApply(dir);
  const d2 = s2.instances.get("terraform_data.d")!.attributes;
  assert.is.not(d2.id, id1);
  assert.is(d2.output, "x");
});

test("terraform_data: output and id cannot be set", async () => {
  const dir = configDir(tf({ terraform_data: { d: { output: 1 } } }));
  try {
    await makePlan(dir);
    assert.unreachable("planned");
  } catch (e) {
    assert.match((e as Error).message, /"output" of resource "terraform_data.d" is computed/);
  }
});

test("null_resource: random numeric id; triggers are strings; a change of triggers replaces it", async () => {
  const dir = configDir(tf({ null_resource: { n: { triggers: { a: 1, b: "x", c: true } } } }));
  const c1 = change(await makePlan(dir), "null_resource.n");
  assert.equal(c1.after!.triggers, { a: "1", b: "x", c: "true" });
  const { state: s1 } = await planAndApply(dir);
  const n1 = s1.instances.get("null_resource.n")!.attributes;
  assert.match(String(n1.id), /^\d{1,19}$/);
  assert.is(change(await makePlan(dir), "null_resource.n").action, "noop", '1 and "1" are the same trigger');

  writeConfig(dir, tf({ null_resource: { n: { triggers: { a: 2, b: "x", c: true } } } }));
  const c2 = change(await makePlan(dir), "null_resource.n");
  assert.is(c2.action, "replace");
  assert.equal(c2.requiresReplace, ["triggers"]);
  const { state: s2 } = await planAndApply(dir);
  assert.is.not(s2.instances.get("null_resource.n")!.attributes.id, n1.id);

  writeConfig(dir, tf({ null_resource: { n: {} } }));
  assert.is(change(await makePlan(dir), "null_resource.n").action, "replace", "removing triggers replaces too");
});

test("null_resource: triggers from another resource's unknown value is known after apply; ids differ", async () => {
  const dir = configDir(
    tf({
      terraform_data: { d: { input: "v" } },
      null_resource: { n: { triggers: { d: "${terraform_data.d.id}" } }, m: {} },
    }),
  );
  const p = await makePlan(dir);
  assert.ok(containsUnknown(change(p, "null_resource.n").after!.triggers));
  const { state } = await planAndApply(dir);
  const n = state.instances.get("null_resource.n")!.attributes;
  assert.equal(n.triggers, { d: state.instances.get("terraform_data.d")!.attributes.id });
  assert.is.not(n.id, state.instances.get("null_resource.m")!.attributes.id);
});

test("null_resource: a trigger that is not a string is refused", async () => {
  const dir = configDir(tf({ null_resource: { n: { triggers: { a: ["x"] } } } }));
  try {
    await makePlan(dir);
    assert.unreachable("planned");
  } catch (e) {
    assert.match((e as Error).message, /triggers must be a map of strings; "a" is/);
  }
});

test.run();
