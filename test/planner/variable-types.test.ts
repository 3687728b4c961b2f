// Type constraints and conversion as Terraform (cty) does them; cases drawn from Terraform's documentation and its
// own tests of input variables (eval_variable_test.go, typeexpr).

import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseTypeConstraint, TypeConstraintError, type TypeConstraint } from "../../planner/type-constraint.js";
import { convertValue } from "../../planner/type-conversion.js";
import { applyTypeDefaults } from "../../planner/type-defaults.js";
import { typeString } from "../../planner/type-names.js";
import type { Value } from "../../contract/values.js";

const T = parseTypeConstraint;

/** Defaults applied, then converted: what a variable's value becomes. */
function prepare(type: string, v: Value): Value {
  const t = T(type);
  const c = convertValue(v === null ? null : applyTypeDefaults(v, t), t);
  if (!c.ok) throw new Error(c.message);
  return c.value;
}

function failure(type: string, v: Value): string {
  const t = T(type);
  const c = convertValue(v === null ? null : applyTypeDefaults(v, t), t);
  if (c.ok) throw new Error(`expected a failure, got ${JSON.stringify(c.value)}`);
  return c.message;
}

function typeError(text: string): string {
  try {
    T(text);
  } catch (e) {
    if (e instanceof TypeConstraintError) return e.detail;
    throw e;
  }
  throw new Error(`"${text}" parsed`);
}

test("every type form parses, in .tf.json's ${} form too", () => {
  const forms: [string, string][] = [
    ["string", "string"],
    ["number", "number"],
    ["bool", "bool"],
    ["any", "any"],
    ["list(string)", "list(string)"],
    ["set(number)", "set(number)"],
    ["map(bool)", "map(bool)"],
    ["list", "list(any)"],
    ["map", "map(any)"],
    ["${list(map(string))}", "list(map(string))"],
    ["tuple([string, number, bool])", "tuple([string, number, bool])"],
    ["tuple([])", "tuple([])"],
    ["object({})", "object({})"],
    ["object({ a = string, b = optional(number), c = optional(list(string), []) })", ""],
    ['object({ "quoted" = string })', "object({quoted=string})"],
  ];
  for (const [text, want] of forms) if (want) assert.is(typeString(T(text)), want, text);
  const o = T("object({ a = string, b = optional(number), c = optional(list(string), []) })") as Extract<
    TypeConstraint,
    { k: "object" }
  >;
  assert.equal(Object.keys(o.attrs), ["a", "b", "c"]);
  assert.equal(o.optional, ["b", "c"]);
  assert.equal(o.defaults, { c: [] });
});

test("invalid type constraints say why, in Terraform's words", () => {
  assert.is(typeError("strng"), 'The keyword "strng" is not a valid type specification.');
  assert.is(typeError("set"), "The set type constructor requires one argument specifying the element type.");
  assert.is(
    typeError("list(string, number)"),
    "The list type constructor requires one argument specifying the element type.",
  );
  assert.is(
    typeError("object"),
    "The object type constructor requires one argument specifying the attribute types and values as a map.",
  );
  assert.is(
    typeError("tuple"),
    "The tuple type constructor requires one argument specifying the element types as a list.",
  );
  assert.is(typeError("tuple(string)"), "Tuple type constructor requires a list of element types.");
  assert.is(typeError("string(1)"), 'Primitive type keyword "string" does not expect arguments.');
  assert.is(typeError("any()"), 'Type constraint keyword "any" does not expect arguments.');
  assert.is(
    typeError("optional(string)"),
    'Keyword "optional" is valid only as a modifier for object type attributes.',
  );
  assert.is(typeError("lisst(string)"), 'Keyword "lisst" is not a valid type constructor.');
  assert.is(typeError("object({a = string, a = number})"), "Object constructor map keys must be unique.");
  assert.match(typeError('"string"'), /^A type specification is either a primitive type keyword/);
  assert.match(typeError("list(string"), /^Invalid type specification: expected .* at offset 11/);
  assert.is(
    typeError("object({a = optional(string, 1, 2)})"),
    "Optional attribute modifier expects at most two arguments: the attribute type, and a default value.",
  );
  assert.match(
    typeError('object({a = optional(number, "x")})'),
    /^Invalid default value for optional attribute "a": .*: a number is required\.$/,
  );
  assert.match(typeError("object({a = optional(string, var.x)})"), /Variables not allowed/);
});

test("primitive conversions: strings, numbers and bools", () => {
  assert.is(prepare("string", 12), "12");
  assert.is(prepare("string", 1.5), "1.5");
  assert.is(prepare("string", true), "true");
  assert.is(prepare("number", "12"), 12);
  assert.is(prepare("number", "-1.5e2"), -150);
  assert.is(prepare("bool", "true"), true);
  assert.is(prepare("bool", "0"), false);
  assert.is(prepare("bool", "1"), true);
  assert.is(prepare("string", null), null);
  assert.is(failure("number", "twelve"), "a number is required");
  assert.is(failure("number", " 12"), "a number is required");
  assert.is(failure("bool", "yes"), "a bool is required");
  assert.is(failure("bool", "True"), 'a bool is required; to convert from string, use lowercase "true"');
  assert.is(failure("number", true), "number required, but have bool");
  assert.is(failure("bool", 1), "bool required, but have number");
  assert.is(failure("string", { a: 1 }), "string required, but have object");
  assert.is(failure("string", ["a"]), "string required, but have tuple");
});

test("collections and structures: list ⇄ set ⇄ tuple, map ⇄ object", () => {
  assert.equal(prepare("list(string)", ["a", 1, true]), ["a", "1", "true"]);
  assert.equal(prepare("set(string)", ["b", "a", "b"]), ["a", "b"]);
  assert.equal(prepare("set(number)", [10, 2, "2"]), [2, 10]);
  assert.equal(prepare("tuple([string, number])", [1, "2"]), ["1", 2]);
  assert.equal(prepare("map(number)", { a: "1", b: 2 }), { a: 1, b: 2 });
  assert.equal(prepare("list(number)", []), []);
  assert.equal(prepare("map(string)", {}), {});
  assert.is(failure("list(string)", "a"), "list of string required, but have string");
  assert.is(failure("list(string)", { a: "b" }), "list of string required");
  assert.is(failure("map(string)", ["a"]), "map of string required");
  assert.is(failure("list(number)", ["1", "x"]), "a number is required");
  assert.is(failure("list(number)", [1, [2]]), "element 1: number required, but have tuple");
  assert.is(failure("map(bool)", { a: true, b: { c: 1 } }), 'element "b": bool required, but have object');
  assert.is(failure("tuple([string, number])", ["a"]), "tuple required");
  assert.is(failure("object({a = string})", ["a"]), "object required, but have tuple");
});

test("objects: extra attributes dropped, required ones reported, optional ones null", () => {
  assert.equal(prepare("object({a = string, b = optional(number)})", { a: "x", z: 1 }), { a: "x", b: null });
  assert.is(failure("object({a = string, b = string})", { a: "x" }), 'attribute "b" is required');
  assert.is(failure("object({a = string, b = string, c = string})", { a: "x" }), 'attributes "b" and "c" are required');
  assert.is(failure("object({a = string, b = string, c = string})", {}), 'attributes "a", "b", and "c" are required');
  assert.is(failure("object({a = number})", { a: [1] }), 'attribute "a": number required, but have tuple');
  assert.is(
    failure("map(object({rules = list(object({destination_addresses = object({})}))}))", {
      x: { rules: [{ destination_addresses: ["10.0.0.0/8"] }] },
    }),
    'element "x": attribute "rules": element 0: attribute "destination_addresses": object required, but have tuple',
  );
});

test("optional defaults are applied at every depth, inside collections and to defaults themselves", () => {
  // Terraform's own cases: nested sets of objects, a default object with its own defaults, an empty default list.
  assert.equal(
    prepare(
      "set(object({name = string, " +
        "schedules = set(object({name = string, cold_storage_after = optional(number, 10)}))}))",
      [{ name: "test1", schedules: [{ name: "daily" }, { name: "weekly", cold_storage_after: "0" }] }],
    ),
    [
      {
        name: "test1",
        // in cty's set order: objects by their set hash, <0;"weekly";> before <10;"daily";>
        schedules: [
          { name: "weekly", cold_storage_after: 0 },
          { name: "daily", cold_storage_after: 10 },
        ],
      },
    ],
  );
  const nested =
    'object({name = string, nested_object = object({name = string, value = optional(string, "foo")}), ' +
    'nested_object_with_default = optional(object({name = string, value = optional(string, "bar")}), ' +
    '{name = "nested_object_with_default"})})';
  assert.equal(prepare(nested, { name: "object", nested_object: { name: "nested_object" } }), {
    name: "object",
    nested_object: { name: "nested_object", value: "foo" },
    nested_object_with_default: { name: "nested_object_with_default", value: "bar" },
  });
  const emptyList =
    "list(object({name = string, optional_list = optional(list(object({string = string, " +
    "optional_string = optional(string)})), [])}))";
  assert.equal(prepare(emptyList, [{ name: "abc", optional_list: [{ string: "child" }] }, { name: "def" }]), [
    { name: "abc", optional_list: [{ string: "child", optional_string: null }] },
    { name: "def", optional_list: [] },
  ]);
  const flag = "object({thing = optional(object({flag = optional(bool, false)}))})";
  assert.equal(prepare(flag, {}), { thing: null });
  assert.equal(prepare(flag, { thing: {} }), { thing: { flag: false } });
  // A null attribute takes the default as a missing one does; a null value as a whole stays null.
  assert.equal(prepare('object({a = optional(string, "d")})', { a: null }), { a: "d" });
  assert.is(prepare('object({a = optional(string, "d")})', null), null);
  assert.equal(prepare("map(object({a = optional(number, 1)}))", { x: {}, y: { a: 2 } }), {
    x: { a: 1 },
    y: { a: 2 },
  });
  assert.equal(prepare("tuple([object({a = optional(number, 1)}), string])", [{}, "s"]), [{ a: 1 }, "s"]);
});

test("sets in cty's order: false before true, nulls last, compound elements by their set hash", () => {
  assert.equal(prepare("set(bool)", [true, false, true]), [false, true]);
  assert.equal(prepare("set(string)", ["b", null, "a", "b"]), ["a", "b", null]);
  assert.equal(prepare("set(string)", ["é", "z", "Z"]), ["Z", "z", "é"]);
  assert.equal(prepare("set(number)", [1.5, "10", 9]), [1.5, 9, 10]);
  // lists compare by their elements' hash text: "[\"b\";]" after "[\"a\";\"z\";]"
  assert.equal(prepare("set(list(string))", [["b"], ["a", "z"], ["b"]]), [["a", "z"], ["b"]]);
  // objects by their attribute values in name order: <"x";2;> before <"y";1;>
  const objects = prepare("set(object({n = number, s = string}))", [
    { s: "y", n: 1 },
    { s: "x", n: 2 },
  ]);
  assert.equal(objects, [
    { n: 1, s: "y" },
    { n: 2, s: "x" },
  ]);
  // a tuple converts to a set, a set to a list (its order kept), a list to a tuple of its length
  assert.equal(prepare("list(string)", prepare("set(string)", ["c", "a"])), ["a", "c"]);
  assert.is(failure("tuple([string])", ["a", "b"]), "tuple required");
});

test("any: kept as given at the top, unified inside collections as cty does", () => {
  assert.equal(prepare("any", { a: [1, "x"] }), { a: [1, "x"] });
  assert.equal(prepare("list(any)", ["a", 1, true]), ["a", "1", "true"]);
  assert.equal(prepare("list", [1, 2]), [1, 2]);
  assert.equal(prepare("map", { a: 1, b: "x" }), { a: "1", b: "x" });
  assert.equal(prepare("list(any)", [{ a: 1 }, { a: 1, b: 2 }]), [{ a: 1 }, { a: 1, b: 2 }]);
  assert.equal(prepare("list(any)", [{ a: 1 }, { b: "x" }]), [{ a: "1" }, { b: "x" }]);
  assert.equal(prepare("list(any)", [[1], [1, 2]]), [[1], [1, 2]]);
  assert.equal(prepare("list(any)", [null, 1]), [null, 1]);
  assert.is(failure("list(any)", [1, true]), "all list elements must have the same type");
  assert.is(failure("list(any)", ["a", { b: 1 }]), "all list elements must have the same type");
  assert.is(failure("set(any)", [[1], { a: 1 }]), "all set elements must have the same type");
  assert.is(failure("map(any)", { a: "x", b: ["y"] }), "all map elements must have the same type");
  assert.equal(prepare("object({a = any})", { a: [1, true] }), { a: [1, true] });
});

test.run();
