// `.tf` files in HCL native syntax: syntax errors located to line and column,
// blocks in order, what HCL's converter makes of heredocs, directives,
// comments and numbers (and that they evaluate as Terraform does), mixed
// directories, and the terraform/provider/backend rules in both Terraform
// syntaxes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag, type Diagnostic } from "../../contract/diagnostics.js";
import { openWorkspace } from "../../engine/workspace.js";
import { loadConfig } from "../../templates/load.js";
import { formatDiagnostic } from "../../templates/locate.js";
import { readTerraformHcl } from "../../templates/terraform-hcl.js";
import { parseTerraformHcl } from "../../templates/terraform-hcl.js";
import { makePlan } from "../planner/harness.js";
import { dedent, diagnosticsOf, fixture } from "./helpers.js";

function shown(d: Diagnostic, dir: string): string {
  return formatDiagnostic(d, dir, false);
}

/** The raw declarations' values, by kind and name. */
async function rawValues(text: string): Promise<Record<string, unknown>> {
  const raw = await readTerraformHcl("main.tf", text);
  const out: Record<string, unknown> = {};
  for (const d of raw.declarations) {
    if (d.kind === "resource") out[`${d.type}.${d.name}`] = d.body.value;
    else if (d.kind === "variable" || d.kind === "output") out[`${d.kind}.${d.name}`] = d.body.value;
    else if (d.kind === "local") out[`local.${d.name}`] = d.value.value;
    else if (d.kind === "diagnostic") out[`diagnostic.${d.diagnostic.summary}`] = d.diagnostic;
  }
  return out;
}

// ---- syntax errors ----

test("a syntax error names file, line and column (HCL's own message)", async () => {
  const dir = fixture({
    "main.tf": 'resource "gantry_noop" "a" {\n  input = "x"\n}\n\nresource "gantry_noop" "b" {\n  input = \n}\n',
  });
  const ds = await diagnosticsOf(() => loadConfig(dir));
  assert.is(ds.length, 1);
  assert.is(ds[0].summary, "Invalid expression");
  assert.equal(ds[0].origin, { file: "main.tf", path: [], line: 6, column: 11 });
  assert.match(ds[0].detail ?? "", /Expected the start of an expression/);
  assert.match(shown(ds[0], dir), /on main\.tf line 6, column 11:\n {2}6: {3}input =\n/);
});

test("several syntax errors are all reported; an unclosed block points at its brace", async () => {
  const dir = fixture({ "main.tf": 'locals {\n  a = "unterminated\n  b = 2\n}\n' });
  const ds = await diagnosticsOf(() => loadConfig(dir));
  assert.ok(ds.length >= 1);
  assert.ok(ds.every((d) => d.origin?.file === "main.tf" && d.origin.line !== undefined));
  assert.is(ds[0].origin?.line, 2);
});

test("a syntax error in a large file is located in the whole file (parsed in groups)", async () => {
  let text = "";
  for (let i = 0; i < 450; i++) text += `resource "gantry_noop" "r${i}" {\n  input = "${i}"\n}\n\n`;
  const lines = text.split("\n");
  // inside the 301st block: its input line
  lines[300 * 4 + 1] = "  input = ";
  const ds = await diagnosticsOf(() => loadConfig(fixture({ "big.tf": lines.join("\n") })));
  assert.equal([ds[0].origin?.line, ds[0].origin?.column], [300 * 4 + 2, 11]);
});

test("a large file parsed in groups gives every block", async () => {
  let text = "locals {\n  first = 1\n}\n\n";
  for (let i = 0; i < 450; i++) text += `resource "gantry_noop" "r${i}" {\n  input = "${i}"\n}\n\n`;
  text += "locals {\n  last = 2\n}\n";
  const config = await loadConfig(fixture({ "big.tf": text }));
  assert.is(config.resources.size, 450);
  assert.equal([...config.locals.keys()].sort(), ["first", "last"]);
  // the second locals block is the file's second (document paths count blocks of the whole file)
  assert.equal(config.locals.get("last")!.origin.path, ["locals", 1, "last"]);
});

// ---- blocks in order ----

test("provisioner blocks of different kinds keep their order (Terraform JSON's ordered form)", async () => {
  const v = await rawValues(
    dedent(`
      resource "null_resource" "p" {
        provisioner "local-exec" {
          command = "echo one"
        }
        provisioner "file" {
          content     = <<-EOT
            provisioner "local-exec" { command = "not a block" }
          EOT
          destination = "/tmp/x"
        }
        # provisioner "local-exec" { command = "a comment" }
        provisioner "local-exec" {
          command = "echo three"
        }
        provisioner remote-exec {
          inline = ["four"]
        }
      }
    `),
  );
  const p = v["null_resource.p"] as { provisioner: Record<string, { command?: string }>[] };
  assert.equal(
    p.provisioner.map((x) => Object.keys(x)[0]),
    ["local-exec", "file", "local-exec", "remote-exec"],
  );
  assert.is(p.provisioner[0]["local-exec"].command, "echo one");
  assert.is(p.provisioner[2]["local-exec"].command, "echo three");
});

test("provisioners of one kind stay a list in order", async () => {
  const v = await rawValues(
    'resource "null_resource" "p" {\n  provisioner "local-exec" {\n    command = "1"\n  }\n' +
      '  provisioner "local-exec" {\n    command = "2"\n  }\n}\n',
  );
  assert.equal((v["null_resource.p"] as { provisioner: unknown }).provisioner, {
    "local-exec": [{ command: "1" }, { command: "2" }],
  });
});

test("several lifecycle and validation blocks keep their order", async () => {
  const v = await rawValues(
    dedent(`
      resource "gantry_noop" "a" {
        lifecycle {
          create_before_destroy = true
        }
        lifecycle {
          ignore_changes = [input]
        }
      }
      variable "v" {
        validation {
          condition     = var.v > 0
          error_message = "first"
        }
        validation {
          condition     = var.v < 10
          error_message = "second"
        }
      }
    `),
  );
  assert.equal((v["gantry_noop.a"] as { lifecycle: unknown }).lifecycle, [
    { create_before_destroy: true },
    { ignore_changes: ["${input}"] },
  ]);
  const rules = (v["variable.v"] as { validation: { error_message: string }[] }).validation;
  assert.equal(
    rules.map((r) => r.error_message),
    ["first", "second"],
  );
  const bag = new DiagnosticBag();
  const frag = await parseTerraformHcl(
    "main.tf",
    'resource "gantry_noop" "a" {\n  lifecycle {\n    create_before_destroy = true\n  }\n' +
      "  lifecycle {\n    ignore_changes = [input]\n  }\n}\n",
    bag,
  );
  assert.equal(bag.items, []);
  assert.is(frag.resources[0].lifecycle.createBeforeDestroy, true);
  assert.equal(frag.resources[0].lifecycle.ignoreChanges, ["input"]);
});

// ---- what the converter makes of HCL's syntax ----

test("heredocs, directives, comments and numbers: the raw tree Terraform JSON would hold", async () => {
  const v = await rawValues(
    [
      "locals {",
      "  # a comment",
      "  plain = <<EOT",
      "  kept ${var.x}",
      "EOT",
      "  flush = <<-EOT",
      "    hello",
      "      world",
      "    EOT",
      '  directive = "%{ if var.on ~} yes %{~ endif }" // another comment',
      "  /* block",
      "     comment */",
      "  float = 1.50",
      "  exp = 1e3",
      "  neg = -5",
      '  escaped = "$${not} %%{not}"',
      "  expr = 1 + 2",
      "  list = [for s in var.l : upper(s)]",
      "}",
    ].join("\n"),
  );
  assert.is(v["local.plain"], "  kept ${var.x}\n");
  assert.is(v["local.flush"], "hello\n  world\n");
  assert.is(v["local.directive"], "%{if var.on}yes%{endif}");
  assert.is(v["local.float"], 1.5);
  assert.is(v["local.exp"], 1000);
  assert.is(v["local.neg"], -5);
  assert.is(v["local.escaped"], "$${not} %%{not}");
  assert.is(v["local.expr"], "${1 + 2}");
  assert.is(v["local.list"], "${[for s in var.l : upper(s)]}");
});

// Template directives (%{if}, %{for}, "%%{") reach the expression language as
// Terraform JSON writes them; evaluating them is the expression language's part.
test("heredocs, escapes and numbers evaluate as Terraform's", async () => {
  const dir = fixture({
    "main.tf": [
      'variable "x" {\n  default = "X"\n}',
      'variable "on" {\n  default = true\n}',
      "locals {",
      "  plain = <<EOT",
      "  kept ${var.x}",
      "EOT",
      "  flush = <<-EOT",
      "    hello",
      "      ${var.x}",
      "    EOT",
      '  escaped = "$${not}"',
      "  sum = 1.5 + 2",
      "}",
      'output "plain" {\n  value = local.plain\n}',
      'output "flush" {\n  value = local.flush\n}',
      'output "escaped" {\n  value = local.escaped\n}',
      'output "sum" {\n  value = local.sum\n}',
      "",
    ].join("\n"),
  });
  const plan = await makePlan(dir);
  const after = Object.fromEntries(plan.outputs.map((o) => [o.name, o.after]));
  assert.equal(after, {
    plain: "  kept X\n",
    flush: "hello\n  X\n",
    escaped: "${not}",
    sum: 3.5,
  });
});

// ---- mixed directories ----

test("a directory mixes .tf, .tf.json and .gantry.yaml; references cross files", async () => {
  const dir = fixture({
    "a.tf": 'resource "gantry_noop" "hcl" {\n  input = gantry_noop.json.output\n}\n',
    "b.tf.json": JSON.stringify({ resource: { gantry_noop: { json: { input: "${var.v}" } } } }),
    "c.gantry.yaml":
      "variables:\n  v: { default: from-yaml }\nresources:\n  noop.yaml:\n    input: ${noop.hcl.output}\n",
  });
  const plan = await makePlan(dir);
  const after = Object.fromEntries(plan.changes.map((c) => [c.address.replace(/^gantry_/, ""), c.after?.output]));
  assert.equal(after, { "noop.hcl": "from-yaml", "noop.json": "from-yaml", "noop.yaml": "from-yaml" });
});

test("the same resource in a .tf and a .tf.json file is declared twice, both places shown", async () => {
  const dir = fixture({
    "a.tf": '\n\nresource "gantry_noop" "a" {\n  input = 1\n}\n',
    "b.tf.json": JSON.stringify({ resource: { gantry_noop: { a: { input: 1 } } } }, null, 2),
  });
  const ds = await diagnosticsOf(() => loadConfig(dir));
  assert.is(ds.length, 1);
  assert.match(ds[0].summary, /^resource "(gantry_)?noop\.a" is declared more than once$/);
  const text = shown(ds[0], dir);
  assert.match(text, /on a\.tf line 3, column 1, in resource "gantry_noop" "a":/);
  assert.match(text, /on b\.tf\.json line 4, column 7/);
});

// ---- located errors name things as written ----

test("unknown argument, wrong type and bad expression point at their line in the .tf file", async () => {
  const dir = fixture({
    "main.tf": dedent(`
      # count = "not here"
      resource "gantry_noop" "a" {
        input = "count = 1"
        count = [1, 2]
        lifecycle {
          create_before_destroy = "yes"
        }
        lifecycle {
          prevent_destory = true
        }
      }

      locals {
        ok = 1
      }

      locals {
        bad = 1
      }
    `),
  });
  const ds = await diagnosticsOf(() => loadConfig(dir));
  const byLine = ds.map((d) => [d.summary.replace(/resource (gantry_)?noop/, "resource gantry_noop"), shown(d, dir)]);
  const find = (re: RegExp) => byLine.find(([s]) => re.test(s))?.[1] ?? "";
  assert.match(
    find(/"count" of resource gantry_noop\.a/),
    /on main\.tf line 4, column 3, in resource "gantry_noop" "a":/,
  );
  assert.match(find(/create_before_destroy/), /line 6, column 5, in resource "gantry_noop" "a":\n {2}6: +create/);
  assert.match(find(/prevent_destory/), /line 9, column 5, in resource "gantry_noop" "a":\n {2}9: +prevent_destory/);
  assert.match(
    shown({ severity: "error", summary: "x", origin: { file: "main.tf", path: ["locals", 1, "bad"] } }, dir),
    /line 18, column 3, in locals:\n {2}18: +bad =/,
  );
});

test("a bad expression is HCL's syntax error, at its line and column", async () => {
  const dir = fixture({ "main.tf": 'locals {\n  ok = 1\n}\n\nlocals {\n  bad = "${var.x.}"\n}\n' });
  const ds = await diagnosticsOf(() => loadConfig(dir));
  assert.equal(
    ds.map((d) => [d.summary, d.origin?.line, d.origin?.column]),
    [["Invalid attribute name", 6, 18]],
  );
});

// ---- terraform, provider and backend blocks, in both Terraform syntaxes ----

const TERRAFORM_OK_HCL = dedent(`
  terraform {
    required_version = ">= 1.5, < 2.0"
    required_providers {
      gantry = {
        source = "example/gantry"
      }
      null = {
        source  = "hashicorp/null"
        version = "~> 3.2"
      }
      terraform = {
        source = "terraform.io/builtin/terraform"
      }
    }
  }
  provider "null" {}
  provider "gantry" {}
  resource "gantry_noop" "a" {}
`);

const TERRAFORM_OK_JSON = JSON.stringify({
  terraform: {
    required_version: "~> 1.11.0",
    required_providers: { null: { source: "hashicorp/null" }, terraform: { source: "terraform.io/builtin/terraform" } },
  },
  provider: { null: {}, terraform: [{}] },
  resource: { gantry_noop: { a: {} } },
});

test("terraform and provider blocks for gantry's providers are accepted (HCL and tf.json)", async () => {
  assert.is((await loadConfig(fixture({ "main.tf": TERRAFORM_OK_HCL }))).resources.size, 1);
  assert.is((await loadConfig(fixture({ "main.tf.json": TERRAFORM_OK_JSON }))).resources.size, 1);
});

const TERRAFORM_BAD: { name: string; hcl: string; json: unknown; summary: RegExp; line: RegExp }[] = [
  {
    name: "required_version not satisfied",
    hcl: 'terraform {\n  required_version = ">= 2.0"\n}\n',
    json: { terraform: { required_version: ">= 2.0" } },
    summary: /^Unsupported Terraform Core version$/,
    line: /required_version/,
  },
  {
    name: "another provider required",
    hcl: 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n',
    json: { terraform: { required_providers: { aws: { source: "hashicorp/aws" } } } },
    summary: /^provider "aws" is not available in gantry$/,
    line: /aws/,
  },
  {
    name: "a built-in name from another source",
    hcl: 'terraform {\n  required_providers {\n    null = {\n      source = "someone/null"\n    }\n  }\n}\n',
    json: { terraform: { required_providers: { null: { source: "someone/null" } } } },
    summary: /^provider source "someone\/null" for "null" is not available in gantry$/,
    line: /source/,
  },
  {
    name: "another provider configured",
    hcl: 'provider "aws" {\n  region = "eu-west-1"\n}\n',
    json: { provider: { aws: { region: "eu-west-1" } } },
    summary: /^provider "aws" is not available in gantry$/,
    line: /aws/,
  },
  {
    name: "another backend",
    hcl: 'terraform {\n  backend "s3" {\n    bucket = "b"\n  }\n}\n',
    json: { terraform: { backend: { s3: { bucket: "b" } } } },
    summary: /^backend "s3" is not supported$/,
    line: /s3/,
  },
  {
    name: "a module call whose directory does not exist",
    hcl: 'module "m" {\n  source = "./m"\n}\n',
    json: { module: { m: { source: "./m" } } },
    summary: /^Unreadable module directory$/,
    line: /source/,
  },
  {
    name: "a data source's lifecycle",
    hcl: 'data "gantry_file" "y" {\n  lifecycle {\n    bogus = true\n  }\n}\n',
    json: { data: { gantry_file: { y: { lifecycle: [{ bogus: true }] } } } },
    summary:
      /^unknown field "bogus" in "lifecycle" of data gantry_file\.y; expected one of precondition, postcondition$/,
    line: /bogus/,
  },
  {
    name: "a moved block without to",
    hcl: "moved {\n  from = gantry_noop.a\n}\n",
    json: { moved: [{ from: "gantry_noop.a" }] },
    summary: /^missing required field "to" in moved block$/,
    line: /moved|\{/,
  },
  {
    name: "an import block without id",
    hcl: "import {\n  to = gantry_noop.a\n}\n",
    json: { import: [{ to: "gantry_noop.a" }] },
    summary: /^missing required field "id" in import block$/,
    line: /import|\{/,
  },
  {
    name: "a check block without assert",
    hcl: 'check "c" {\n}\n',
    json: { check: { c: {} } },
    summary: /^missing required field "assert" in check "c"$/,
    line: /"?c"?/,
  },
  {
    name: "a dynamic block without content",
    hcl: 'resource "gantry_noop" "a" {\n  dynamic "x" {\n    for_each = []\n  }\n}\n',
    json: { resource: { gantry_noop: { a: { dynamic: { x: [{ for_each: [] }] } } } } },
    summary: /^missing required field "content" in dynamic "x" of resource gantry_noop\.a$/,
    line: /dynamic|\{/,
  },
];

for (const c of TERRAFORM_BAD) {
  test(`a clear located error in both syntaxes: ${c.name}`, async () => {
    for (const [file, text] of [
      ["main.tf", c.hcl],
      ["main.tf.json", JSON.stringify(c.json, null, 2)],
    ] as const) {
      const dir = fixture({ [file]: text });
      const ds = await diagnosticsOf(() => loadConfig(dir));
      assert.is(ds.length, 1, `${file}: ${ds.map((d) => d.summary).join("; ")}`);
      assert.match(ds[0].summary, c.summary, file);
      const lines = shown(ds[0], dir).split("\n");
      assert.match(lines[2], new RegExp(`^ {2}on ${file.replace(".", "\\.")} line \\d+, column \\d+`), file);
      assert.match(lines[3], c.line, file);
    }
  });
}

test("required_version: Terraform's message names the version gantry behaves as", async () => {
  const dir = fixture({ "main.tf": 'terraform {\n  required_version = "~> 1.10.0"\n}\n' });
  const [d] = await diagnosticsOf(() => loadConfig(dir));
  assert.match(d.detail ?? "", /^This configuration does not support Terraform version 1\.11\.0\./);
  assert.match(shown(d, dir), /on main\.tf line 2, column 3, in terraform:/);
});

test('backend "local" path sets where the workspace keeps state (HCL and tf.json)', () => {
  const hcl = fixture({
    "main.tf": 'terraform {\n  backend "local" {\n    path = "state/here.tfstate"\n  }\n}\n',
  });
  assert.is(openWorkspace({ dir: hcl }).state.location, `${hcl}/state/here.tfstate`);
  const json = fixture({
    "main.tf.json": JSON.stringify({ terraform: { backend: { local: { path: "there.tfstate" } } } }),
  });
  assert.is(openWorkspace({ dir: json }).state.location, `${json}/there.tfstate`);
  // an explicit state path wins; without a backend, gantry's own file
  assert.is(openWorkspace({ dir: json, statePath: "/tmp/x.tfstate" }).state.location, "/tmp/x.tfstate");
  const none = fixture({ "main.tf": 'resource "gantry_noop" "a" {}\n' });
  assert.is(openWorkspace({ dir: none }).state.location, `${none}/gantry.tfstate`);
});

test("two backends are one too many", async () => {
  const dir = fixture({
    "a.tf": 'terraform {\n  backend "local" {}\n}\n',
    "b.tf.json": JSON.stringify({ terraform: { backend: { local: {} } } }),
  });
  const ds = await diagnosticsOf(() => loadConfig(dir));
  assert.equal(
    ds.map((d) => d.summary),
    ["Duplicate backend configuration"],
  );
});

test.run();
