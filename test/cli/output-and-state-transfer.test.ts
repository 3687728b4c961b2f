// output -json / -raw in Terraform's formats, and state pull / push with
// Terraform's lineage and serial checks.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

const dir = tempConfig({
  "main.tf.json": JSON.stringify({
    output: {
      s: { value: "a<b" },
      n: { value: 1.5 },
      b: { value: true },
      l: { value: ["x", 2] },
      o: { value: { k: "v", m: "two\nlines" } },
      p: { value: "secret", sensitive: true },
    },
    resource: { gantry_noop: { a: { input: 1 } } },
  }),
});

test("apply records the outputs", () => {
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
});

test("output: every output sorted, values as terraform output prints them, sensitive hidden", () => {
  const r = gantry(["output", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.is(
    r.stdout,
    [
      "b = true",
      'l = [\n  "x",\n  2,\n]',
      "n = 1.5",
      'o = {\n  "k" = "v"\n  "m" = <<-EOT\n  two\n  lines\n  EOT\n}',
      "p = <sensitive>",
      's = "a<b"',
      "",
    ].join("\n"),
  );
  // one output by name: its value, even a sensitive one
  assert.is(gantry(["output", "p", dir]).stdout, '"secret"\n');
});

test("output -json: name → sensitive, type, value; Go's escaping and indentation", () => {
  const r = gantry(["output", "-json", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /"value": "a\\u003cb"/);
  assert.match(r.stdout, /^\{\n {2}"b": \{\n {4}"sensitive": false,\n {4}"type": "bool",\n {4}"value": true\n {2}\},/);
  const all = JSON.parse(r.stdout);
  assert.equal(Object.keys(all), ["b", "l", "n", "o", "p", "s"]);
  assert.equal(all.l, { sensitive: false, type: ["tuple", ["string", "number"]], value: ["x", 2] });
  assert.equal(all.o.type, ["object", { k: "string", m: "string" }]);
  assert.equal(all.p, { sensitive: true, type: "string", value: "secret" });
  // one output: its value alone, compact
  assert.is(gantry(["output", "-json", "l", dir]).stdout, '["x",2]\n');
});

test("output -raw: strings, numbers and bools as they are, without a newline; others refused", () => {
  assert.is(gantry(["output", "-raw", "s", dir]).stdout, "a<b");
  assert.is(gantry(["output", "-raw", "n", dir]).stdout, "1.5");
  assert.is(gantry(["output", "-raw", "b", dir]).stdout, "true");
  assert.is(gantry(["output", "-raw", "p", dir]).stdout, "secret");
  const l = gantry(["output", "-raw", "l", dir]);
  assert.is(l.code, 1);
  assert.is(l.stdout, "");
  assert.match(l.stderr, /Unsupported value for raw output/);
  assert.match(l.stderr, /only supports strings, numbers, and boolean values, but output value "l" is tuple/);
  const noName = gantry(["output", "-raw", dir]);
  assert.is(noName.code, 1);
  assert.match(noName.stderr, /Output name required/);
  const both = gantry(["output", "-raw", "-json", "s", dir]);
  assert.is(both.code, 1);
  assert.match(both.stderr, /mutually-exclusive/);
});

test("output: a missing output is an error; no outputs at all is a warning", () => {
  const missing = gantry(["output", "nope", dir]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /Output "nope" not found/);
  const empty = tempConfig({ "main.tf.json": JSON.stringify({ resource: { gantry_noop: { a: {} } } }) });
  const r = gantry(["output", empty]);
  assert.is(r.code, 0);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /Warning: No outputs found/);
  assert.is(gantry(["output", "-json", empty]).stdout, "{}\n");
});

test("state pull prints the recorded state; nothing when there is none", () => {
  const r = gantry(["state", "pull", "-dir", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, `${readFileSync(join(dir, "gantry.tfstate"), "utf8")}\n`);
  const none = gantry(["state", "pull", "-dir", tempConfig({})]);
  assert.is(none.code, 0, none.stderr);
  assert.is(none.stdout, "");
});

test("state push refuses an older serial, the same serial with other content and another lineage", () => {
  const path = join(dir, "gantry.tfstate");
  const current = JSON.parse(readFileSync(path, "utf8"));
  const bytes = readFileSync(path, "utf8");
  const push = (state: unknown, ...flags: string[]) => {
    const file = join(dir, "pushed.json");
    writeFileSync(file, JSON.stringify(state));
    return gantry(["state", "push", "-dir", dir, ...flags, file]);
  };
  const older = push({ ...current, serial: current.serial - 1 });
  assert.is(older.code, 1);
  assert.match(
    older.stderr,
    new RegExp(`cannot import state with serial ${current.serial - 1} over newer state with serial ${current.serial}`),
  );
  const same = push({ ...current, outputs: {} });
  assert.is(same.code, 1);
  assert.match(same.stderr, /with a different state that has the same serial/);
  const other = push({ ...current, lineage: "another-lineage", serial: current.serial + 5 });
  assert.is(other.code, 1);
  assert.match(other.stderr, /cannot import state with lineage "another-lineage" over unrelated state with lineage/);
  assert.is(readFileSync(path, "utf8"), bytes, "a refused push leaves the state byte for byte");
  const bad = gantry(["state", "push", "-dir", dir, join(dir, "main.tf.json")]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /Error reading source state/);
  assert.is(readFileSync(path, "utf8"), bytes);
});

test("state push writes a newer serial exactly as given, -force anything; - reads stdin", () => {
  const path = join(dir, "gantry.tfstate");
  const current = JSON.parse(readFileSync(path, "utf8"));
  const newer = { ...current, serial: current.serial + 1, outputs: { only: { value: "pushed" } } };
  const file = join(dir, "newer.json");
  writeFileSync(file, JSON.stringify(newer));
  const r = gantry(["state", "push", "-dir", dir, file]);
  assert.is(r.code, 0, r.stderr);
  const written = JSON.parse(readFileSync(path, "utf8"));
  assert.is(written.serial, current.serial + 1);
  assert.is(written.lineage, current.lineage);
  assert.is(gantry(["output", "-raw", "only", dir]).stdout, "pushed");
  const forced = { ...current, lineage: "forced-lineage", serial: 1 };
  const f = gantry(["state", "push", "-dir", dir, "-force", "-"], { input: JSON.stringify(forced) });
  assert.is(f.code, 0, f.stderr);
  assert.is(JSON.parse(readFileSync(path, "utf8")).lineage, "forced-lineage");
  assert.is(JSON.parse(readFileSync(`${path}.backup`, "utf8")).serial, current.serial + 1, "the previous state kept");
});

test.run();
