// Unknown values keep their type where it is known (a variable's type constraint, a function's result), so that
// `validate` finds type errors as Terraform's does: `upper(var.list)` is "Invalid function argument" even while the
// list is unknown. An unknown of no known type (a variable without a type) is still accepted anywhere.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { testEngine } from "../engine-fixture.js";
import { isUnknown, type Unknown, type Value } from "../../contract/values.js";
import { configDir, makePlan } from "./harness.js";

const VARIABLES = `
variable "list" {
  type = list(string)
}
variable "str" {
  type = string
}
variable "obj" {
  type = object({ name = string, ports = list(number) })
}
variable "flag" {
  type = bool
}
variable "untyped" {}
`;

async function validate(expr: string): Promise<string | undefined> {
  const dir = configDir({ "main.tf": `${VARIABLES}\noutput "x" {\n  value = ${expr}\n}\n` });
  try {
    await testEngine().validate(testEngine().workspace({ dir }), undefined, { variablesUnknown: true });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

test("a typed unknown variable passed where its type cannot go is an error at validate", async () => {
  assert.match(
    (await validate("upper(var.list)")) ?? "",
    'Invalid value for "str" parameter of upper(): string required',
  );
  assert.match((await validate('join(",", var.str)')) ?? "", 'Invalid value for "lists" parameter of join()');
  assert.match((await validate("abs(var.list)")) ?? "", "number required");
});

test("what a typed unknown can convert to passes", async () => {
  for (const ok of [
    "upper(var.str)",
    "length(var.list)",
    'join(",", var.list)',
    "abs(var.str)",
    "upper(var.flag)",
    "upper(var.untyped)",
    "upper(var.obj.name)",
    "abs(var.obj.ports[0])",
    '"${var.str}-${var.obj.name}"',
  ])
    assert.is(await validate(ok), undefined, ok);
});

test("function results carry their type: split gives a list, upper of it is an error", async () => {
  assert.match((await validate('upper(split(",", var.str))')) ?? "", "string required");
  assert.is(await validate('upper(join("-", split(",", var.str)))'), undefined);
});

test("attributes and elements of a typed unknown are typed; a missing attribute is an error", async () => {
  assert.match((await validate("var.obj.nope")) ?? "", 'This object does not have an attribute named "nope"');
  assert.match((await validate("upper(var.obj.ports)")) ?? "", "string required");
  assert.match((await validate("var.str.name")) ?? "", "Can't access attributes on a primitive-typed value (string)");
  assert.match((await validate("upper(var.list[0])")) ?? "no error", "no error");
});

test("a typed unknown in a template must be convertible to a string", async () => {
  assert.match((await validate('"x-${var.list}"')) ?? "", "Cannot include the given value in a string template");
});

test("conditional branches of typed unknowns must unify", async () => {
  assert.match((await validate('var.flag ? var.list : "x"')) ?? "", "Inconsistent conditional result types");
  assert.is(await validate('var.flag ? var.list : ["x"]'), undefined);
  assert.match((await validate('upper(var.flag ? var.str : "x")')) ?? "no error", "no error");
});

test("a module's input variable is unknown of its declared type inside the module at validate", async () => {
  const dir = configDir({
    "main.tf": 'module "m" {\n  source = "./m"\n  names  = ["a"]\n}\n',
    "m/main.tf": 'variable "names" {\n  type = list(string)\n}\noutput "x" {\n  value = upper(var.names)\n}\n',
  });
  let message = "no error";
  try {
    await testEngine().validate(testEngine().workspace({ dir }), undefined, { variablesUnknown: true });
  } catch (e) {
    message = (e as Error).message;
  }
  assert.match(message, 'Invalid value for "str" parameter of upper(): string required');
});

test("a computed attribute is unknown of its schema's type while planning", async () => {
  const dir = configDir({
    "main.tf":
      'resource "gantry_noop" "a" {\n  input = "x"\n}\nresource "gantry_noop" "b" {\n' +
      "  input = upper(gantry_noop.a.id)\n}\n",
  });
  const plan = await makePlan(dir);
  const b = plan.changes.find((c) => c.address.endsWith("noop.b"))!;
  const input = (b.after as { input: Value }).input;
  assert.ok(isUnknown(input));
  assert.equal((input as Unknown).type, { k: "string" });
});

test.run();
