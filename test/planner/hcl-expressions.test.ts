// HCL's expression language as Terraform 1.11 evaluates it: each form from
// HCL's specification (hclsyntax/spec.md) and Terraform's documentation on
// expressions, with edge cases and unknown values.

import { createRequire } from "node:module";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN, type Value } from "../../contract/values.js";
import { collectRefs } from "../../planner/expressions/ast.js";
import { evaluate, type EvalScope } from "../../planner/expressions/evaluate.js";
import { compileValue, parseExpression, parseTemplate } from "../../planner/expressions/parse.js";
import { GantryError } from "../../contract/diagnostics.js";
import { testEngine } from "../engine-fixture.js";
import { scopeWithSelf } from "../../planner/scope.js";
import { configDir, makePlan, planAndApply } from "./harness.js";
import { untyped } from "./untyped-unknowns.js";

const VARS: Record<string, Value> = {
  l: ["a", "b", "c"],
  m: { b: 2, a: 1 },
  objs: [
    { k: "x", v: 1 },
    { k: "y", v: 2 },
    { k: "x", v: 3 },
  ],
  nested: [{ ips: ["10.0.0.1", "10.0.0.2"] }, { ips: ["10.0.1.1"] }],
  one: { id: "single" },
  n: null,
  s: "str",
  num: 3,
  u: UNKNOWN,
  lu: ["a", UNKNOWN, "c"],
  ou: { a: 1, b: UNKNOWN },
};

const scope = (over: Partial<EvalScope> = {}): EvalScope => ({
  variable: (n) => VARS[n],
  local: (n) => `L-${n}`,
  resource: () => UNKNOWN,
  pathModule: "/cfg/mod",
  pathRoot: "/cfg",
  cwd: "/work",
  ...over,
});

/** Evaluates a template string (JSON-syntax form, as every front end hands it over). */
const t = (src: string, over: Partial<EvalScope> = {}) => untyped(evaluate(compileValue(src), scope(over)));
/** Evaluates a bare expression. */
const x = (src: string, over: Partial<EvalScope> = {}) => untyped(evaluate(parseExpression(src), scope(over)));

// ---------- templates ----------

test("template interpolation unwrapping (spec examples)", () => {
  assert.is(t("${true}"), true);
  assert.is(t('${"${true}"}'), true);
  assert.is(t("hello ${true}"), "hello true");
  assert.is(t('${""}${true}'), "true");
  assert.is(t("%{ for v in [true] }${v}%{ endfor }"), "true");
  assert.equal(t("${var.l}"), ["a", "b", "c"]);
  assert.is(t("${null}"), null);
});

test("escapes: $${ and %%{ are literal; lone $ and % are text", () => {
  assert.is(t("$${literal} %%{literal}"), "${literal} %{literal}");
  assert.is(t("100% of $5 and $$ and %%"), "100% of $5 and $$ and %%");
  assert.is(t('echo "$${HOME}" ${var.s}'), 'echo "${HOME}" str');
  assert.is(x('"a $${b} %%{c} ${var.s}"'), "a ${b} %{c} str");
  assert.is(x('"tab\\tnl\\nq\\"bs\\\\ \\u00e9 \\U0001F600"'), 'tab\tnl\nq"bs\\ é 😀');
});

test("strip markers (spec examples)", () => {
  assert.is(t('hello ${~ "world" }'), "helloworld");
  assert.is(t("%{ if true ~} hello %{~ endif }"), "hello");
  assert.is(t('${"hello" ~}${" world"}'), "hello world"); // values are not stripped, only literals
  // in a template string a strip marker reaches only the line next to it (HCL scans a literal per line)
  assert.is(t("a  \n ${~ var.s ~}  \n b"), "a  \nstr b");
  assert.is(x('"a  ${~ var.s ~}  b"'), "astrb");
  assert.is(t("%{ for x in var.l ~}\n- ${x}\n%{~ endfor ~}\n"), "- a- b- c");
  // a strip marker next to another sequence strips nothing
  assert.is(t("${var.s~}${var.s} end"), "strstr end");
});

test("if directive: else optional, conditions convert, unknown condition makes the string unknown", () => {
  assert.is(t("a %{if true}yes%{else}no%{endif} b"), "a yes b");
  assert.is(t("a %{if false}yes%{endif} b"), "a  b");
  assert.is(t('%{if "true"}yes%{endif}'), "yes");
  assert.is(t("%{if var.num > 2}big%{else}small%{endif}"), "big");
  assert.is(t("%{if var.u}x%{endif}"), UNKNOWN);
  assert.throws(() => t("%{if var.n}x%{endif}"), /Null condition/);
  assert.throws(() => t('%{if "maybe"}x%{endif}'), /Incorrect condition type/);
  // nested directives
  assert.is(t('%{for v in var.l}%{if v != "b"}${v}%{endif}%{endfor}'), "ac");
});

test("for directive: lists by index, maps by key in lexical order, unknowns", () => {
  assert.is(t("%{for i, v in var.l}${i}=${v};%{endfor}"), "0=a;1=b;2=c;");
  assert.is(t("%{for k, v in var.m}${k}=${v};%{endfor}"), "a=1;b=2;");
  assert.is(t("%{for v in []}x%{endfor}"), "");
  assert.is(t("%{for v in var.u}${v}%{endfor}"), UNKNOWN);
  assert.is(t("%{for v in var.lu}${v}%{endfor}"), UNKNOWN);
  assert.throws(() => t("%{for v in var.n}${v}%{endfor}"), /Iteration over null value/);
  assert.throws(() => t("%{for v in var.s}${v}%{endfor}"), /Iteration over non-iterable value: A value of type string/);
});

test("template values: null and collections cannot be interpolated; numbers print as cty prints them", () => {
  assert.throws(() => t("x${null}"), /Invalid template interpolation value: The expression result is null/);
  assert.throws(() => t("x${var.l}"), /Cannot include the given value in a string template: string required/);
  assert.is(t("${1e21} ${0.0000001} ${1.5} ${-2}"), "1000000000000000000000 0.0000001 1.5 -2");
  assert.is(t("a-${var.u}"), UNKNOWN);
});

test("unbalanced or unknown directives are syntax errors that say where", () => {
  const where = (src: string) => {
    try {
      parseTemplate(src);
    } catch (e) {
      return [(e as Error).message, (e as { offset: number }).offset] as const;
    }
    return undefined;
  };
  assert.match(where("a %{if true}b")![0], /missing its endif/);
  assert.is(where("a %{if true}b")![1], 2);
  assert.match(where("a %{endif}")![0], /unexpected endif directive/);
  assert.match(where("%{for x in y}a%{endif}")![0], /unexpected endif directive: expecting endfor/);
  assert.match(where("%{ iff x }")![0], /invalid template control keyword "iff"/);
  assert.equal(where("ab ${var.x")![1], 3);
  assert.match(where("${var.x y}")![0], /extra characters after template interpolation/);
  assert.match(where('${"abc}')![0], /unterminated string|unclosed/);
  assert.is(where("%{if true}a%{else}b%{else}c%{endif}")![1], 19); // the second else
});

// ---------- heredocs as the HCL converters hand them over ----------

test("heredoc content from @cdktf/hcl2json evaluates as Terraform's heredocs", async () => {
  const require = createRequire(import.meta.url);
  const { parse } = require("@cdktf/hcl2json") as { parse: (f: string, s: string) => Promise<Record<string, any>> };
  const hcl = [
    "locals {",
    "  plain = <<EOT",
    "hello ${var.s}",
    "  indented $${literal} %%{literal}",
    "EOT",
    "  flush = <<-EOT",
    "    first ${var.num}",
    "      second",
    "    EOT",
    "  directives = <<EOT",
    "%{ for v in var.l ~}",
    "- ${v}",
    "%{ endfor ~}",
    "done",
    "EOT",
    '  quoted = "x ${ var.s ~}   y %{ if var.num > 1 }many%{ endif }"',
    // heredocs inside expressions stay source text in the converter's output: the expression parser reads them
    "  nested = upper(<<EOT",
    "hello ${var.s}",
    "EOT",
    "  )",
    "  in_list = [<<-EOT",
    "    first ${var.s}",
    "      second",
    "    EOT",
    '  , "y"]',
    '  stripped = join("", [<<-EOT',
    "    line1 ${ var.s ~}",
    "    line2",
    "    %{~ if true ~}",
    "    x",
    "    %{~ endif ~}",
    "  EOT",
    "  ])",
    "}",
  ].join("\n");
  const json = await parse("main.tf", hcl);
  const locals = json.locals[0];
  assert.is(t(locals.plain), "hello str\n  indented ${literal} %{literal}\n");
  assert.is(t(locals.flush), "first 3\n  second\n");
  assert.is(t(locals.directives), "- a\n- b\n- c\ndone\n");
  assert.is(t(locals.quoted), "x stry many");
  assert.match(locals.nested, /<<EOT/);
  assert.is(t(locals.nested), "HELLO STR\n");
  assert.equal(t(locals.in_list), ["first str\n  second\n", "y"]);
  // strip markers act before the indentation is measured; a line starting with a directive counts as unindented
  assert.is(t(locals.stripped), "    line1 str    line2\n    x\n");
  assert.is(x("<<-EOT\n    a\n\n      b\n    EOT\n"), "a\n\n  b\n"); // blank lines do not count
  assert.throws(() => parseExpression("<<EOT\nno end\n"), /unterminated heredoc/);
});

// ---------- for expressions ----------

test("for expressions (spec examples)", () => {
  assert.equal(x('[for v in ["a", "b"]: v]'), ["a", "b"]);
  assert.equal(x('[for i, v in ["a", "b"]: i]'), [0, 1]);
  assert.equal(x('{for i, v in ["a", "b"]: v => i}'), { a: 0, b: 1 });
  assert.throws(
    () => x('{for i, v in ["a", "a", "b"]: v => i}'),
    new RegExp(
      "Duplicate object key: Two different items produced the key \"a\" in this 'for' expression. If duplicates " +
        "are expected, use the ellipsis",
    ),
  );
  assert.equal(x('{for i, v in ["a", "a", "b"]: v => i...}'), { a: [0, 1], b: [2] });
  assert.equal(x('[for i, v in ["a", "b", "c"]: v if i < 2]'), ["a", "b"]);
});

test("for over maps and objects visits keys in lexical order; keys convert to strings", () => {
  assert.equal(x("[for k, v in var.m : k]"), ["a", "b"]);
  assert.equal(x("[for v in var.m : v]"), [1, 2]);
  assert.equal(x("{for k, v in {z = 1, y = 2} : v => k}"), { "1": "z", "2": "y" });
  assert.equal(x("{for o in var.objs : o.k => o.v...}"), { x: [1, 3], y: [2] });
  assert.equal(x('{for o in var.objs : o.k => o if o.v > 1}["y"].v'), 2);
  assert.equal(x("[for o in var.objs : upper(o.k)]"), ["X", "Y", "X"]);
  assert.throws(
    () => x("{for v in var.l : null => v}"),
    /Invalid object key: Key expression in 'for' expression must not produce a null value/,
  );
  assert.throws(() => x("{for v in var.l : [v] => v}"), /Invalid object key/);
  assert.throws(
    () => x('[for v in var.l : v if "yes"]'),
    /Invalid 'for' condition: The 'if' clause value is invalid: a bool is required/,
  );
  assert.throws(() => x("[for v in var.l : v if null]"), /must not be null/);
});

test("for variables are scoped: they shadow, nest and are not references", () => {
  assert.equal(x("[for var in [1, 2] : var * 10]"), [10, 20]);
  assert.equal(x('[for l in var.l : [for c in [1, 2] : "${l}${c}"]]'), [
    ["a1", "a2"],
    ["b1", "b2"],
    ["c1", "c2"],
  ]);
  assert.equal(x("[for v in var.l : v][1]"), "b");
  assert.equal(x("{for k, v in var.m : k => { (k) = v, k = v }}"), { a: { a: 1, k: 1 }, b: { b: 2, k: 2 } });
  const refs = collectRefs(parseExpression("[for s in var.l : s.id if local.ok] "));
  assert.equal(
    refs.map((r) => r.text),
    ["var.l", "local.ok"],
  );
  // outside its for, the name is a reference again (a resource type)
  assert.equal(
    collectRefs(parseExpression("concat([for s in var.l : s], s.x)")).map((r) => r.text),
    ["var.l", "s.x"],
  );
  assert.throws(() => parseExpression("[for, foo]"), /variable name after 'for'/);
  assert.throws(() => parseExpression("[for x of y : x]"), /'in' keyword/);
  assert.throws(() => parseExpression("[for x in y : x...]"), /only for object/);
  assert.throws(() => parseExpression("{for x in y : x}"), /=>/);
});

test("for with unknowns: an unknown collection or condition is unknown; unknown elements keep a known length", () => {
  assert.is(x("[for v in var.u : v]"), UNKNOWN);
  assert.equal(x("[for v in var.lu : upper(v)]"), ["A", UNKNOWN, "C"]);
  assert.equal(x("[for v in var.lu : v][0]"), "a");
  assert.is(x('[for v in var.lu : v if v != "c"]'), UNKNOWN);
  assert.equal(x("[for v in var.lu : v if true]"), ["a", UNKNOWN, "c"]);
  assert.equal(x("{for k, v in var.ou : k => v}"), { a: 1, b: UNKNOWN });
  assert.is(x("{for k, v in var.ou : v => k}"), UNKNOWN); // an unknown key
  assert.throws(() => x("[for v in var.n : v]"), /Iteration over null value/);
  assert.throws(() => x("[for v in 5 : v]"), /A value of type number cannot be used as the collection/);
});

// ---------- splat ----------

test("splat: [*] and .* over lists, a single value becomes a list, null an empty one", () => {
  assert.equal(x("var.objs[*].k"), ["x", "y", "x"]);
  assert.equal(x("var.objs.*.k"), ["x", "y", "x"]);
  assert.equal(x("var.one[*].id"), ["single"]);
  assert.equal(x("var.one.*.id"), ["single"]);
  assert.equal(x("var.s[*]"), ["str"]);
  assert.equal(x("var.n[*]"), []);
  assert.equal(x("var.n[*].id"), []);
  assert.equal(x("[][*].id"), []);
  assert.is(x("var.u[*].id"), UNKNOWN);
  assert.equal(x("[var.one, var.u][*].id"), ["single", UNKNOWN]);
});

test("splat: a trailing index applies per element after [*], to the result after .*", () => {
  assert.equal(x("var.nested[*].ips[0]"), ["10.0.0.1", "10.0.1.1"]);
  assert.equal(x("var.nested.*.ips[0]"), ["10.0.0.1", "10.0.0.2"]);
  assert.equal(x("var.nested.*.ips.0"), ["10.0.0.1", "10.0.1.1"]); // legacy .0 is part of the splat
  assert.equal(x("var.nested[*].ips[*]"), [["10.0.0.1", "10.0.0.2"], ["10.0.1.1"]]);
  assert.equal(x("length(var.objs[*].k)"), 3);
});

test("splat errors: attribute access on each element fails as attribute access does", () => {
  assert.throws(
    () => x("var.objs[*].nope"),
    /Unsupported attribute: This object does not have an attribute named "nope"/,
  );
  assert.throws(() => x("var.objs[*].k[0]"), /Invalid index: This value does not have any indices/);
  assert.throws(() => parseExpression("a.*.b.*.c"), /nested splat/);
});

// ---------- operators ----------

test("operator precedence and associativity (spec table)", () => {
  assert.is(x("1 + 2 * 3"), 7);
  assert.is(x("(1 + 2) * 3"), 9);
  assert.is(x("8 / 4 * 2"), 4); // left to right
  assert.is(x("10 - 4 - 3"), 3);
  assert.is(x("7 % 4 + 1"), 4);
  assert.is(x("1 + 1 > 1 == true"), true);
  assert.is(x("true || false && false"), true); // && binds tighter
  assert.is(x("!true == false"), true); // unary binds tightest
  assert.is(x("-2 * -3"), 6);
  assert.is(x("1 < 2 ? 3 : 4 + 10"), 3);
  assert.is(x("false ? 1 : true ? 2 : 3"), 2);
});

test("arithmetic converts strings to numbers; comparison by equality never converts", () => {
  assert.is(x('"1" + 1'), 2);
  assert.is(x('"2.5" * "2"'), 5);
  assert.is(x('-"5"'), -5);
  assert.is(x('"10" > 9'), true);
  assert.is(x('1 == "1"'), false);
  assert.is(x('1 != "1"'), true);
  assert.is(x("1 == 1.0"), true);
  assert.is(x('[1, "a"] == [1, "a"]'), true);
  assert.is(x("{a = 1} == {a = 1}"), true);
  assert.is(x("null == null"), true);
  assert.is(x("var.n == null"), true);
  assert.throws(() => x('"a" + 1'), /Invalid operand: Unsuitable value for left operand: a number is required/);
  assert.throws(() => x("1 + [1]"), /Unsuitable value for right operand: a number is required/);
  assert.throws(() => x("null + 1"), /Unsuitable value for left operand: argument must not be null/);
  assert.throws(() => x('"x" < "y"'), /a number is required/);
});

test("division and modulo as cty's big floats do them", () => {
  assert.is(x("7 / 2"), 3.5); // no integer division
  assert.is(x("-7 % 3"), -1);
  assert.is(x("5 % 0"), 5);
  assert.is(x("1 / 0"), Infinity);
  assert.is(x("-1 / 0"), -Infinity);
  assert.throws(
    () => x("0 / 0"),
    /Operation failed: Error during operation: can't divide zero by zero or infinity by infinity/,
  );
  assert.is(t("${1 / 0}"), Infinity);
  assert.is(t("x${1 / 0}"), "x+Inf");
});

test("logical operators need bools (strings convert), and a decisive side wins", () => {
  assert.is(x('"true" && true'), true);
  assert.is(x('!"false"'), true);
  assert.throws(() => x('true && "yes"'), /Unsuitable value for right operand: a bool is required/);
  assert.throws(() => x('"True" || false'), /use lowercase "true"/);
  assert.throws(() => x("!1.5"), /Unsuitable value for unary operand: a bool is required/);
  assert.throws(() => x("null && true"), /argument must not be null/);
  // the other side's error does not matter when one side decides
  assert.is(x("false && var.m.nope"), false);
  assert.is(x("var.m.nope || true"), true);
  assert.throws(() => x("true && var.m.nope"), /Unsupported attribute/);
});

test("unknowns: arithmetic and comparison are unknown; logic is known when a known side decides", () => {
  assert.is(x("var.u + 1"), UNKNOWN);
  assert.is(x("var.u * 0"), UNKNOWN);
  assert.is(x("var.u == 1"), UNKNOWN);
  assert.is(x("var.u > 1"), UNKNOWN);
  assert.is(x("-var.u"), UNKNOWN);
  assert.is(x("!var.u"), UNKNOWN);
  assert.is(x("var.u && false"), false);
  assert.is(x("false && var.u"), false);
  assert.is(x("var.u || true"), true);
  assert.is(x("var.u && true"), UNKNOWN);
  assert.is(x("var.u || false"), UNKNOWN);
  assert.is(x("var.lu == var.lu"), UNKNOWN);
  // the other operand is still checked
  assert.throws(() => x('var.u + "abc"'), /Unsuitable value for right operand/);
});

// ---------- conditionals ----------

test("conditionals unify the branches' types as Terraform does", () => {
  assert.is(x('true ? 1 : "a"'), "1");
  assert.is(x('false ? 1 : "a"'), "a");
  assert.is(x('false ? "a" : true'), "true");
  assert.equal(x('true ? [1, 2] : ["a"]'), ["1", "2"]); // tuples of different lengths become a list of string
  assert.equal(x("true ? [] : [1]"), []);
  assert.equal(x('true ? {a = 1} : {b = "x"}'), { a: "1" }); // objects with different attributes: a map
  assert.is(x("true ? null : 1"), null);
  assert.is(x("false ? null : [1]")?.toString(), "1");
  assert.throws(
    () => x('true ? "a" : []'),
    new RegExp(
      "Inconsistent conditional result types: The true and false result expressions must have consistent types. " +
        "The 'true' value is string, but the 'false' value is tuple",
    ),
  );
  assert.throws(() => x("true ? 1 : false"), /The 'true' value is number, but the 'false' value is bool/);
  assert.throws(() => x("var.u ? 1 : []"), /Inconsistent conditional result types/); // even when unknown
  assert.throws(() => x("true ? {a = 1} : {b = [1]}"), /Inconsistent conditional result types/);
  assert.throws(() => x("var.n ? 1 : 2"), /Null condition: The condition value is null/);
  assert.throws(() => x('"x" ? 1 : 2'), /Incorrect condition type: The condition expression must be of type bool/);
  assert.is(x('"true" ? 1 : 2'), 1);
});

test("conditionals: only the chosen branch's error counts; an unknown condition is unknown", () => {
  assert.is(x('length(var.l) > 5 ? var.l[5] : "none"'), "none");
  assert.throws(() => x("true ? var.l[5] : 1"), /Invalid index/);
  assert.is(x("var.u ? 1 : 2"), UNKNOWN);
  assert.is(x("var.u ? null : null"), null);
  assert.is(x("true ? var.u : 1"), UNKNOWN);
  assert.equal(x("var.num > 2 ? var.lu : []"), ["a", UNKNOWN, "c"]);
});

// ---------- functions: expansion, try, can ----------

test("function arguments expand with ...", () => {
  assert.is(x('format("%s-%s-%s", var.l...)'), "a-b-c");
  assert.is(x("min([3, 1, 2]...)"), 1);
  assert.is(x("max(var.u...)"), UNKNOWN);
  assert.throws(
    () => x("max(var.n...)"),
    /Invalid expanding argument value: The expanding argument \(indicated by \.\.\.\) must not be null/,
  );
  assert.throws(() => x("max(var.s...)"), /must be of a tuple, list, or set type/);
  assert.throws(() => parseExpression("max(var.l..., 1)"), /must be the last argument/);
});

test("try returns the first argument that succeeds; can says whether one does; both wait for unknowns", () => {
  assert.is(x('try(var.m.nope, var.l[7], "fallback")'), "fallback");
  assert.is(x("try(var.m.a, 0)"), 1);
  assert.equal(x("try(var.one.id, null)"), "single");
  assert.is(x("try(var.n.id, null)"), null);
  assert.is(x("can(var.m.nope)"), false);
  assert.is(x("can(var.m.a)"), true);
  assert.is(x('can(regex("^a", "abc"))') === UNKNOWN, false);
  assert.is(x("try(var.u, 1)"), UNKNOWN);
  assert.is(x("try(var.lu, 1)"), UNKNOWN);
  assert.is(x("can(var.u.x)"), UNKNOWN);
  assert.is(x("can(var.lu)"), UNKNOWN);
  assert.throws(() => x("try(var.m.nope, var.l[9])"), /no expression succeeded/);
  assert.throws(() => x("try()"), /at least one argument/);
  assert.throws(() => x("can(1, 2)"), /exactly 1 argument/);
  // try and can are evaluated lazily: a later argument is never evaluated
  assert.is(x("try(1, 1 / 0 > 0 ? var.m.nope : 0)"), 1);
});

// ---------- index and attribute access ----------

test("index and attribute access with Terraform's errors", () => {
  assert.is(x("var.l[1]"), "b");
  assert.is(x('var.l["1"]'), "b"); // the key converts to a number
  assert.is(x("var.l.1"), "b"); // legacy index
  assert.is(x('var.m["a"]'), 1);
  assert.is(x('{"1" = "one"}[1]'), "one");
  assert.is(x("var.lu[1]"), UNKNOWN);
  assert.is(x("var.l[var.u]"), UNKNOWN);
  assert.is(x("var.u.anything[0].deep"), UNKNOWN);
  assert.throws(() => x("var.l[3]"), /the given index is greater than or equal to the length of the collection/);
  assert.throws(() => x("[][0]"), /the collection has no elements/);
  assert.throws(() => x("var.l[-1]"), /a negative number is not a valid index for a sequence/);
  assert.throws(() => x("var.l[0.5]"), /has a fractional part/);
  assert.throws(() => x('var.l["x"]'), /a number is required/);
  assert.throws(() => x("var.l[null]"), /Can't use a null value as an indexing key/);
  assert.throws(() => x("var.n[0]"), /Attempt to index null value/);
  assert.throws(() => x("var.n.id"), /Attempt to get attribute from null value/);
  assert.throws(() => x("var.l.id"), /Can't access attributes on a list of objects/);
  assert.throws(() => x("var.s.id"), /Can't access attributes on a primitive-typed value \(string\)/);
  assert.throws(() => x("var.m.c"), /This object does not have an attribute named "c"/);
  assert.throws(() => x("var.m[0]"), /An object only supports looking up attributes by name/);
  assert.throws(() => x("var.s[0]"), /This value does not have any indices/);
  assert.throws(() => parseExpression("var.l.0.1"), /legacy index/);
});

test("object constructors: bare names are literal keys, parenthesized ones are evaluated", () => {
  assert.equal(x("{ a = 1, b: 2 }"), { a: 1, b: 2 });
  assert.equal(x('{ (var.s) = 1, "quoted key" = 2, 3 = 4 }'), { str: 1, "quoted key": 2, "3": 4 });
  assert.equal(x("{ var = 1 }"), { var: 1 });
  assert.is(x("{ (var.u) = 1 }"), UNKNOWN);
  assert.throws(() => x("{ (var.n) = 1 }"), /Null value as key/);
  assert.throws(() => parseExpression("{ var.s = 1 }"), /ambiguous attribute key/);
  assert.equal(x('{ "var.s" = 1 }'), { "var.s": 1 });
});

// ---------- references ----------

test("count.index, each.key/each.value, path.*, terraform.workspace", () => {
  assert.is(t("i-${count.index}", { countIndex: 2 }), "i-2");
  assert.is(t("${each.key}=${each.value.id}", { each: { key: "k", value: { id: 7 } } }), "k=7");
  assert.is(t("${path.module}|${path.root}|${path.cwd}"), "/cfg/mod|/cfg|/work");
  assert.is(t("${terraform.workspace}"), "default");
  assert.is(t("${terraform.workspace}", { workspace: "staging" }), "staging");
  assert.throws(
    () => t("${count.index}"),
    /Reference to "count" in non-counted context: The "count" object can only be used/,
  );
  assert.throws(() => t("${count.value}", { countIndex: 0 }), /Invalid "count" attribute/);
  assert.throws(() => t("${each.key}"), /Reference to "each" in context without for_each/);
  assert.throws(() => t("${each.index}"), /Invalid "each" attribute/);
  assert.throws(
    () => t("${path.home}"),
    /Invalid "path" attribute: The "path" object does not have an attribute named "home"/,
  );
  assert.throws(() => t("${terraform.env}"), /terraform.env attribute was deprecated/);
  assert.throws(() => t("${terraform.version}"), /Invalid "terraform" attribute/);
  assert.throws(() => t("${var}"), /The "var" object cannot be accessed directly/);
  assert.throws(() => t("${noop}"), /A reference to a resource type must be followed by at least one attribute access/);
});

test("self only where the scope provides it", () => {
  assert.throws(
    () => t("${self.id}"),
    new RegExp(
      'Invalid "self" reference: The "self" object is not available in this context. This object can be used only ' +
        "in resource provisioner, connection, and postcondition blocks",
    ),
  );
  assert.is(t("${self.id}", { self: () => ({ id: "i-1" }) }), "i-1");
  assert.is(t("${self.id}", { self: () => UNKNOWN }), UNKNOWN);
  assert.is(
    evaluate(
      compileValue("${self.id}"),
      scopeWithSelf(scope(), () => ({ id: "i-2" })),
    ),
    "i-2",
  );
});

test("a JSON-syntax value that is not a template stays a literal (fast path)", () => {
  assert.equal(compileValue("plain text"), { k: "lit", v: "plain text" });
  assert.equal(compileValue({ a: ["x", 1] }), { k: "lit", v: { a: ["x", 1] } });
  assert.equal(compileValue("50%"), { k: "lit", v: "50%" });
});

// ---------- end to end: .tf.json configurations planned by the engine ----------

const TF_JSON = {
  variable: {
    zones: { type: "list(string)", default: ["b", "a", "c"] },
    ports: { type: "map(number)", default: { https: 443, http: 80 } },
    size: { type: "number", default: 2 },
  },
  locals: {
    by_zone: "${{for i, z in var.zones : z => i}}",
    grouped: '${{for z in var.zones : (z == "a" ? "first" : "rest") => z...}}',
    listing: "%{ for name, port in var.ports ~}\n${name}=${port}\n%{~ endfor ~}\n",
    upper_zones: '${[for z in var.zones : upper(z) if z != "c"]}',
  },
  resource: {
    gantry_noop: {
      counted: { count: "${var.size}", input: "${var.zones[count.index]}-${count.index}" },
      each: { for_each: "${var.ports}", input: "${each.key}:${each.value}" },
      after: {
        input: {
          ids: "${[for c in gantry_noop.counted : c.id]}",
          splat: "${gantry_noop.counted[*].output}",
          maybe: '${gantry_noop.counted[0].id == "" ? "empty" : "set"}',
          ws: "${terraform.workspace}",
        },
      },
    },
  },
  output: {
    by_zone: { value: "${local.by_zone}" },
    grouped: { value: "${local.grouped}" },
    listing: { value: "${local.listing}" },
    upper_zones: { value: "${local.upper_zones}" },
    workspace: { value: "${terraform.workspace}" },
    outputs: { value: "${gantry_noop.counted[*].output}" },
    ids: { value: "${[for c in gantry_noop.counted : c.id]}" },
    each_inputs: { value: "${{for k, r in gantry_noop.each : k => r.input}}" },
    tried: { value: '${try(gantry_noop.each["nope"].input, "none")}' },
  },
};

const outputsOf = (p: { outputs: { name: string; after: Value }[] }) =>
  Object.fromEntries(p.outputs.map((o) => [o.name, o.after]));

test("end to end: for, templates, splats and try in a .tf.json configuration plan as Terraform's", async () => {
  const dir = configDir({ "main.tf.json": JSON.stringify(TF_JSON, null, 2) });
  const p = await makePlan(dir);
  const out = outputsOf(p);
  assert.equal(out.by_zone, { a: 1, b: 0, c: 2 });
  assert.equal(out.grouped, { first: ["a"], rest: ["b", "c"] });
  assert.is(out.listing, "http=80https=443");
  assert.equal(out.upper_zones, ["B", "A"]);
  assert.is(out.workspace, "default");
  assert.equal(out.outputs, ["b-0", "a-1"]); // known at plan: output mirrors input
  assert.equal(untyped(out.ids), [UNKNOWN, UNKNOWN]); // ids are known after apply; the list's length is known
  assert.equal(out.each_inputs, { http: "http:80", https: "https:443" });
  assert.is(out.tried, "none");
  const after = p.changes.find((c) => /(gantry_)?noop\.after$/.test(c.address))!;
  const input = untyped((after.after as { input: Record<string, Value> }).input) as Record<string, Value>;
  assert.equal(input.ids, [UNKNOWN, UNKNOWN]);
  assert.equal(input.splat, ["b-0", "a-1"]);
  assert.is(input.maybe, UNKNOWN); // a conditional on an unknown is unknown (of the branches' type)
  assert.is(input.ws, "default");

  const { state } = await planAndApply(dir);
  const applied = state.outputs as Record<string, { value: Value }>;
  assert.is((applied.ids.value as string[]).length, 2);
  assert.ok((applied.ids.value as string[]).every((id) => typeof id === "string" && id.length > 0));
});

test("end to end: terraform.workspace is the engine's workspace name", async () => {
  const dir = configDir({
    "main.tf.json": JSON.stringify({ output: { ws: { value: "${terraform.workspace}-${path.root == path.module}" } } }),
  });
  const { plan } = await testEngine().plan(testEngine().workspace({ dir, workspaceName: "staging" }), {});
  assert.is(outputsOf(plan).ws, "staging-true");
});

test("end to end: misplaced count, each, self and undeclared names: located, in Terraform's words", async () => {
  const cases: [Record<string, unknown>, RegExp, RegExp][] = [
    [
      { resource: { gantry_noop: { a: { input: "${count.index}" } } } },
      /Reference to "count" in non-counted context/,
      /only when the "count" argument is set/,
    ],
    [
      { resource: { gantry_noop: { a: { count: 1, input: "${each.key}" } } } },
      /Reference to "each" in context without for_each/,
      /only when the "for_each" argument is set/,
    ],
    [
      { output: { o: { value: "${self.id}" } } },
      /Invalid "self" reference/,
      /provisioner, connection, and postcondition/,
    ],
    [
      { output: { o: { value: "${var.nope}" } } },
      /Reference to undeclared input variable/,
      new RegExp(
        'An input variable with the name "nope" has not been declared. This variable can be declared with a ' +
          'variable "nope" \\{\\} block',
      ),
    ],
    [
      { locals: { a: "${local.nope}" } },
      /Reference to undeclared local value/,
      /A local value with the name "nope" has not been declared/,
    ],
    [
      { output: { o: { value: "${gantry_noop.nope.id}" } } },
      /Reference to undeclared resource/,
      /A managed resource "gantry_noop" "nope" has not been declared in the root module/,
    ],
    [
      { output: { o: { value: "${data.gantry_x.y.id}" } } },
      /Reference to undeclared resource/,
      /A data resource "gantry_x" "y" has not been declared in the root module/,
    ],
    [{ output: { o: { value: "${module.m.x}" } } }, /Reference to undeclared module/, /contains no module\.m/],
    [{ output: { o: { value: "${path.nope}" } } }, /Invalid "path" attribute/, /named "nope"/],
    [{ output: { o: { value: "${terraform.nope}" } } }, /Invalid "terraform" attribute/, /terraform\.workspace/],
  ];
  for (const [config, summary, detail] of cases) {
    const dir = configDir({ "main.tf.json": JSON.stringify(config, null, 2) });
    try {
      await makePlan(dir);
      assert.unreachable(JSON.stringify(config));
    } catch (e) {
      if (!(e instanceof GantryError)) throw e;
      const d = e.diagnostics[0];
      assert.match(d.summary, summary);
      assert.match(d.detail ?? "", detail);
      assert.is(d.origin?.file, "main.tf.json");
      // located by the JSON path (the line is found when printed)
      assert.ok(d.origin?.path?.length, `located: ${JSON.stringify(d.origin)}`);
    }
  }
});

test("end to end: an evaluation error names the property and Terraform's reason", async () => {
  const dir = configDir({
    "main.tf.json": JSON.stringify({
      variable: { l: { default: ["a"] } },
      resource: { gantry_noop: { a: { input: "${var.l[3]}" }, b: { input: '${true ? "x" : []}' } } },
    }),
  });
  try {
    await makePlan(dir);
    assert.unreachable();
  } catch (e) {
    if (!(e instanceof GantryError)) throw e;
    const text = e.diagnostics.map((d) => `${d.summary} ${d.detail ?? ""}`).join("\n");
    assert.match(text, /Invalid index|Inconsistent conditional result types/);
  }
});

test.run();
