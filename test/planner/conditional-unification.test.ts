// The two results of a conditional are unified to one type as cty's UnifyUnsafe does, and concat() takes only lists
// and tuples (Terraform 1.11). Facts from cty's convert package (unify: lists with tuples unify the tuples to a list
// first, maps with objects to a map; tuples of one length and objects of the same attributes unify element by
// element, else to a list or map; compareTypes and its tests: a list is preferred to a set or a tuple, a map to an
// object, a string to a number or bool) and its ConcatFunc ("all arguments must be lists or tuples"; lists only when
// every argument is a list).

import { test } from "uvu";
import * as assert from "uvu/assert";
import { collectionKind } from "../../contract/values.js";
import { call, fails, results } from "./functions/call.js";

const typed = (pairs: [string, string][]) => {
  for (const [src, want] of pairs) assert.is(call(`type(${src})`), want, src);
};

test("tuples of one length unify element by element; of different lengths to a list", () => {
  results([
    ['true ? [1] : ["a"]', ["1"]],
    ['false ? [1] : ["a", 2]', ["a", "2"]],
    ["true ? [1, true] : [2, false]", [1, true]],
  ]);
  typed([
    ['true ? [1] : ["a"]', "tuple([string])"],
    ['false ? [1] : ["a", 2]', "list(string)"],
  ]);
});

test("a set with a tuple gives a set (no set converts to a tuple); a list is preferred to a set", () => {
  results([
    ['true ? toset(["b", "a"]) : ["c"]', ["a", "b"]],
    ['false ? toset(["a"]) : ["b", "b"]', ["b"]],
    // cty's compareTypes prefers list(string) to set(string), and a set converts to a list
    ['false ? toset(["a"]) : tolist(["c", "c", "b"])', ["c", "c", "b"]],
  ]);
  // list(number) is preferred to set(string) whatever the elements, and "a" is no number
  fails('true ? toset(["b", "a"]) : tolist([1])', /a number is required/);
  typed([
    ['false ? toset(["a"]) : ["b", "b"]', "set(string)"],
    ['true ? tolist(["a"]) : toset(["b"])', "list(string)"],
    ['true ? toset([1]) : tolist(["b"])', "list(string)"],
  ]);
  assert.is(collectionKind(call('true ? toset(["a"]) : tolist(["b"])')), "list");
  assert.is(collectionKind(call('false ? toset(["a"]) : ["b"]')), "set");
});

test("lists unify their element types; a tuple with a list is unified to a list first, then with it", () => {
  results([
    ['true ? tolist([1]) : tolist(["a"])', ["1"]],
    ['false ? tolist(["a"]) : [1, 2]', ["1", "2"]],
    // list(number) with a tuple of strings: list(string), whichever branch is taken
    ['true ? tolist([1]) : ["a"]', ["1"]],
    ['false ? tolist([1]) : ["a"]', ["a"]],
    ['true ? tolist([1, 2]) : [3, "x", true]', ["1", "2"]],
    ["true ? tolist([1]) : []", [1]],
    ['true ? [{a = 1}] : tolist([{a = "x", b = "y"}])', [{ a: "1" }]],
  ]);
  typed([
    ['true ? tolist([1]) : tolist(["a"])', "list(string)"],
    ['false ? tolist(["a"]) : [1, 2]', "list(string)"],
    ['true ? tolist([1]) : ["a"]', "list(string)"],
    ["true ? tolist([1]) : []", "list(number)"],
    ['true ? [{a = 1}] : tolist([{a = "x", b = "y"}])', "list(map(string))"],
  ]);
  fails("true ? tolist([1]) : [true]", /Inconsistent conditional result types/);
});

test("objects of the same attributes unify attribute by attribute; of different ones, and with a map, to a map", () => {
  results([
    ['true ? {a = 1} : {a = "x"}', { a: "1" }],
    ["true ? {a = 1} : {b = 2}", { a: 1 }],
    ['true ? {a = 1} : tomap({b = "x"})', { a: "1" }],
  ]);
  typed([
    ['true ? {a = 1} : {a = "x"}', "object({a=string})"],
    ["true ? {a = 1} : {b = 2}", "map(number)"],
    ['true ? {a = 1} : tomap({b = "x"})', "map(string)"],
  ]);
  fails(
    "true ? [1] : {a = 1}",
    "Inconsistent conditional result types: The true and false result expressions must " +
      "have consistent types. The 'true' value is tuple, but the 'false' value is object.",
  );
});

test("primitives: a string with a number or bool gives a string; a number with a bool does not unify", () => {
  results([
    ['true ? 1 : "a"', "1"],
    ['false ? "a" : true', "true"],
    ['true ? true : "x"', "true"],
  ]);
  fails("true ? 1 : false", /Inconsistent conditional result types/);
});

test("concat refuses sets, maps, objects and primitives, naming the argument's type", () => {
  const msg = (t: string) =>
    `Invalid value for "seqs" parameter of concat(): all arguments must be lists or tuples; got ${t}.`;
  fails('concat(toset(["a"]), ["b"])', msg("set of string"));
  fails('concat(["a"], tomap({a = 1}))', msg("map of number"));
  fails('concat(["a"], {a = 1})', msg("object"));
  fails('concat(["a"], "b")', msg("string"));
});

test("concat of lists of different element types gives one list of the unified type; else a tuple", () => {
  results([
    ['concat(tolist([1]), tolist(["a"]))', ["1", "a"]],
    ['concat([1], ["a"])', [1, "a"]],
    ['concat(tolist(["a"]), [1])', ["a", 1]],
    ["concat(tolist([{a = 1}]), tolist([{b = 2}]))", [{ a: 1 }, { b: 2 }]],
    ["concat(tolist([1]), tolist([true]))", [1, true]],
  ]);
  typed([
    ['concat(tolist([1]), tolist(["a"]))', "list(string)"],
    ['concat([1], ["a"])', "tuple([number,string])"],
    ['concat(tolist(["a"]), [1])', "tuple([string,number])"],
    // objects with different attributes unify to a map, so the lists to a list of maps
    ["concat(tolist([{a = 1}]), tolist([{b = 2}]))", "list(map(number))"],
    // number and bool do not unify: the elements as a tuple
    ["concat(tolist([1]), tolist([true]))", "tuple([number,bool])"],
  ]);
});

test.run();
