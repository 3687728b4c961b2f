import { gunzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { call, fails, isUnknown, results } from "./call.js";

test("documented examples", () => {
  results([
    ['base64encode("Hello World")', "SGVsbG8gV29ybGQ="],
    ['base64decode("SGVsbG8gV29ybGQ=")', "Hello World"],
    ['base64decode(base64encode("☃ snow"))', "☃ snow"],
    ['base64gzip("test")', "H4sIAAAAAAAA/ypJLS4BAAAA//8BAAD//wx+f9gEAAAA"],
    [
      'csvdecode("a,b,c\\n1,2,3\\n4,5,6")',
      [
        { a: "1", b: "2", c: "3" },
        { a: "4", b: "5", c: "6" },
      ],
    ],
    ['csvdecode("a,b\\n1,\\"x,\\"\\"y\\"\\"\\"\\n")', [{ a: "1", b: 'x,"y"' }]],
    ['csvdecode("a,b\\n")', []],
    ['jsondecode("{\\"hello\\": \\"world\\"}")', { hello: "world" }],
    ['jsondecode("true")', true],
    ['jsondecode("[1, null]")', [1, null]],
    ['jsonencode({"hello"="world"})', '{"hello":"world"}'],
    ['jsonencode({b = [1, 2.5, null, true], a = "x"})', '{"a":"x","b":[1,2.5,null,true]}'],
    ['jsonencode("<b>&</b>")', '"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"'],
    ["jsonencode(null)", "null"],
    ['textencodebase64("Hello World", "UTF-16LE")', "SABlAGwAbABvACAAVwBvAHIAbABkAA=="],
    ['textdecodebase64("SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE")', "Hello World"],
    ['textencodebase64("Héllo", "ISO-8859-1")', "SOlsbG8="],
    ['urlencode("Hello World!")', "Hello+World%21"],
    ['urlencode("☃")', "%E2%98%83"],
    ['urlencode("foo:bar@localhost?foo=bar&bar=baz")', "foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz"],
    ['yamldecode("hello: world")', { hello: "world" }],
    ['yamldecode("true")', true],
    ['yamldecode("{a: &a [1, 2], b: *a}")', { a: [1, 2], b: [1, 2] }],
    ['yamldecode("")', null],
    [
      'yamldecode("a: yes\nb: off\nc: ~\nd: 2001-12-14\ne: 0x1F")',
      { a: true, b: false, c: null, d: "2001-12-14", e: 31 },
    ],
    ['yamldecode("base: &b {x: 1}\nderived:\n  <<: *b\n  z: 2")', { base: { x: 1 }, derived: { x: 1, z: 2 } }],
  ]);
});

test("yamlencode writes block style with quoted strings, as Terraform does", () => {
  results([
    ['yamlencode({"a"="b", "c"="d"})', '"a": "b"\n"c": "d"\n'],
    ['yamlencode({"foo"=[1, 2, 3], "bar"="baz"})', '"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n'],
    [
      'yamlencode({"foo"=[1, {"a"="b","c"="d"}, 3], "bar"="baz"})',
      '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
    ],
    ['yamlencode("hello")', '"hello"\n'],
    ['yamlencode("hello\\nworld")', "|-\n  hello\n  world\n"],
    ["yamlencode(true)", "true\n...\n"],
    ["yamlencode(null)", "null\n...\n"],
    ["yamlencode([])", "[]\n"],
    ["yamlencode({})", "{}\n"],
  ]);
});

test("base64gzip output decompresses to the input", () => {
  const text = "hello ".repeat(1000);
  const out = call(`base64gzip("${text}")`) as string;
  assert.is(gunzipSync(Buffer.from(out, "base64")).toString(), text);
});

test("errors", () => {
  fails(
    'base64decode("SGVsbG8gV29ybGQ")',
    'Call to function "base64decode" failed: failed to decode base64 data "SGVsbG8gV29ybGQ".',
  );
  fails('base64decode("/w==")', /the result of decoding the provided string is not valid UTF-8/);
  fails('csvdecode("a,b\\n1")', /CSV parse error on line 2: wrong number of fields/);
  fails('csvdecode("")', /missing header line/);
  fails('csvdecode("a,a\\n1,2")', /duplicate column name "a"/);
  fails('jsondecode("x")', /a JSON document cannot begin with the character "x"/);
  fails('jsondecode("{")', /Invalid value for "str" parameter of jsondecode\(\)/);
  fails(
    'textencodebase64("x", "klingon")',
    /"klingon" is not a supported IANA encoding name or alias in this Terraform version/,
  );
  fails('textencodebase64("☃", "ISO-8859-1")', /cannot be represented in ISO-8859-1/);
  fails('yamldecode("a: 1\\n---\\nb: 2")', /unexpected extra content after value/);
});

test("unknown arguments", () => {
  isUnknown("jsonencode({a = var.u})");
  isUnknown("yamlencode([var.u])");
  isUnknown("base64encode(var.u)");
});

test.run();
