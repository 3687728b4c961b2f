// The state records each output's type beside its value, as Terraform's state does ("type": ["list", "string"]),
// so that an output read back from the state is a list, set or map again: `output` prints tolist([...]),
// toset([...]) and tomap({...}) as terraform output does, and `output -json` gives the recorded type. A state
// written without types (older gantry) still reads, its values as tuples and objects.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync } from "node:fs";
import { formatTerraformValue } from "../../cli/terraform-value-text.js";
import { collectionKind } from "../../contract/values.js";
import { configDir, loadStateAt, planAndApply, statePath } from "./harness.js";

const CONFIG = `
output "l" {
  value = tolist(["a", "b"])
}
output "s" {
  value = toset(["b", "a"])
}
output "m" {
  value = tomap({ x = 1 })
}
output "nested" {
  value = { names = tolist(["a"]), plain = ["x", 1] }
}
output "t" {
  value = ["a", 1]
}
`;

test("outputs keep their list, set and map types through the state", async () => {
  const dir = configDir({ "main.tf": CONFIG });
  await planAndApply(dir);
  const raw = JSON.parse(readFileSync(statePath(dir), "utf8"));
  assert.equal(raw.outputs.l.type, ["list", "string"]);
  assert.equal(raw.outputs.s.type, ["set", "string"]);
  assert.equal(raw.outputs.m.type, ["map", "number"]);
  assert.equal(raw.outputs.t.type, ["tuple", ["string", "number"]]);
  assert.equal(raw.outputs.nested.type, [
    "object",
    { names: ["list", "string"], plain: ["tuple", ["string", "number"]] },
  ]);
  const outputs = loadStateAt(dir).outputs;
  assert.is(collectionKind(outputs.l.value), "list");
  assert.is(collectionKind(outputs.s.value), "set");
  assert.is(collectionKind(outputs.m.value), "map");
  assert.is(collectionKind((outputs.nested.value as { names: unknown }).names), "list");
  assert.is(collectionKind(outputs.t.value), undefined);
  assert.match(formatTerraformValue(outputs.l.value), /^tolist\(\[/);
  assert.match(formatTerraformValue(outputs.s.value), /^toset\(\[/);
  assert.match(formatTerraformValue(outputs.m.value), /^tomap\(\{/);
});

test("a state written without output types still reads (tuples and objects)", async () => {
  const dir = configDir({ "main.tf": CONFIG });
  await planAndApply(dir);
  const raw = JSON.parse(readFileSync(statePath(dir), "utf8"));
  for (const o of Object.values(raw.outputs) as { type?: unknown }[]) delete o.type;
  writeFileSync(statePath(dir), JSON.stringify(raw, null, 2));
  const outputs = loadStateAt(dir).outputs;
  assert.equal(outputs.l.value, ["a", "b"]);
  assert.is(collectionKind(outputs.l.value), undefined);
});

test.run();
