import { test } from "uvu";
import * as assert from "uvu/assert";
import { FUNCTION_CATEGORIES, FUNCTION_NAMES, functionArity } from "../../../planner/expressions/functions/registry.js";

/**
 * Terraform 1.11's documented built-in functions by category (try and can are the evaluator's), and the functions of
 * its built-in terraform provider.
 */
const DOCUMENTED: Record<string, string[]> = {
  numeric: ["abs", "ceil", "floor", "log", "max", "min", "parseint", "pow", "signum"],
  string: [
    "chomp",
    "endswith",
    "format",
    "formatlist",
    "indent",
    "join",
    "lower",
    "regex",
    "regexall",
    "replace",
    "split",
    "startswith",
    "strcontains",
    "strrev",
    "substr",
    "templatestring",
    "title",
    "trim",
    "trimprefix",
    "trimsuffix",
    "trimspace",
    "upper",
  ],
  collection: [
    "alltrue",
    "anytrue",
    "chunklist",
    "coalesce",
    "coalescelist",
    "compact",
    "concat",
    "contains",
    "distinct",
    "element",
    "flatten",
    "index",
    "keys",
    "length",
    "list",
    "lookup",
    "map",
    "matchkeys",
    "merge",
    "one",
    "range",
    "reverse",
    "setintersection",
    "setproduct",
    "setsubtract",
    "setunion",
    "slice",
    "sort",
    "sum",
    "transpose",
    "values",
    "zipmap",
  ],
  encoding: [
    "base64decode",
    "base64encode",
    "base64gzip",
    "csvdecode",
    "jsondecode",
    "jsonencode",
    "textdecodebase64",
    "textencodebase64",
    "urlencode",
    "yamldecode",
    "yamlencode",
  ],
  filesystem: [
    "abspath",
    "dirname",
    "pathexpand",
    "basename",
    "file",
    "fileexists",
    "fileset",
    "filebase64",
    "templatefile",
  ],
  "date and time": ["formatdate", "plantimestamp", "timeadd", "timecmp", "timestamp"],
  "hash and crypto": [
    "base64sha256",
    "base64sha512",
    "bcrypt",
    "filebase64sha256",
    "filebase64sha512",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "md5",
    "rsadecrypt",
    "sha1",
    "sha256",
    "sha512",
    "uuid",
    "uuidv5",
  ],
  "ip network": ["cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets"],
  "type conversion": [
    "nonsensitive",
    "sensitive",
    "tobool",
    "tolist",
    "tomap",
    "tonumber",
    "toset",
    "tostring",
    "type",
    "issensitive",
    "ephemeralasnull",
  ],
  "terraform provider": [
    "provider::terraform::decode_tfvars",
    "provider::terraform::encode_expr",
    "provider::terraform::encode_tfvars",
  ],
};

test("every documented function is there, in its category", () => {
  for (const [category, names] of Object.entries(DOCUMENTED))
    assert.equal(Object.keys(FUNCTION_CATEGORIES[category]).sort(), [...names].sort(), category);
  assert.equal(FUNCTION_NAMES, Object.values(DOCUMENTED).flat().sort());
});

test("arities", () => {
  const arity = (name: string) => {
    const def = Object.values(FUNCTION_CATEGORIES).find((c) => name in c)![name];
    return functionArity(def);
  };
  assert.equal(arity("upper"), [1, 1]);
  assert.equal(arity("lookup"), [2, 3]);
  assert.equal(arity("range"), [1, 3]);
  assert.equal(arity("bcrypt"), [1, 2]);
  assert.equal(arity("format"), [1, Infinity]);
  assert.equal(arity("merge"), [0, Infinity]);
  assert.equal(arity("timestamp"), [0, 0]);
});

test.run();
