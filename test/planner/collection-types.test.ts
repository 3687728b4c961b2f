// Lists, sets and maps are types of their own, apart from tuples and objects, as in Terraform (cty): what a
// conversion or function makes a set cannot be indexed, `==` compares types, type() names them, and conversions
// to declared types follow cty's rules. Facts from Terraform's "Type Constraints" and "Conversion" docs and cty's
// tests.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { collectionKind, type Value, withCollectionKind } from "../../contract/values.js";
import { parseTypeConstraint } from "../../planner/type-constraint.js";
import { convertValue } from "../../planner/type-conversion.js";
import { call, fails, results } from "./functions/call.js";

const SET_INDEX =
  "Invalid index: Elements of a set are identified only by their value and don't have any separate index or key " +
  "to select with, so it's only possible to perform operations across all elements of the set.";

test("a set cannot be indexed, with Terraform's message; a list and a tuple can", () => {
  fails('toset(["a", "b"])[0]', SET_INDEX);
  fails('setunion(["a"], ["b"])[0]', SET_INDEX);
  fails('fileset(".", "*.none")[0]', SET_INDEX);
  results([
    ['tolist(toset(["b", "a"]))[0]', "a"],
    ['["a", "b"][1]', "b"],
    ['split(",", "x,y")[1]', "y"],
  ]);
  fails(
    "toset([{a = 1}]).a",
    "Unsupported attribute: Can't access attributes on a set of objects. Did you mean to access an attribute " +
      "across all elements of the set?",
  );
});

test("a for expression over a set binds each element as key and value", () => {
  results([
    ['[for x in toset(["b", "a", "b"]) : x]', ["a", "b"]],
    ['{for k, v in toset(["b", "a"]) : k => v}', { a: "a", b: "b" }],
    ['[for i, x in ["b", "a"] : i]', [0, 1]],
    ['length(toset(["a", "a"]))', 1],
    ['contains(toset(["a"]), "a")', true],
  ]);
});

test("== is false between values of different types with the same elements, as cty's Equals", () => {
  results([
    ['["a"] == ["a"]', true],
    ['tolist(["a"]) == ["a"]', false],
    ['tolist(["a"]) == tolist(["a"])', true],
    ['toset(["b", "a"]) == toset(["a", "b"])', true],
    ['toset(["a"]) == tolist(["a"])', false],
    ['split(",", "a,b") == ["a", "b"]', false],
    ['split(",", "a,b") == tolist(["a", "b"])', true],
    ["{a = 1} == {a = 1}", true],
    ["tomap({a = 1}) == {a = 1}", false],
    ['tomap({a = 1}) == tomap({a = "1"})', false],
    ['[tolist(["a"])] == [["a"]]', false],
    ['[1] == ["1"]', false],
    ["null == null", true],
    ["tolist([]) != []", true],
    ['keys(tomap({a = 1})) == ["a"]', false],
    ['keys({a = 1}) == ["a"]', true],
  ]);
});

test("type() names lists, sets and maps apart from tuples and objects", () => {
  results([
    ['type(tolist(["a"]))', "list(string)"],
    ["type(toset([2, 1]))", "set(number)"],
    ["type(tomap({a = true}))", "map(bool)"],
    ['type(tolist([{a = 1}, {a = "x"}]))', "list(object({a=string}))"],
    ['type(["a"])', "tuple([string])"],
    ["type({a = 1})", "object({a=number})"],
    ['type(split(",", "a"))', "list(string)"],
    ['type(setunion(["a"], ["b"]))', "set(string)"],
    // a splat over a list or set gives a list, over a tuple a tuple (HCL's splat)
    ["type(tolist([{a = 1}])[*].a)", "list(number)"],
    ["type(toset([{a = 1}])[*].a)", "list(number)"],
    ["type([{a = 1}][*].a)", "tuple([number])"],
  ]);
});

function convert(v: Value, type: string) {
  return convertValue(v, parseTypeConstraint(type));
}

test("conversion to declared types: results are lists, sets and maps; cty's rules between collection kinds", () => {
  const list = convert(["b", 1, "b"], "list(string)");
  assert.equal(list, { ok: true, value: ["b", "1", "b"] });
  assert.is(list.ok && collectionKind(list.value), "list");
  const set = convert(["b", "a", "b"], "set(string)");
  assert.equal(set, { ok: true, value: ["a", "b"] });
  assert.is(set.ok && collectionKind(set.value), "set");
  const map = convert({ a: 1 }, "map(string)");
  assert.is(map.ok && collectionKind(map.value), "map");
  // nested: the inner list is a list too
  const obj = convert({ names: ["x"], extra: 1 }, "object({names = list(string)})");
  assert.equal(obj, { ok: true, value: { names: ["x"] } });
  assert.is(obj.ok && collectionKind((obj.value as { names: Value }).names), "list");
  assert.is(obj.ok && collectionKind(obj.value), undefined);
  const tuple = convert(["a", "1"], "tuple([string, number])");
  assert.equal(tuple, { ok: true, value: ["a", 1] });
  assert.is(tuple.ok && collectionKind(tuple.value), undefined);
  // a set converts to a list (its order); a list to a set
  const fromSet = convert(withCollectionKind(["a", "b"], "set"), "list(string)");
  assert.is(fromSet.ok && collectionKind(fromSet.value), "list");
  // cty has no conversion from a list or set to a tuple, nor from a list to a map
  assert.is(convert(withCollectionKind(["a"], "list"), "tuple([string])").ok, false);
  assert.is(convert(withCollectionKind(["a"], "set"), "tuple([string])").ok, false);
  assert.equal(convert(withCollectionKind(["a"], "list"), "map(string)"), {
    ok: false,
    message: "map of string required",
  });
  // a map converts to an object when it has the attributes; extra elements are dropped
  assert.equal(convert(withCollectionKind({ a: "1", z: "2" }, "map"), "object({a = number})"), {
    ok: true,
    value: { a: 1 },
  });
  assert.equal(convert(withCollectionKind({ a: "x" }, "map"), "object({a = string, b = string})"), {
    ok: false,
    message: 'map has no element for required attribute "b"',
  });
  assert.equal(convert(withCollectionKind({ a: "x" }, "map"), "object({a = string, b = optional(string)})"), {
    ok: true,
    value: { a: "x", b: null },
  });
  // an object missing an attribute: cty's object message (not the map one)
  assert.equal(convert({ a: "x" }, "object({a = string, b = string})"), {
    ok: false,
    message: 'attribute "b" is required',
  });
});

test("tags do not leak into JSON or copies: state written and read back holds plain arrays and objects", () => {
  const v = call('{s = toset(["a"]), l = tolist([1]), m = tomap({k = "v"})}') as Record<string, Value>;
  assert.is(collectionKind(v.s), "set");
  const copy = JSON.parse(JSON.stringify(v));
  assert.equal(copy, { s: ["a"], l: [1], m: { k: "v" } });
  assert.is(collectionKind(copy.s), undefined);
  assert.equal(Object.keys(v.m as object), ["k"]);
});

test.run();
