import { test } from "uvu";
import * as assert from "uvu/assert";
import * as path from "node:path";
import { loadConfigFromFiles } from "../../templates/load.js";
import {
  parseVarFile,
  resolveVariableInputs,
  resolveVariableValues,
  textValue,
} from "../../templates/variable-values.js";
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
      "  dynamic: { type: any }",
      "resources:",
      "  gantry_noop.a: {}",
    ].join("\n"),
  },
]);

test("-var values: no type and primitive types as written, others as expressions (as Terraform parses)", async () => {
  const values = await resolveVariableValues(config, {
    vars: [
      "name=web=1",
      "agents=3",
      "debug=true",
      'zones=["a", "b",]',
      'labels={env = "prod", "x-y" = 2}',
      "anything=42",
      "dynamic={a = [1, true]}",
    ],
  });
  assert.equal(Object.fromEntries(values), {
    name: "web=1",
    agents: "3",
    debug: "true",
    zones: ["a", "b"],
    labels: { env: "prod", "x-y": 2 },
    anything: "42",
    dynamic: { a: [1, true] },
  });
});

test("bad -var values name the variable", async () => {
  const diags = await diagnosticsOf(() =>
    resolveVariableValues(config, {
      vars: ["zones=a,b", "labels={", "dynamic=hello", "nope=1", "novalue"],
    }),
  );
  const s = diags.map((d) => d.summary);
  assert.is(s.length, 5);
  assert.match(s[0], /^Invalid value for variable "zones" set using -var: the value "a,b" is not a valid expression/);
  assert.match(s[1], /^Invalid value for variable "labels" set using -var: the value "\{" is not a valid expression/);
  assert.match(s[2], /^Invalid value for variable "dynamic" set using -var: .*Variables not allowed/);
  assert.is(s[3], 'variable "nope" is not declared');
  assert.match(s[4], /^invalid -var "novalue": expected name=value/);
});

test("environment, files and -var in order of precedence", async () => {
  const dir = fixture({
    "a.tfvars": [
      "# comment",
      'name = "from-tfvars" # trailing',
      "agents = 5",
      "zones = [",
      '  "x",',
      '  "y",',
      "]",
      'labels = {a = "b"}',
      "debug = false",
    ].join("\n"),
    "b.tfvars.json": JSON.stringify({ agents: 7 }),
    "c.yaml": "debug: true\n",
  });
  const inputs = await resolveVariableInputs(config, {
    env: { TF_VAR_name: "tf", GANTRY_VAR_agents: "2", TF_VAR_undeclared: "ignored", GANTRY_VAR_zones: '["e"]' },
    varFiles: ["a.tfvars", "b.tfvars.json", "c.yaml"].map((f) => path.join(dir, f)),
    vars: ["name=cli"],
  });
  assert.equal(Object.fromEntries([...inputs].map(([k, v]) => [k, v.value])), {
    name: "cli",
    agents: 7,
    zones: ["x", "y"],
    labels: { a: "b" },
    debug: true,
  });
  assert.equal(inputs.get("name")!.source, { kind: "cli" });
  assert.equal(inputs.get("zones")!.source, {
    kind: "file",
    origin: { file: path.join(dir, "a.tfvars"), path: ["zones"], line: 4, column: 1 },
  });
});

test("terraform.tfvars < *.auto.tfvars (lexical) < -var-file and -var in argv order", async () => {
  const dir = fixture({
    "vars.gantry.yaml": "variables:\n  a: {}\n  b: {}\n  c: {}\n  d: {}\n  e: {}\n",
    "terraform.tfvars": 'a = "tfvars"\nb = "tfvars"\nc = "tfvars"\nd = "tfvars"\ne = "tfvars"\n',
    "terraform.tfvars.json": JSON.stringify({ b: "tfvars.json", c: "tfvars.json", d: "tfvars.json" }),
    "b.auto.tfvars": 'c = "b.auto"\nd = "b.auto"\n',
    "a.auto.tfvars.json": JSON.stringify({ c: "a.auto", d: "a.auto" }),
    "one.tfvars": 'd = "one"\ne = "one"\n',
  });
  const cfg = await loadConfigFromFiles(dir, [
    { path: "vars.gantry.yaml", content: "variables:\n  a: {}\n  b: {}\n  c: {}\n  d: {}\n  e: {}\n" },
  ]);
  const values = await resolveVariableValues(cfg, {
    ordered: [
      { kind: "var", value: "e=cli" },
      { kind: "file", value: path.join(dir, "one.tfvars") },
    ],
  });
  assert.equal(Object.fromEntries(values), { a: "tfvars", b: "tfvars.json", c: "b.auto", d: "one", e: "one" });
});

test("variable file errors are located", async () => {
  const dir = fixture({
    "bad.tfvars": 'name = "ok"\nagents = 3x\n',
    "undeclared.tfvars": "\nzz = 1\n",
    "ref.tfvars": "\nname = var.other\n",
  });
  const diags = await diagnosticsOf(() =>
    resolveVariableValues(config, {
      varFiles: ["bad.tfvars", "undeclared.tfvars", "missing.tfvars", "ref.tfvars"].map((f) => path.join(dir, f)),
    }),
  );
  assert.is(diags.length, 4);
  assert.match(diags[0].summary, /bad\.tfvars:2,\d+: /);
  assert.is(diags[0].origin?.line, 2);
  assert.match(diags[1].summary, /^variable "zz" is not declared/);
  assert.is(diags[1].origin?.line, 2);
  assert.match(diags[2].summary, /^cannot read variable file/);
  assert.match(diags[3].summary, /ref\.tfvars: the value of "name" is not a constant: Variables not allowed/);
  assert.is(diags[3].origin?.line, 2);
});

test("textValue and parseVarFile", async () => {
  const number = config.variables.get("agents")!;
  const zones = config.variables.get("zones")!;
  assert.is(textValue(number, " 1.5 "), " 1.5 ");
  assert.equal(textValue(zones, '["a", "b"]'), ["a", "b"]);
  assert.equal(textValue(zones, '["${"a"}-b"]'), ["a-b"]);
  assert.equal(
    [...(await parseVarFile("v.tfvars", 'a = "s // not a comment"\nb = null\nc = <<EOT\nx\nEOT\n')).values].map(
      ([k, v]) => [k, v.value, v.line],
    ),
    [
      ["a", "s // not a comment", 1],
      ["b", null, 2],
      ["c", "x\n", 3],
    ],
  );
  const json = await parseVarFile("v.tfvars.json", '{\n  "a": "${1 + 1}",\n  "b": "$${x}"\n}');
  assert.equal(
    [...json.values].map(([k, v]) => [k, v.value, v.line]),
    [
      ["a", 2, 2],
      ["b", "${x}", 3],
    ],
  );
});

test.run();
