// Fuzzed input through every front end (YAML, .tf.json, HCL, HOT, BDE), with fixed seeds: each generated or
// mutated case loads to a valid model or a located GantryError, never anything else; a plan against a state file
// leaves its bytes as they were. Then one regression test for each crash the long run (fuzz-front-ends.ts) found.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { GantryError } from "../../contract/diagnostics.js";
import { Engine } from "../../engine/engine.js";
import type { SourceFile } from "../../planner/model.js";
import { hclOffset } from "../../templates/hcl-positions.js";
import { locate } from "../../templates/locate.js";
import {
  caseArbitrary,
  FRONT_ENDS,
  loadCorpus,
  parseCorpus,
  planKeepsState,
  runCase,
  showCase,
  stateDir,
} from "./front-end-fuzz.js";

const engine = new Engine();
const dir = mkdtempSync(join(tmpdir(), "gantry-fuzz-test-"));
const corpus = await parseCorpus(loadCorpus());
/** Plans of hosts reached over ssh or on this machine are left out (they would connect, or write host roots). */
const SKIP_PLAN = /ssh|driver\W+local/;
const RUNS: Record<string, number> = { yaml: 150, tfjson: 150, hcl: 60, hot: 150, bde: 150 };

for (const fe of FRONT_ENDS)
  test(`${fe}: generated and mutated inputs give a valid model or a located error (fixed seed)`, async () => {
    const tally = { valid: 0, located: 0 };
    await fc.assert(
      fc.asyncProperty(caseArbitrary(fe, corpus), async (c) => {
        const r = await runCase(engine, c, dir);
        if (r.kind === "crash") throw new Error(`${r.detail}\n${showCase(c)}`);
        tally[r.kind]++;
      }),
      { seed: 42 + FRONT_ENDS.indexOf(fe), numRuns: RUNS[fe], endOnFailure: true },
    );
    // the generators reach both outcomes (a fuzzer that only makes syntax errors would test little)
    assert.ok(tally.valid > 0, `${fe}: no valid model among ${RUNS[fe]} cases`);
    assert.ok(tally.located > 0, `${fe}: no error among ${RUNS[fe]} cases`);
  });

test("a plan of fuzzed configurations leaves the state file's bytes as they were", async () => {
  const st = await stateDir(engine);
  try {
    let planned = 0;
    for (const fe of ["yaml", "tfjson", "hcl"] as const)
      for (const c of fc.sample(caseArbitrary(fe, corpus), { seed: 7, numRuns: 40 })) {
        if (c.files.some((f) => SKIP_PLAN.test(f.content))) continue;
        planned++;
        const problem = await planKeepsState(engine, c, st);
        assert.is(problem, undefined, `${problem}\n${showCase(c)}`);
      }
    assert.ok(planned > 20, `${planned} plans`);
  } finally {
    rmSync(st.dir, { recursive: true, force: true });
  }
});

// --- regressions: each was a crash, a hang or an unlocated error found by the fuzzer

async function loadError(files: SourceFile[]): Promise<GantryError> {
  try {
    await engine.validate(engine.workspace({ dir, files }));
  } catch (e) {
    if (e instanceof GantryError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

function lineOf(e: GantryError, summary: RegExp, files: SourceFile[]): number | undefined {
  const d = e.diagnostics.find((x) => summary.test(x.summary));
  assert.ok(d, `no diagnostic ${summary} in ${e.message}`);
  return d!.origin && locate(d!.origin, dir, files)?.line;
}

test('.tf: a diagnostic about a field named "" is located without hanging (it looped forever)', async () => {
  const text = 'resource "gantry_noop" "a" {\n  lifecycle {\n    precondition = { "" = 1 }\n  }\n}\n';
  const t0 = Date.now();
  assert.is(
    hclOffset(text, ["resource", "gantry_noop", "a", 0, "lifecycle", 0, "precondition", ""]),
    text.indexOf('""'),
  );
  const files = [{ path: "main.tf", content: text }];
  const e = await loadError(files);
  assert.ok(lineOf(e, /unknown field ""/, files));
  assert.ok(Date.now() - t0 < 30_000);
});

test(".tf: blocks with labels their kind does not take, and unknown blocks, are located at their header", async () => {
  const content =
    'variable "n" {}\nmoved "x" {\n  a = 1\n}\nimport "x" {\n}\nremoved "x" {\n}\nterraform "x" {\n  y = 1\n}\n' +
    'bogus "x" {\n}\n';
  const files = [{ path: "main.tf", content }];
  const e = await loadError(files);
  assert.is(lineOf(e, /missing required field "from" in moved block/, files), 2);
  assert.is(lineOf(e, /missing required field "to" in import block/, files), 5);
  assert.is(lineOf(e, /"removed" blocks are not supported/, files), 7);
  assert.is(lineOf(e, /unknown field "x" in the terraform block/, files), 9);
  assert.is(lineOf(e, /unknown top-level block "bogus"/, files), 12);
});

test(".tf: a block with fewer labels than its kind takes is located at its header (it had no line)", async () => {
  const content = 'variable "n" {}\n\ndata "x" {\n  _6j = "_"\n}\n';
  const files = [{ path: "main.tf", content }];
  const e = await loadError(files);
  assert.is(lineOf(e, /must be a JSON object \(block body\)/, files), 3);
});

test(".tf: an argument at the top level (its block header lost) is located at its line (it had no line)", async () => {
  const content = '# lost its "terraform {" line\n\n  required_version = ">= 1.5"\nvariable "n" {}\n';
  const files = [{ path: "main.tf", content }];
  const e = await loadError(files);
  assert.is(lineOf(e, /unknown top-level block "required_version"/, files), 3);
});

test("BDE: invalid JSON is located at its line and column", async () => {
  const files = [{ path: "c.bde.json", content: '{\n  "nodeGroups": [\n    { "name": "m" : 1 }\n  ]\n}\n' }];
  const e = await loadError(files);
  assert.match(e.diagnostics[0]!.summary, /invalid JSON in BDE spec c\.bde\.json at line 3, column 19/);
  assert.is(e.diagnostics[0]!.origin?.line, 3);
});

const BDE_GROUPS = (roles: unknown, configuration: unknown = {}) =>
  JSON.stringify({
    nodeGroups: [
      { name: "zookeeper", roles: ["zookeeper"], instanceNum: 3, instanceType: "SMALL" },
      { name: "master", roles, instanceNum: 1, instanceType: "MEDIUM", configuration },
      { name: "worker", roles: ["mesos_slave"], instanceNum: 2, instanceType: "MEDIUM" },
    ],
  });

test('BDE: "${...}" in a spec is text (BDE has no expressions): no ExpressionSyntaxError', async () => {
  const files = [{ path: "c.bde.json", content: BDE_GROUPS(["mesos_master"], { "mesos.flags": "${}" }) }];
  try {
    await engine.validate(engine.workspace({ dir, files }));
  } catch (e) {
    assert.instance(e, GantryError);
    assert.not.match((e as Error).message, /ExpressionSyntax|unexpected "}"/);
  }
});

test("BDE and blueprints: a role that is not a name is said so (it showed [object Object])", async () => {
  const files = [{ path: "c.bde.json", content: BDE_GROUPS(["mesos_master", { a: 1 }]) }];
  const e = await loadError(files);
  assert.match(e.message, /a role must be a name, got \{"a":1\} in node group "master"/);
  assert.not.match(e.message, /object Object/);
});

test("blueprint hosts with a name that is not a string are reported once, never as [object Object]", async () => {
  const content =
    "resources:\n  cluster.c:\n    distro: { version: 1.0.1 }\n    hosts:\n" +
    "      - { name: { a: 1 }, address: 127.0.0.1, cpus: 1, memory_mb: 1024 }\n" +
    "      - { name: { b: 2 }, address: 127.0.0.2, cpus: 1, memory_mb: 1024 }\n" +
    "    node_groups: [{ name: g, roles: [zookeeper], instances: 1 }]\n";
  const files = [{ path: "main.gantry.yaml", content }];
  const e = await loadError(files);
  assert.match(e.message, /hosts\[0\]\.name must be a host name/);
  assert.not.match(e.message, /object Object/);
  assert.is(lineOf(e, /hosts\[1\]\.name/, files), 6);
});

test("HOT: a files map entry that is not a string is a located error (it was a TypeError)", async () => {
  const files = [
    {
      path: "stack.hot.yaml",
      content: "heat_template_version: 2016-10-14\nresources:\n  r:\n    type: nested.yaml\n",
    },
    { path: "stack.hot-files.json", content: '{\n  "nested.yaml": {"a": 1}\n}\n' },
  ];
  const e = await loadError(files);
  assert.is(lineOf(e, /the content of file "nested\.yaml" must be a string, got dict/, files), 2);
});

test('HOT and YAML: a map with a "__proto__" key is data (it was taken as the prototype: a TypeError)', async () => {
  const hot =
    "heat_template_version: 2015-04-30\noutputs:\n  o:\n    value:\n      str_replace:\n" +
    "        template: a $x b\n        params:\n          $x:\n            __proto__: null\n";
  const e = await loadError([{ path: "stack.hot.yaml", content: hot }]);
  assert.match(e.message, /"str_replace" params must be strings or numbers, param \$x is not valid/);
  const yaml = 'variables:\n  v: { default: 1 }\nresources:\n  noop.a:\n    input: { __proto__: "${var.v}" }\n';
  assert.ok(await engine.validate(engine.workspace({ dir, files: [{ path: "m.gantry.yaml", content: yaml }] })));
});

test("BDE: a node group name that is not text is a located error (it was a TypeError)", async () => {
  const spec = { nodeGroups: [{ name: { toString: [true] }, roles: ["mesos_master"], instanceNum: 1 }] };
  const files = [{ path: "c.bde.json", content: JSON.stringify(spec, null, 2) }];
  const e = await loadError(files);
  assert.ok(lineOf(e, /the name of nodeGroups\[0\] must be a string/, files));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
