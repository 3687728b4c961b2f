// Input variables through the engine, in .tf.json and YAML: type constraints with optional defaults, conversion
// errors in Terraform's words, nullable, validation rules, variable files and -var values in Terraform's precedence.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import type { GantryError } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import type { WorkspaceOptions } from "../../engine/workspace.js";
import { renderPlan } from "../../cli/render-plan.js";
import { makeStyle } from "../../cli/style.js";
import { testEngine } from "../engine-fixture.js";
import { configDir } from "./harness.js";

type WsOptions = Omit<WorkspaceOptions, "dir">;

async function outputs(dir: string, o: WsOptions = {}): Promise<Record<string, Value | undefined>> {
  const { plan } = await testEngine().plan(testEngine().workspace({ dir, ...o }), {});
  return Object.fromEntries(plan.outputs.map((x) => [x.name, x.after]));
}

async function errors(dir: string, o: WsOptions = {}): Promise<{ summary: string; detail?: string; line?: number }[]> {
  try {
    await testEngine().plan(testEngine().workspace({ dir, ...o }), {});
  } catch (e) {
    const g = e as GantryError;
    if (!g.diagnostics) throw e;
    return g.diagnostics.map((d) => ({ summary: d.summary, detail: d.detail, line: d.origin?.line }));
  }
  throw new Error("expected the plan to fail");
}

/** A .tf.json configuration with the given variables and one output per variable. */
function tfJson(variables: Record<string, unknown>, extra: Record<string, string> = {}): string {
  const output: Record<string, unknown> = {};
  for (const name of Object.keys(variables)) output[name] = { value: `\${var.${name}}` };
  return JSON.stringify({ variable: variables, output, resource: { gantry_noop: { n: {} } }, ...extra }, null, 2);
}

const SERVICES_TYPE =
  'map(object({ port = number, protocol = optional(string, "tcp"), ' +
  'health = optional(object({ path = optional(string, "/"), interval = optional(number, 10) }), {}) }))';

test(".tf.json: object types with nested optional defaults, converted at load time and from -var", async () => {
  const dir = configDir({
    "main.tf.json": tfJson({
      services: { type: SERVICES_TYPE, default: { web: { port: "80" } } },
      zones: { type: "${set(string)}", default: ["b", "a", "b"] },
      pair: { type: "tuple([string, bool])", default: [1, "true"] },
      legacy: { type: "list", default: [1, "x"] },
    }),
  });
  assert.equal(await outputs(dir), {
    services: { web: { port: 80, protocol: "tcp", health: { path: "/", interval: 10 } } },
    zones: ["a", "b"],
    pair: ["1", true],
    legacy: ["1", "x"],
  });
  const o = await outputs(dir, {
    vars: [
      'services={api = {port = 8080, health = {path = "/ok"}}, db = {port = "5432", protocol = "udp", extra = 1}}',
      'zones=["z"]',
    ],
  });
  assert.equal(o.services, {
    api: { port: 8080, protocol: "tcp", health: { path: "/ok", interval: 10 } },
    db: { port: 5432, protocol: "udp", health: { path: "/", interval: 10 } },
  });
  assert.equal(o.zones, ["z"]);
});

test("YAML: the same type constraints and values as .tf.json", async () => {
  const dir = configDir({
    "main.gantry.yaml": [
      "variables:",
      "  services:",
      `    type: '${SERVICES_TYPE}'`,
      "    default: { web: { port: '80' } }",
      "  flags: { type: 'map(bool)', default: { a: 'true', b: '0' } }",
      "outputs:",
      "  services: { value: '${var.services}' }",
      "  flags: { value: '${var.flags}' }",
      "resources:",
      "  noop.n: {}",
    ].join("\n"),
  });
  assert.equal(await outputs(dir), {
    services: { web: { port: 80, protocol: "tcp", health: { path: "/", interval: 10 } } },
    flags: { a: true, b: false },
  });
});

test("invalid values: Terraform's summary and detail, naming the source", async () => {
  const dir = configDir({
    "main.tf.json": tfJson({
      obj: { type: "object({a = string, b = string})", default: { a: "x", b: "y" } },
      n: { type: "number", default: 1 },
      s: { type: "string", sensitive: true, default: "x" },
    }),
    "bad.tfvars": 'obj = { a = "x" }\n\ns = ["secret"]\n',
  });
  const errs = await errors(dir, { vars: ["n=many"], varFiles: [join(dir, "bad.tfvars")] });
  assert.equal(
    errs.map((e) => e.summary),
    ["Invalid value for input variable", "Invalid value for input variable", "Invalid value for input variable"],
  );
  assert.match(
    errs[0].detail!,
    /^The given value is not suitable for var\.obj declared at main\.tf\.json:3,\d+: attribute "b" is required\.$/,
  );
  assert.is(errs[0].line, 1);
  assert.is(errs[1].detail, 'Unsuitable value for var.n set using -var="n=...": a number is required.');
  assert.match(
    errs[2].detail!,
    new RegExp(
      "^The given value is not suitable for var\\.s, which is sensitive: string required, but have tuple\\. " +
        "Invalid value defined at .*bad\\.tfvars:3,1\\.$",
    ),
  );
  assert.not.match(errs[2].detail!, /secret/);
});

test("invalid types and defaults are refused when the configuration loads, located", async () => {
  const dir = configDir({
    "main.tf.json": tfJson({
      a: { type: "list(strng)" },
      b: { type: "object({x = number})", default: { x: "one" } },
      c: { type: "string", nullable: false, default: null },
      d: { type: "string", ephemeral: true },
    }),
  });
  const errs = await errors(dir);
  assert.equal(
    errs.map((e) => e.summary),
    [
      'Invalid type specification in "type" of variable "a": The keyword "strng" is not a valid type specification.',
      'Invalid default value for variable "b"',
      'Invalid default value for variable "c"',
      '"ephemeral" of variable "d" is not supported',
    ],
  );
  assert.is(
    errs[1].detail,
    "This default value is not compatible with the variable's type constraint: a number is required.",
  );
  assert.is(errs[2].detail, "A null default value is not valid when nullable=false.");
});

test("nullable: null stays null by default; nullable = false takes the default or refuses", async () => {
  const dir = configDir({
    "main.tf.json": tfJson({
      open: { type: "string", default: "d" },
      closed: { type: "string", default: "d", nullable: false },
      required: { type: "string", nullable: false },
    }),
  });
  const o = await outputs(dir, { values: { open: null, closed: null, required: "r" } });
  assert.equal([o.open, o.closed, o.required], [null, "d", "r"]);
  const errs = await errors(dir, { values: { required: null } });
  assert.equal(errs[0], {
    summary: "Required variable not set",
    detail:
      "Unsuitable value for var.required set from outside of the configuration: " +
      "required variable may not be set to null.",
    line: errs[0].line,
  });
  const fromFile = configDir({
    "main.tf.json": tfJson({ required: { type: "string", nullable: false } }),
    "terraform.tfvars": "required = null\n",
  });
  const [e] = await errors(fromFile);
  assert.match(
    e.detail!,
    new RegExp(
      "^The given value is not suitable for var\\.required defined at main\\.tf\\.json:\\d+,\\d+: " +
        "required variable may not be set to null\\.$",
    ),
  );
  assert.is(e.line, 1);
});

test("validation: every rule in order, all failures reported, conditions may use other variables", async () => {
  const dir = configDir({
    "main.tf.json": tfJson({
      min: { type: "number", default: 2 },
      names: {
        type: "list(string)",
        default: ["ok"],
        validation: [
          { condition: "${length(var.names) >= var.min}", error_message: "Give at least ${var.min} names." },
          { condition: '${!contains(var.names, "")}', error_message: "no empty names" },
          { condition: "${length(var.names) < 10}", error_message: "at most ten" },
        ],
      },
    }),
  });
  const errs = await errors(dir);
  assert.equal(
    errs.map((e) => e.summary),
    ['Invalid value for variable "names"'],
  );
  assert.match(
    errs[0].detail!,
    /^Give at least 2 names\.\n\nThis was checked by the validation rule at main\.tf\.json:\d+,\d+\.$/,
  );
  const two = await errors(dir, { vars: ['names=["a", ""]', "min=3"] });
  assert.equal(
    two.map((e) => e.detail!.split("\n")[0]),
    ["Give at least 3 names.", "no empty names"],
  );
  assert.equal((await outputs(dir, { vars: ['names=["a","b"]'] })).names, ["a", "b"]);
  // A refused value and a failed rule are reported together; rules that use the refused variable are not run.
  const both = await errors(dir, { vars: ["min=two", 'names=[""]'] });
  assert.equal(
    both.map((e) => e.summary),
    ["Invalid value for input variable", 'Invalid value for variable "names"'],
  );
  assert.match(both[1].detail!, /^no empty names/);
});

test("variable files: terraform.tfvars < *.auto.tfvars (lexical) < -var-file and -var in argv order", async () => {
  const dir = configDir({
    "main.gantry.yaml": [
      "variables:",
      "  a: { type: string }",
      "  b: { type: string }",
      "  c: { type: 'list(number)' }",
      "  d: { type: 'map(string)' }",
      "outputs:",
      "  a: { value: '${var.a}' }",
      "  b: { value: '${var.b}' }",
      "  c: { value: '${var.c}' }",
      "  d: { value: '${var.d}' }",
      "resources:",
      "  noop.n: {}",
    ].join("\n"),
    "terraform.tfvars": 'a = "tfvars"\nb = "tfvars"\nc = [1]\nd = { k = "tfvars" }\n',
    "b.auto.tfvars": 'b = "b.auto"\nc = [2, "3"]\n',
    "a.auto.tfvars.json": JSON.stringify({ b: "a.auto", d: { k: "a.auto" } }),
    "x.tfvars": 'd = { k = "x" }\n',
  });
  assert.equal(await outputs(dir), { a: "tfvars", b: "b.auto", c: [2, 3], d: { k: "a.auto" } });
  const ordered = await outputs(dir, {
    variableOrder: [
      { kind: "var", value: 'd={k="cli"}' },
      { kind: "file", value: join(dir, "x.tfvars") },
      { kind: "var", value: "a=cli" },
    ],
  });
  assert.equal(ordered, { a: "cli", b: "b.auto", c: [2, 3], d: { k: "x" } });
});

test("sensitive variables of complex types are hidden in the plan", async () => {
  const dir = configDir({
    "main.tf.json": JSON.stringify({
      variable: { creds: { type: "object({user = string, password = string})", sensitive: true } },
      resource: { gantry_noop: { d: { input: "${var.creds.password}" } } },
    }),
  });
  const ws = testEngine().workspace({ dir, vars: ['creds={user="u", password="hunter2"}'] });
  const { plan } = await testEngine().plan(ws, {});
  const text = renderPlan(plan, makeStyle(false));
  assert.not.match(text, /hunter2/);
  assert.match(text, /\(sensitive value\)/);
});

test.run();
