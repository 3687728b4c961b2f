import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN } from "../../../contract/values.js";
import { call, fails, isUnknown, results } from "./call.js";

test("documented examples", () => {
  results([
    ['alltrue(["true", true])', true],
    ["alltrue([true, false])", false],
    ["alltrue([])", true],
    ['anytrue(["true"])', true],
    ["anytrue([true, false])", true],
    ["anytrue([])", false],
    ['chunklist(["a", "b", "c", "d", "e"], 2)', [["a", "b"], ["c", "d"], ["e"]]],
    ['chunklist(["a", "b", "c", "d", "e"], 1)', [["a"], ["b"], ["c"], ["d"], ["e"]]],
    ['chunklist(["a", "b"], 0)', [["a", "b"]]],
    ['coalesce("a", "b")', "a"],
    ['coalesce("", "b")', "b"],
    ["coalesce(1, 2)", 1],
    ['coalesce(null, 1, "a")', "1"],
    ['coalescelist(["a", "b"], ["c", "d"])', ["a", "b"]],
    ['coalescelist([], ["c", "d"])', ["c", "d"]],
    ['compact(["a", "", "b", null, "c"])', ["a", "b", "c"]],
    ['concat(["a", ""], ["b", "c"])', ["a", "", "b", "c"]],
    ['contains(["a", "b", "c"], "a")', true],
    ['contains(["a", "b", "c"], "d")', false],
    ['distinct(["a", "b", "a", "c", "d", "b"])', ["a", "b", "c", "d"]],
    ['element(["a", "b", "c"], 1)', "b"],
    ['element(["a", "b", "c"], 3)', "a"],
    ['element(["a", "b", "c"], length(["a", "b", "c"]) - 1)', "c"],
    ['flatten([["a", "b"], [], ["c"]])', ["a", "b", "c"]],
    ['flatten([[["a", "b"], []], ["c"]])', ["a", "b", "c"]],
    ['index(["a", "b", "c"], "b")', 1],
    ["keys({a=1, c=2, d=3})", ["a", "c", "d"]],
    ["length([])", 0],
    ['length(["a", "b"])', 2],
    ['length({"a" = "b"})', 1],
    ['length("hello")', 5],
    ['length("👾🕹️")', 2],
    ['lookup({a="ay", b="bee"}, "a", "what?")', "ay"],
    ['lookup({a="ay", b="bee"}, "c", "what?")', "what?"],
    ['matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])', ["i-abc", "i-def"]],
    ['merge({a="b", c="d"}, {e="f", c="z"})', { a: "b", c: "z", e: "f" }],
    ['merge({a="b"}, {a=[1,2], c="z"}, {d=3})', { a: [1, 2], c: "z", d: 3 }],
    ["merge({a=1}, null)", { a: 1 }],
    ["one([])", null],
    ['one(["hello"])', "hello"],
    ["range(3)", [0, 1, 2]],
    ["range(0)", []],
    ["range(1, 4)", [1, 2, 3]],
    ["range(1, 8, 2)", [1, 3, 5, 7]],
    ["range(1, 4, 0.5)", [1, 1.5, 2, 2.5, 3, 3.5]],
    ["range(4, 1)", [4, 3, 2]],
    ["range(10, 5, -2)", [10, 8, 6]],
    ["reverse([1, 2, 3])", [3, 2, 1]],
    ['setintersection(["a", "b"], ["b", "c"], ["b", "d"])', ["b"]],
    ['setsubtract(["a", "b", "c"], ["a", "c"])', ["b"]],
    ['setunion(["a", "b"], ["b", "c"], ["d"])', ["a", "b", "c", "d"]],
    ['slice(["a", "b", "c", "d"], 1, 3)', ["b", "c"]],
    ['sort(["e", "d", "a", "x"])', ["a", "d", "e", "x"]],
    ["sum([10, 13, 6, 4.5])", 33.5],
    ['transpose({"a" = ["1", "2"], "b" = ["2", "3"]})', { "1": ["a"], "2": ["a", "b"], "3": ["b"] }],
    ["values({a=3, c=2, d=1})", [3, 2, 1]],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ]);
});

test("setproduct: every combination, the first set varying slowest", () => {
  results([
    [
      'setproduct(["development", "staging", "production"], ["app1", "app2"])',
      [
        ["development", "app1"],
        ["development", "app2"],
        ["staging", "app1"],
        ["staging", "app2"],
        ["production", "app1"],
        ["production", "app2"],
      ],
    ],
    [
      'setproduct(["a", "b"], [1], [true, false])',
      [
        ["a", 1, true],
        ["a", 1, false],
        ["b", 1, true],
        ["b", 1, false],
      ],
    ],
    ['setproduct([], ["a"])', []],
    ['setproduct([{a = 1}], ["x"])', [[{ a: 1 }, "x"]]],
  ]);
  fails('setproduct(["a"])', /at least two arguments are required/);
});

test("sort compares strings, so numbers sort as text", () => {
  results([
    ["sort([10, 9, 1])", ["1", "10", "9"]],
    ['sort(["b", "B", "a"])', ["B", "a", "b"]],
  ]);
  fails('sort(["a", null])', /given list element 1 is null; a null string cannot be sorted/);
});

test("edge cases and errors as Terraform words them", () => {
  fails("element([], 0)", 'Call to function "element" failed: cannot use element function with an empty list.');
  fails('element(["a"], -1)', /cannot use element function with a negative index/);
  fails('index(["a"], "z")', 'Call to function "index" failed: item not found.');
  fails('lookup({a="ay"}, "c")', 'Call to function "lookup" failed: lookup failed to find key "c".');
  fails('lookup({a="ay"}, "c", 1, 2)', /lookup\(\) takes 2 to 3 arguments, got 4/);
  fails('one(["a", "b"])', /must be a list, set, or tuple value with either zero or one elements/);
  fails('one("a")', /must be a list, set, or tuple value with either zero or one elements/);
  fails("one(null)", /argument must not be null/);
  fails("range(1, 4, 0)", /step must not be zero/);
  fails("range(1, 4, -1)", /end must be less than start when step is negative/);
  fails("range(4, 1, 1)", /end must be greater than start when step is positive/);
  fails("range(2000)", /more than 1024 values were generated/);
  fails("range()", /range\(\) takes 1 to 3 arguments, got 0/);
  fails('slice(["a"], 1, 3)', /end index must not be greater than the length of the list/);
  fails('slice(["a", "b"], 2, 1)', /start index must not be greater than end index/);
  fails('slice(["a", "b"], -1, 1)', /start index must not be less than zero/);
  fails("sum([])", /cannot sum an empty list/);
  fails('zipmap(["a", "b"], [1])', /number of keys \(2\) does not match number of values \(1\)/);
  fails('coalesce(null, "")', /no non-null, non-empty-string arguments/);
  fails("coalescelist([], [])", /no non-null arguments/);
  fails('matchkeys(["a"], [], [])', /length of keys and values should be equal/);
  fails('keys("x")', /Invalid value for "inputMap" parameter of keys\(\)/);
  fails(
    'list("a")',
    /the "list" function was deprecated in Terraform v0\.12 and is no longer available; use tolist\(\[ \.\.\. \]\)/,
  );
  fails(
    'map("a", 1)',
    /the "map" function was deprecated in Terraform v0\.12 and is no longer available; use tomap\(\{ \.\.\. \}\)/,
  );
  fails("length(1)", /argument must be a string, a collection type, or a structural type/);
});

test("unknowns: known where Terraform knows better", () => {
  results([
    ["length([var.u, 1])", 2],
    ["length({a = var.u})", 1],
    ['coalesce("a", var.u)', "a"],
    ["anytrue([var.u, true])", true],
    ["alltrue([var.u, false])", false],
    ["keys({a = var.u, b = 1})", ["a", "b"]],
    ['lookup({a = "x", b = var.u}, "a")', "x"],
    ["element([1, var.u], 0)", 1],
    ['contains(["a", var.u], "a")', true],
  ]);
  assert.equal(call("concat([1], [var.u])"), [1, UNKNOWN]);
  assert.equal(call("merge({a = var.u}, {b = 1})"), { a: UNKNOWN, b: 1 });
  isUnknown("length(var.u)");
  isUnknown('coalesce(var.u, "a")');
  isUnknown("alltrue([var.u, true])");
  isUnknown("sort(var.u)");
  isUnknown('sort(["a", var.u])');
  isUnknown("flatten([[1], var.u])");
  isUnknown('contains(["a", var.u], "b")');
  isUnknown('contains(["a"], var.u)');
  isUnknown("setproduct([var.u], [1])");
  isUnknown("range(var.u)");
});

test.run();
