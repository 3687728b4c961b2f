// Provider templates (nested stacks) in the HOT front end: a resource whose type is a template file, or a type the
// resource_registry maps to one, becomes a module instance of its template plus a heat_nested_stack resource;
// properties are the nested template's parameters (known values checked, resource references given at run time);
// get_attr reads outputs and `resource.NAME.ATTR`; nested templates nest again; mistakes are reported.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Diagnostic } from "../../contract/diagnostics.js";
import { Engine } from "../../engine/engine.js";
import { hotSourceFiles, type HotSources } from "../../templates/hot/hot-sources.js";
import { diagnosticsOf } from "../templates/helpers.js";

const leaf = [
  "heat_template_version: 2018-08-31",
  "parameters:",
  "  val: {type: string}",
  "resources:",
  "  v:",
  "    type: OS::Heat::Value",
  "    properties: {value: {get_param: val}}",
  "outputs:",
  "  out: {value: {get_attr: [v, value]}}",
].join("\n");

const middle = [
  "heat_template_version: 2018-08-31",
  "parameters:",
  "  val: {type: string}",
  "resources:",
  "  inner:",
  "    type: leaf.yaml",
  "    properties: {val: {list_join: ['-', [{get_param: val}, 'x']]}}",
  "outputs:",
  "  out: {value: {get_attr: [inner, out]}}",
].join("\n");

function ws(engine: Engine, src: HotSources) {
  return engine.workspace({ dir: mkdtempSync(join(tmpdir(), "gantry-hot-nested-")), files: hotSourceFiles(src) });
}

test("a template resource nests twice; a property that refers to a resource reaches the nested template", async () => {
  const engine = new Engine();
  const w = ws(engine, {
    template: {
      heat_template_version: "2018-08-31",
      resources: {
        first: { type: "OS::Heat::Value", properties: { value: "a" } },
        outer: { type: "My::Middle", properties: { val: { get_attr: ["first", "value"] } } },
      },
      outputs: {
        out: { value: { get_attr: ["outer", "out"] } },
        deep: { value: { get_attr: ["outer", "resource.inner", "out"] } },
      },
    },
    environments: [{ resource_registry: { "My::Middle": "middle.yaml" } }],
    files: { "middle.yaml": middle, "leaf.yaml": leaf },
  });
  const plan = await engine.plan(w);
  const addresses = plan.plan.changes.map((c) => c.address).sort();
  assert.equal(addresses, [
    "heat_nested_stack.outer",
    "heat_value.first",
    "module.outer.heat_nested_stack.inner",
    "module.outer.module.inner.heat_value.v",
  ]);
  const outer = plan.config.resources.get("heat_nested_stack.outer");
  assert.equal(outer?.source, { name: "outer", type: "My::Middle" });
  await engine.apply(w);
  const outs = await engine.outputs(w);
  assert.is(outs.out.value, "a-x");
  assert.is(outs.deep.value, "a-x");
});

async function errorsOf(src: HotSources): Promise<string[]> {
  const engine = new Engine();
  const diags: Diagnostic[] = await diagnosticsOf(() => engine.plan(ws(engine, src)));
  return diags.map((d) => `${d.origin?.file}: ${d.summary}`);
}

test("mistakes: an unknown property, a missing template", async () => {
  const base = (resources: Record<string, unknown>, outputs: Record<string, unknown> = {}): HotSources => ({
    template: { heat_template_version: "2018-08-31", resources, outputs },
    files: { "leaf.yaml": leaf },
  });
  assert.equal(await errorsOf(base({ r: { type: "leaf.yaml", properties: { val: "a", nope: 1 } } })), [
    "stack.hot.yaml: Property error: resources.r.properties: Unknown Property nope",
  ]);
  assert.equal(await errorsOf(base({ r: { type: "missing.yaml" } })), [
    'stack.hot.yaml: Could not fetch remote template "missing.yaml": Invalid URL scheme ',
  ]);
});

test("a type mapped to a template that uses the same type gets the real type inside (no recursion)", async () => {
  const engine = new Engine();
  const w = ws(engine, {
    template: { heat_template_version: "2018-08-31", resources: { s: { type: "OS::Heat::RandomString" } } },
    environments: [{ resource_registry: { "OS::Heat::RandomString": "rand.yaml" } }],
    files: {
      "rand.yaml": "heat_template_version: 2018-08-31\nresources:\n  s:\n    type: OS::Heat::RandomString\n",
    },
  });
  const plan = await engine.plan(w);
  assert.equal(plan.plan.changes.map((c) => c.address).sort(), [
    "heat_nested_stack.s",
    "module.s.heat_random_string.s",
  ]);
});

test.run();
