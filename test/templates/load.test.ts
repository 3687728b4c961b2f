import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { loadConfig, loadConfigFromFiles } from "../../templates/load.js";
import { formatDiagnostic } from "../../templates/locate.js";
import { dedent, diagnosticsOf, fixture } from "./helpers.js";

test("YAML and tf.json in one directory merge into one Config", async () => {
  const dir = fixture({
    "b.gantry.yaml": dedent(`
      variables:
        greeting: { type: string, default: hi }
      resources:
        noop.a:
          input: "\${var.greeting}"
    `),
    "a.tf.json": JSON.stringify({
      "//": { metadata: {} },
      resource: { gantry_noop: { b: { input: "${gantry_noop.a.id}", depends_on: ["gantry_noop.a"] } } },
      output: { b: { value: "${gantry_noop.b.id}" } },
    }),
    "notes.txt": "ignored",
    "other.yaml": "ignored: true",
  });
  const config = await loadConfig(dir);
  assert.is(config.dir, dir);
  assert.equal(
    config.files.map((f) => f.path),
    ["a.tf.json", "b.gantry.yaml"],
  );
  assert.ok(config.files[1].content.includes("noop.a"));
  assert.equal([...config.resources.keys()], ["gantry_noop.b", "gantry_noop.a"]);
  assert.equal([...config.variables.keys()], ["greeting"]);
  assert.equal([...config.outputs.keys()], ["b"]);
  const b = config.resources.get("gantry_noop.b")!;
  assert.is(b.properties.input.value.k, "ref");
  assert.equal(
    b.dependsOn.map((d) => d.ref),
    ["gantry_noop.a"],
  );
  assert.is(b.origin.file, "a.tf.json");
  assert.is(config.resources.get("gantry_noop.a")!.origin.file, "b.gantry.yaml");
});

test("duplicates across files name both locations", async () => {
  const dir = fixture({
    "a.gantry.yaml": "resources:\n  noop.a: {}\nvariables:\n  v: {}\n",
    "b.tf.json": JSON.stringify({ resource: { gantry_noop: { a: {} } }, variable: { v: {} } }, null, 2),
  });
  const diags = await diagnosticsOf(() => loadConfig(dir));
  assert.equal(
    diags.map((d) => d.summary),
    ['variable "v" is declared more than once', 'resource "gantry_noop.a" is declared more than once'],
  );
  const res = diags[1];
  assert.is(res.origin?.file, "b.tf.json");
  assert.is(res.related?.[0].origin?.file, "a.gantry.yaml");
  assert.equal([res.related?.[0].origin?.line, res.related?.[0].origin?.column], [2, 3]);
  const text = formatDiagnostic(res, dir, false);
  assert.match(
    text,
    new RegExp(
      String.raw`^Error: resource "gantry_noop.a" is declared more than once\n\n {2}` +
        String.raw`on b\.tf\.json line 4, column 7, in resource "gantry_noop\.a":\n {2}4: {7}"a": \{\}`,
    ),
  );
  assert.match(
    text,
    /first declared here\n {4}on a\.gantry\.yaml line 2, column 3, in resource "noop\.a":\n {4}2: {3}noop\.a: \{\}/,
  );
});

test("duplicates within a file (noop.a and gantry_noop.a)", async () => {
  const dir = fixture({ "main.gantry.yaml": "resources:\n  noop.a: {}\n  gantry_noop.a: {}\n" });
  const diags = await diagnosticsOf(() => loadConfig(dir));
  assert.is(diags.length, 1);
  assert.is(diags[0].summary, 'resource "gantry_noop.a" is declared more than once');
  assert.equal([diags[0].origin?.line, diags[0].related?.[0].origin?.line], [3, 2]);
});

test("same key twice in a YAML section is a duplicate declaration", async () => {
  const dir = fixture({ "main.gantry.yaml": "locals:\n  x: 1\n  x: 2\n" });
  const diags = await diagnosticsOf(() => loadConfig(dir));
  assert.equal(
    diags.map((d) => d.summary),
    ['local "x" is declared more than once'],
  );
});

test("all errors of all files are collected", async () => {
  const dir = fixture({
    "a.gantry.yaml": "resources:\n  noop.a:\n    count: [1]\n",
    "b.tf.json": "{ nope",
    "c.gantry.yaml": "outputs: [1]\n",
  });
  const diags = await diagnosticsOf(() => loadConfig(dir));
  assert.is(diags.length, 3);
  assert.equal(
    diags.map((d) => d.origin?.file),
    ["a.gantry.yaml", "b.tf.json", "c.gantry.yaml"],
  );
  assert.match(diags[1].summary, /^invalid JSON in b\.tf\.json at line 1, column 3/);
  assert.is(diags[2].summary, '"outputs" must be a map of output declarations, got a list');
});

test("a directory without configuration files is an error", async () => {
  const dir = fixture({ "readme.md": "x" });
  const diags = await diagnosticsOf(() => loadConfig(dir));
  assert.equal(
    diags.map((d) => d.summary),
    [`no *.gantry.yaml, *.tf or *.tf.json files in ${dir}`],
  );
  const missing = await diagnosticsOf(() => loadConfig(path.join(dir, "nope")));
  assert.match(missing[0].summary, /^cannot read configuration directory/);
});

test("loadConfigFromFiles replays without reading the disk", async () => {
  const config = await loadConfigFromFiles("/nonexistent/dir", [
    { path: "z.gantry.yaml", content: "resources:\n  noop.z: {}\n" },
    { path: "a.tf.json", content: '{"resource":{"gantry_noop":{"a":{}}}}' },
  ]);
  assert.is(config.dir, "/nonexistent/dir");
  assert.equal(
    config.files.map((f) => f.path),
    ["a.tf.json", "z.gantry.yaml"],
  );
  assert.equal([...config.resources.keys()], ["gantry_noop.a", "gantry_noop.z"]);
});

test("100,000 resources in tf.json load (timed in bench/, not here)", async () => {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < 100_000; i++)
    resources[`r${i}`] = {
      "//": { metadata: { path: `stack/r${i}` } },
      input: i ? `v-\${gantry_noop.r${i - 1}.id}` : "first",
    };
  const dir = fixture({});
  writeFileSync(path.join(dir, "big.tf.json"), JSON.stringify({ resource: { gantry_noop: resources } }, null, 2));
  const config = await loadConfig(dir);
  assert.is(config.resources.size, 100_000);
  assert.is(config.resources.get("gantry_noop.r99999")!.properties.input.value.k, "tmpl");
});

test.run();
