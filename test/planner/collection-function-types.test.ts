// Result types of collection functions, as cty's stdlib gives them (Terraform uses these functions): concat of
// lists is a list, of anything with a tuple a tuple; merge of maps of one type a map, else an object; slice and
// reverse keep a list a list (reverse makes a set a list); flatten gives a tuple; zipmap gives a map from a list of
// values, an object from a tuple; coalescelist returns its argument as it is; setproduct of lists is a list of
// tuples, with a set a set. Facts from cty's function/stdlib (collection.go, sequence.go) and Terraform's docs.

import { test } from "uvu";
import { fails, results } from "./functions/call.js";

const SET_INDEX =
  "Invalid index: Elements of a set are identified only by their value and don't have any separate index or key " +
  "to select with, so it's only possible to perform operations across all elements of the set.";

test("concat: lists give a list (elements unified), a tuple among them a tuple", () => {
  results([
    ['type(concat(tolist(["a"]), tolist(["b"])))', "list(string)"],
    ['type(concat(tolist([1]), tolist(["b"])))', "list(string)"],
    ['concat(tolist([1]), tolist(["b"]))', ["1", "b"]],
    ['type(concat(tolist(["a"]), ["b"]))', "tuple([string,string])"],
    ['type(concat(["a"], [1]))', "tuple([string,number])"],
    ['concat(split(",", "a"), tolist(["b"])) == tolist(["a", "b"])', true],
    ['concat(split(",", "a"), ["b"]) == ["a", "b"]', true],
    ['concat(tolist(["a"]), tolist(["b"])) == ["a", "b"]', false],
  ]);
});

test("merge: maps of one type give a map, anything else an object", () => {
  results([
    ['type(merge(tomap({a = "x"}), tomap({b = "y"})))', "map(string)"],
    ['merge(tomap({a = "x"}), tomap({a = "z", b = "y"}))', { a: "z", b: "y" }],
    ['type(merge(tomap({a = "x"}), {b = "y"}))', "object({a=string,b=string})"],
    ['type(merge(tomap({a = "x"}), tomap({b = 1})))', "object({a=string,b=number})"],
    ['type(merge({a = "x"}, {b = 1}))', "object({a=string,b=number})"],
    ["type(merge())", "object({})"],
    ['merge(tomap({a = "x"}), tomap({b = "y"})) == tomap({a = "x", b = "y"})', true],
    ['merge(tomap({a = "x"}), tomap({b = "y"})) == {a = "x", b = "y"}', false],
  ]);
});

test("slice and reverse keep a list a list and a tuple a tuple; a set is not sliced, and reversed to a list", () => {
  results([
    ['type(slice(tolist(["a", "b", "c"]), 1, 3))', "list(string)"],
    ['slice(tolist(["a", "b", "c"]), 1, 3) == tolist(["b", "c"])', true],
    ['type(slice(["a", 1], 1, 2))', "tuple([number])"],
    ['type(reverse(tolist(["a", "b"])))', "list(string)"],
    ['reverse(toset(["b", "a"]))', ["b", "a"]],
    ['type(reverse(toset(["b", "a"])))', "list(string)"],
    ['reverse(toset(["b", "a"]))[0]', "b"],
    ['type(reverse(["a", 1]))', "tuple([number,string])"],
  ]);
  fails(
    'slice(toset(["a", "b"]), 0, 1)',
    'Invalid value for "list" parameter of slice(): cannot slice a set, because its elements do not have ' +
      "indices; explicitly convert to a list if the ordering " +
      "of the result is not important.",
  );
});

test("flatten gives a tuple; coalescelist returns its argument's type", () => {
  results([
    ['type(flatten(tolist([tolist(["a"]), tolist(["b"])])))', "tuple([string,string])"],
    ['flatten([toset(["b", "a"])])[0]', "a"],
    ['type(coalescelist(tolist([]), tolist(["a"])))', "list(string)"],
    ['type(coalescelist(["a"]))', "tuple([string])"],
  ]);
});

test("zipmap: a list of values gives a map, a tuple an object", () => {
  results([
    ['type(zipmap(["a", "b"], tolist([1, 2])))', "map(number)"],
    ['type(zipmap(["a", "b"], [1, "x"]))', "object({a=number,b=string})"],
    ['zipmap(["a"], tolist(["x"])) == tomap({a = "x"})', true],
    ['zipmap(["a"], ["x"]) == {a = "x"}', true],
  ]);
});

test("setproduct: of lists and tuples a list of tuples, with a set among them a set", () => {
  results([
    ['type(setproduct(["a"], tolist([1])))', "list(tuple([string,number]))"],
    [
      'setproduct(["b", "a"], ["x"])',
      [
        ["b", "x"],
        ["a", "x"],
      ],
    ],
    ['type(setproduct(toset(["a"]), ["x"]))', "set(tuple([string,string]))"],
  ]);
  fails('setproduct(toset(["a"]), ["x"])[0]', SET_INDEX);
});

test("chunklist gives a list of lists, matchkeys a list, transpose a map of lists", () => {
  results([
    ['type(chunklist(["a", "b", "c"], 2))', "list(list(string))"],
    ['chunklist(["a", 1], 1)', [["a"], ["1"]]],
    ['chunklist(["a", "b"], 1) == [["a"], ["b"]]', false],
    ['chunklist(["a", "b"], 1)[1] == tolist(["b"])', true],
    ['type(matchkeys(["a", "b"], ["x", "y"], ["y"]))', "list(string)"],
    ['matchkeys([1, "b"], ["x", "y"], ["x"])', ["1"]],
    ['type(transpose({a = ["x"], b = ["x", "y"]}))', "map(list(string))"],
    ['transpose({a = ["x"], b = ["x", "y"]})', { x: ["a", "b"], y: ["b"] }],
  ]);
});

test.run();
