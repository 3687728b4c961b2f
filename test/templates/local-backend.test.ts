// The backend block a configuration directory names, looked for before anything else is loaded: found in any file,
// wherever the word "backend" falls in it (the files are searched piece by piece).

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { configuredBackend } from "../../templates/local-backend.js";

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-local-backend-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const block = (path: string) => JSON.stringify({ terraform: { backend: { local: { path } } } });

test("a backend block in .tf.json, wherever the word falls against the pieces searched", () => {
  // the pieces are 64 KiB, each after the first starting with the last 6 bytes of the one before
  const edges = [65_536, 65_536 + 65_530];
  for (const edge of edges)
    for (let at = edge - 8; at <= edge + 1; at++) {
      // a member before the block makes the word "backend" start `at` bytes in
      const head = `{"locals":{"p":"`;
      const text = `${head}${"x".repeat(at - head.length - 17)}"},${block("s.tfstate").slice(1)}`;
      assert.is(text.indexOf("backend"), at);
      const found = configuredBackend(dirWith({ "main.tf.json": text }));
      assert.equal(found, { type: "local", settings: { path: "s.tfstate" }, file: "main.tf.json" }, String(at));
    }
});

test("no file names a backend; a large one read piece by piece; a directory named like a file passed by", () => {
  const dir = dirWith({ "a.tf.json": JSON.stringify({ locals: { big: "y".repeat(300_000) } }), "b.tf": "" });
  mkdirSync(join(dir, "c.tf"));
  assert.is(configuredBackend(dir), undefined);
  writeFileSync(join(dir, "d.tf"), 'terraform {\n  backend "local" {\n    path = "h.tfstate"\n  }\n}\n');
  assert.equal(configuredBackend(dir), { type: "local", settings: { path: "h.tfstate" }, file: "d.tf" });
});

test.run();
