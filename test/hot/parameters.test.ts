// HOT parameters beyond the cases checked against Heat (parameters-heat-cases.test.ts):
// where errors point, every error reported, custom constraints, immutable parameters.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { PathNode } from "../../templates/raw-config.js";
import { emptyEnvironment, mergeEnvironments, parseEnvironment } from "../../templates/hot/environment.js";
import { parseHeatYaml } from "../../templates/hot/heat-yaml.js";
import { validateParameterGroups } from "../../templates/hot/parameter-groups.js";
import {
  describeParameters,
  immutableParametersMessage,
  immutableParametersModified,
  resolveParameters,
  stackParameterTexts,
} from "../../templates/hot/parameters.js";
import { pythonRegex } from "../../templates/hot/parameter-constraints.js";
import { pythonJsonLoads } from "../../templates/hot/python-json.js";
import { pyJsonDumps, pyRepr } from "../../planner/expressions/functions/python-rendering.js";
import type { RawNode } from "../../templates/raw-config.js";

/** The template's `parameters` section as a node whose origins carry lines (as the HOT front end gives). */
function section(text: string, key = "parameters"): RawNode {
  const y = parseHeatYaml("t.yaml", text);
  const node = (path: (string | number)[], value: unknown): RawNode => ({
    value,
    origin: y.originAt(path),
    child: (k) => node([...path, k], (value as Record<string | number, unknown> | null)?.[k]),
  });
  return node([key], (y.value as Record<string, unknown>)[key]);
}

const TEMPLATE = [
  "heat_template_version: 2021-04-16", // 1
  "parameters:", // 2
  "  size:", // 3
  "    type: number", // 4
  "    default: 9", // 5
  "    constraints:", // 6
  "      - range: {min: 1, max: 5}", // 7
  "  name:", // 8
  "    type: string", // 9
  "  flavor:", // 10
  "    type: string", // 11
  "    constraints:", // 12
  "      - custom_constraint: nova.flavor", // 13
  "  zones:", // 14
  "    type: comma_delimited_list", // 15
  "    default: a,b", // 16
  "resources: {}", // 17
].join("\n");

test("every error is reported, each where its value is written", () => {
  const bag = new DiagnosticBag();
  const env = parseEnvironment("e.yaml", "parameters:\n  flavor: m1.small\n  extra: 1\n", bag);
  const values = resolveParameters("t.yaml", section(TEMPLATE), env, bag);
  const errors = bag.items.map((d) => [d.summary, d.origin?.file, d.origin?.line]);
  assert.equal(errors, [
    ["The Parameter (extra) was not defined in template.", "e.yaml", 3],
    ["Parameter 'size' is invalid: Invalid default 9 (9 is out of range (min: 1, max: 5))", "t.yaml", 3],
    ["The Parameter (name) was not provided.", "t.yaml", 8],
    ["Parameter 'flavor' is invalid: \"m1.small\" does not validate nova.flavor (constraint not found)", "e.yaml", 2],
  ]);
  assert.match(bag.items[3].detail ?? "", /gantry has no custom constraints: "nova.flavor"/);
  assert.equal([...values], [["zones", ["a", "b"]]]);
});

test("a value from parameter_defaults is checked where it is written", () => {
  const bag = new DiagnosticBag();
  const env = mergeEnvironments([
    parseEnvironment("a.yaml", "parameter_defaults:\n  size: 4\n", bag),
    parseEnvironment("b.yaml", "parameters:\n  name: n\n  flavor: f\nparameter_defaults:\n  size: 7\n", bag),
  ]);
  const t = TEMPLATE.replace("default: 9", "default: 2").replace("      - custom_constraint: nova.flavor\n", "");
  resolveParameters("t.yaml", section(t.replace("    constraints:\n  zones", "  zones")), env, bag);
  const e = bag.items.find((d) => d.summary.startsWith("Parameter 'size'"));
  assert.is(e?.summary, "Parameter 'size' is invalid: 7 is out of range (min: 1, max: 5)");
  assert.equal([e?.origin?.file, e?.origin?.line], ["b.yaml", 5]);
});

test("template validate checks schemas, defaults and undeclared names, not values", () => {
  const bag = new DiagnosticBag();
  const env = { ...emptyEnvironment(), parameters: { flavor: "m1.small" } };
  const values = resolveParameters("t.yaml", section(TEMPLATE), env, bag, { validateValues: false });
  assert.equal(
    bag.items.map((d) => d.summary),
    ["Parameter 'size' is invalid: Invalid default 9 (9 is out of range (min: 1, max: 5))"],
  );
  assert.equal(Object.fromEntries(values), { flavor: "m1.small", zones: ["a", "b"] });
});

test("schema errors point at the parameter and name it", () => {
  const bag = new DiagnosticBag();
  const t =
    "heat_template_version: 2021-04-16\nparameters:\n  a:\n    type: strng\n  b:\n    type: string\n    hiden: true\n";
  resolveParameters("t.yaml", section(t), emptyEnvironment(), bag);
  assert.equal(
    bag.items.map((d) => [d.summary, d.origin?.line, d.detail]),
    [
      ["Invalid type (strng)", 3, 'In the definition of parameter "a".'],
      ["Invalid key 'hiden' for parameter (b)", 5, 'In the definition of parameter "b".'],
    ],
  );
});

test("no parameters section, a parameters section that is not a mapping", () => {
  const bag = new DiagnosticBag();
  assert.is(
    resolveParameters("t.yaml", new PathNode("t.yaml", ["parameters"], undefined), emptyEnvironment(), bag).size,
    0,
  );
  assert.equal(bag.items, []);
  resolveParameters("t.yaml", new PathNode("t.yaml", ["parameters"], ["a"]), emptyEnvironment(), bag);
  assert.match(bag.items[0].summary, /parameters section must be a mapping/);
});

test("hidden parameters: NoEcho, and the value shown as given (as Heat does)", () => {
  const t = "parameters:\n  pw:\n    type: string\n    hidden: true\n    label: Password\n";
  const env = { ...emptyEnvironment(), parameters: { pw: "secret" } };
  assert.equal(describeParameters("t.yaml", section(t), env), {
    pw: { Type: "String", Description: "", NoEcho: "true", Label: "Password", Value: "secret" },
  });
});

test("immutable parameters an update changes", () => {
  const t =
    "parameters:\n  a: {type: string, immutable: true}\n  b: {type: string, immutable: true}\n  c: {type: string}\n";
  const old = new Map([
    ["a", "1"],
    ["b", "2"],
    ["c", "3"],
  ]);
  const next = new Map([
    ["a", "1"],
    ["b", "X"],
    ["c", "Y"],
  ]);
  const names = immutableParametersModified("t.yaml", section(t), old, next);
  assert.equal(names, ["b"]);
  assert.is(immutableParametersMessage(names), "The following parameters are immutable and may not be updated: b");
});

test("parameter groups: errors point at the parameter named", () => {
  const t = [
    "parameter_groups:",
    "  - label: g",
    "    parameters: [a, nope]",
    "parameters:",
    "  a: {type: string}",
  ].join("\n");
  const bag = new DiagnosticBag();
  validateParameterGroups(section(t, "parameter_groups"), section(t), bag);
  assert.equal(
    bag.items.map((d) => [d.summary, d.origin?.line]),
    [
      [
        "Parameter Groups error: parameter_groups.g: The grouped parameter nope does not reference a valid parameter.",
        3,
      ],
    ],
  );
});

test("allowed_pattern reads Python's regular expressions, matched whole", () => {
  const full = (p: string, s: string) => {
    const m = pythonRegex(p).exec(s);
    return m !== null && m[0].length === s.length;
  };
  assert.ok(full("(?i)[a-z]+", "ABC"));
  assert.ok(full("\\A[a-z]+\\Z", "abc"));
  assert.ok(full("(?P<x>a)-(?P=x)", "a-a"));
  assert.not.ok(full("[a-z]+", "ab1"));
  assert.not.ok(full("[a-z]+", "1ab"));
});

test("Python's text of values and JSON errors", () => {
  assert.is(pyRepr({ a: [1, "x", true, null], "it's": 1.5 }), `{'a': [1, 'x', True, None], "it's": 1.5}`);
  assert.is(pyJsonDumps({ a: [1, "é"] }), '{"a": [1, "\\u00e9"]}');
  assert.throws(
    () => pythonJsonLoads('{"a": 1,}'),
    /Expecting property name enclosed in double quotes: line 1 column 9/,
  );
  assert.throws(() => pythonJsonLoads("[1,\n 2"), /Expecting ',' delimiter: line 2 column 3 \(char 6\)/);
  assert.throws(() => pythonJsonLoads('"abc'), /Unterminated string starting at: line 1 column 1 \(char 0\)/);
  assert.equal(pythonJsonLoads(' {"a": [1.5, -2e3, null, "\\u00e9"]} '), { a: [1.5, -2000, null, "é"] });
});

test("parameters as a stack shows them (Heat's str() of each)", () => {
  const t = [
    "parameters:",
    "  s: {type: string, default: 5}",
    "  n: {type: number, default: '4'}",
    "  f: {type: number, default: 1.50}",
    "  b: {type: boolean, default: 'yes'}",
    "  l: {type: comma_delimited_list, default: [a, 1]}",
    '  j: {type: json, default: {a: [1, "é"]}}',
    "  h: {type: string, default: pw, hidden: true}",
  ].join("\n");
  const bag = new DiagnosticBag();
  const values = resolveParameters("t.yaml", section(t), emptyEnvironment(), bag);
  assert.equal(bag.items, []);
  // Recorded from Heat 19: stack.parameters.map(str)
  assert.equal(stackParameterTexts("t.yaml", section(t), values), {
    s: "5",
    n: "4",
    f: "1.5",
    b: "True",
    l: "a,1",
    j: '{"a": [1, "\\u00e9"]}',
    h: "******",
  });
});

test.run();
