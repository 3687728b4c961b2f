// data, check, moved and import blocks with modules, as Terraform 1.11 has them: a module's data resources and
// checks are its own (addresses 'module.m[0].data.TYPE.NAME'), its moved blocks move the objects of each of its
// instances, import blocks live in the root module only (their `to` may name a resource in a module); moved blocks
// move whole module calls and module instances, and across resource types where the destination type takes the
// object (null_resource → terraform_data, as Terraform's provider does). Each in HCL and in .tf.json.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { planToJson } from "../../cli/render-json.js";
import { renderPlan } from "../../cli/render-plan.js";
import { makeStyle } from "../../cli/style.js";
import type { GantryError } from "../../contract/diagnostics.js";
import { actions, configDir, makePlan, planAndApply, statePath, writeConfig } from "./harness.js";

const plain = makeStyle(false);

/** A configuration directory with files in subdirectories; objects are written as JSON. */

async function refused(p: Promise<unknown>): Promise<GantryError> {
  return p.then(
    () => assert.unreachable("must refuse") as never,
    (e: GantryError) => {
      assert.ok(e.diagnostics, String(e));
      return e;
    },
  );
}

/** Another configuration's state, with an output "greeting", for terraform_remote_state to read. */
async function otherState(): Promise<string> {
  const other = configDir({ "main.tf.json": JSON.stringify({ output: { greeting: { value: "hello" } } }) });
  await planAndApply(other);
  return statePath(other);
}

const webHcl = (state: string) => `
variable "name" {
  type = string
}

data "terraform_remote_state" "o" {
  backend = "local"
  config = {
    path = ${JSON.stringify(state)}
  }
}

resource "gantry_noop" "x" {
  input = "\${data.terraform_remote_state.o.outputs.greeting}-\${var.name}"
  lifecycle {
    precondition {
      condition     = var.name != "bad"
      error_message = "name \${var.name} is not allowed."
    }
  }
}

check "named" {
  assert {
    condition     = var.name == "w0"
    error_message = "\${var.name} is not w0."
  }
}

output "x" {
  value = gantry_noop.x.output
}
`;

const webJson = (state: string) => ({
  variable: { name: { type: "string" } },
  data: { terraform_remote_state: { o: { backend: "local", config: { path: state } } } },
  resource: {
    gantry_noop: {
      x: {
        input: "${data.terraform_remote_state.o.outputs.greeting}-${var.name}",
        lifecycle: {
          precondition: { condition: '${var.name != "bad"}', error_message: "name ${var.name} is not allowed." },
        },
      },
    },
  },
  check: { named: { assert: { condition: '${var.name == "w0"}', error_message: "${var.name} is not w0." } } },
  output: { x: { value: "${gantry_noop.x.output}" } },
});

for (const lang of ["hcl", "json"] as const) {
  test(`${lang}: a module's data resources, checks and preconditions are its own, per instance`, async () => {
    const state = await otherState();
    const module =
      lang === "hcl" ? { "modules/web/main.tf": webHcl(state) } : { "modules/web/main.tf.json": webJson(state) };
    const root =
      lang === "hcl"
        ? {
            "main.tf":
              'module "web" {\n  source = "./modules/web"\n  count  = 2\n  name   = "w${count.index}"\n}\n\n' +
              'output "xs" {\n  value = module.web[*].x\n}\n',
          }
        : {
            "main.tf.json": {
              module: { web: { source: "./modules/web", count: 2, name: "w${count.index}" } },
              output: { xs: { value: "${module.web[*].x}" } },
            },
          };
    const dir = configDir({ ...root, ...module });
    const p = await makePlan(dir);
    assert.equal(actions(p), { "module.web[0].gantry_noop.x": "create", "module.web[1].gantry_noop.x": "create" });
    assert.is(p.changes[0].after!.input, "hello-w0");
    assert.is(p.changes[1].after!.input, "hello-w1");
    // the check of the second instance fails: a warning located in the module's file
    assert.equal(
      p.warnings.map((w) => [w.summary, w.detail, w.origin?.file]),
      [["Check block assertion failed", "w1 is not w0.", `modules/web/main.tf${lang === "json" ? ".json" : ""}`]],
    );
    // the JSON plan's checks: one entry per object of the module (its address without instance keys), one
    // instance per module instance
    const checks = planToJson(p).checks as {
      address: Record<string, unknown>;
      status: string;
      instances: { address: Record<string, unknown> }[];
    }[];
    assert.equal(
      checks.map((c) => [c.address.to_display, c.address.module, c.status]),
      [
        ["module.web.check.named", "module.web", "fail"],
        ["module.web.gantry_noop.x", "module.web", "pass"],
      ],
    );
    assert.equal(checks[0].instances, [
      { address: { to_display: "module.web[0].check.named", module: "module.web[0]" }, status: "pass" },
      {
        address: { to_display: "module.web[1].check.named", module: "module.web[1]" },
        status: "fail",
        problems: [{ message: "w1 is not w0." }],
      },
    ]);
    assert.equal(
      checks[1].instances.map((i) => i.address.to_display),
      ["module.web[0].gantry_noop.x", "module.web[1].gantry_noop.x"],
    );
    const { state: after } = await planAndApply(dir);
    const rec = after.instances.get("module.web[1].data.terraform_remote_state.o")!;
    assert.is(rec.mode, "data");
    assert.is(rec.type, "terraform_remote_state");
    assert.match(readFileSync(statePath(dir), "utf8"), /"address":"module\.web\[0\]\.data\.terraform_remote_state\.o"/);
    assert.equal(actions(await makePlan(dir)), {
      "module.web[0].gantry_noop.x": "noop",
      "module.web[1].gantry_noop.x": "noop",
    });
    // a precondition in a module reads the module's own variables
    writeConfig(
      dir,
      lang === "hcl"
        ? { "main.tf": 'module "web" {\n  source = "./modules/web"\n  name   = "bad"\n}\n' }
        : { "main.tf.json": { module: { web: { source: "./modules/web", name: "bad" } } } },
    );
    const e = await refused(makePlan(dir));
    assert.equal(
      e.diagnostics.map((d) => [d.summary, d.detail]),
      [["Resource precondition failed", "name bad is not allowed."]],
    );
  });
}

test("a module's data resource with count: 'module.m.data.T.N[0]' in plan -json, state and -target", async () => {
  const state = await otherState();
  const dir = configDir({
    "main.tf": 'module "m" {\n  source = "./m"\n}\n',
    "m/main.tf": `
      data "terraform_remote_state" "o" {
        count   = 2
        backend = "local"
        config  = { path = ${JSON.stringify(state)} }
      }
      resource "gantry_noop" "n" {
        input      = [for d in data.terraform_remote_state.o : d.outputs.greeting]
        depends_on = [data.terraform_remote_state.o]
      }
    `,
  });
  const p = await makePlan(dir, { targets: ["module.m.data.terraform_remote_state.o[1]"] });
  assert.equal(actions(p), {});
  const { state: s } = await planAndApply(dir);
  assert.equal([...s.instances.keys()].sort(), [
    "module.m.data.terraform_remote_state.o[0]",
    "module.m.data.terraform_remote_state.o[1]",
    "module.m.gantry_noop.n",
  ]);
  assert.equal(s.instances.get("module.m.gantry_noop.n")!.attributes.input, ["hello", "hello"]);
  assert.equal(s.instances.get("module.m.gantry_noop.n")!.dependencies, ["module.m.data.terraform_remote_state.o"]);
});

test("a reference to a data resource the module does not declare is Terraform's error", async () => {
  const dir = configDir({
    "main.tf": 'module "m" {\n  source = "./m"\n}\n',
    "m/main.tf": 'resource "gantry_noop" "n" {\n  input = data.terraform_remote_state.nope.outputs\n}\n',
  });
  const e = await refused(makePlan(dir));
  assert.is(e.diagnostics[0].summary, 'Reference to undeclared resource "data.terraform_remote_state.nope"');
  assert.is(e.diagnostics[0].origin?.file, "m/main.tf");
});

for (const lang of ["hcl", "json"] as const) {
  test(`${lang}: a moved block in a module moves the objects of each of its instances`, async () => {
    // a set: Terraform refuses a tuple (a JSON array) as for_each
    const root = { "main.tf.json": { module: { m: { source: "./m", for_each: '${toset(["a", "b"])}' } } } };
    const dir = configDir({ ...root, "m/main.tf.json": { resource: { gantry_noop: { old: { input: 1 } } } } });
    const before = (await planAndApply(dir)).state;
    const ids = ["a", "b"].map((k) => before.instances.get(`module.m["${k}"].gantry_noop.old`)!.attributes.id);
    writeConfig(
      dir,
      lang === "hcl"
        ? {
            "m/main.tf.json": {},
            "m/main.tf":
              'resource "gantry_noop" "new" {\n  input = 1\n}\n\nmoved {\n  from = gantry_noop.old\n' +
              "  to   = gantry_noop.new\n}\n",
          }
        : {
            "m/main.tf.json": {
              resource: { gantry_noop: { new: { input: 1 } } },
              moved: { from: "gantry_noop.old", to: "gantry_noop.new" },
            },
          },
    );
    const p = await makePlan(dir);
    assert.equal(actions(p), { 'module.m["a"].gantry_noop.new': "noop", 'module.m["b"].gantry_noop.new': "noop" });
    assert.equal(
      p.changes.map((c) => c.previousAddress),
      ['module.m["a"].gantry_noop.old', 'module.m["b"].gantry_noop.old'],
    );
    assert.match(
      renderPlan(p, plain),
      /# module\.m\["a"\]\.gantry_noop\.old has moved to module\.m\["a"\]\.gantry_noop\.new/,
    );
    const { state } = await planAndApply(dir);
    assert.equal(
      ["a", "b"].map((k) => state.instances.get(`module.m["${k}"].gantry_noop.new`)!.attributes.id),
      ids,
    );
  });
}

test("import blocks: in the root only (an error in a module); `to` may name a resource in a module", async () => {
  const dir = configDir({
    "main.tf": 'module "m" {\n  source = "./m"\n}\n',
    "m/main.tf": 'resource "gantry_noop" "n" {\n  input = 1\n}\n\nimport {\n  to = gantry_noop.n\n  id = "x"\n}\n',
  });
  const e = await refused(makePlan(dir));
  assert.equal(
    e.diagnostics.map((d) => [d.summary, d.detail, d.origin?.file]),
    [
      [
        "Invalid import configuration",
        'An import block was detected in "module.m". Import blocks are only allowed in the root module.',
        "m/main.tf",
      ],
    ],
  );
  writeConfig(dir, {
    "m/main.tf": 'resource "gantry_noop" "n" {\n  input = 1\n}\n',
    "main.tf":
      'module "m" {\n  source = "./m"\n  count  = 1\n}\n\nimport {\n  to = module.m[0].gantry_noop.n\n' +
      '  id = "the-id"\n}\n',
  });
  const p = await makePlan(dir);
  assert.equal(actions(p), { "module.m[0].gantry_noop.n": "update" });
  assert.equal(p.changes[0].importing, { id: "the-id" });
  const { state } = await planAndApply(dir);
  assert.is(state.instances.get("module.m[0].gantry_noop.n")!.attributes.id, "the-id");
  // a target in a module instance that is not declared
  writeConfig(dir, {
    "main.tf.json": { module: { m: { source: "./m" } }, import: { to: "module.m.gantry_noop.zz", id: "a" } },
  });
  writeFileSync(join(dir, "main.tf"), "");
  const e2 = await refused(makePlan(dir));
  assert.is(e2.diagnostics[0].summary, "Configuration for import target does not exist");
});

test("moved: a module call renamed, module instances re-keyed (count to for_each): objects kept", async () => {
  const mod = {
    "m/main.tf": 'resource "gantry_noop" "n" {\n  input = 1\n}\nresource "gantry_noop" "k" {\n  input = 2\n}\n',
  };
  const dir = configDir({
    ...mod,
    "main.tf": 'module "a" {\n  source = "./m"\n}\n\nmodule "c" {\n  source = "./m"\n  count  = 2\n}\n',
  });
  const before = (await planAndApply(dir)).state;
  const idOf = (a: string) => before.instances.get(a)!.attributes.id;
  writeConfig(dir, {
    "main.tf": `
        module "b" {
          source = "./m"
        }
        module "c" {
          source   = "./m"
          for_each = toset(["x", "y"])
        }
        moved {
          from = module.a
          to   = module.b
        }
        moved {
          from = module.c[0]
          to   = module.c["x"]
        }
        moved {
          from = module.c[1]
          to   = module.c["y"]
        }
      `,
  });
  const p = await makePlan(dir);
  assert.equal(
    Object.entries(actions(p)).filter(([, a]) => a !== "noop"),
    [],
  );
  const prev = Object.fromEntries(p.changes.map((c) => [c.address, c.previousAddress]));
  assert.equal(prev, {
    "module.b.gantry_noop.n": "module.a.gantry_noop.n",
    "module.b.gantry_noop.k": "module.a.gantry_noop.k",
    'module.c["x"].gantry_noop.n': "module.c[0].gantry_noop.n",
    'module.c["x"].gantry_noop.k': "module.c[0].gantry_noop.k",
    'module.c["y"].gantry_noop.n': "module.c[1].gantry_noop.n",
    'module.c["y"].gantry_noop.k': "module.c[1].gantry_noop.k",
  });
  const json = planToJson(p) as { resource_changes: { address: string; previous_address?: string }[] };
  assert.ok(json.resource_changes.some((c) => c.previous_address === "module.a.gantry_noop.n"));
  const { state } = await planAndApply(dir);
  assert.is(state.instances.get("module.b.gantry_noop.n")!.attributes.id, idOf("module.a.gantry_noop.n"));
  assert.is(state.instances.get('module.c["y"].gantry_noop.k')!.attributes.id, idOf("module.c[1].gantry_noop.k"));
  // the old call still declared: Terraform's error, naming the call
  writeConfig(dir, {
    "main.tf":
      'module "b" {\n  source = "./m"\n}\nmodule "a" {\n  source = "./m"\n}\n' +
      "moved {\n  from = module.a\n  to   = module.b\n}\n",
  });
  const e = await refused(makePlan(dir));
  assert.is(e.diagnostics[0].summary, "Moved object still exists");
  assert.match(e.diagnostics[0].detail ?? "", /a move from module\.a, but that module call is still declared/);
  // a module facing a resource
  writeConfig(dir, {
    "main.tf": 'module "b" {\n  source = "./m"\n}\nmoved {\n  from = module.a\n  to   = gantry_noop.z\n}\n',
  });
  const e2 = await refused(makePlan(dir));
  assert.equal(
    [e2.diagnostics[0].summary, e2.diagnostics[0].detail],
    [
      'Invalid "moved" addresses',
      'The "from" and "to" addresses must either both refer to resources or both refer to modules.',
    ],
  );
});

for (const lang of ["hcl", "json"] as const) {
  test(`${lang}: moved across types: null_resource to terraform_data keeps its id and triggers`, async () => {
    const dir = configDir({ "main.tf.json": { resource: { null_resource: { a: { triggers: { v: "1" } } } } } });
    const id = (await planAndApply(dir)).state.instances.get("null_resource.a")!.attributes.id;
    writeConfig(
      dir,
      lang === "hcl"
        ? {
            "main.tf.json": {},
            "main.tf":
              'resource "terraform_data" "a" {\n  triggers_replace = { v = "1" }\n}\n\nmoved {\n' +
              "  from = null_resource.a\n  to   = terraform_data.a\n}\n",
          }
        : {
            "main.tf.json": {
              resource: { terraform_data: { a: { triggers_replace: { v: "1" } } } },
              moved: { from: "null_resource.a", to: "terraform_data.a" },
            },
          },
    );
    const p = await makePlan(dir);
    assert.equal(actions(p), { "terraform_data.a": "noop" });
    assert.is(p.changes[0].previousAddress, "null_resource.a");
    const before = readFileSync(statePath(dir), "utf8");
    const { state } = await planAndApply(dir);
    const rec = state.instances.get("terraform_data.a")!;
    assert.equal([rec.type, rec.attributes.id, rec.attributes.triggers_replace], ["terraform_data", id, { v: "1" }]);
    assert.not.ok(state.instances.has("null_resource.a"));
    assert.is.not(readFileSync(statePath(dir), "utf8"), before);
  });
}

test("moved across types that Terraform's providers refuse: the provider's error, state untouched", async () => {
  const dir = configDir({
    "main.tf.json": { resource: { null_resource: { a: {} }, gantry_noop: { b: { input: 1 } } } },
  });
  await planAndApply(dir);
  const before = readFileSync(statePath(dir), "utf8");
  const cases: [unknown, unknown, string, string][] = [
    [
      { gantry_noop: { a: {}, b: { input: 1 } } },
      { from: "null_resource.a", to: "gantry_noop.a" },
      "Unsupported `moved` across resource types",
      'The provider "registry.terraform.io/gantry/gantry" does not support moved operations across resource types ' +
        "and providers.",
    ],
    [
      { null_resource: { a: {} }, terraform_data: { b: {} } },
      { from: "gantry_noop.b", to: "terraform_data.b" },
      "Unsupported source provider for move operation",
      "Only moving from the official hashicorp/null provider to terraform_data is supported.",
    ],
  ];
  for (const [resource, moved, summary, detail] of cases) {
    writeConfig(dir, { "main.tf.json": { resource, moved } });
    const e = await refused(planAndApply(dir));
    assert.equal([e.diagnostics[0].summary, e.diagnostics[0].detail], [summary, detail]);
    assert.equal(e.diagnostics[0].origin?.path, ["moved"]);
    assert.is(readFileSync(statePath(dir), "utf8"), before);
  }
  // nothing recorded at `from`: nothing to move, no error (as Terraform checks only objects it moves)
  writeConfig(dir, {
    "main.tf.json": {
      resource: { null_resource: { a: {} }, gantry_noop: { b: { input: 1 } } },
      moved: { from: "null_resource.zz", to: "gantry_noop.zz" },
    },
  });
  assert.equal(actions(await makePlan(dir)), { "null_resource.a": "noop", "gantry_noop.b": "noop" });
});

test.run();
