// HOT's template versions and what function-cases.yaml cannot show with real Heat (which needs resources for
// them): references to resources, values known only after apply, errors found at load for arguments that depend
// on resources, resource_facade, yaql.

import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN } from "../../contract/values.js";
import { FUNCTION_NAMES } from "../../planner/expressions/functions/registry.js";
import { HotConditions, isOmitted, removedFunctionMessage } from "../../templates/hot/intrinsic-functions.js";
import { PathNode } from "../../templates/raw-config.js";
import {
  HOT_TEMPLATE_VERSIONS,
  hotTemplateVersion,
  listTemplateVersions,
  templateFunctions,
  unknownVersionMessage,
} from "../../templates/hot/template-versions.js";
import { compile, context, errors, run, value } from "./functions-harness.js";

const here = new URL(".", import.meta.url).pathname;

// ---------------------------------------------------------------- versions

test("every version from 2013-05-23 to 2021-04-16, with its release names (after the two CFN formats)", () => {
  assert.equal(listTemplateVersions(), [
    { version: "AWSTemplateFormatVersion.2010-09-09", type: "cfn", aliases: [] },
    { version: "HeatTemplateFormatVersion.2012-12-12", type: "cfn", aliases: [] },
    { version: "heat_template_version.2013-05-23", type: "hot", aliases: [] },
    { version: "heat_template_version.2014-10-16", type: "hot", aliases: [] },
    { version: "heat_template_version.2015-04-30", type: "hot", aliases: [] },
    { version: "heat_template_version.2015-10-15", type: "hot", aliases: [] },
    { version: "heat_template_version.2016-04-08", type: "hot", aliases: [] },
    { version: "heat_template_version.2016-10-14", type: "hot", aliases: ["heat_template_version.newton"] },
    { version: "heat_template_version.2017-02-24", type: "hot", aliases: ["heat_template_version.ocata"] },
    { version: "heat_template_version.2017-09-01", type: "hot", aliases: ["heat_template_version.pike"] },
    { version: "heat_template_version.2018-03-02", type: "hot", aliases: ["heat_template_version.queens"] },
    { version: "heat_template_version.2018-08-31", type: "hot", aliases: ["heat_template_version.rocky"] },
    { version: "heat_template_version.2021-04-16", type: "hot", aliases: ["heat_template_version.wallaby"] },
  ]);
  assert.equal(hotTemplateVersion("wallaby")?.date, "2021-04-16");
  assert.equal(hotTemplateVersion(new Date("2016-10-14T00:00:00Z"))?.date, "2016-10-14");
  assert.is(hotTemplateVersion("2016-10-15"), undefined);
  assert.is(hotTemplateVersion("juno"), undefined);
});

test("each version's functions, as Heat 19's API lists them (with and without condition functions)", () => {
  const heat = JSON.parse(readFileSync(`${here}template-functions.heat19.json`, "utf8")) as Record<string, unknown>;
  assert.equal(Object.keys(heat).length, 34);
  for (const [key, expected] of Object.entries(heat)) {
    const [version, query] = key.split("?");
    assert.equal(templateFunctions(version, query === "with_condition_func=true"), expected, key);
  }
  assert.is(templateFunctions("heat_template_version.2099-01-01"), undefined);
  assert.is(templateFunctions("AWSTemplateFormatVersion.2010-09-10"), undefined);
});

test("sections and keys by version", () => {
  const [v2013] = HOT_TEMPLATE_VERSIONS;
  const newton = hotTemplateVersion("newton")!;
  assert.not.ok(v2013.sections.includes("conditions"));
  assert.ok(newton.sections.includes("conditions"));
  assert.ok(newton.resourceKeys.includes("condition") && newton.resourceKeys.includes("external_id"));
  assert.ok(newton.outputKeys.includes("condition"));
  assert.not.ok(newton.parameterConstraints.includes("modulo"));
  assert.ok(hotTemplateVersion("ocata")!.parameterConstraints.includes("modulo"));
  assert.not.ok(hotTemplateVersion("pike")!.parameterKeys.includes("tags"));
  assert.ok(hotTemplateVersion("queens")!.parameterKeys.includes("tags"));
  assert.ok(newton.deletionPolicies.includes("retain") && !v2013.deletionPolicies.includes("retain"));
});

test("Heat's message for a version it does not have", () => {
  assert.equal(
    unknownVersionMessage("2099-01-01"),
    'The template version is invalid: "heat_template_version: 2099-01-01". "heat_template_version" should be one ' +
      "of: 2013-05-23, 2014-10-16, 2015-04-30, 2015-10-15, 2016-04-08, 2016-10-14, 2017-02-24, 2017-09-01, " +
      "2018-03-02, 2018-08-31, 2021-04-16, newton, ocata, pike, queens, rocky, wallaby",
  );
});

// ---------------------------------------------------------------- resources

test("get_resource and get_attr: values known after apply pass through, and are used once known", () => {
  const c = compile("2015-10-15", "{list_join: ['-', [{get_resource: r}, {get_attr: [s, name]}]]}");
  assert.equal(c.errors, []);
  assert.is(run(c.expr), UNKNOWN);
  assert.is(run(c.expr, { r: { id: "rid" } }), UNKNOWN);
  assert.is(run(c.expr, { r: { id: "rid" }, s: { name: "sn" } }), "rid-sn");
});

test("get_attr paths: into maps and lists; a path that leads nowhere is null", () => {
  const yaml = "{get_attr: [r, a, k, 1]}";
  assert.is(value("2014-10-16", yaml, {}, { r: { a: { k: ["x", "y"] } } }), "y");
  assert.is(value("2014-10-16", yaml, {}, { r: { a: { k: ["x"] } } }), null);
  assert.is(value("2013-05-23", yaml, {}, { r: { a: { j: 1 } } }), null);
  assert.is(value("2021-04-16", yaml, {}), UNKNOWN);
  assert.is(
    value("2021-04-16", "{get_attr: [r, a, {get_param: k}]}", { params: { k: "b" } }, { r: { a: { b: 2 } } }),
    2,
  );
});

test("get_attr without an attribute: every attribute from 2015-10-15, an error before", () => {
  assert.equal(value("2015-10-15", "{get_attr: [r]}", {}, { r: { a: 1, b: 2 } }), { a: 1, b: 2 });
  assert.equal(errors("2015-04-30", "{get_attr: [r]}"), [
    'Arguments to "get_attr" must be of the form [resource_name, attribute, (path), ...]',
  ]);
  assert.equal(errors("2015-10-15", "{get_attr: []}"), [
    'Arguments to "get_attr" can be of the next forms: [resource_name] or [resource_name, attribute, (path), ...]',
  ]);
  assert.equal(errors("2021-04-16", "{get_attr: r}"), ['Argument to "get_attr" must be a list']);
});

test("a resource named by a parameter; a name that depends on a resource is an error", () => {
  assert.is(value("2021-04-16", "{get_attr: [{get_param: n}, a]}", { params: { n: "r" } }, { r: { a: 5 } }), 5);
  assert.equal(errors("2021-04-16", "{get_resource: {get_attr: [r, a]}}"), [
    "the resource name of get_resource must be known when the template is loaded: it cannot depend on a resource",
  ]);
});

test("values known when loading are computed at once", () => {
  const c = compile("2021-04-16", "{str_replace: {template: 'a $x', params: {$x: {get_param: x}}}}", {
    params: { x: "b" },
  });
  assert.equal(c.expr, { k: "lit", v: "a b" });
});

test("arguments that depend on resources are checked at load as far as they are written", () => {
  assert.equal(errors("2021-04-16", "{str_replace: {template: {get_attr: [r, a]}, params: [x]}}"), [
    '"str_replace" parameters must be a mapping',
  ]);
  assert.equal(errors("2021-04-16", "{list_concat: [[a], b, {get_attr: [r, a]}]}"), [
    'Incorrect arguments: Items to concat must be lists. [["a"], "b", null] contains an item that is not a list: "b"',
  ]);
  assert.equal(errors("2017-09-01", "{repeat: {template: x, for_each: {'%v%': [a]}, permutations: {get_param: p}}}"), [
    '"permutations" should be boolean type for repeat function.',
  ]);
  // once known, the rest of Heat's checks
  const c = compile("2021-04-16", "{str_replace: {template: {get_attr: [r, a]}, params: {$x: y}}}");
  assert.equal(c.errors, []);
  assert.is(run(c.expr), UNKNOWN);
  assert.is(run(c.expr, { r: { a: "1 $x" } }), "1 y");
  assert.throws(() => run(c.expr, { r: { a: [1] } }), /"str_replace" template must be a string/);
});

test("unknown values inside lists and maps", () => {
  const merge = compile("2021-04-16", "{map_merge: [{a: 1}, {b: {get_attr: [r, b]}}]}");
  assert.equal(run(merge.expr), { a: 1, b: UNKNOWN });
  const concat = compile("2021-04-16", "{list_concat: [[a], [{get_attr: [r, b]}]]}");
  assert.equal(run(concat.expr), ["a", UNKNOWN]);
  const repeat = compile("2021-04-16", "{repeat: {template: 'x%v%', for_each: {'%v%': {get_attr: [r, l]}}}}");
  assert.is(run(repeat.expr), UNKNOWN);
  assert.equal(run(repeat.expr, { r: { l: ["1", "2"] } }), ["x1", "x2"]);
  const digest = compile("2021-04-16", "{digest: [md5, {get_attr: [r, v]}]}");
  assert.is(run(digest.expr), UNKNOWN);
  assert.is(run(digest.expr, { r: { v: "" } }), "d41d8cd98f00b204e9800998ecf8427e");
});

test("errors are located at the function's key", () => {
  const c = compile("2021-04-16", "{a: [x, {str_replace: [1]}]}");
  assert.equal(c.diagnostics[0].origin?.path, ["outputs", "o", "value", "a", 1, "str_replace"]);
});

// ---------------------------------------------------------------- other functions

test("if without a false value: the item is left out, at the top too", () => {
  const top = compile("2021-04-16", "{if: [c, a]}", { conditions: { c: false } });
  assert.ok(isOmitted(top.expr));
  assert.equal(errors("2018-08-31", "{if: [c, a]}", { conditions: { c: false } }), [
    'Arguments to "if" must be of the form: [condition_name, value_if_true, value_if_false]',
  ]);
  assert.equal(errors("2016-10-14", "{if: [{get_param: p}, a, b]}", { params: { p: 1 } }), ['Invalid condition "1"']);
});

test("a conditions section: every condition decided once; a section that is not a map", () => {
  const ctx = context("2016-10-14", { params: { p: "x" } });
  const section = { a: { equals: [{ get_param: "p" }, "x"] }, b: { not: "a" }, c: { or: ["b", false] } };
  const conditions = new HotConditions(new PathNode("t.yaml", ["conditions"], section));
  ctx.condition = (name) => conditions.value(name, ctx);
  const all = conditions.all(ctx);
  assert.equal(
    [...all],
    [
      ["a", true],
      ["b", false],
      ["c", false],
    ],
  );
  const bad = new HotConditions(new PathNode("t.yaml", ["conditions"], ["a"]));
  assert.equal([...bad.all(ctx)], []);
  assert.is(bad.value("a", ctx), undefined);
  assert.equal(
    ctx.bag.items.map((d) => d.summary),
    ["Conditions validation error: Condition definitions must be a map. Found a list instead"],
  );
});

test("resource_facade: the parent resource's, and an error in a stack without one", () => {
  const facade = { metadata: { m: 1 }, deletion_policy: "Retain" };
  assert.equal(value("2021-04-16", "{resource_facade: metadata}", { facade }), { m: 1 });
  assert.equal(value("2013-05-23", "{Fn::ResourceFacade: DeletionPolicy}", { facade }), "Retain");
  assert.equal(errors("2021-04-16", "{resource_facade: metadata}"), [
    '"resource_facade" is only available in a template used as a resource type (a provider template): this stack ' +
      "has no parent resource",
  ]);
});

test("yaql: a clear error, as there is no JavaScript implementation", () => {
  assert.match(errors("2016-10-14", "{yaql: {expression: '$.data.a', data: {a: 1}}}")[0], /no maintained JavaScript/);
});

test("2013-05-23: Ref to a resource or a parameter, Fn::GetAZs", () => {
  const c = compile("2013-05-23", "[{Ref: r}, {Ref: p}]", { params: { p: "pv" } });
  assert.equal(run(c.expr, { r: { id: "rid" } }), ["rid", "pv"]);
  assert.equal(value("2013-05-23", "{Fn::GetAZs: ''}"), ["nova"]);
  assert.equal(errors("2014-10-16", "{Fn::GetAZs: ''}"), [removedFunctionMessage("Fn::GetAZs")]);
});

test("the functions are not Terraform's", () => {
  // Terraform's namespaced functions are its built-in provider's (provider::terraform::NAME)
  assert.not.ok(FUNCTION_NAMES.some((n) => n.includes(":") && !n.startsWith("provider::terraform::")));
});

test.run();
