import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "../../contract/diagnostics.js";
import { formatDiagnostic, locate } from "../../templates/locate.js";
import { jsonOffset, lineColumn, scanJson } from "../../templates/json-positions.js";
import { dedent, fixture } from "./helpers.js";

const YAML = dedent(`
  resources:
    gantry_noop.a:
      input: x
      count: [1, 2]
      depends_on:
        - gantry_noop.b
        - gantry_noop.c
`);
const JSON_TEXT = JSON.stringify(
  { resource: { gantry_noop: { a: { input: "x", depends_on: ["gantry_noop.b", "gantry_noop.c"] } } } },
  null,
  2,
);

test("locate resolves YAML and JSON paths to the key", () => {
  const dir = fixture({ "main.gantry.yaml": YAML, "main.tf.json": JSON_TEXT });
  assert.equal(locate({ file: "main.gantry.yaml", path: ["resources", "gantry_noop.a", "count"] }, dir), {
    line: 4,
    column: 5,
  });
  assert.equal(locate({ file: "main.gantry.yaml", path: ["resources", "gantry_noop.a", "depends_on", 1] }, dir), {
    line: 7,
    column: 9,
  });
  assert.equal(locate({ file: "main.gantry.yaml", path: ["resources", "gantry_noop.a"] }, dir), { line: 2, column: 3 });
  // missing leaf: the deepest existing node
  assert.equal(locate({ file: "main.gantry.yaml", path: ["resources", "gantry_noop.a", "nope"] }, dir), {
    line: 2,
    column: 3,
  });
  assert.equal(locate({ file: "main.tf.json", path: ["resource", "gantry_noop", "a", "input"] }, dir), {
    line: 5,
    column: 9,
  });
  assert.equal(locate({ file: "main.tf.json", path: ["resource", "gantry_noop", "a", "depends_on", 1] }, dir), {
    line: 8,
    column: 11,
  });
  // origins with positions are returned as they are
  assert.equal(locate({ file: "whatever", path: [], line: 3, column: 4 }, dir), { line: 3, column: 4 });
  assert.is(locate({ file: "missing.tf.json", path: [] }, dir), undefined);
});

test("locate uses in-memory sources and notices changed files", () => {
  const dir = fixture({ "main.tf.json": JSON_TEXT });
  const origin = { file: "main.tf.json", path: ["resource", "gantry_noop", "a"] };
  assert.equal(locate(origin, dir), { line: 4, column: 7 });
  writeFileSync(path.join(dir, "main.tf.json"), `\n\n${JSON_TEXT}   `);
  assert.equal(locate(origin, dir), { line: 6, column: 7 });
  assert.equal(locate(origin, "/nonexistent", [{ path: "main.tf.json", content: JSON_TEXT }]), { line: 4, column: 7 });
});

test("formatDiagnostic prints like Terraform", () => {
  const dir = fixture({ "main.gantry.yaml": YAML });
  const d: Diagnostic = {
    severity: "error",
    summary: '"count" of resource gantry_noop.a must be a number or an expression string, got a list',
    detail: "Use a number.",
    origin: { file: "main.gantry.yaml", path: ["resources", "gantry_noop.a", "count"] },
  };
  assert.is(
    formatDiagnostic(d, dir, false),
    'Error: "count" of resource gantry_noop.a must be a number or an expression string, got a list\n' +
      "\n" +
      '  on main.gantry.yaml line 4, column 5, in resource "gantry_noop.a":\n' +
      "  4:     count: [1, 2]\n" +
      "\n" +
      "Use a number.\n",
  );
  const colored = formatDiagnostic({ ...d, severity: "warning" }, dir, true);
  assert.ok(colored.startsWith("\x1b[1;33mWarning:\x1b[0m"));
  const cycle: Diagnostic = {
    severity: "error",
    summary: "dependency cycle",
    related: [
      {
        label: "gantry_noop.a depends on",
        origin: { file: "main.gantry.yaml", path: ["resources", "gantry_noop.a", "depends_on", 0] },
      },
      { label: "without a location" },
    ],
  };
  const text = formatDiagnostic(cycle, dir, false);
  assert.is(
    text,
    "Error: dependency cycle\n\n" +
      "  gantry_noop.a depends on\n" +
      '    on main.gantry.yaml line 6, column 9, in resource "gantry_noop.a":\n' +
      "    6:       - gantry_noop.b\n" +
      "  without a location\n",
  );
  assert.is(formatDiagnostic({ severity: "error", summary: "plain" }, dir, false), "Error: plain\n");
});

test("JSON scanner positions and errors", () => {
  const src = '{"a": [1, {"b": true}], "c": "x\\"y"}';
  const root = scanJson(src);
  assert.is(jsonOffset(root, ["a", 1, "b"]), 11);
  assert.is(jsonOffset(root, ["c"]), 24);
  assert.equal(lineColumn("ab\ncd", 4), { line: 2, column: 2 });
  for (const [bad, at] of [
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ["[1, 2", 5],
    ['{"a": "x\ny"}', 8],
    ["[1] x", 4],
  ] as const) {
    try {
      scanJson(bad);
      assert.unreachable(bad);
    } catch (e) {
      assert.is((e as { offset: number }).offset, at, bad);
    }
  }
});

test.run();
