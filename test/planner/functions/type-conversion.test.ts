import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN, type Unknown, type Value } from "../../../contract/values.js";
import { untyped } from "../untyped-unknowns.js";
import { call, fails, isUnknown, results } from "./call.js";

test("conversions", () => {
  results([
    ['tostring("hello")', "hello"],
    ["tostring(1)", "1"],
    ["tostring(true)", "true"],
    ["tostring(null)", null],
    ["tostring(1.5)", "1.5"],
    ['tonumber("1")', 1],
    ['tonumber("-1.5e3")', -1500],
    ["tonumber(null)", null],
    ['tobool("true")', true],
    ["tobool(false)", false],
    ["tobool(null)", null],
    ['tolist(["a", "b", "c"])', ["a", "b", "c"]],
    ['tolist(["a", "b", 3])', ["a", "b", "3"]],
    ['tomap({"a" = 1, "b" = 2})', { a: 1, b: 2 }],
    ['tomap({"a" = "foo", "b" = true})', { a: "foo", b: "true" }],
    ['toset(["a", "b", "c"])', ["a", "b", "c"]],
    ['toset(["c", "b", "b"])', ["b", "c"]],
    ['toset(["a", "b", 3])', ["3", "a", "b"]],
    ["toset([3, 1, 2, 1])", [1, 2, 3]],
  ]);
});

test("conversion errors", () => {
  fails("tostring([])", 'Invalid value for "v" parameter of tostring(): cannot convert tuple to string.');
  fails('tonumber("no")', /cannot convert "no" to number; given string must be a decimal representation of a number/);
  fails('tobool("yes")', /cannot convert "yes" to bool; only the strings "true" or "false" are allowed/);
  fails("tobool(1)", /cannot convert number to bool/);
  // as Terraform 1.11 says it (cty finds no single element type for the tuple)
  fails(
    "tolist([1, true])",
    'Invalid value for "v" parameter of tolist(): cannot convert tuple to list of any single type.',
  );
  fails('toset(["a", ["b"]])', /cannot convert tuple to set of any single type/);
  fails('tomap({a = "x", b = ["y"]})', /cannot convert object to map of any single type/);
  fails('tomap(["a"])', /cannot convert tuple to map of any single type/);
  fails("tolist({a = 1})", /cannot convert object to list of any single type/);
});

test("toset, tolist, tomap: elements unified as cty does; sets deduplicated in cty's order", () => {
  results([
    ["toset([true, false, true])", [false, true]],
    ['toset(["b", "a", "b"])', ["a", "b"]],
    ["toset([[1], [1]])", [[1]]],
    ['tolist([[1], ["a"]])', [["1"], ["a"]]],
    ['toset([{a = 1}, {b = "x"}])', [{ a: "1" }, { b: "x" }]],
    ["tolist([{a = 1}, {a = 1, b = 2}])", [{ a: 1 }, { a: 1, b: 2 }]],
    ['tolist(toset(["c", "a", "c"]))', ["a", "c"]],
    ['length(toset(["a", "a", "b"]))', 2],
    ['tomap({a = 1, b = "x"})', { a: "1", b: "x" }],
  ]);
});

test("type gives the type expression", () => {
  results([
    ['type("a")', "string"],
    ["type(1)", "number"],
    ['type([1, "a", {b = true}])', "tuple([number,string,object({b=bool})])"],
  ]);
});

test("sensitivity: gantry's values carry no marks, so these are identities and issensitive is false", () => {
  results([
    ['sensitive("x")', "x"],
    ['nonsensitive("x")', "x"],
    ["nonsensitive(sensitive({a = 1}))", { a: 1 }],
    ['issensitive("x")', false],
    ['ephemeralasnull("x")', "x"],
    ["sensitive(null)", null],
  ]);
  isUnknown("issensitive(var.u)");
  isUnknown("sensitive(var.u)");
});

test("unknowns", () => {
  isUnknown("tostring(var.u)");
  const list = call('tolist(["a", var.u])') as Value[];
  assert.equal(untyped(list), ["a", UNKNOWN]);
  // the unknown element is a string now, as the list's other element is
  assert.equal((list[1] as Unknown).type, { k: "string" });
  assert.equal(untyped(call("tomap({a = var.u})")), { a: UNKNOWN });
});

test("try and can belong to the evaluator; unknown functions are an error", () => {
  fails("nosuch(1)", 'Call to unknown function: there is no function named "nosuch".');
});

test.run();
