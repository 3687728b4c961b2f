// The same configuration written in YAML, in Terraform JSON and in HCL gives
// the same model, and the same mistakes give the same messages (located in
// each file): every front end feeds one builder.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag, type Diagnostic } from "../../contract/diagnostics.js";
import { checkBlock } from "../../planner/instances.js";
import { testEngine } from "../engine-fixture.js";
import { loadConfig } from "../../templates/load.js";
import { formatDiagnostic } from "../../templates/locate.js";
import { parseNativeYaml } from "../../templates/native-yaml.js";
import { parseTerraformHcl } from "../../templates/terraform-hcl.js";
import { parseTerraformJson } from "../../templates/terraform-json.js";
import { dedent, diagnosticsOf, fixture } from "./helpers.js";

const YAML = dedent(`
  variables:
    agents:
      type: number
      default: 3
      description: how many
      sensitive: false
      nullable: false
      validation:
        - condition: "\${var.agents > 0}"
          error_message: must be positive
    names:
      type: list(string)
      default: [a, b]
      validation: { condition: "\${length(var.names) > 0}", error_message: empty }
  locals:
    greeting: "hello \${var.agents}"
    tags: { env: prod }
  resources:
    noop.base:
      input: "\${local.greeting}"
    noop.member:
      count: "\${var.agents}"
      input: "\${noop.base.output}"
      depends_on: [noop.base]
      lifecycle:
        create_before_destroy: true
        prevent_destroy: false
        ignore_changes: [input]
        replace_triggered_by: [noop.base.output]
      update_policy: { group: members, max_batch_size: 2, min_in_service: 1 }
    noop.each:
      for_each: "\${toset(var.names)}"
      input: { key: "\${each.key}", tags: "\${local.tags}" }
      lifecycle: { ignore_changes: all }
      provider: gantry
  outputs:
    base: { value: "\${noop.base.output}", description: the base, sensitive: true, depends_on: [noop.base] }
`);

const TF_JSON = JSON.stringify(
  {
    "//": { metadata: { stackName: "agree" } },
    variable: {
      agents: {
        type: "number",
        default: 3,
        description: "how many",
        sensitive: false,
        nullable: false,
        validation: [{ condition: "${var.agents > 0}", error_message: "must be positive" }],
      },
      names: {
        type: "${list(string)}",
        default: ["a", "b"],
        validation: { condition: "${length(var.names) > 0}", error_message: "empty" },
      },
    },
    locals: { greeting: "hello ${var.agents}", tags: { "//": "dropped", env: "prod" } },
    resource: {
      gantry_noop: {
        base: { "//": { metadata: { path: "agree/base" } }, input: "${local.greeting}" },
        member: {
          count: "${var.agents}",
          input: "${gantry_noop.base.output}",
          depends_on: ["gantry_noop.base"],
          // Terraform's JSON block syntax: a nested block as a list of bodies.
          lifecycle: [
            {
              create_before_destroy: true,
              prevent_destroy: false,
              ignore_changes: ["input"],
              replace_triggered_by: ["gantry_noop.base.output"],
            },
          ],
          update_policy: { group: "members", max_batch_size: 2, min_in_service: 1 },
        },
        each: {
          for_each: "${toset(var.names)}",
          input: { key: "${each.key}", tags: "${local.tags}" },
          lifecycle: { ignore_changes: "all" },
          provider: "gantry",
        },
      },
    },
    output: {
      base: {
        value: "${gantry_noop.base.output}",
        description: "the base",
        sensitive: true,
        depends_on: ["gantry_noop.base"],
      },
    },
  },
  null,
  2,
);

const TF_HCL = dedent(`
  variable "agents" {
    type        = number
    default     = 3
    description = "how many"
    sensitive   = false
    nullable    = false
    validation {
      condition     = var.agents > 0
      error_message = "must be positive"
    }
  }

  variable "names" {
    type    = list(string)
    default = ["a", "b"]
    validation {
      condition     = length(var.names) > 0
      error_message = "empty"
    }
  }

  locals {
    greeting = "hello \${var.agents}"
  }

  locals {
    tags = { env = "prod" } # a second locals block
  }

  resource "gantry_noop" "base" {
    input = local.greeting
  }

  resource "gantry_noop" "member" {
    count      = var.agents
    input      = gantry_noop.base.output
    depends_on = [gantry_noop.base]
    lifecycle {
      create_before_destroy = true
      prevent_destroy       = false
      ignore_changes        = [input]
      replace_triggered_by  = [gantry_noop.base.output]
    }
    update_policy {
      group          = "members"
      max_batch_size = 2
      min_in_service = 1
    }
  }

  resource "gantry_noop" "each" {
    for_each = toset(var.names)
    input = {
      key  = each.key
      tags = local.tags
    }
    lifecycle {
      ignore_changes = all
    }
    provider = gantry
  }

  /* outputs */
  output "base" {
    value       = gantry_noop.base.output
    description = "the base"
    sensitive   = true
    depends_on  = [gantry_noop.base]
  }
`);

/**
 * The model without origins and without the source text of references (YAML writes "noop.a", tf.json
 * "gantry_noop.a"; both are "gantry_noop.a" in the model).
 */
function comparable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(comparable);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== "origin" && k !== "text") out[k] = comparable(x);
  return out;
}

async function models() {
  const yamlBag = new DiagnosticBag();
  const jsonBag = new DiagnosticBag();
  const hclBag = new DiagnosticBag();
  const yaml = parseNativeYaml("main.gantry.yaml", YAML, yamlBag);
  const json = parseTerraformJson("main.tf.json", TF_JSON, jsonBag);
  const hcl = await parseTerraformHcl("main.tf", TF_HCL, hclBag);
  assert.equal(yamlBag.items, []);
  assert.equal(jsonBag.items, []);
  assert.equal(hclBag.items, []);
  return { yaml, json, hcl };
}

/** Map entries in key order: HCL's converter writes object keys sorted, the other front ends as written. */
function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortedKeys((v as Record<string, unknown>)[k]);
  return out;
}

/** Declarations by name: HCL's converter gives them sorted by block type and name. */
function byName<T extends { name: string; key?: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => ((a.key ?? a.name) < (b.key ?? b.name) ? -1 : 1));
}

test("HCL gives the same model as tf.json (expressions as template strings)", async () => {
  const { json, hcl } = await models();
  assert.equal(sortedKeys(comparable(byName(hcl.resources))), sortedKeys(comparable(byName(json.resources))));
  assert.equal(sortedKeys(comparable(byName(hcl.variables))), sortedKeys(comparable(byName(json.variables))));
  assert.equal(sortedKeys(comparable(byName(hcl.locals))), sortedKeys(comparable(byName(json.locals))));
  assert.equal(sortedKeys(comparable(byName(hcl.outputs))), sortedKeys(comparable(byName(json.outputs))));
  const member = hcl.resources.find((r) => /^(gantry_)?noop\.member$/.test(r.key))!;
  assert.equal(member.properties.input.origin.path, ["resource", "gantry_noop", "member", 0, "input"]);
  assert.is(member.lifecycle.ignoreChanges.length, 1);
});

test("resources and their meta-arguments are the same model in YAML and tf.json", async () => {
  const { yaml, json } = await models();
  // one difference by design: Terraform's for_each takes only a map or a set of strings, YAML's a list of strings too
  const each = (rs: typeof json.resources) => rs.find((r) => r.key === "gantry_noop.each")!;
  assert.is(each(json.resources).forEachMapOrSet, true);
  assert.is(each(yaml.resources).forEachMapOrSet, undefined);
  delete each(json.resources).forEachMapOrSet;
  assert.equal(comparable(json.resources), comparable(yaml.resources));
  const member = json.resources.find((r) => r.key === "gantry_noop.member")!;
  assert.equal(member.updatePolicy, { group: "members", maxBatchSize: 2, minInService: 1 });
  assert.equal(member.lifecycle.createBeforeDestroy, true);
  assert.equal(member.lifecycle.ignoreChanges, ["input"]);
  assert.equal(
    member.lifecycle.replaceTriggeredBy.map((r) => r.ref),
    ["gantry_noop.base.output"],
  );
  assert.equal(
    member.dependsOn.map((r) => r.ref),
    ["gantry_noop.base"],
  );
  assert.is(member.count?.value.k, "ref");
  const yamlEach = each(yaml.resources);
  assert.is(yamlEach.lifecycle.ignoreChanges, "all");
  assert.is(yamlEach.forEach?.value.k, "call");
  assert.equal(Object.keys(yamlEach.properties), ["input"]);
});

test("variables with validation, locals and outputs are the same model in YAML and tf.json", async () => {
  const { yaml, json } = await models();
  assert.equal(comparable(json.variables), comparable(yaml.variables));
  assert.equal(comparable(json.locals), comparable(yaml.locals));
  assert.equal(comparable(json.outputs), comparable(yaml.outputs));
  const agents = json.variables[0];
  assert.equal([agents.type, agents.default, agents.description, agents.sensitive], ["number", 3, "how many", false]);
  assert.equal(json.variables[1].type, "list(string)");
  assert.equal(
    json.variables.map((v) => v.validations.map((r) => r.errorMessage)),
    [[{ k: "lit", v: "must be positive" }], [{ k: "lit", v: "empty" }]],
  );
  assert.equal(
    yaml.outputs[0].dependsOn.map((d) => d.ref),
    ["gantry_noop.base"],
  );
  assert.is(yaml.outputs[0].sensitive, true);
});

test("origins point into each file", async () => {
  const { yaml, json } = await models();
  const y = yaml.resources.find((r) => r.key === "gantry_noop.member")!;
  const j = json.resources.find((r) => r.key === "gantry_noop.member")!;
  assert.equal(y.properties.input.origin, {
    file: "main.gantry.yaml",
    path: ["resources", "noop.member", "input"],
    line: 23,
    column: 5,
  });
  assert.equal(j.properties.input.origin, {
    file: "main.tf.json",
    path: ["resource", "gantry_noop", "member", "input"],
  });
  assert.equal(j.lifecycle.replaceTriggeredBy[0].origin.path, [
    "resource",
    "gantry_noop",
    "member",
    "lifecycle",
    0,
    "replace_triggered_by",
    0,
  ]);
  assert.equal(y.lifecycle.replaceTriggeredBy[0].origin.path, [
    "resources",
    "noop.member",
    "lifecycle",
    "replace_triggered_by",
    0,
  ]);
  assert.equal(json.variables[0].validations[0].origin.path, ["variable", "agents", "validation", 0]);
  assert.equal(yaml.variables[0].validations[0].origin.path, ["variables", "agents", "validation", 0]);
});

// ---- the same mistakes ----

interface Mistake {
  name: string;
  yaml: string;
  json: unknown;
  /** The message, with the address as YAML writes it. */
  summary: string;
  /** Text of the source line the error points at, in either file. */
  line: RegExp;
  /** The same in HCL, with the message when it differs (an expression written as HCL does). */
  hcl: string;
  hclSummary?: string;
  hclLine?: RegExp;
}

const MISTAKES: Mistake[] = [
  {
    name: "bad count",
    yaml: "resources:\n  noop.a:\n    input: 1\n    count: [1, 2]\n",
    json: { resource: { gantry_noop: { a: { input: 1, count: [1, 2] } } } },
    summary: '"count" of resource noop.a must be a number or an expression string, got a list',
    line: /count/,
    hcl: 'resource "gantry_noop" "a" {\n  input = 1\n  count = [1, 2]\n}\n',
  },
  {
    name: "negative count",
    yaml: "resources:\n  noop.a:\n    count: -1\n",
    json: { resource: { gantry_noop: { a: { count: -1 } } } },
    summary: '"count" of resource noop.a must be a number or an expression string, got -1',
    line: /count/,
    hcl: 'resource "gantry_noop" "a" {\n  count = -1\n}\n',
  },
  {
    name: "bad lifecycle key",
    yaml: "resources:\n  noop.a:\n    lifecycle:\n      create_before_destroy: true\n      prevent_destory: true\n",
    json: { resource: { gantry_noop: { a: { lifecycle: { create_before_destroy: true, prevent_destory: true } } } } },
    summary:
      'unknown field "prevent_destory" in "lifecycle" of resource noop.a; ' +
      "expected one of create_before_destroy, prevent_destroy, ignore_changes, replace_triggered_by, precondition, " +
      "postcondition",
    line: /prevent_destory/,
    hcl:
      'resource "gantry_noop" "a" {\n  lifecycle {\n    create_before_destroy = true\n' +
      "    prevent_destory = true\n  }\n}\n",
  },
  {
    name: "bad lifecycle value",
    yaml: "resources:\n  noop.a:\n    lifecycle:\n      ignore_changes: everything\n",
    json: { resource: { gantry_noop: { a: { lifecycle: { ignore_changes: "everything" } } } } },
    summary:
      '"lifecycle.ignore_changes" of resource noop.a must be a list of attribute names or "all", got "everything"',
    line: /ignore_changes/,
    hcl: 'resource "gantry_noop" "a" {\n  lifecycle {\n    ignore_changes = "everything"\n  }\n}\n',
  },
  {
    name: "bad update_policy",
    yaml: "resources:\n  noop.a:\n    update_policy:\n      group: g\n      max_batch_size: 0\n",
    json: { resource: { gantry_noop: { a: { update_policy: { group: "g", max_batch_size: 0 } } } } },
    summary: '"update_policy.max_batch_size" of resource noop.a must be a whole number >= 1, got 0',
    line: /max_batch_size/,
    hcl: 'resource "gantry_noop" "a" {\n  update_policy {\n    group = "g"\n    max_batch_size = 0\n  }\n}\n',
  },
  {
    name: "update_policy without group",
    yaml: "resources:\n  noop.a:\n    update_policy:\n      max_batch_size: 2\n",
    json: { resource: { gantry_noop: { a: { update_policy: { max_batch_size: 2 } } } } },
    summary: 'missing required field "group" in "update_policy" of resource noop.a',
    line: /update_policy/,
    hcl: 'resource "gantry_noop" "a" {\n  update_policy {\n    max_batch_size = 2\n  }\n}\n',
  },
  {
    name: "unknown variable field",
    yaml: "variables:\n  v:\n    type: string\n    defualt: x\n",
    json: { variable: { v: { type: "string", defualt: "x" } } },
    summary:
      'unknown field "defualt" in variable "v"; ' +
      "expected one of type, default, description, sensitive, nullable, ephemeral, validation",
    line: /defualt/,
    hcl: 'variable "v" {\n  type = string\n  defualt = "x"\n}\n',
  },
  {
    name: "validation without error_message",
    yaml: 'variables:\n  v:\n    validation:\n      - condition: "${true}"\n',
    json: { variable: { v: { validation: [{ condition: "${true}" }] } } },
    summary: 'missing required field "error_message" in validation of variable "v"',
    // the rule: "- condition: ..." in YAML, its "{" in JSON
    line: /condition|\d+: +\{$/,
    hcl: 'variable "v" {\n  validation {\n    condition = true\n  }\n}\n',
    hclLine: /validation \{/,
  },
  {
    name: "output without value",
    yaml: "outputs:\n  o:\n    description: nothing\n",
    json: { output: { o: { description: "nothing" } } },
    summary: 'missing required field "value" in output "o"',
    line: /"?o"?:/,
    hcl: 'output "o" {\n  description = "nothing"\n}\n',
    hclLine: /output "o" \{/,
  },
  {
    name: "bad depends_on entry",
    yaml: "resources:\n  noop.a:\n    depends_on: [noop.b.id]\n",
    json: { resource: { gantry_noop: { a: { depends_on: ["gantry_noop.b.id"] } } } },
    summary: '"depends_on[0]" of resource noop.a must be a resource address such as "noop.a", got "noop.b.id"',
    line: /noop\.b\.id/,
    hcl: 'resource "gantry_noop" "a" {\n  depends_on = [gantry_noop.b.id]\n}\n',
    hclSummary: '"depends_on[0]" of resource noop.a must be a resource address such as "noop.a", got "${noop.b.id}"',
  },
];

/** Each formatted error: summary, and the "on FILE line L, column C" line with the source line under it. */
function located(d: Diagnostic, dir: string): { summary: string; where: string; source: string } {
  const lines = formatDiagnostic(d, dir, false).split("\n");
  return { summary: d.summary, where: lines[2] ?? "", source: lines[3] ?? "" };
}

for (const m of MISTAKES) {
  test(`same mistake, same message: ${m.name}`, async () => {
    const yamlDir = fixture({ "main.gantry.yaml": m.yaml });
    const jsonDir = fixture({ "main.tf.json": JSON.stringify(m.json, null, 2) });
    const hclDir = fixture({ "main.tf": m.hcl });
    const y = (await diagnosticsOf(() => loadConfig(yamlDir))).map((d) => located(d, yamlDir));
    const j = (await diagnosticsOf(() => loadConfig(jsonDir))).map((d) => located(d, jsonDir));
    const h = (await diagnosticsOf(() => loadConfig(hclDir))).map((d) => located(d, hclDir));
    assert.equal(
      h.map((d) => d.summary.replace(/gantry_noop\./g, "noop.")),
      [m.hclSummary ?? m.summary],
    );
    assert.match(
      h[0].where,
      /^ {2}on main\.tf line \d+, column \d+, in (resource "gantry_noop" "a"|variable "v"|output "o"):$/,
    );
    assert.match(h[0].source, m.hclLine ?? m.line);
    assert.equal(
      y.map((d) => d.summary),
      [m.summary],
    );
    // Terraform JSON spells addresses with the provider prefix; the message is otherwise the same.
    assert.equal(
      j.map((d) => d.summary.replace(/gantry_noop\./g, "noop.")),
      [m.summary],
    );
    assert.match(
      y[0].where,
      /^ {2}on main\.gantry\.yaml line \d+, column \d+, in (resource|variable|output) "[^"]+":$/,
    );
    assert.match(j[0].where, /^ {2}on main\.tf\.json line \d+, column \d+, in (resource|variable|output) "[^"]+":$/);
    assert.match(y[0].source, m.line);
    assert.match(j[0].source, m.line);
  });
}

test("same unknown property, same message (the type's schema, after the builder)", async () => {
  const yamlDir = fixture({ "main.gantry.yaml": "resources:\n  noop.a:\n    inptu: 1\n" });
  const jsonDir = fixture({
    "main.tf.json": JSON.stringify({ resource: { gantry_noop: { a: { inptu: 1 } } } }, null, 2),
  });
  const hclDir = fixture({ "main.tf": '# inptu = 0\nresource "gantry_noop" "a" {\n  inptu = 1\n}\n' });
  const out: string[] = [];
  for (const dir of [yamlDir, jsonDir, hclDir]) {
    const config = await loadConfig(dir);
    const bag = new DiagnosticBag();
    for (const r of config.resources.values())
      checkBlock(r, testEngine().types.get(r.type), testEngine().types.names(), bag);
    assert.is(bag.items.length, 1);
    out.push(formatDiagnostic(bag.items[0], dir, false));
  }
  assert.is(
    out[0],
    'Error: Unsupported property "inptu" in resource "gantry_noop.a"\n\n' +
      '  on main.gantry.yaml line 3, column 5, in resource "noop.a":\n' +
      "  3:     inptu: 1\n\n" +
      'Type "gantry_noop" accepts: input, triggers_replace.\n',
  );
  assert.is(
    out[1],
    'Error: Unsupported property "inptu" in resource "gantry_noop.a"\n\n' +
      '  on main.tf.json line 5, column 9, in resource "gantry_noop.a":\n' +
      '  5:         "inptu": 1\n\n' +
      'Type "gantry_noop" accepts: input, triggers_replace.\n',
  );
  assert.match(
    out[2],
    new RegExp(
      '^Error: Unsupported property "inptu" in resource "(gantry_)?noop\\.a"\n\n' +
        ' {2}on main\\.tf line 3, column 3, in resource "gantry_noop" "a":\n {2}3: {3}inptu = 1\n',
    ),
  );
});

test.run();
