import { test } from "uvu";
import * as assert from "uvu/assert";
import { planToJson } from "../../cli/render-json.js";
import { renderPlan } from "../../cli/render-plan.js";
import { makeStyle } from "../../cli/style.js";
import type { GantryError } from "../../contract/diagnostics.js";
import { instanceInfo } from "../../planner/operation-context.js";
import { actions, configDir, makePlan, planAndApply, writeConfig } from "./harness.js";
import { resetTestEngine } from "../engine-fixture.js";

test("ignore_changes: an ignored input gives no lasting diff, and apply keeps the recorded value", async () => {
  const cfg = (v: string) =>
    `resources:\n  gantry_noop.a:\n    input: ${v}\n    lifecycle: { ignore_changes: [input] }\n`;
  const dir = configDir({ "main.gantry.yaml": cfg("one") });
  await planAndApply(dir);
  writeConfig(dir, { "main.gantry.yaml": cfg("two") });
  assert.equal(actions(await makePlan(dir)), { "gantry_noop.a": "noop" });
  const { state } = await planAndApply(dir);
  assert.is(state.instances.get("gantry_noop.a")!.attributes.output, "one");
});

test("prevent_destroy on an untargeted resource does not block a targeted plan", async () => {
  const cfg = (t: number) =>
    `resources:\n  noop.p:\n    triggers_replace: ${t}\n    lifecycle: { prevent_destroy: true }\n  noop.other:\n    ` +
    `input: ${t}\n`;
  const dir = configDir({ "main.gantry.yaml": cfg(1) });
  await planAndApply(dir);
  writeConfig(dir, { "main.gantry.yaml": cfg(2) });
  assert.equal(actions(await makePlan(dir, { targets: ["gantry_noop.other"] })), { "gantry_noop.other": "update" });
  await makePlan(dir).then(
    () => assert.unreachable("the untargeted plan must refuse"),
    (e: GantryError) => assert.match(e.diagnostics[0].summary, /noop\.p cannot be destroyed/),
  );
});

test("for_each over a map whose values are known only after apply", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      `resources:\n  noop.src:\n    input: 1\n  noop.m:\n    for_each: { a: "\${noop.src.id}", b: ` +
      `fixed }\n    input: "\${each.key}=\${each.value}"\n`,
  });
  const p = await makePlan(dir);
  assert.equal(actions(p), {
    "gantry_noop.src": "create",
    'gantry_noop.m["a"]': "create",
    'gantry_noop.m["b"]': "create",
  });
  const { state } = await planAndApply(dir);
  assert.is(
    state.instances.get('gantry_noop.m["a"]')!.attributes.input,
    `a=${state.instances.get("gantry_noop.src")!.attributes.id}`,
  );
  assert.is(state.instances.get('gantry_noop.m["b"]')!.attributes.input, "b=fixed");
});

test("an output removed from the configuration is removed from the state", async () => {
  const dir = configDir({
    "main.gantry.yaml": `resources:\n  noop.a:\n    input: 1\noutputs:\n  o: { value: "\${noop.a.output}" }\n`,
  });
  assert.is((await planAndApply(dir)).state.outputs.o.value, 1);
  writeConfig(dir, { "main.gantry.yaml": `resources:\n  gantry_noop.a:\n    input: 1\n` });
  const p = await makePlan(dir);
  assert.equal(p.outputs, [{ name: "o", before: 1, after: null, sensitive: false }]);
  assert.equal((await planAndApply(dir)).state.outputs, {});
});

test("outputs are recorded after a partial failure", async () => {
  const fabric = resetTestEngine().hosts.simFabric;
  const dir = configDir({
    "main.gantry.yaml":
      `resources:\n  host.h: { driver: sim }\n  noop.ok:\n    input: fine\n  file.bad:\n    host: ` +
      `\${gantry_host.h}\n    path: /bad\n    content: x\noutputs:\n  ok: { value: "\${gantry_noop.ok.output}" }\n`,
  });
  fabric.injectFailure({ op: "writeFile", match: "/bad" });
  const { result, state } = await planAndApply(dir);
  assert.is(result.failed.length, 1);
  assert.is(state.outputs.ok.value, "fine");
});

test("values from sensitive variables are marked; an output using one must be sensitive", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      `variables:\n  pw: { type: string, default: hunter2, sensitive: true }\nlocals:\n  dsn: ` +
      `"db://\${var.pw}@h"\nresources:\n  noop.a:\n    input: "\${local.dsn}"\n  noop.b:\n    input: plain\n`,
  });
  const p = await makePlan(dir);
  assert.equal(p.changes.find((c) => c.address === "gantry_noop.a")!.sensitive, ["input", "output"]);
  assert.is(p.changes.find((c) => c.address === "gantry_noop.b")!.sensitive, undefined);
  const text = renderPlan(p, makeStyle(false));
  assert.not.match(text, /hunter2/, "the plan never prints the secret");
  assert.match(text, /\+ input\s+= \(sensitive value\)/);
  const jc = (planToJson(p).resource_changes as any[]).find((c) => c.address === "gantry_noop.a");
  assert.equal(jc.change.after_sensitive, { input: true, output: true });
  writeConfig(dir, { "out.gantry.yaml": `outputs:\n  leak: { value: "\${local.dsn}" }\n` });
  await makePlan(dir).then(
    () => assert.unreachable(),
    (e: GantryError) => assert.match(e.diagnostics[0].summary, /Output "leak" refers to sensitive values/),
  );
});

test("replace_triggered_by takes resources, instances and attributes", async () => {
  const cfg = (v: number) => `resources:
  gantry_noop.a:
    count: 2
    input: "\${count.index == 0 ? ${v} : 0}"
  gantry_noop.by_resource:
    input: 1
    lifecycle: { replace_triggered_by: [gantry_noop.a] }
  gantry_noop.by_other_instance:
    input: 1
    lifecycle: { replace_triggered_by: ["gantry_noop.a[1]"] }
  gantry_noop.by_output:
    input: 1
    lifecycle: { replace_triggered_by: ["\${gantry_noop.a[0].output}"] }
  gantry_noop.by_id:
    input: 1
    lifecycle: { replace_triggered_by: [gantry_noop.a.id] }
`;
  const dir = configDir({ "main.gantry.yaml": cfg(1) });
  await planAndApply(dir);
  writeConfig(dir, { "main.gantry.yaml": cfg(2) });
  const a = actions(await makePlan(dir));
  assert.is(a["gantry_noop.a[0]"], "update");
  assert.is(a["gantry_noop.by_resource"], "replace");
  assert.is(a["gantry_noop.by_other_instance"], "noop", "gantry_noop.a[1] did not change");
  assert.is(a["gantry_noop.by_output"], "replace", "gantry_noop.a[0].output changes");
  assert.is(a["gantry_noop.by_id"], "noop", "ids stay the same on an update");
});

test("instance names cannot collide with another resource's name", () => {
  const a = instanceInfo({ address: "gantry_host.web[0]", name: "web", key: 0 }, "/d", "/c").name;
  const b = instanceInfo({ address: "gantry_host.web-0", name: "web-0" }, "/d", "/c").name;
  assert.is.not(a, b);
  assert.is(a, "web.0");
});

test.run();
