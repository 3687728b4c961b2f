// sensitive() and nonsensitive() in configurations: gantry's values carry no marks, so the planner reads these
// calls in the expressions (as it reads references to sensitive variables) to decide what is sensitive.

import { test } from "uvu";
import * as assert from "uvu/assert";
import type { GantryError } from "../../../contract/diagnostics.js";
import { configDir, makePlan, planAndApply, writeConfig } from "../harness.js";
import { call } from "./call.js";

const VARS = "variables:\n  pw: { type: string, default: hunter2, sensitive: true }\n";
const change = (p: Awaited<ReturnType<typeof makePlan>>, name: string) =>
  p.changes.find((c) => new RegExp(`^(gantry_)?noop\\.${name}$`).test(c.address))!;

test("sensitive() marks an attribute; nonsensitive() clears a sensitive variable", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      VARS +
      "resources:\n" +
      `  noop.a:\n    input: '\${sensitive("plain")}'\n` +
      `  noop.b:\n    input: '\${nonsensitive(var.pw)}'\n` +
      `  noop.c:\n    input: '\${upper(var.pw)}'\n` +
      "outputs:\n" +
      `  shown: { value: '\${nonsensitive(var.pw)}' }\n`,
  });
  const p = await makePlan(dir);
  assert.ok(change(p, "a").sensitive?.includes("input"));
  assert.is(change(p, "b").sensitive, undefined);
  assert.ok(change(p, "c").sensitive?.includes("input"));
});

test("an output of sensitive() must be declared sensitive", async () => {
  const dir = configDir({ "main.gantry.yaml": `outputs:\n  leak: { value: '\${sensitive("x")}' }\n` });
  await makePlan(dir).then(
    () => assert.unreachable(),
    (e: GantryError) => assert.match(e.diagnostics[0].summary, /Output "leak" refers to sensitive values/),
  );
});

test("sensitivity follows values through resources, locals and modules, as Terraform's marks do", async () => {
  const dir = configDir({
    "main.tf": `
variable "pw" {
  type      = string
  default   = "hunter2"
  sensitive = true
}
resource "gantry_noop" "a" { input = "db://\${var.pw}@h" }
resource "gantry_noop" "b" { input = gantry_noop.a.input }
resource "gantry_noop" "c" { input = gantry_noop.a.id }
locals { whole = gantry_noop.a }
resource "gantry_noop" "d" { input = local.whole }
resource "gantry_noop" "e" { input = nonsensitive(gantry_noop.b.input) }
output "fine" {
  value     = gantry_noop.b.input
  sensitive = true
}
output "id" { value = gantry_noop.c.input }
`,
  });
  const p = await makePlan(dir);
  assert.ok(change(p, "b").sensitive?.includes("input"), "an attribute set from a sensitive attribute");
  assert.not.ok(change(p, "c").sensitive?.includes("input"), "another attribute of that resource is not sensitive");
  assert.ok(change(p, "d").sensitive?.includes("input"), "the whole object holds a sensitive attribute");
  assert.not.ok(change(p, "e").sensitive?.includes("input"), "nonsensitive() clears it");
  for (const value of ["gantry_noop.b.input", "gantry_noop.a", "local.whole", "[for n in [gantry_noop.a] : n.input]"]) {
    writeConfig(dir, { "out.tf": `output "leak" { value = ${value} }\n` });
    await makePlan(dir).then(
      () => assert.unreachable(`${value} must be refused`),
      (e: GantryError) => {
        assert.match(e.diagnostics[0].summary, /^Output "leak" refers to sensitive values$/, value);
        assert.match(e.diagnostics[0].detail ?? "", /annotate the output value as sensitive[\s\S]*sensitive = true/);
        assert.is(e.diagnostics[0].origin?.file, "out.tf");
      },
    );
  }
});

test("issensitive() is true for what Terraform's marks make sensitive: through resource attributes too", async () => {
  const dir = configDir({
    "main.tf": `
variable "pw" {
  type      = string
  default   = "hunter2"
  sensitive = true
}
resource "gantry_noop" "a" { input = var.pw }
resource "gantry_noop" "plain" { input = "x" }
locals { via = gantry_noop.a.input }
resource "gantry_noop" "b" {
  input = {
    attr      = issensitive(gantry_noop.a.input)
    whole     = issensitive(gantry_noop.a)
    local     = issensitive(local.via)
    variable  = issensitive(var.pw)
    derived   = issensitive(upper(gantry_noop.a.input))
    plain     = issensitive(gantry_noop.plain.input)
    cleared   = issensitive(nonsensitive(gantry_noop.a.input))
    called    = issensitive(sensitive("x"))
  }
}
output "is" { value = issensitive(gantry_noop.a.input) }
`,
  });
  const want = {
    attr: true,
    whole: true,
    local: true,
    variable: true,
    derived: true,
    plain: false,
    cleared: false,
    called: true,
  };
  const p = await makePlan(dir);
  assert.equal(change(p, "b").after?.input, want);
  // issensitive's result carries no mark: b is not sensitive, and the output needs no `sensitive = true`
  assert.is(change(p, "b").sensitive, undefined);
  assert.is(p.outputs.find((o) => o.name === "is")?.after, true);
  // apply evaluates as plan did
  const { state } = await planAndApply(dir);
  assert.equal(state.instances.get("gantry_noop.b")!.attributes.input, want);
  assert.equal(state.outputs.is.value, true);
});

test("issensitive() without a configuration: sensitive() calls only; unknown stays unknown unless marked", () => {
  assert.is(call('issensitive(sensitive("x"))'), true);
  assert.is(call('issensitive(nonsensitive(sensitive("x")))'), false);
  assert.is(call('issensitive(["x"])'), false);
  assert.is(call("issensitive(sensitive(var.u))"), true);
});

test.run();
