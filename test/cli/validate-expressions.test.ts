// `gantry validate` checks expressions as `terraform validate` does: a call to a function that does not exist is an
// error wherever it is written (even in a branch never taken, even in a module), a provider-defined function
// (provider::NS::FN) is refused with the reason, and an expression whose inputs are all known (constants, variables
// with defaults, locals) is evaluated, so `upper([1])` fails at validate, located at file and line.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

const HEAD = `variable "names" {\n  default = ["a"]\n}\nvariable "nums" {\n  default = [1]\n}\nlocals {\n  n = 1\n}\n`;
// line 10 is the resource's first line, line 11 its argument
const resource = (expr: string, extra = "") =>
  `${HEAD}resource "gantry_noop" "web" {\n  input = ${expr}\n${extra}}\nresource "gantry_noop" "other" {}\n`;

function validate(files: Record<string, string>) {
  return gantry(["validate", tempConfig(files)]);
}

test("an unknown function is refused at validate, naming it and its line, even in a branch never taken", () => {
  for (const expr of ["nosuch(1)", 'true ? "x" : nosuch()', "[for x in var.names : nosuch(x)]"]) {
    const r = validate({ "main.tf": resource(expr) });
    assert.is(r.code, 1, expr);
    assert.match(r.stderr, /Error: Call to unknown function/, expr);
    assert.match(r.stderr, /on main\.tf line 11, column \d+, in resource "gantry_noop" "web"/, expr);
    assert.match(r.stderr, /There is no function named "nosuch"\./, expr);
  }
});

test("a provider-defined function is parsed and refused: gantry's providers define none", () => {
  const r = validate({ "main.tf": resource('provider::aws::arn_parse("arn:aws:iam::1:role/x")') });
  assert.is(r.code, 1);
  assert.match(r.stderr, /Error: Call to provider-defined function "provider::aws::arn_parse"/);
  assert.match(r.stderr, /on main\.tf line 11, column 11, in resource "gantry_noop" "web":\n\s*11:   input = provider::/);
  assert.match(r.stderr, /gantry has no provider-defined functions/);
});

test("an unknown or provider-defined call is located at its own name, not at its block or argument", () => {
  // Terraform's diagnostic for such a call has the function's name as its subject
  const text =
    'locals {\n  x = [\n    "nosuch(1) in a string", # nosuch(2) in a comment\n    nosuch(3),\n  ]\n}\n' +
    'resource "gantry_noop" "web" {\n  input = {\n    a = "${upper("a")}"\n    b = [1, provider::aws::arn_parse("x")]\n  }\n}\n' +
    'output "o" {\n  value = "${nosuch()}-${nosuch()}"\n}\n';
  const r = validate({ "main.tf": text });
  assert.is(r.code, 1);
  const places = [...r.stderr.matchAll(/on main\.tf line (\d+), column (\d+)/g)].map((m) => `${m[1]}:${m[2]}`);
  assert.equal(places.sort(), ["10:13", "14:14", "14:26", "4:5"].sort(), r.stderr);
  assert.match(r.stderr, /\n\s*4:     nosuch\(3\),/);
  const second = validate({ "main.tf": 'locals {\n  y = nosuch(1) + nosuch(2)\n}\n' });
  const cols = [...second.stderr.matchAll(/line 2, column (\d+)/g)].map((m) => Number(m[1]));
  assert.equal(cols, [7, 19], second.stderr);
});

test("expressions whose inputs are known are evaluated: upper([1]) fails at validate at its line", () => {
  for (const expr of ["upper([1])", "upper(var.nums)", "local.n + {}"]) {
    const r = validate({ "main.tf": resource(expr) });
    assert.is(r.code, 1, `${expr}\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /Invalid expression in property "input" of gantry_noop\.web/, expr);
    assert.match(r.stderr, /on main\.tf line 11, column 3/, expr);
  }
  const r = validate({ "main.tf": `${HEAD}locals {\n  bad = upper([1])\n}\n` });
  assert.is(r.code, 1);
  assert.match(r.stderr, /upper\(\): string required/);
  assert.match(r.stderr, /on main\.tf line 1[01]/);
});

test("what depends on resources, count.index or each is not known yet and passes validate", () => {
  const ok = [
    "upper(gantry_noop.other.output)",
    'length(gantry_noop.other.id) > 3 ? "a" : "b"',
    'format("%s", gantry_noop.other.id)',
  ];
  for (const expr of ok) {
    const r = validate({ "main.tf": resource(expr) });
    assert.is(r.code, 0, `${expr}\n${r.stderr}`);
  }
  const counted = validate({ "main.tf": resource('upper("x${count.index}")', "  count = 2\n") });
  assert.is(counted.code, 0, counted.stderr);
  const each = validate({ "main.tf": resource("upper(each.value)", "  for_each = toset(var.names)\n") });
  assert.is(each.code, 0, each.stderr);
});

test("an unknown function inside a module is refused, located in the module's file", () => {
  const dir = tempConfig({ "main.tf": 'module "m" {\n  source = "./m"\n}\n' });
  mkdirSync(join(dir, "m"));
  writeFileSync(join(dir, "m", "main.tf"), 'resource "gantry_noop" "x" {\n  input = nosuch()\n}\n');
  const r = gantry(["validate", dir]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /Call to unknown function/);
  assert.match(r.stderr, /on m\/main\.tf line 2/);
});

test.run();
