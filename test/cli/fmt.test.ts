// gantry fmt as terraform fmt: files rewritten in place and listed, -check (exit 3, nothing written), -diff,
// -write=false, -list=false, -recursive, standard input, and syntax errors (exit 2, located, nothing rewritten).
// The one-line fixture is Terraform's (internal/command/fmt_test.go, fmtFixture; MPL-2.0).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

const INPUT = '  foo  =  "bar"\n';
const GOLDEN = 'foo = "bar"\n';

test("a directory: its files rewritten and listed; exit 0; a second run changes nothing", () => {
  const dir = tempConfig({ "main.tf": INPUT, "vars.tfvars": "a=1\nbb=2\n", "ok.tf": GOLDEN, "notes.txt": INPUT });
  let r = gantry(["fmt", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, `${join(dir, "main.tf")}\n${join(dir, "vars.tfvars")}\n`);
  assert.is(readFileSync(join(dir, "main.tf"), "utf8"), GOLDEN);
  assert.is(readFileSync(join(dir, "vars.tfvars"), "utf8"), "a  = 1\nbb = 2\n");
  assert.is(readFileSync(join(dir, "notes.txt"), "utf8"), INPUT);
  r = gantry(["fmt", "-check", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "");
});

test("-check: exit 3 and the files listed, nothing written; -check -list=false lists nothing", () => {
  const dir = tempConfig({ "main.tf": INPUT });
  let r = gantry(["fmt", "-check", dir]);
  assert.is(r.code, 3, r.stderr);
  assert.is(r.stdout, `${join(dir, "main.tf")}\n`);
  r = gantry(["fmt", "-check", "-list=false", dir]);
  assert.is(r.code, 3, r.stderr);
  assert.is(r.stdout, "");
  assert.is(readFileSync(join(dir, "main.tf"), "utf8"), INPUT);
});

test("-diff with -list=false -write=false: the unified diff only, nothing written", () => {
  const dir = tempConfig({ "main.tf": INPUT });
  const r = gantry(["fmt", "-list=false", "-write=false", "-diff", dir]);
  assert.is(r.code, 0, r.stderr);
  const path = join(dir, "main.tf");
  assert.is(r.stdout, `--- old/${path}\n+++ new/${path}\n@@ -1 +1 @@\n-${INPUT}+${GOLDEN}`);
  assert.is(readFileSync(path, "utf8"), INPUT);
});

test("standard input: the formatted text on standard output; -check exits 3 and prints nothing", () => {
  let r = gantry(["fmt", "-"], { input: INPUT });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, GOLDEN);
  r = gantry(["fmt", "-check", "-"], { input: INPUT });
  assert.is(r.code, 3, r.stderr);
  assert.is(r.stdout, "");
});

test("files named directly; subdirectories only with -recursive; hidden files skipped", () => {
  const dir = tempConfig({ "a.tf": INPUT, "b.tf": INPUT, ".hidden.tf": INPUT });
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "sub", "c.tf"), INPUT);
  let r = gantry(["fmt", join(dir, "a.tf")]);
  assert.is(r.stdout, `${join(dir, "a.tf")}\n`);
  assert.is(readFileSync(join(dir, "b.tf"), "utf8"), INPUT);
  r = gantry(["fmt", dir]);
  assert.is(r.stdout, `${join(dir, "b.tf")}\n`);
  assert.is(readFileSync(join(dir, "sub", "c.tf"), "utf8"), INPUT);
  r = gantry(["fmt", "-recursive", dir]);
  assert.is(r.stdout, `${join(dir, "sub", "c.tf")}\n`);
  assert.is(readFileSync(join(dir, ".hidden.tf"), "utf8"), INPUT);
  r = gantry(["fmt", join(dir, "missing")]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /No file or directory at/);
});

test("a syntax error: exit 2, HCL's message located at file, line and column; no file rewritten", () => {
  const dir = tempConfig({
    "invalid.tf": "\na = 1 +\n",
    "main.tf": INPUT,
    "backend.tf": 'terraform {backend "s3" {}}',
  });
  const r = gantry(["fmt", dir]);
  assert.is(r.code, 2, r.stdout);
  assert.match(r.stderr, /Error: Invalid expression/);
  assert.match(r.stderr, /on .*invalid\.tf line 2, column 8:/);
  assert.match(r.stderr, /Error: Argument definition required/);
  assert.match(r.stderr, /1: terraform \{backend "s3" \{\}\}/);
  assert.is(readFileSync(join(dir, "invalid.tf"), "utf8"), "\na = 1 +\n");
  // the valid file beside them is formatted, as Terraform does
  assert.is(readFileSync(join(dir, "main.tf"), "utf8"), GOLDEN);
});

test.run();
