// `gantry validate` checks expressions as `terraform validate` does: a call to a function that does not exist is an
// error wherever it is written (even in a branch never taken, even in a module), a provider-defined function
// (provider::NS::FN) is refused with the reason, and an expression whose inputs are all known (constants, locals) is
// evaluated, so `upper([1])` fails at validate, located at file and line. Input variables are unknown at validate,
// default or not (Terraform validates the configuration for any values): what depends on them fails only at plan.
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
  assert.match(
    r.stderr,
    /on main\.tf line 11, column 11, in resource "gantry_noop" "web":\n\s*11: {3}input = provider::/,
  );
  assert.match(r.stderr, /gantry's providers are built in and define no functions/);
});

test("type() exists only in the console: in a configuration it is a call to an unknown function", () => {
  const r = validate({ "main.tf": resource("type(var.names)") });
  assert.is(r.code, 1);
  assert.match(r.stderr, /Error: Call to unknown function/);
  assert.match(r.stderr, /on main\.tf line 11, column 11, in resource "gantry_noop" "web"/);
  assert.match(r.stderr, /There is no function named "type"\./);
});

test("the built-in terraform provider's functions work; another name in its namespace is refused", () => {
  const ok = validate({ "main.tf": resource("provider::terraform::encode_tfvars({ a = 1 })") });
  assert.is(ok.code, 0, ok.stderr);
  const bad = validate({ "main.tf": resource("provider::terraform::nosuch(1)") });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /Error: Unknown provider function/);
  assert.match(bad.stderr, /The function "nosuch" is not available from the provider "terraform"\./);
  const failing = validate({ "main.tf": resource('provider::terraform::encode_tfvars("x")') });
  assert.is(failing.code, 1);
  assert.match(failing.stderr, /Call to function "provider::terraform::encode_tfvars" failed: invalid value to encode/);
});

test("an unknown or provider-defined call is located at its own name, not at its block or argument", () => {
  // Terraform's diagnostic for such a call has the function's name as its subject
  const text =
    'locals {\n  x = [\n    "nosuch(1) in a string", # nosuch(2) in a comment\n    nosuch(3),\n  ]\n}\n' +
    'resource "gantry_noop" "web" {\n  input = {\n    a = "${upper("a")}"\n' +
    '    b = [1, provider::aws::arn_parse("x")]\n  }\n}\n' +
    'output "o" {\n  value = "${nosuch()}-${nosuch()}"\n}\n';
  const r = validate({ "main.tf": text });
  assert.is(r.code, 1);
  const places = [...r.stderr.matchAll(/on main\.tf line (\d+), column (\d+)/g)].map((m) => `${m[1]}:${m[2]}`);
  assert.equal(places.sort(), ["10:13", "14:14", "14:26", "4:5"].sort(), r.stderr);
  assert.match(r.stderr, /\n\s*4: {5}nosuch\(3\),/);
  const second = validate({ "main.tf": "locals {\n  y = nosuch(1) + nosuch(2)\n}\n" });
  const cols = [...second.stderr.matchAll(/line 2, column (\d+)/g)].map((m) => Number(m[1]));
  assert.equal(cols, [7, 19], second.stderr);
});

test("in .tf.json the call is located in its string, literal text with the name aside", () => {
  const json =
    '{\n  "locals": {\n    "x": ["nosuch(1) in text", "${nosuch(2)}"],\n' +
    '    "y": "a \\"q\\" ${upper(\\"b\\")} ${provider::aws::f()}"\n  }\n}\n';
  const r = validate({ "main.tf.json": json });
  assert.is(r.code, 1, r.stdout);
  const places = [...r.stderr.matchAll(/on main\.tf\.json line (\d+), column (\d+)/g)].map((m) => `${m[1]}:${m[2]}`);
  assert.equal(places.sort(), ["3:35", "4:37"], r.stderr);
});

test("in *.gantry.yaml the call is located in its scalar (plain, quoted or block), literal text aside", () => {
  const yaml =
    'locals:\n  x:\n    - "nosuch(1) in text"\n    - ${nosuch(2)}\n' +
    '  y: \'a "q" ${upper("b")} ${provider::aws::f()}\'\n' +
    "  z: |\n    text nosuch(3)\n    ${nosuch(4)}\n";
  const r = validate({ "main.gantry.yaml": yaml });
  assert.is(r.code, 1, r.stdout);
  const places = [...r.stderr.matchAll(/on main\.gantry\.yaml line (\d+), column (\d+)/g)].map(
    (m) => `${m[1]}:${m[2]}`,
  );
  assert.equal(places.sort(), ["4:9", "5:29", "8:7"], r.stderr);
  assert.match(r.stderr, /\n\s*8: {5}\$\{nosuch\(4\)\}/);
});

test("expressions whose inputs are known are evaluated: upper([1]) fails at validate at its line", () => {
  for (const expr of ["upper([1])", "local.n + {}"]) {
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

test("variables are unknown at validate: no value is no error, and what depends on them fails only at plan", () => {
  const dir = tempConfig({
    "main.tf":
      'variable "n" {\n  type = number\n}\nvariable "nums" {\n  default = [1]\n}\n' +
      'variable "names" {\n  type    = list(string)\n  default = []\n  validation {\n' +
      '    condition     = length(var.names) > 0\n    error_message = "names must not be empty."\n  }\n}\n' +
      "locals {\n  up = upper(var.nums)\n}\n" +
      'resource "gantry_noop" "a" {\n  count = var.n\n  input = "${var.names[0]}-${count.index}"\n}\n',
  });
  const ok = gantry(["validate", dir]);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Success! The configuration is valid/);
  // terraform.tfvars and TF_VAR_ are not read by validate
  writeFileSync(join(dir, "terraform.tfvars"), 'n = "many"\n');
  const env = gantry(["validate", dir], { env: { TF_VAR_n: "x" } });
  assert.is(env.code, 0, env.stderr);
  // plan takes the values: the required one, the default that upper() refuses, the validation rule
  const plan = gantry(["plan", "-var", "n=1", dir]);
  assert.is(plan.code, 1, plan.stdout);
  assert.match(plan.stderr, /upper\(\): string required|names must not be empty/);
  // values given with -var are checked and used
  const given = gantry(["validate", "-var", "n=x", dir]);
  assert.is(given.code, 1);
  assert.match(given.stderr, /Unsuitable value for var\.n set using -var="n=\.\.\.": a number is required/);
  const rule = gantry(["validate", "-var", "names=[]", dir]);
  assert.is(rule.code, 1);
  assert.match(rule.stderr, /names must not be empty\./);
});

test("errors that do not depend on variables are still found at validate", () => {
  const head = 'variable "v" {}\n';
  const cases: [string, RegExp][] = [
    [`${head}locals {\n  a = upper([1])\n}\n`, /upper\(\): string required/],
    [`${head}locals {\n  a = var.v == "" ? nosuch() : 1\n}\n`, /There is no function named "nosuch"/],
    [`${head}resource "gantry_noop" "a" {\n  nosuch = var.v\n}\n`, /nosuch/],
    [`${head}output "o" {\n  value = var.nope\n}\n`, /undeclared input variable|nope/],
    [
      `${head}resource "gantry_noop" "a" {\n  count = var.v\n  input = 1 + {}\n}\n`,
      /Invalid operand|number is required/,
    ],
  ];
  for (const [text, re] of cases) {
    const r = validate({ "main.tf": text });
    assert.is(r.code, 1, text);
    assert.match(r.stderr, re, text);
  }
});

test("module variables are unknown inside the module at validate; the caller's values are type-checked", () => {
  const dir = tempConfig({
    "main.tf":
      'variable "n" {\n  type = number\n}\nmodule "many" {\n  source = "./m"\n  count  = var.n\n  x      = var.n\n}\n' +
      'module "one" {\n  source = "./m"\n  x      = 5\n}\noutput "o" {\n  value = module.many[0].y\n}\n',
  });
  mkdirSync(join(dir, "m"));
  writeFileSync(
    join(dir, "m", "main.tf"),
    'variable "x" {\n  type = number\n  validation {\n    condition     = var.x < 3\n' +
      '    error_message = "x must be below 3."\n  }\n}\nresource "gantry_noop" "r" {\n  count = var.x\n' +
      '  input = upper(var.x)\n}\noutput "y" {\n  value = var.x * 2\n}\n',
  );
  const ok = gantry(["validate", dir]);
  assert.is(ok.code, 0, ok.stderr);
  // at plan the rule sees 5
  const plan = gantry(["plan", "-var", "n=1", dir]);
  assert.is(plan.code, 1);
  assert.match(plan.stderr, /x must be below 3\./);
  // a value the variable's type refuses is an error at validate, once, at the call's argument
  writeFileSync(join(dir, "main.tf"), 'module "one" {\n  source = "./m"\n  x      = "abc"\n}\n');
  const bad = gantry(["validate", dir]);
  assert.is(bad.code, 1);
  assert.match(
    bad.stderr,
    /Error: Invalid value for input variable\n\n {2}on main\.tf line 3, column 3, in module "one"/,
  );
  assert.match(bad.stderr, /module\.one\.var\.x declared at m\/main\.tf:1,1: a number is required/);
  assert.is(bad.stderr.match(/Error:/g)?.length, 1, bad.stderr);
  // a known count is still checked
  writeFileSync(join(dir, "main.tf"), 'module "one" {\n  source = "./m"\n  count  = -1\n  x      = 1\n}\n');
  const count = gantry(["validate", dir]);
  assert.is(count.code, 1);
  assert.match(count.stderr, /count/);
});

test.run();
