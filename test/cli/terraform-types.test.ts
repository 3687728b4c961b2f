// Terraform's collection types through the CLI: a saved plan applied later holds its variables as plain JSON; apply
// converts them to their declared types again, so expressions evaluate at apply as they did when planning.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

test("a saved plan applied: a list(string) variable is still a list, not a tuple", () => {
  const dir = tempConfig({
    "main.tf": `
variable "names" {
  type    = list(string)
  default = ["a"]
}
resource "gantry_noop" "a" {}
resource "gantry_noop" "b" {
  input = [gantry_noop.a.id, var.names == tolist(["a"]), var.names == ["a"]]
}
output "b" { value = gantry_noop.b.input }
`,
  });
  const planFile = join(dir, "saved.plan");
  const p = gantry(["plan", "-out", planFile, dir]);
  assert.is(p.code, 0, p.stderr);
  const a = gantry(["apply", planFile]);
  assert.is(a.code, 0, a.stdout + a.stderr);
  const state = JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
  const input = state.outputs.b.value;
  assert.equal(input.slice(1), [true, false]);
});

test.run();
