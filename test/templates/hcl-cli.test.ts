// Through the CLI: the HCL and `.tf.json` forms of the same configuration
// give the same `gantry plan -json`, byte for byte (the timestamp aside); a
// syntax error in a `.tf` file exits 1, located, with state untouched.
//
// HCL's converter writes the keys of object values sorted (as Terraform's own
// -json output does), while gantry's -json keeps the order a file gives: the
// `.tf.json` forms here write object values' keys in sorted order.
// Declarations keep the file's order in both.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry } from "../cli/cli-harness.js";
import { dedent, fixture } from "./helpers.js";

interface Pair {
  name: string;
  hcl: string;
  json: unknown;
  args?: string[];
  /** A module each form calls ("./modules/web"), in that form. */
  module?: { hcl: string; json: unknown };
}

const PAIRS: Pair[] = [
  {
    name: "count, variables, depends_on, outputs",
    hcl: dedent(`
      variable "n" {
        type    = number
        default = 2
      }

      variable "greeting" {
        type        = string
        description = "what to say"
      }

      resource "gantry_noop" "base" {
        input = { greeting = var.greeting, n = var.n }
      }

      resource "gantry_noop" "member" {
        count      = var.n
        input      = "\${gantry_noop.base.output.greeting}-\${count.index}"
        depends_on = [gantry_noop.base]
      }

      output "first" {
        value       = gantry_noop.member[0].output
        description = "the first member"
      }

      output "ids" {
        value = gantry_noop.member[*].id
      }
    `),
    json: {
      variable: {
        n: { type: "number", default: 2 },
        greeting: { type: "string", description: "what to say" },
      },
      resource: {
        gantry_noop: {
          base: { input: { greeting: "${var.greeting}", n: "${var.n}" } },
          member: {
            count: "${var.n}",
            input: "${gantry_noop.base.output.greeting}-${count.index}",
            depends_on: ["gantry_noop.base"],
          },
        },
      },
      output: {
        first: { value: "${gantry_noop.member[0].output}", description: "the first member" },
        ids: { value: "${gantry_noop.member[*].id}" },
      },
    },
    args: ["-var", "greeting=hi", "-var", "n=3"],
  },
  {
    name: "for_each, lifecycle, locals, sensitive output",
    hcl: dedent(`
      variable "names" {
        type    = map(string)
        default = { a = "x", b = "y" }
      }

      locals {
        prefix = "p"
      }

      resource "gantry_noop" "each" {
        for_each = var.names
        input    = "\${local.prefix}-\${each.key}-\${each.value}"
        lifecycle {
          ignore_changes        = [triggers_replace]
          create_before_destroy = true
        }
      }

      resource "gantry_noop" "after" {
        input      = [gantry_noop.each["a"].output, gantry_noop.each["b"].output]
        depends_on = [gantry_noop.each]
        lifecycle {
          replace_triggered_by = [gantry_noop.each["a"]]
        }
      }

      output "inputs" {
        value     = { a = gantry_noop.each["a"].input, b = upper(gantry_noop.each["b"].input) }
        sensitive = true
      }
    `),
    json: {
      variable: { names: { type: "${map(string)}", default: { a: "x", b: "y" } } },
      locals: { prefix: "p" },
      resource: {
        gantry_noop: {
          each: {
            for_each: "${var.names}",
            input: "${local.prefix}-${each.key}-${each.value}",
            lifecycle: { ignore_changes: ["triggers_replace"], create_before_destroy: true },
          },
          after: {
            input: '${[gantry_noop.each["a"].output, gantry_noop.each["b"].output]}',
            depends_on: ["gantry_noop.each"],
            lifecycle: [{ replace_triggered_by: ['${gantry_noop.each["a"]}'] }],
          },
        },
      },
      output: {
        inputs: {
          value: '${{ a = gantry_noop.each["a"].input, b = upper(gantry_noop.each["b"].input) }}',
          sensitive: true,
        },
      },
    },
  },
  {
    name: "terraform and provider blocks, heredoc, numbers, conditionals",
    hcl: dedent(`
      terraform {
        required_version = ">= 1.5"
        required_providers {
          null = {
            source = "hashicorp/null"
          }
        }
      }

      provider "null" {}

      locals {
        script = <<-EOT
          echo one
            echo two
        EOT
        ratio  = 2.50
        big    = 1e6
      }

      resource "gantry_noop" "doc" {
        input = {
          script = local.script
          half   = local.ratio / 2
          big    = local.big
          pick   = local.ratio > 2 ? "high" : "low"
        }
        lifecycle {
          prevent_destroy = false
        }
      }

      output "script" {
        value = gantry_noop.doc.input.script
      }
    `),
    json: {
      terraform: { required_version: ">= 1.5", required_providers: { null: { source: "hashicorp/null" } } },
      provider: { null: {} },
      locals: { script: "echo one\n  echo two\n", ratio: 2.5, big: 1000000 },
      resource: {
        gantry_noop: {
          doc: {
            input: {
              big: "${local.big}",
              half: "${local.ratio / 2}",
              pick: '${local.ratio > 2 ? "high" : "low"}',
              script: "${local.script}",
            },
            lifecycle: { prevent_destroy: false },
          },
        },
      },
      output: { script: { value: "${gantry_noop.doc.input.script}" } },
    },
  },
  {
    name: "a module with a data resource, a check, a moved block and nested dynamic blocks, called with for_each",
    hcl: dedent(`
      module "web" {
        source   = "./modules/web"
        for_each = toset(["a", "b"])
        name     = each.key
      }

      output "inputs" {
        value = { for k, m in module.web : k => m.input }
      }
    `),
    json: {
      module: { web: { source: "./modules/web", for_each: '${toset(["a", "b"])}', name: "${each.key}" } },
      output: { inputs: { value: "${{ for k, m in module.web : k => m.input }}" } },
    },
    module: {
      hcl: dedent(`
        variable "name" {
          type = string
        }

        variable "ports" {
          type    = map(list(number))
          default = { http = [80], https = [443, 8443] }
        }

        resource "gantry_host" "h" {
          driver = "local"
        }

        data "gantry_file" "f" {
          host = gantry_host.h
          path = "/etc/\${var.name}"
        }

        resource "gantry_noop" "n" {
          input = data.gantry_file.f.sha256
        }

        resource "gantry_noop" "d" {
          dynamic "input" {
            for_each = var.ports
            iterator = p
            content {
              name = p.key
              dynamic "port" {
                for_each = p.value
                content {
                  n = port.value
                }
              }
            }
          }
        }

        check "named" {
          data "gantry_file" "probe" {
            host = gantry_host.h
            path = "/etc/\${var.name}.ok"
          }

          assert {
            condition     = var.name != "b"
            error_message = "the name is b"
          }

          assert {
            condition     = data.gantry_file.probe.content == "ok"
            error_message = "not ok"
          }
        }

        moved {
          from = gantry_noop.old
          to   = gantry_noop.n
        }

        output "input" {
          value = gantry_noop.d.input
        }
      `),
      json: {
        variable: {
          name: { type: "string" },
          ports: { type: "${map(list(number))}", default: { http: [80], https: [443, 8443] } },
        },
        resource: {
          gantry_host: { h: { driver: "local" } },
          gantry_noop: {
            n: { input: "${data.gantry_file.f.sha256}" },
            d: {
              dynamic: {
                input: {
                  for_each: "${var.ports}",
                  iterator: "p",
                  content: {
                    name: "${p.key}",
                    dynamic: { port: { for_each: "${p.value}", content: { n: "${port.value}" } } },
                  },
                },
              },
            },
          },
        },
        data: { gantry_file: { f: { host: "${gantry_host.h}", path: "/etc/${var.name}" } } },
        check: {
          named: {
            data: { gantry_file: { probe: { host: "${gantry_host.h}", path: "/etc/${var.name}.ok" } } },
            assert: [
              { condition: '${var.name != "b"}', error_message: "the name is b" },
              { condition: '${data.gantry_file.probe.content == "ok"}', error_message: "not ok" },
            ],
          },
        },
        moved: { from: "gantry_noop.old", to: "gantry_noop.n" },
        output: { input: { value: "${gantry_noop.d.input}" } },
      },
    },
  },
];

const withoutTimestamp = (s: string) => s.replace(/"timestamp":"[^"]*"/, '"timestamp":"<time>"');

for (const p of PAIRS) {
  test(`HCL and tf.json give the same plan -json: ${p.name}`, () => {
    const hclDir = fixture({ "main.tf": p.hcl });
    const jsonDir = fixture({ "main.tf.json": JSON.stringify(p.json, null, 2) });
    if (p.module) {
      mkdirSync(join(hclDir, "modules/web"), { recursive: true });
      mkdirSync(join(jsonDir, "modules/web"), { recursive: true });
      writeFileSync(join(hclDir, "modules/web/main.tf"), p.module.hcl);
      writeFileSync(join(jsonDir, "modules/web/main.tf.json"), JSON.stringify(p.module.json, null, 2));
    }
    const h = gantry(["plan", "-json", ...(p.args ?? []), hclDir]);
    const j = gantry(["plan", "-json", ...(p.args ?? []), jsonDir]);
    assert.is(h.code, 0, h.stderr);
    assert.is(j.code, 0, j.stderr);
    assert.ok(h.stdout.length > 100, "a plan was printed");
    // a local host's root lies in the configuration's directory: the one thing that differs
    const at = (out: string, dir: string) => withoutTimestamp(out).replaceAll(dir, "<dir>");
    assert.is(at(h.stdout, hclDir), at(j.stdout, jsonDir));
  });
}

test("a syntax error in a .tf file: exit 1, located to line and column, state byte for byte unchanged", () => {
  const dir = fixture({ "main.tf": 'resource "gantry_noop" "a" {\n  input = "one"\n}\n' });
  const applied = gantry(["apply", "-auto-approve", dir]);
  assert.is(applied.code, 0, applied.stderr);
  const statePath = join(dir, "gantry.tfstate");
  const before = readFileSync(statePath);
  writeFileSync(join(dir, "main.tf"), 'resource "gantry_noop" "a" {\n  input = "two"\n  count = \n}\n');
  for (const cmd of [["plan"], ["apply", "-auto-approve"], ["destroy", "-auto-approve"]]) {
    const r = gantry([...cmd, dir]);
    assert.is(r.code, 1, `${cmd[0]}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /Error: Invalid expression/);
    assert.match(r.stderr, /on main\.tf line 3, column 11:\n {2}3: {3}count =/);
    assert.ok(readFileSync(statePath).equals(before), `${cmd[0]} left the state as it was`);
  }
});

test.run();
