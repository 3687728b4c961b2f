import { test } from "uvu";
import * as assert from "uvu/assert";
import * as path from "node:path";
import { loadConfigFromFiles } from "../../templates/load.js";
import { convertStringValue, parseVarFile, resolveVariableValues } from "../../templates/variable-values.js";
import { diagnosticsOf, fixture } from "./helpers.js";

const config = await loadConfigFromFiles("/cfg", [
  {
    path: "vars.gantry.yaml",
    content: [
      "variables:",
      "  name: { type: string }",
      "  agents: { type: number }",
      "  debug: { type: bool }",
      "  zones: { type: list(string) }",
      "  labels: { type: map(string) }",
      "  anything: {}",
      "resources:",
      "  gantry_noop.a: {}",
    ].join("\n"),
  },
]);

test("-var values are parsed by declared type", () => {
  const values = resolveVariableValues(config, {
    vars: ["name=web=1", "agents=3", "debug=true", 'zones=["a","b"]', 'labels={"env":"prod"}', "anything=42"],
  });
  assert.equal(Object.fromEntries(values), {
    name: "web=1",
    agents: 3,
    debug: true,
    zones: ["a", "b"],
    labels: { env: "prod" },
    anything: "42",
  });
});

test("bad -var values name the variable", async () => {
  const diags = await diagnosticsOf(() =>
    resolveVariableValues(config, {
      vars: ["agents=three", "debug=yes", "zones=a,b", 'labels=["x"]', "nope=1", "novalue"],
    }),
  );
  const s = diags.map((d) => d.summary);
  assert.is(s.length, 6);
  assert.match(s[0], /^variable "agents" is a number, but the value "three" is not a number/);
  assert.match(s[1], /^variable "debug" is a bool, but the value "yes" is not true or false/);
  assert.match(s[2], /^variable "zones" is a list, but the value "a,b" is not valid JSON/);
  assert.match(s[3], /^variable "labels" is a map, but the value "\[\\"x\\"\]" is not a JSON object/);
  assert.is(s[4], 'variable "nope" is not declared');
  assert.match(s[5], /^invalid -var "novalue": expected name=value/);
});

test("environment, files and -var in order of precedence", () => {
  const dir = fixture({
    "a.tfvars": [
      "# comment",
      'name = "from-tfvars" # trailing',
      "agents = 5",
      "zones = [",
      '  "x",',
      '  "y",',
      "]",
      'labels = {"a": "b"}',
      "debug = false",
    ].join("\n"),
    "b.tfvars.json": JSON.stringify({ agents: 7 }),
    "c.yaml": "debug: true\n",
  });
  const values = resolveVariableValues(config, {
    env: { TF_VAR_name: "tf", GANTRY_VAR_agents: "2", TF_VAR_undeclared: "ignored", GANTRY_VAR_zones: '["e"]' },
    varFiles: ["a.tfvars", "b.tfvars.json", "c.yaml"].map((f) => path.join(dir, f)),
    vars: ["name=cli"],
  });
  assert.equal(Object.fromEntries(values), {
    name: "cli",
    agents: 7,
    zones: ["x", "y"],
    labels: { a: "b" },
    debug: true,
  });
});

test("variable file errors are located", async () => {
  const dir = fixture({ "bad.tfvars": 'name = "ok"\nagents = 3x\n', "undeclared.tfvars": "\nzz = 1\n" });
  const diags = await diagnosticsOf(() =>
    resolveVariableValues(config, {
      varFiles: [path.join(dir, "bad.tfvars"), path.join(dir, "undeclared.tfvars"), path.join(dir, "missing.tfvars")],
    }),
  );
  assert.is(diags.length, 3);
  assert.match(diags[0].summary, /bad\.tfvars line 2: the value of "agents" must be/);
  assert.match(diags[1].summary, /^variable "zz" is not declared/);
  assert.is(diags[1].origin?.line, 2);
  assert.match(diags[2].summary, /^cannot read variable file/);
});

test("convertStringValue and parseVarFile", () => {
  assert.is(convertStringValue("x", "number", " 1.5 "), 1.5);
  assert.throws(() => convertStringValue("x", "number", ""), /variable "x" is a number/);
  assert.equal(convertStringValue("x", "object({a=string})", '{"a":"b"}'), { a: "b" });
  assert.equal(
    [...parseVarFile("v.tfvars", 'a = "s // not a comment"\nb = null\n').values].map(([k, v]) => [k, v.value]),
    [
      ["a", "s // not a comment"],
      ["b", null],
    ],
  );
});

test.run();
