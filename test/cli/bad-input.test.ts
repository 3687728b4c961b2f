// Bad input (YAML, JSON and .tf files: syntax errors, unknown attributes and blocks, bad function calls, type
// mismatches) gets a clear error located at file and line in the user's own names, exit 1, and the state file is
// left byte for byte as it was. So does a failed precondition of a module's output.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

const dir = tempConfig({ "main.gantry.yaml": `resources:\n  gantry_noop.base:\n    input: 1\n` });
const statePath = join(dir, "gantry.tfstate");
let before = "";

test.before(() => {
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stderr);
  before = readFileSync(statePath, "utf8");
});

const cases: { name: string; file: string; content: string; expect: RegExp[] }[] = [
  {
    name: "malformed YAML",
    file: "bad.gantry.yaml",
    content: "resources:\n  gantry_noop.a:\n    input: [1, 2\n",
    expect: [/bad\.gantry\.yaml/, /line \d+, column \d+/],
  },
  {
    name: "malformed JSON",
    file: "bad.tf.json",
    content: '{"resource": {"gantry_noop": {"a": {"input": 1,}}}}',
    expect: [/bad\.tf\.json/, /line 1, column \d+/],
  },
  {
    name: "unknown type",
    file: "bad.gantry.yaml",
    content: "resources:\n  bogus.a:\n    input: 1\n",
    expect: [/Unknown resource type "gantry_bogus"/, /on bad\.gantry\.yaml line 2, column 3/],
  },
  {
    name: "unknown property",
    file: "bad.gantry.yaml",
    content: "resources:\n  gantry_noop.a:\n    inptu: 1\n",
    expect: [
      /Unsupported property "inptu" in resource "gantry_noop\.a"/,
      /line 3, column 5/,
      /accepts: input, triggers_replace/,
    ],
  },
  {
    name: "missing property",
    file: "bad.gantry.yaml",
    content: "resources:\n  gantry_host.h:\n    driver: sim\n  gantry_file.f:\n    host: ${gantry_host.h}\n",
    expect: [/Missing required property "path" in resource "gantry_file\.f"/, /line 4, column 3/],
  },
  {
    name: "dangling reference",
    file: "bad.tf.json",
    content:
      '{\n  "resource": {\n    "gantry_noop": {\n      "a": { "input": "${gantry_noop.missing.id}" }\n    }\n  }\n}\n',
    expect: [/Reference to undeclared resource "gantry_noop\.missing"/, /on bad\.tf\.json line 4, column \d+/],
  },
  {
    name: "cycle",
    file: "bad.gantry.yaml",
    content: 'resources:\n  noop.x:\n    input: "${noop.y.output}"\n  noop.y:\n    input: "${noop.x.output}"\n',
    expect: [
      /Cycle: gantry_noop\.(x|y) → gantry_noop\.(x|y) → gantry_noop\.(x|y)/,
      /line 2, column 3/,
      /line 4, column 3/,
    ],
  },
  {
    name: "wrong structure",
    file: "bad.gantry.yaml",
    content: "resources:\n  gantry_noop.a:\n    count: [1, 2]\n",
    expect: [/count/, /line 3, column \d+/],
  },
  {
    name: "undeclared variable given on the command line",
    file: "ok.gantry.yaml",
    content: "resources: {}\n",
    expect: [/undeclared variable "nosuch"|variable "nosuch" is not declared/],
  },
  // .tf files: each error names the file, the line and the user's own names (gantry_noop.a, not noop.a)
  {
    name: "HCL syntax error",
    file: "bad.tf",
    content: 'resource "gantry_noop" "a" {\n  input = [1, 2\n}\n',
    expect: [/Error: Missing item separator/, /on bad\.tf line 3, column 1/],
  },
  {
    name: "HCL unknown attribute",
    file: "bad.tf",
    content: 'resource "gantry_noop" "a" {\n  inptu = 1\n}\n',
    expect: [
      /Unsupported property "inptu" in resource "gantry_noop\.a"/,
      /on bad\.tf line 2, column 3, in resource "gantry_noop" "a"/,
      /accepts: input, triggers_replace/,
    ],
  },
  {
    name: "HCL function given a wrong argument",
    file: "bad.tf",
    content: 'resource "gantry_noop" "a" {\n  input = upper([1])\n}\n',
    expect: [
      /property "input" of gantry_noop\.a: Invalid value for "str" parameter of upper\(\): string required/,
      /on bad\.tf line 2, column 3, in resource "gantry_noop" "a"/,
    ],
  },
  {
    name: "HCL function given too few arguments",
    file: "bad.tf",
    content: 'resource "gantry_noop" "a" {\n  input = substr("abc", 1)\n}\n',
    expect: [/gantry_noop\.a: substr\(\) takes 3 arguments, got 2/, /on bad\.tf line 2, column 3/],
  },
  {
    name: "HCL unknown function",
    file: "bad.tf",
    content: 'resource "gantry_noop" "a" {\n  input = uper("x")\n}\n',
    expect: [/Call to unknown function/, /There is no function named "uper"/, /on bad\.tf line 2, column 11/],
  },
  {
    name: "HCL attribute of the wrong type",
    file: "bad.tf",
    content:
      'resource "gantry_host" "h" {\n  driver = "sim"\n}\nresource "gantry_service" "a" {\n' +
      '  host    = gantry_host.h\n  command = "x"\n  ports   = ["eighty"]\n}\n',
    expect: [
      /Invalid value for property "ports" of gantry_service\.a: element 0: a number is required/,
      /on bad\.tf line 7, column 3, in resource "gantry_service" "a"/,
    ],
  },
  {
    name: "HCL operator on the wrong type",
    file: "bad.tf",
    content: 'resource "gantry_noop" "a" {\n  input = 1 + "x"\n}\n',
    expect: [/gantry_noop\.a: Invalid operand/, /a number is required/, /on bad\.tf line 2, column 3/],
  },
  {
    name: "HCL variable default of the wrong type",
    file: "bad.tf",
    content: 'variable "n" {\n  type    = number\n  default = "x"\n}\n',
    expect: [/Invalid default value for variable "n"/, /on bad\.tf line 3, column 3, in variable "n"/],
  },
  // blocks gantry does not support: named, located, nothing planned
  {
    name: "HCL removed block",
    file: "bad.tf",
    content:
      'resource "gantry_noop" "a" {}\nremoved {\n  from = gantry_noop.old\n' +
      "  lifecycle {\n    destroy = false\n  }\n}\n",
    expect: [/"removed" blocks are not supported/, /on bad\.tf line 2, column 1/],
  },
  {
    name: "HCL unknown top-level block",
    file: "bad.tf",
    content: 'resource "gantry_noop" "a" {}\nfrobnicate "x" {\n  a = 1\n}\n',
    expect: [/unknown top-level block "frobnicate"/, /on bad\.tf line 2, column 1/],
  },
  {
    name: "HCL ephemeral block",
    file: "bad.tf",
    content: '\nephemeral "gantry_noop" "e" {}\n',
    expect: [/unknown top-level block "ephemeral"/, /on bad\.tf line 2, column 1/],
  },
  {
    name: "HCL unsupported block in a resource",
    file: "bad.tf",
    content: 'resource "gantry_noop" "a" {\n  input = 1\n  timeouts {\n    create = "1m"\n  }\n}\n',
    expect: [/Unsupported property "timeouts" in resource "gantry_noop\.a"/, /on bad\.tf line 3, column 3/],
  },
];

for (const c of cases) {
  test(`${c.name}: located error, exit 1, state unchanged`, () => {
    writeFileSync(join(dir, c.file), c.content);
    try {
      for (const cmd of [["plan"], ["apply", "-auto-approve"]]) {
        const args = c.name.startsWith("undeclared variable") ? [...cmd, "-var", "nosuch=1", dir] : [...cmd, dir];
        const r = gantry(args);
        assert.is(r.code, 1, `${cmd[0]} exit code\n${r.stdout}${r.stderr}`);
        for (const re of c.expect) assert.match(r.stderr, re);
        assert.is(readFileSync(statePath, "utf8"), before, "state byte-for-byte unchanged");
      }
      assert.is(gantry(["validate", dir]).code, c.name.startsWith("undeclared variable") ? 0 : 1);
    } finally {
      rmSync(join(dir, c.file));
    }
  });
}

test("a module output's failed precondition stops plan and apply, located in the module's file", () => {
  mkdirSync(join(dir, "m"));
  writeFileSync(
    join(dir, "m", "main.tf"),
    'variable "n" {}\noutput "o" {\n  value = var.n\n  precondition {\n    condition     = var.n > 0\n' +
      '    error_message = "n must be positive, not ${var.n}."\n  }\n}\n',
  );
  writeFileSync(join(dir, "bad.tf"), 'module "mod" {\n  source = "./m"\n  n      = -1\n}\n');
  try {
    for (const cmd of [["plan"], ["apply", "-auto-approve"]]) {
      const r = gantry([...cmd, dir]);
      assert.is(r.code, 1, `${cmd[0]}\n${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /Error: Module output value precondition failed/);
      assert.match(r.stderr, /on m\/main\.tf line 5, column 21, in output "o":/);
      assert.match(r.stderr, /n must be positive, not -1\./);
      assert.is(readFileSync(statePath, "utf8"), before, "state byte-for-byte unchanged");
    }
    // validate takes the module's variable as unknown: nothing to refuse yet
    assert.is(gantry(["validate", dir]).code, 0);
  } finally {
    rmSync(join(dir, "bad.tf"));
    rmSync(join(dir, "m"), { recursive: true });
  }
});

test("validate accepts the good configuration", () => {
  const r = gantry(["validate", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /Success!/);
});

test.run();
