// examples/terraform, a Terraform user's HCL configuration, run by the CLI
// as its comment says: init, apply (files written, the provisioner's output
// prefixed as Terraform prints it), a no-change plan, output, console, destroy.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry, tempConfig, testAddress } from "./cli-harness.js";

const EXAMPLE = new URL("../../examples/terraform/main.tf", import.meta.url).pathname;

// a copy, on an address of this run's own, so the example's directory stays clean and runs do not collide
const address = testAddress();
const dir = tempConfig({ "main.tf": readFileSync(EXAMPLE, "utf8").replace('"127.0.82.1"', `"${address}"`) });

test("init names the built-in providers", () => {
  const r = gantry(["init", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /registry\.terraform\.io\/hashicorp\/null is built in to gantry/);
  assert.match(r.stdout, /registry\.terraform\.io\/gantry\/gantry is built in to gantry/);
});

test("apply writes the pages and runs the provisioner", () => {
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Apply complete! Resources: 5 added, 0 changed, 0 destroyed\./);
  assert.match(r.stdout, /null_resource\.announce \(local-exec\): release [0-9a-f]{12} published/);
  const about = readFileSync(join(dir, ".gantry/hosts/web/srv/www/about.html"), "utf8");
  assert.is(about, '<h1>About</h1>\n<a href="about.html">about</a> <a href="index.html">index</a> \n');
});

test("a second plan has nothing to do", () => {
  const r = gantry(["plan", "-detailed-exitcode", dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /No changes\./);
});

test("output and console read the state", () => {
  const out = gantry(["output", "-json", dir]);
  assert.is(out.code, 0, out.stderr);
  assert.equal(JSON.parse(out.stdout).pages.value, { about: "/srv/www/about.html", index: "/srv/www/index.html" });
  const c = gantry(["console", dir], { input: 'upper(var.pages["about"].title)\n' });
  assert.is(c.code, 0, c.stderr);
  assert.is(c.stdout.trim(), '"ABOUT"');
});

test("destroy removes what apply made", () => {
  const r = gantry(["destroy", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Destroy complete! Resources: 5 destroyed\./);
  assert.not.ok(existsSync(join(dir, ".gantry/hosts/web/srv/www/about.html")));
});

test.run();
