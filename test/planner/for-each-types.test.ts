// for_each in Terraform's languages (HCL, .tf.json) takes a map, an object or a set of strings, as Terraform does:
// a list or tuple is refused with Terraform's message, located at the for_each of the resource or module call.
// Native YAML also takes a list of strings (test/planner/rolling.test.ts).

import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Diagnostic, GantryError } from "../../contract/diagnostics.js";
import { locate } from "../../templates/locate.js";
import { configDir, makePlan } from "./harness.js";

/** A configuration directory with files in subdirectories (modules). */

const refusal = (p: Promise<unknown>): Promise<Diagnostic> =>
  p.then(
    () => {
      throw new Error("the plan should be refused");
    },
    (e: GantryError) => e.diagnostics[0],
  );

const UNSUITABLE = 'The given "for_each" argument value is unsuitable: ';

test("a tuple or a list as for_each is Terraform's error, at the for_each's file and line", async () => {
  const dir = configDir({
    "main.tf": [
      'variable "names" {',
      "  type    = list(string)",
      '  default = ["a"]',
      "}",
      'resource "gantry_noop" "tuple" {',
      '  for_each = ["a", "b"]',
      "}",
    ].join("\n"),
  });
  const d = await refusal(makePlan(dir));
  assert.is(d.summary, 'Invalid for_each argument of "gantry_noop.tuple"');
  assert.is(
    d.detail,
    `${UNSUITABLE}the "for_each" argument must be a map, or set of strings, and you have provided a value of type ` +
      "tuple.",
  );
  assert.is(d.origin?.file, "main.tf");
  assert.is(locate(d.origin!, dir)?.line, 6);
  const list = configDir({
    "main.tf":
      'variable "names" {\n  type    = list(string)\n  default = ["a"]\n}\n' +
      'resource "gantry_noop" "l" {\n  for_each = var.names\n}\n',
  });
  const dl = await refusal(makePlan(list));
  assert.match(dl.detail ?? "", /you have provided a value of type list of string\.$/);
});

test("a set of strings, a map and an object are taken; toset() makes a list one", async () => {
  const dir = configDir({
    "main.tf": [
      'variable "names" {',
      "  type    = set(string)",
      '  default = ["b", "a", "b"]',
      "}",
      'resource "gantry_noop" "s" {',
      "  for_each = var.names",
      "  input    = each.value",
      "}",
      'resource "gantry_noop" "t" {',
      '  for_each = toset(["x"])',
      "}",
      'resource "gantry_noop" "o" {',
      "  for_each = { k = 1 }",
      "  input    = each.value",
      "}",
    ].join("\n"),
  });
  const p = await makePlan(dir);
  assert.equal(p.changes.map((c) => c.address).sort(), [
    'gantry_noop.o["k"]',
    'gantry_noop.s["a"]',
    'gantry_noop.s["b"]',
    'gantry_noop.t["x"]',
  ]);
});

test("a set of numbers, a null and a sensitive value are Terraform's errors too", async () => {
  const numbers = configDir({ "main.tf": 'resource "gantry_noop" "n" {\n  for_each = toset([1, 2])\n}\n' });
  const dn = await refusal(makePlan(numbers));
  assert.is(dn.summary, 'Invalid for_each set argument of "gantry_noop.n"');
  assert.is(
    dn.detail,
    `${UNSUITABLE}"for_each" supports maps and sets of strings, but you have provided a set containing type number.`,
  );
  const nul = configDir({
    "main.tf": 'variable "n" {\n  default = null\n}\nresource "gantry_noop" "z" {\n  for_each = var.n\n}\n',
  });
  assert.is(
    (await refusal(makePlan(nul))).detail,
    `${UNSUITABLE}the given "for_each" argument value is null. A map, or set of strings is allowed.`,
  );
  const secret = configDir({
    "main.tf":
      'variable "names" {\n  type      = set(string)\n  default   = ["a"]\n  sensitive = true\n}\n' +
      'resource "gantry_noop" "s" {\n  for_each = var.names\n}\n',
  });
  assert.match((await refusal(makePlan(secret))).detail ?? "", /^Sensitive values, or values derived from sensitive/);
});

test("a module call's for_each follows the same rule (.tf.json: a JSON array is a tuple)", async () => {
  const dir = configDir({
    "main.tf.json": JSON.stringify({ module: { m: { source: "./m", for_each: ["a"] } } }),
    "m/main.tf": 'resource "gantry_noop" "n" {}\n',
  });
  const d = await refusal(makePlan(dir));
  assert.is(d.summary, 'Invalid for_each argument of "module.m"');
  assert.match(d.detail ?? "", /you have provided a value of type tuple\.$/);
  assert.is(d.origin?.file, "main.tf.json");
});

test.run();
