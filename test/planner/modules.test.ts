// Terraform modules: local sources loaded with the same front ends, inputs checked against variables, outputs,
// nesting, count/for_each on calls, path.module, dependencies and destroy order across module boundaries, -target of
// a module, state mv into and out of modules, addresses in plan -json and state, and the errors Terraform gives.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { GantryError } from "../../contract/diagnostics.js";
import { addressMatches, moduleOf, parseAddress, parseReference, resourceKeyOf } from "../../planner/addresses.js";
import type { ApplyEvent } from "../../planner/apply.js";
import { planToJson, stateToJson } from "../../cli/render-json.js";
import { testEngine } from "../engine-fixture.js";
import { actions, configDir, loadStateAt, makePlan, planAndApply, statePath } from "./harness.js";

/** A configuration directory with files in subdirectories ("modules/web/main.tf.json"). */

async function planError(dir: string): Promise<GantryError> {
  try {
    await makePlan(dir);
  } catch (e) {
    if (e instanceof GantryError) return e;
    throw e;
  }
  throw new Error("expected the plan to fail");
}

/** Apply events in order; `before(a, b)`: a completed before b started. */
function recorder() {
  const events: ApplyEvent[] = [];
  const at = (kind: ApplyEvent["kind"], address: string) =>
    events.findIndex((e) => e.kind === kind && "address" in e && e.address === address);
  return {
    onEvent: (e: ApplyEvent) => events.push(e),
    before(a: string, b: string) {
      const done = at("complete", a);
      const start = at("start", b);
      assert.ok(done >= 0 && start >= 0 && done < start, `${a} should complete before ${b} starts`);
    },
  };
}

const WEB = {
  variable: { name: {}, extra: { default: "e" } },
  locals: { full: "${var.name}/${var.extra}" },
  resource: { gantry_noop: { x: { input: "${local.full}" } } },
  module: { inner: { source: "../inner", v: "${gantry_noop.x.output}" } },
  output: { out: { value: "${module.inner.p}" }, dir: { value: "${path.module}" }, x: { value: "${gantry_noop.x}" } },
};
const INNER = {
  variable: { v: {} },
  resource: { gantry_noop: { n: { input: "${var.v}" } } },
  output: { p: { value: "${gantry_noop.n.output}" } },
};

test("addresses: module paths parse, match and round-trip in one place", () => {
  const p = parseAddress('module.a["x"].gantry_file.f[0]')!;
  assert.equal(
    [p.module, p.type, p.name, p.key, p.resourceKey],
    ['module.a["x"]', "gantry_file", "f", 0, 'module.a["x"].gantry_file.f'],
  );
  const m = parseAddress("module.a")!;
  assert.ok(m.wholeModule);
  assert.ok(addressMatches(m, "module.a.module.b.null_resource.n"));
  assert.ok(addressMatches(m, 'module.a["k"].gantry_noop.x'));
  assert.not.ok(addressMatches(m, "module.ab.gantry_noop.x"));
  assert.not.ok(addressMatches(parseAddress("module.a[0]")!, "module.a[1].gantry_noop.x"));
  assert.is(resourceKeyOf('module.a["x[0]"].gantry_noop.x[3]'), 'module.a["x[0]"].gantry_noop.x');
  assert.is(resourceKeyOf("gantry_noop.x[3]"), "gantry_noop.x");
  assert.is(moduleOf("module.a.module.b[2].null_resource.n"), "module.a.module.b[2]");
  assert.is(moduleOf("null_resource.n"), "");
  const r = parseReference("module.a.gantry_noop.x[1].id")!;
  assert.equal([r.address.resourceKey, r.address.key, r.attributes], ["module.a.gantry_noop.x", 1, ["id"]]);
  assert.is(parseAddress("module."), undefined);
  assert.is(parseAddress("module.a.gantry_noop"), undefined);
});

test("nested modules, count and for_each on calls, outputs, path.module; a second plan changes nothing", async () => {
  const dir = configDir({
    "main.tf.json": {
      variable: { n: { default: 2 } },
      resource: { gantry_noop: { root: { input: "r" } } },
      module: {
        a: { source: "./modules/web", name: "${gantry_noop.root.output}" },
        b: { source: "./modules/web", count: "${var.n}", name: "b${count.index}" },
        c: { source: "./modules/web", for_each: { x: "1", y: "2" }, name: "${each.key}-${each.value}" },
      },
      output: {
        a_out: { value: "${module.a.out}" },
        b_out: { value: "${module.b[var.n - 1].out}" },
        c_all: { value: "${module.c}" },
        b_len: { value: "${length(module.b)}" },
        dir: { value: "${module.a.dir}" },
      },
    },
    "modules/web/main.tf.json": WEB,
    "modules/inner/main.tf.json": INNER,
  });
  const { plan, state } = await planAndApply(dir);
  assert.equal(Object.keys(actions(plan)).sort(), [
    "gantry_noop.root",
    "module.a.gantry_noop.x",
    "module.a.module.inner.gantry_noop.n",
    "module.b[0].gantry_noop.x",
    "module.b[0].module.inner.gantry_noop.n",
    "module.b[1].gantry_noop.x",
    "module.b[1].module.inner.gantry_noop.n",
    'module.c["x"].gantry_noop.x',
    'module.c["x"].module.inner.gantry_noop.n',
    'module.c["y"].gantry_noop.x',
    'module.c["y"].module.inner.gantry_noop.n',
  ]);
  assert.is(state.outputs.a_out.value, "r/e");
  assert.is(state.outputs.b_out.value, "b1/e");
  assert.is(state.outputs.b_len.value, 2);
  assert.is(state.outputs.dir.value, join(dir, "modules/web"));
  const all = state.outputs.c_all.value as Record<string, Record<string, unknown>>;
  assert.equal(Object.keys(all), ["x", "y"]);
  assert.is(all.y.out, "y-2/e");
  assert.is((all.x.x as Record<string, unknown>).input, "x-1/e");
  // state records the module of each resource, as Terraform's does, and addresses round-trip
  const raw = JSON.parse(readFileSync(statePath(dir), "utf8"));
  const rec = raw.resources.find((r: { address: string }) => r.address === 'module.c["y"].module.inner.gantry_noop.n');
  assert.equal([rec.module, rec.type, rec.name], ['module.c["y"].module.inner', "gantry_noop", "n"]);
  const again = await makePlan(dir);
  assert.ok(Object.values(actions(again)).every((a) => a === "noop"));
  // fewer instances: the instance that is gone is destroyed with all that is in it
  const fewer = await makePlan(dir, { vars: { n: 1 } });
  const gone = Object.entries(actions(fewer))
    .filter(([, a]) => a === "delete")
    .map(([k]) => k);
  assert.equal(gone.sort(), ["module.b[1].gantry_noop.x", "module.b[1].module.inner.gantry_noop.n"]);
});

test("plan -json: addresses and module_address as Terraform's; show -json nests child_modules", async () => {
  const dir = configDir({
    "main.tf.json": { module: { a: { source: "./m", count: 1, v: "1" } } },
    "m/main.tf.json": INNER,
  });
  const plan = await makePlan(dir);
  const json = planToJson(plan) as { resource_changes: Record<string, unknown>[] };
  assert.equal(
    json.resource_changes.map((c) => [c.address, c.module_address, c.type, c.name]),
    [["module.a[0].gantry_noop.n", "module.a[0]", "gantry_noop", "n"]],
  );
  const { state } = await planAndApply(dir);
  const shown = stateToJson(state) as { values: { root_module: Record<string, any> } };
  const rootModule = shown.values.root_module;
  assert.equal(rootModule.resources, []);
  assert.is(rootModule.child_modules[0].address, "module.a[0]");
  assert.is(rootModule.child_modules[0].resources[0].address, "module.a[0].gantry_noop.n");
});

test("dependencies cross module boundaries by inputs and outputs; a call's depends_on covers all in it", async () => {
  const dir = configDir({
    "main.tf.json": {
      resource: {
        gantry_noop: {
          first: { input: "1" },
          gate: { input: "g" },
          last: { input: "${module.one.p}" },
        },
      },
      module: {
        one: { source: "./inner", v: "${gantry_noop.first.output}" },
        two: { source: "./inner", v: "constant", depends_on: ["gantry_noop.gate"] },
      },
    },
    "inner/main.tf.json": INNER,
  });
  const rec = recorder();
  await planAndApply(dir, { parallelism: 10, onEvent: rec.onEvent });
  rec.before("gantry_noop.first", "module.one.gantry_noop.n");
  rec.before("module.one.gantry_noop.n", "gantry_noop.last");
  rec.before("gantry_noop.gate", "module.two.gantry_noop.n");
  // and destroy goes the other way
  const down = recorder();
  await planAndApply(dir, { mode: "destroy", onEvent: down.onEvent });
  down.before("gantry_noop.last", "module.one.gantry_noop.n");
  down.before("module.one.gantry_noop.n", "gantry_noop.first");
  down.before("module.two.gantry_noop.n", "gantry_noop.gate");
  assert.is(loadStateAt(dir).instances.size, 0);
});

test("-target of a module targets everything in it (and what it depends on)", async () => {
  const dir = configDir({
    "main.tf.json": {
      resource: { gantry_noop: { base: { input: "b" }, other: { input: "o" } } },
      module: { a: { source: "./web", name: "${gantry_noop.base.output}" } },
    },
    "web/main.tf.json": WEB,
    "inner/main.tf.json": INNER,
  });
  const plan = await makePlan(dir, { targets: ["module.a"] });
  assert.equal(Object.keys(actions(plan)).sort(), [
    "gantry_noop.base",
    "module.a.gantry_noop.x",
    "module.a.module.inner.gantry_noop.n",
  ]);
  const nested = await makePlan(dir, { targets: ["module.a.module.inner"] });
  assert.ok("module.a.module.inner.gantry_noop.n" in actions(nested));
  assert.not.ok("gantry_noop.other" in actions(nested));
});

test("state mv into and out of a module, and of a whole module; the next plan agrees", async () => {
  const dir = configDir({
    "main.tf.json": { resource: { gantry_noop: { x: { input: "1" } } }, module: { a: { source: "./m", v: "1" } } },
    "m/main.tf.json": INNER,
  });
  await planAndApply(dir);
  const engine = testEngine();
  const ws = engine.workspace({ dir });
  // a resource moved into a module, a module's resource out of it
  await engine.moveState(ws, "gantry_noop.x", "module.a.gantry_noop.moved_in");
  await engine.moveState(ws, "module.a.gantry_noop.n", "gantry_noop.n");
  assert.equal(await engine.listState(ws), ["gantry_noop.n", "module.a.gantry_noop.moved_in"]);
  assert.is((await engine.showState(ws, "module.a.gantry_noop.moved_in")).attributes.input, "1");
  await engine.moveState(ws, "module.a.gantry_noop.moved_in", "gantry_noop.x");
  await engine.moveState(ws, "gantry_noop.n", "module.a.gantry_noop.n");
  // a whole module: the configuration renamed it too, so nothing changes
  await engine.moveState(ws, "module.a", "module.b");
  assert.equal(await engine.listState(ws), ["gantry_noop.x", "module.b.gantry_noop.n"]);
  writeFileSync(
    join(dir, "main.tf.json"),
    JSON.stringify({ resource: { gantry_noop: { x: { input: "1" } } }, module: { b: { source: "./m", v: "1" } } }),
  );
  const plan = await makePlan(dir);
  assert.equal(actions(plan), { "gantry_noop.x": "noop", "module.b.gantry_noop.n": "noop" });
  await engine.removeState(ws, ["module.b"]);
  assert.equal(await engine.listState(ws), ["gantry_noop.x"]);
});

test("inputs are checked against the module's variables, with Terraform's messages, located", async () => {
  const dir = configDir({
    "main.tf.json": { module: { a: { source: "./m", zzz: 1 } } },
    "m/main.tf.json": INNER,
  });
  const e = await planError(dir);
  const summaries = e.diagnostics.map((d) => d.summary);
  assert.equal(summaries, ["Unsupported argument", "Missing required argument"]);
  assert.match(e.diagnostics[0].detail ?? "", 'An argument named "zzz" is not expected here');
  assert.equal(e.diagnostics[0].origin?.path, ["module", "a", "zzz"]);
  assert.match(e.diagnostics[1].detail ?? "", 'The argument "v" is required');
});

test("errors: module not found and remote sources exit 1, located, state byte-for-byte unchanged", async () => {
  const dir = configDir({
    "main.tf.json": { resource: { gantry_noop: { x: { input: "1" } } } },
  });
  await planAndApply(dir);
  const before = readFileSync(statePath(dir), "utf8");
  writeFileSync(
    join(dir, "main.tf.json"),
    JSON.stringify({
      resource: { gantry_noop: { x: { input: "2" } } },
      module: { gone: { source: "./modules/none" }, reg: { source: "hashicorp/consul/aws" } },
    }),
  );
  let failed: unknown;
  try {
    await planAndApply(dir);
  } catch (e) {
    failed = e;
  }
  assert.ok(failed instanceof GantryError);
  const [notFound, remote] = (failed as GantryError).diagnostics;
  assert.is(notFound.summary, "Unreadable module directory");
  assert.match(notFound.detail ?? "", "./modules/none");
  assert.equal(notFound.origin?.file, "main.tf.json");
  assert.equal(notFound.origin?.path, ["module", "gone", "source"]);
  assert.is(remote.summary, 'Unsupported module source "hashicorp/consul/aws"');
  assert.match(remote.detail ?? "", "only local module paths");
  assert.is(readFileSync(statePath(dir), "utf8"), before);
});

test("errors inside a module are located in the module's file; references to undeclared things are named", async () => {
  const dir = configDir({
    "main.tf.json": {
      module: { a: { source: "./m", count: 2 } },
      output: { o: { value: "${module.nope.x}" }, p: { value: "${module.a[0].nope}" } },
    },
    "m/main.tf.json": { resource: { gantry_noop: { n: { input: "${var.missing}" } } } },
  });
  const e = await planError(dir);
  const byText = e.diagnostics.map((d) => [d.summary, d.origin?.file]);
  assert.ok(byText.some(([s, f]) => s === "Unsupported attribute" && f === "main.tf.json"));
  // one message per block, not one per module instance
  assert.is(byText.filter(([s]) => s === 'Reference to undeclared input variable "missing"').length, 1);
  assert.ok(
    byText.some(([s, f]) => s === 'Reference to undeclared input variable "missing"' && f === "m/main.tf.json"),
  );
  assert.ok(byText.some(([s, f]) => s === 'Reference to undeclared module "nope"' && f === "main.tf.json"));
});

test("a cycle through a module names the module's paths", async () => {
  const dir = configDir({
    "main.tf.json": {
      resource: { gantry_noop: { a: { input: "${module.m.p}" } } },
      module: { m: { source: "./m", v: "${gantry_noop.a.output}" } },
    },
    "m/main.tf.json": INNER,
  });
  const e = await planError(dir);
  assert.match(e.diagnostics[0].summary, /^Cycle: /);
  assert.match(e.diagnostics[0].summary, "module.m.var.v");
  assert.match(e.diagnostics[0].summary, "module.m.gantry_noop.n");
});

test("a module's count must be known when planning", async () => {
  const dir = configDir({
    "main.tf.json": {
      resource: { gantry_noop: { a: { input: "1" } } },
      module: { m: { source: "./m", count: "${length(gantry_noop.a.id)}", v: "1" } },
    },
    "m/main.tf.json": INNER,
  });
  const e = await planError(dir);
  assert.is(e.diagnostics[0].summary, 'The count of "module.m" depends on values known only after apply');
});

test("inputs are converted to their type and validated; depends_on = [module.x]", async () => {
  const typed = {
    variable: {
      n: { type: "number", validation: { condition: "${var.n < 10}", error_message: "n must be below 10." } },
    },
    resource: { gantry_noop: { n: { input: "${var.n + 1}" } } },
  };
  const dir = configDir({
    "main.tf.json": {
      module: { a: { source: "./m", n: "3" } },
      resource: { gantry_noop: { after: { input: "x", depends_on: ["module.a"] } } },
    },
    "m/main.tf.json": typed,
  });
  const rec = recorder();
  const { state } = await planAndApply(dir, { onEvent: rec.onEvent });
  assert.is(state.instances.get("module.a.gantry_noop.n")?.attributes.input, 4);
  rec.before("module.a.gantry_noop.n", "gantry_noop.after");
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ module: { a: { source: "./m", n: 12 } } }));
  const e = await planError(dir);
  assert.is(e.diagnostics[0].summary, "Invalid value for variable");
  assert.match(
    e.diagnostics[0].detail ?? "",
    /^n must be below 10\.\n\nThis was checked by the validation rule of module\.a\.var\.n/,
  );
  assert.equal(e.diagnostics[0].origin?.path, ["module", "a", "n"]);
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ module: { a: { source: "./m", n: "many" } } }));
  const e2 = await planError(dir);
  assert.is(e2.diagnostics[0].summary, "Invalid value for input variable");
  assert.match(
    e2.diagnostics[0].detail ?? "",
    "The given value is not suitable for module.a.var.n declared at m/main.tf.json",
  );
});

test("a module call removed from the configuration: everything in it is destroyed, dependents first", async () => {
  const dir = configDir({
    "main.tf.json": { module: { a: { source: "./web", name: "n" } } },
    "web/main.tf.json": WEB,
    "inner/main.tf.json": INNER,
  });
  await planAndApply(dir);
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ resource: { gantry_noop: { keep: { input: 1 } } } }));
  const rec = recorder();
  const { plan, state } = await planAndApply(dir, { onEvent: rec.onEvent });
  assert.equal(actions(plan), {
    "gantry_noop.keep": "create",
    "module.a.gantry_noop.x": "delete",
    "module.a.module.inner.gantry_noop.n": "delete",
  });
  rec.before("module.a.module.inner.gantry_noop.n", "module.a.gantry_noop.x");
  assert.equal([...state.instances.keys()], ["gantry_noop.keep"]);
});

test("a module's sensitive outputs and variables make what uses them sensitive", async () => {
  const dir = configDir({
    "main.tf.json": {
      module: { a: { source: "./m", secret: "hunter2" } },
      resource: { gantry_noop: { user: { input: "${module.a.token}" } } },
    },
    "m/main.tf.json": {
      variable: { secret: { sensitive: true } },
      resource: { gantry_noop: { inner: { input: "${var.secret}" } } },
      output: { token: { value: "t-${gantry_noop.inner.id}", sensitive: true } },
    },
  });
  const plan = await makePlan(dir);
  const bySensitive = Object.fromEntries(plan.changes.map((c) => [c.address, c.sensitive ?? []]));
  assert.ok(bySensitive["module.a.gantry_noop.inner"].includes("input"));
  assert.ok(bySensitive["gantry_noop.user"].includes("input"));
  writeFileSync(
    join(dir, "main.tf.json"),
    JSON.stringify({ module: { a: { source: "./m", secret: "x" } }, output: { o: { value: "${module.a.token}" } } }),
  );
  const e = await planError(dir);
  assert.is(e.diagnostics[0].summary, 'Output "o" refers to sensitive values');
});

test("HCL: for_each over a set, depends_on a resource, a for expression over module.NAME", async () => {
  const dir = configDir({
    "main.tf": [
      'variable "names" {',
      "  type    = set(string)",
      '  default = ["a", "b"]',
      "}",
      'module "web" {',
      '  source     = "./modules/web"',
      "  for_each   = var.names",
      "  name       = each.key",
      "  depends_on = [null_resource.first]",
      "}",
      'resource "null_resource" "first" {}',
      'output "ids" {',
      "  value = { for k, m in module.web : k => m.id }",
      "}",
      "",
    ].join("\n"),
    "modules/web/main.tf": [
      'variable "name" {',
      "  type = string",
      "}",
      'resource "terraform_data" "d" {',
      '  input = "${var.name}!"',
      "}",
      'output "id" {',
      "  value = terraform_data.d.output",
      "}",
      "",
    ].join("\n"),
  });
  const rec = recorder();
  const { state } = await planAndApply(dir, { onEvent: rec.onEvent });
  assert.equal(state.outputs.ids.value, { a: "a!", b: "b!" });
  rec.before("null_resource.first", 'module.web["a"].terraform_data.d');
  rec.before("null_resource.first", 'module.web["b"].terraform_data.d');
});

test("YAML calls modules too (a modules section), and a YAML module may be called from Terraform JSON", async () => {
  const dir = configDir({
    "main.gantry.yaml": [
      "modules:",
      "  y:",
      "    source: ./ym",
      "    v: from-yaml",
      "outputs:",
      '  o: { value: "${module.y.p}" }',
      "",
    ].join("\n"),
    "main.tf.json": { module: { j: { source: "./ym", v: "from-json" } } },
    "ym/main.gantry.yaml": [
      "variables:",
      "  v: {}",
      "resources:",
      '  noop.n: { input: "${var.v}" }',
      "outputs:",
      '  p: { value: "${noop.n.output}" }',
      "",
    ].join("\n"),
  });
  const { state } = await planAndApply(dir);
  assert.is(state.outputs.o.value, "from-yaml");
  assert.is(state.instances.get("module.j.gantry_noop.n")?.attributes.input, "from-json");
});

test("a saved plan carries its modules' files: it applies with the module directory gone", async () => {
  const dir = configDir({
    "main.tf.json": { module: { a: { source: "./m", v: "saved" } } },
    "m/main.tf.json": INNER,
  });
  const engine = testEngine();
  const ws = engine.workspace({ dir });
  const outcome = await engine.plan(ws);
  const file = join(dir, "saved.plan");
  engine.savePlan(file, ws, outcome);
  rmSync(join(dir, "m"), { recursive: true });
  const applied = await engine.applySaved(file, {});
  assert.is(applied.status, "applied");
  assert.is(loadStateAt(dir).instances.get("module.a.gantry_noop.n")?.attributes.input, "saved");
});

test("each module instance's local host is its own: own root, own address, own files (no collision)", async () => {
  const dir = configDir({
    "main.tf": `
module "site" {
  source   = "./modules/site"
  for_each = toset(["a", "b"])
  text     = "hello \${each.key}"
}
module "counted" {
  source = "./modules/site"
  count  = 2
  text   = "count \${count.index}"
}
output "roots" { value = { for k, m in module.site : k => m.root } }
`,
    "modules/site/main.tf": `
variable "text" {}
resource "gantry_host" "h" { driver = "local" }
resource "gantry_file" "f" {
  host    = gantry_host.h
  path    = "/srv/index.html"
  content = var.text
}
output "root" { value = gantry_host.h.root }
output "name" { value = gantry_host.h.name }
`,
  });
  const { state } = await planAndApply(dir);
  const hosts = [...state.instances.entries()].filter(([a]) => a.endsWith("gantry_host.h"));
  assert.is(hosts.length, 4);
  const roots = new Set(hosts.map(([, i]) => i.attributes.root));
  const names = new Set(hosts.map(([, i]) => i.attributes.name));
  const addresses = new Set(hosts.map(([, i]) => i.attributes.address));
  assert.is(roots.size, 4, "one root per module instance");
  assert.is(names.size, 4, "one host name per module instance");
  assert.is(addresses.size, 4, "one loopback address per module instance");
  const root = (a: string) => state.instances.get(a)!.attributes.root as string;
  assert.is(readFileSync(join(root('module.site["a"].gantry_host.h'), "srv/index.html"), "utf8"), "hello a");
  assert.is(readFileSync(join(root('module.site["b"].gantry_host.h'), "srv/index.html"), "utf8"), "hello b");
  assert.is(readFileSync(join(root("module.counted[1].gantry_host.h"), "srv/index.html"), "utf8"), "count 1");
  assert.ok(Object.values(actions(await makePlan(dir))).every((a) => a === "noop"));
  await planAndApply(dir, { mode: "destroy" });
  rmSync(dir, { recursive: true, force: true });
});

test.run();
