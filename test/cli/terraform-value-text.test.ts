// Values and JSON as Terraform prints them (repl.FormatValue; Go's encoding/json).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { terraformJson } from "../../cli/terraform-json-text.js";
import { inferType } from "../../planner/type-conversion.js";
import { typeToJson } from "../../planner/type-json.js";
import { formatTerraformValue, goQuote, terraformNumber } from "../../cli/terraform-value-text.js";
import { UNKNOWN, withCollectionKind } from "../../contract/values.js";

test("numbers in full, never with an exponent", () => {
  assert.is(terraformNumber(1e22), "10000000000000000000000");
  assert.is(terraformNumber(-1.5e-7), "-0.00000015");
  assert.is(terraformNumber(12.25), "12.25");
  assert.is(terraformNumber(0), "0");
});

test("strings quoted as Go quotes them; several lines as a heredoc, indented when nested", () => {
  assert.is(goQuote('a"b\\c\t\u0001'), '"a\\"b\\\\c\\t\\x01"');
  assert.is(goQuote("é"), '"é"');
  assert.is(formatTerraformValue("x\ny"), "<<EOT\nx\ny\nEOT");
  assert.is(formatTerraformValue("EOT\nz"), "<<EOT_\nEOT\nz\nEOT_");
  assert.is(formatTerraformValue({ k: "x\ny" }), '{\n  "k" = <<-EOT\n  x\n  y\n  EOT\n}');
});

test("collections one element a line; null, unknown, empty", () => {
  assert.is(formatTerraformValue([1, [true], {}]), "[\n  1,\n  [\n    true,\n  ],\n  {},\n]");
  assert.is(formatTerraformValue({ b: null, a: UNKNOWN }), '{\n  "a" = (known after apply)\n  "b" = null\n}');
  assert.is(formatTerraformValue([]), "[]");
});

test("a list, set or map inside tolist(), toset(), tomap(); tuples and objects bare", () => {
  assert.is(formatTerraformValue(withCollectionKind([1], "list")), "tolist([\n  1,\n])");
  assert.is(formatTerraformValue(withCollectionKind([], "set")), "toset([])");
  assert.is(formatTerraformValue(withCollectionKind({}, "map")), "tomap({})");
  assert.is(
    formatTerraformValue({ m: withCollectionKind({ k: withCollectionKind(["x"], "set") }, "map") }),
    '{\n  "m" = tomap({\n    "k" = toset([\n      "x",\n    ])\n  })\n}',
  );
});

test("JSON as Go writes it: sorted keys (unless asked not to), HTML characters escaped, numbers in full", () => {
  assert.is(terraformJson({ b: 1, a: "<&>" }), '{"a":"\\u003c\\u0026\\u003e","b":1}');
  assert.is(terraformJson({ b: 1, a: 2 }, { sortKeys: false }), '{"b":1,"a":2}');
  assert.is(terraformJson({ a: [1, {}], e: [] }, { indent: true }), '{\n  "a": [\n    1,\n    {}\n  ],\n  "e": []\n}');
  assert.is(terraformJson(1e21), "1000000000000000000000");
  // an output's type as `output -json` gives it for a value with no recorded type
  assert.equal(typeToJson(inferType({ l: [1, "a"], n: null })), [
    "object",
    { l: ["tuple", ["number", "string"]], n: "dynamic" },
  ]);
});

test.run();
