// The built-in terraform provider's functions, with the inputs, results and errors of Terraform's tests of them
// (internal/builtin/providers/terraform/functions_test.go) and of its documentation.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN, type Value } from "../../../contract/values.js";
import { ctySet } from "../../../planner/set-order.js";
import { call } from "./call.js";

const NS = "provider::terraform::";

/** `fn(var.x)` with var.x = value. */
function on(fn: string, value: Value): Value {
  return call(`${NS}${fn}(var.x)`, { variable: (n) => (n === "x" ? value : UNKNOWN) });
}

function failsOn(fn: string, value: Value, message: string): void {
  let error: Error | undefined;
  try {
    on(fn, value);
  } catch (e) {
    error = e as Error;
  }
  assert.ok(error, `${fn}(${JSON.stringify(value)}) should fail`);
  assert.is(error!.message, message);
}

const encodeFailed = (detail: string) => `Call to function "${NS}encode_tfvars" failed: ${detail}.`;
const decodeFailed = (detail: string) => `Call to function "${NS}decode_tfvars" failed: ${detail}`;
const NOT_OBJECT =
  "invalid value to encode: must be an object whose attribute names will become the encoded variable names";

test("encode_tfvars: attributes sorted, `=` aligned in runs of one-line attributes", () => {
  const value = {
    string: "hello",
    number: 5,
    bool: true,
    set: ctySet(["beep", "boop"]),
    list: ["bleep", "bloop"],
    tuple: ["bibble", "wibble"],
    map: { one: 1 },
    object: { one: 1, true: true },
    null: null,
  };
  assert.is(
    on("encode_tfvars", value),
    "bool = true\n" +
      'list = ["bleep", "bloop"]\n' +
      "map = {\n  one = 1\n}\n" +
      "null   = null\n" +
      "number = 5\n" +
      "object = {\n  one  = 1\n  true = true\n}\n" +
      'set    = ["beep", "boop"]\n' +
      'string = "hello"\n' +
      'tuple  = ["bibble", "wibble"]\n',
  );
  assert.is(on("encode_tfvars", {}), "");
  assert.is(on("encode_tfvars", { one: 1, two: 2, three: 3 }), "one   = 1\nthree = 3\ntwo   = 2\n");
  assert.is(call(`${NS}encode_tfvars({example = "Hello!"})`), 'example = "Hello!"\n'); // the documentation's
  assert.is(
    on("encode_tfvars", { a: { "not an identifier": 1, b: [] } }),
    'a = {\n  b                   = []\n  "not an identifier" = 1\n}\n',
  );
});

test("encode_tfvars: unknown anywhere gives an unknown string", () => {
  assert.is(on("encode_tfvars", UNKNOWN), UNKNOWN);
  assert.is(on("encode_tfvars", { string: UNKNOWN }), UNKNOWN);
});

test("encode_tfvars: errors", () => {
  for (const v of ["nope", 0, false, [], ctySet([])]) failsOn("encode_tfvars", v, encodeFailed(NOT_OBJECT));
  failsOn(
    "encode_tfvars",
    { "not valid identifier": "!" },
    encodeFailed(
      'invalid variable name "not valid identifier": must be a valid identifier, per Terraform\'s rules for input ' +
        "variable declarations",
    ),
  );
  failsOn(
    "encode_tfvars",
    null,
    `Invalid value for "value" parameter of ${NS}encode_tfvars(): argument must not be null.`,
  );
});

test("decode_tfvars: constant values as their most general types", () => {
  assert.equal(on("decode_tfvars", 'string = "hello"\nnumber = 2'), { string: "hello", number: 2 });
  assert.equal(on("decode_tfvars", ""), {});
  assert.equal(on("decode_tfvars", 'example = "Hello!"\n'), { example: "Hello!" });
  assert.equal(
    on(
      "decode_tfvars",
      'a = [1, "b", {c = true}]\n# a comment\nd = null\ne = "${1 + 1}"\nf = [for x in [1, 2] : x * 2]\n',
    ),
    { a: [1, "b", { c: true }], d: null, e: 2, f: [2, 4] },
  );
  assert.equal(on("decode_tfvars", "h = <<EOT\nline $${not}\nEOT\n"), { h: "line ${not}\n" });
  assert.is(on("decode_tfvars", UNKNOWN), UNKNOWN);
});

test("decode_tfvars: errors name the place in the text, as HCL does", () => {
  failsOn(
    "decode_tfvars",
    "not valid syntax",
    decodeFailed(
      "invalid tfvars syntax: <decode_tfvars argument>:1,17-17: Invalid block definition; Either a quoted string " +
        'block label or an opening brace ("{") is expected here.',
    ),
  );
  failsOn(
    "decode_tfvars",
    "foo = not valid syntax",
    decodeFailed(
      "invalid tfvars syntax: <decode_tfvars argument>:1,11-16: Missing newline after argument; An argument " +
        "definition must end with a newline.",
    ),
  );
  failsOn(
    "decode_tfvars",
    "foo = var.whatever",
    decodeFailed(
      'invalid expression for variable "foo": <decode_tfvars argument>:1,7-10: Variables not allowed; Variables ' +
        "may not be used here.",
    ),
  );
  failsOn(
    "decode_tfvars",
    "foo = whatever()",
    decodeFailed(
      'invalid expression for variable "foo": <decode_tfvars argument>:1,7-17: Function calls not allowed; ' +
        "Functions may not be called here.",
    ),
  );
  failsOn(
    "decode_tfvars",
    "a = 1\n  foo {}\n",
    decodeFailed(
      'invalid tfvars content: <decode_tfvars argument>:2,3-6: Unexpected "foo" block; Blocks are not allowed here.',
    ),
  );
  failsOn("decode_tfvars", [], `Invalid value for "src" parameter of ${NS}decode_tfvars(): string required.`);
  failsOn(
    "decode_tfvars",
    null,
    `Invalid value for "src" parameter of ${NS}decode_tfvars(): argument must not be null.`,
  );
});

test("encode_expr: HCL's expression for a value", () => {
  const pairs: [Value, string][] = [
    ["hello", '"hello"'],
    ["hello\nworld\n", '"hello\\nworld\\n"'],
    ["hel${lo", '"hel$${lo"'],
    ["hel%{lo", '"hel%%{lo"'],
    ["boop\\boop", '"boop\\\\boop"'],
    ["", '""'],
    ["tab\there\r \u0007 \u00a0 é", '"tab\\there\\r \\u0007 \\u00a0 é"'],
    ['say "hi" $5 %d', '"say \\"hi\\" $5 %d"'],
    [2, "2"],
    [1.5, "1.5"],
    [true, "true"],
    [false, "false"],
    [{}, "{}"],
    [{ number: 5, string: "..." }, '{\n  number = 5\n  string = "..."\n}'],
    [{ one: 1, two: 2 }, "{\n  one = 1\n  two = 2\n}"],
    [[], "[]"],
    [[5, "..."], '[5, "..."]'],
    [ctySet([1, 5, 20, 55]), "[1, 5, 20, 55]"],
    [[{ a: null }], "[{\n  a = null\n}]"],
  ];
  for (const [v, want] of pairs) assert.is(on("encode_expr", v), want, JSON.stringify(v));
  assert.is(on("encode_expr", UNKNOWN), UNKNOWN);
  assert.is(on("encode_expr", [1, UNKNOWN]), UNKNOWN);
  failsOn("encode_expr", null, `Invalid value for "value" parameter of ${NS}encode_expr(): argument must not be null.`);
});

test("a round trip: decode_tfvars of encode_tfvars", () => {
  const value = { a: "x ${y} %{z}", b: [1, 2], c: { d: "e\n" } };
  assert.equal(on("decode_tfvars", on("encode_tfvars", value)), value);
});

test.run();
