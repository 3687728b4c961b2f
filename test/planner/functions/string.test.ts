import { test } from "uvu";
import * as assert from "uvu/assert";
import { call, fails, isUnknown, results } from "./call.js";

test("documented examples", () => {
  results([
    ['chomp("hello\\n")', "hello"],
    ['chomp("hello\\r\\n")', "hello"],
    ['chomp("hello\\n\\n")', "hello"],
    ['endswith("hello world", "world")', true],
    ['endswith("hello world", "hello")', false],
    ['startswith("hello world", "hello")', true],
    ['startswith("hello world", "world")', false],
    ['strcontains("hello world", "wor")', true],
    ['strcontains("hello world", "wod")', false],
    ['indent(2, "[\\n  foo,\\n  bar,\\n]\\n")', "[\n    foo,\n    bar,\n  ]\n  "],
    ['join("-", ["foo", "bar", "baz"])', "foo-bar-baz"],
    ['join(", ", ["foo", "bar", "baz"])', "foo, bar, baz"],
    ['join(", ", ["foo"])', "foo"],
    ['join(", ", ["a", "b"], ["c"], [1])', "a, b, c, 1"],
    ['lower("HELLO")', "hello"],
    ['lower("АЛЛО!")', "алло!"],
    ['upper("hello")', "HELLO"],
    ['upper("алло!")', "АЛЛО!"],
    ['upper("straße")', "STRAßE"],
    ['lower("ΟΔΟΣ")', "οδοσ"],
    ['replace("1 + 2 + 3", "+", "-")', "1 - 2 - 3"],
    ['replace("hello world", "/w.*d/", "everybody")', "hello everybody"],
    ['replace("hello world", "/(h)(e)/", "$2$1")', "ehllo world"],
    ['replace("hello world", "/(?P<first>h)(?P<second>e)/", "$${second}$${first}")', "ehllo world"],
    ['replace("a-b-c", "/-/", "$$")', "a$b$c"],
    ['split(",", "foo")', ["foo"]],
    ['split(",", "foo,bar,baz")', ["foo", "bar", "baz"]],
    ['split(",", "")', [""]],
    ['strrev("hello")', "olleh"],
    ['strrev("a ☃")', "☃ a"],
    ['substr("hello world", 1, 4)', "ello"],
    ['substr("🤔🤷", 0, 1)', "🤔"],
    ['substr("hello world", -5, -1)', "world"],
    ['substr("hello world", 6, 10)', "world"],
    ['substr("hello", 10, 1)', ""],
    ['substr("hello", 1, 0)', ""],
    ['title("hello world")', "Hello World"],
    ['title("hello-world o\'neil")', "Hello-World O'Neil"],
    ['trim("?!hello?!", "!?")', "hello"],
    ['trim("foobar", "far")', "oob"],
    ['trim("   hello! world.!  ", "! ")', "hello! world."],
    ['trimprefix("helloworld", "hello")', "world"],
    ['trimprefix("helloworld", "cat")', "helloworld"],
    ['trimsuffix("helloworld", "world")', "hello"],
    ['trimspace("  hello\\n\\n")', "hello"],
  ]);
});

test("characters are grapheme clusters, as Terraform counts them", () => {
  results([
    ['strrev("a💃🏿b")', "b💃🏿a"],
    ['substr("e\u0301tude", 0, 1)', "e\u0301"],
    ['format("%4s|%-4s|", "💃🏿", "💃🏿")', "   💃🏿|💃🏿   |"],
    ['format("%.5s", "日本語日本語")', "日本語日本"],
  ]);
});

test("format verbs, flags, widths and precisions", () => {
  results([
    ['format("Hello, %s!", "Ander")', "Hello, Ander!"],
    ['format("There are %d lights", 4)', "There are 4 lights"],
    [
      'format("%d %f %.2f %s %t %x %X %o %e %E %b %%", 42, 3.5, 3.14159, "hi", true, 255, 254, 8, 1000, 1000, 5)',
      "42 3.500000 3.14 hi true ff FE 10 1.000000e+03 1.000000E+03 101 %",
    ],
    ['format("%q", "Hello\\nWorld <&>")', '"Hello\\nWorld \\u003c\\u0026\\u003e"'],
    ['format("%v %v %v %v", "s", 2, true, null)', "s 2 true null"],
    ['format("%v", [1, "a", {b = true}])', '[1,"a",{"b":true}]'],
    ['format("%#v %#v", "s", 2)', '"s" 2'],
    ['format("%v", 1000000)', "1e+06"],
    ['format("%g %g %G %.3g", 1000, 1e-23, 1e-23, 3.14159)', "1000 1e-23 1E-23 3.14"],
    ['format("%5d|%-5d|%05d|%+d|% d|%+f", 42, 42, 42, 42, 42, -10)', "   42|42   |00042|+42| 42|-10.000000"],
    ['format("%10s|%-10s|%4.2s|%6.2q", "hello", "hello", "hello", "hello")', '     hello|hello     |  he|  "he"'],
    ['format("%[2]s %[1]s %s", "a", "b")', "b a b"],
    ['format("%#x %#o %#b", 255, 8, 5)', "0xff 010 0b101"],
    ['format("%d", "12")', "12"],
    ['format("%.0f %.0f %.1f %.2f %.3f", 0.5, 2.5, 0.25, 2.675, 1/3)', "0 2 0.2 2.67 0.333"],
    [
      'format("%.1e %.0e %e %f", 0.125, 5, 123456.789, 1e22)',
      "1.2e-01 5e+00 1.234568e+05 10000000000000000000000.000000",
    ],
    ['format("%8.3f|%-8.1f|%+.1e", 3.14159, 2.5, 12345)', "   3.142|2.5     |+1.2e+04"],
    ['format("100%% sure")', "100% sure"],
  ]);
});

test("format errors say what is wrong and where", () => {
  fails('format("%s", null)', /unsupported value for "%s" at 0: null value cannot be formatted/);
  fails('format("%d", 1.5)', /unsupported value for "%d" at 0: an integer is required/);
  fails('format("%d", true)', /unsupported value for "%d" at 0: number required, but have bool/);
  fails('format("%s %s", "a")', /not enough arguments for "%s" at 3: need index 2 but have 1 total/);
  fails('format("%s", "a", "b")', /too many arguments; only 1 used by format string/);
  fails('format("hello", "a")', /too many arguments; no verbs in format string/);
  fails('format("%z", 1)', /unsupported format verb "z" in "%z" at offset 0/);
});

test("formatlist", () => {
  results([
    [
      'formatlist("Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"])',
      ["Hello, Valentina!", "Hello, Ander!", "Hello, Olivia!", "Hello, Sam!"],
    ],
    [
      'formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"])',
      ["Salutations, Valentina!", "Salutations, Ander!"],
    ],
    ['formatlist("%s", [])', []],
  ]);
  fails(
    'formatlist("%s-%s", ["a", "b"], ["c"])',
    /argument 2 has length 1, which is inconsistent with argument 1 of length 2/,
  );
});

test("regex: no captures gives the match, unnamed captures a list, named captures an object", () => {
  results([
    ['regex("[a-z]+", "53453453.345345aaabbbccc23454")', "aaabbbccc"],
    ['regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")', ["2019", "02", "01"]],
    [
      'regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")',
      { scheme: "https", authority: "terraform.io" },
    ],
    ['regex("(a)|(b)", "b")', [null, "b"]],
    ['regex("(?i)HELLO", "say hello")', "hello"],
    ['regex("[[:digit:]]+", "abc123")', "123"],
    ['regex("\\\\pL+", "123abc")', "abc"],
    ['regex("\\\\p{Greek}+", "abc αβγ")', "αβγ"],
    ['regex("(?s)a.b", "a\\nb")', "a\nb"],
    ['regexall("a*", "baaac")', ["", "aaa", ""]],
    ['regexall("[a-z]+", "1234abcd5678efgh9")', ["abcd", "efgh"]],
    ['length(regexall("[a-z]+", "1234abcd5678efgh9"))', 2],
    ['length(regexall("[a-z]+", "123456789")) > 0', false],
    [
      'regexall("(\\\\w)=(\\\\d)", "a=1 b=2")',
      [
        ["a", "1"],
        ["b", "2"],
      ],
    ],
  ]);
  fails(
    'regex("[a-z]+", "123")',
    'Call to function "regex" failed: pattern did not match any part of the given string.',
  );
  fails('regex("(?P<a>x)(y)", "xy")', /cannot mix both named and unnamed capture groups/);
  fails('regex("(", "x")', /error parsing pattern/);
});

test("templatestring renders a template with only the given variables", () => {
  const s = {
    variable: (n: string) => (n === "t" ? "Hello, ${name}! ${upper(name)}" : n === "f" ? '${file("hello.txt")}' : null),
  };
  assert.is(call('templatestring(var.t, { name = "Ander" })', s), "Hello, Ander! ANDER");
  assert.throws(() => call("templatestring(var.t, {})", s), /vars map does not contain key "name"/);
  assert.throws(
    () => call("templatestring(var.f, {})", s),
    /cannot use filesystem access functions like file in templatestring/,
  );
  assert.throws(
    () => call('templatestring(var.t, { "bad-name" = 1, name = "x" })', s),
    /invalid template variable name "bad-name"/,
  );
});

test("unknown arguments", () => {
  isUnknown("upper(var.u)");
  isUnknown('format("%s", var.u)');
  isUnknown('format("%s", [var.u])');
  isUnknown('join(",", ["a", var.u])');
  isUnknown('regex(var.u, "x")');
  assert.equal(call('formatlist("%s", ["a", var.u])'), ["a", call("var.u")]);
});

test("argument types and arity", () => {
  results([
    ["upper(12)", "12"],
    ["upper(true)", "TRUE"],
  ]);
  fails('upper(["a"])', 'Invalid value for "str" parameter of upper(): string required.');
  fails("upper(null)", /Invalid value for "str" parameter of upper\(\): argument must not be null/);
  fails('join(",", ["a", null])', /element 1 is null; cannot concatenate null values/);
  fails('join(",")', /at least one list is required/);
  fails('substr("x", 1)', /substr\(\) takes 3 arguments, got 2/);
});

test.run();
