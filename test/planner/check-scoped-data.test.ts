// Data sources scoped to a check block (Terraform 1.5+): read with the check, visible only to it, and a failure to
// read one is a warning that skips the check's assertions, never an error (facts from Terraform's own tests of
// check blocks: "failing nested data source doesn't block the plan", "invalid reference into check block").
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GantryError } from "../../contract/diagnostics.js";
import { actions, configDir, makePlan, planAndApply } from "./harness.js";

const config = (root: string, path: string) => `
resource "gantry_host" "h" {
  driver = "local"
  root   = "${root}"
}
resource "gantry_noop" "a" { input = 1 }
check "health" {
  data "gantry_file" "status" {
    host = gantry_host.h
    path = "${path}"
  }
  assert {
    condition     = data.gantry_file.status.content == "ok"
    error_message = "status is \${data.gantry_file.status.content}"
  }
}
`;

test("a scoped data source is read for its check; a false assertion warns", async () => {
  const dir = configDir({});
  const root = join(dir, "host");
  writeFileSync(join(dir, "main.tf"), config(root, "/status"));
  // the host is not there yet: the data source is read during apply, and finds no file (a warning, not a failure)
  const first = await planAndApply(dir);
  assert.equal(first.result.failed, []);
  const warned = first.result.diagnostics.filter((d) => d.severity === "warning").map((d) => d.summary);
  assert.equal(warned, ["Error reading data.gantry_file.status"]);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "status"), "degraded");
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_host.h": "noop", "gantry_noop.a": "noop" });
  const failed = p.warnings.find((w) => w.summary === "Check block assertion failed");
  assert.ok(failed, JSON.stringify(p.warnings));
  assert.is(failed.detail, "status is degraded");
  writeFileSync(join(root, "status"), "ok");
  assert.equal((await makePlan(dir)).warnings, []);
});

test("a scoped data source that cannot be read is a warning: the plan goes on, its assertions do not run", async () => {
  const dir = configDir({});
  writeFileSync(join(dir, "main.tf"), config(join(dir, "host"), "/missing"));
  await planAndApply(dir); // the host is created, the file is not there
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_host.h": "noop", "gantry_noop.a": "noop" });
  assert.is(p.warnings.length, 1, JSON.stringify(p.warnings));
  const [w] = p.warnings;
  assert.is(w.severity, "warning");
  assert.match(w.summary, /Error reading data\.gantry_file\.status/);
  assert.match(w.detail ?? "", /no file \/missing on the host/);
  assert.not.ok(p.warnings.some((x) => x.summary === "Check block assertion failed"));
  // an apply goes through, and warns again
  const { result } = await planAndApply(dir);
  assert.equal(result.failed, []);
  assert.equal(
    result.diagnostics.map((d) => d.summary),
    ["Error reading data.gantry_file.status"],
  );
});

test("a scoped data source is not available outside its check: Terraform's error", async () => {
  const dir = configDir({
    "main.tf": `
check "c" {
  data "terraform_remote_state" "s" {
    backend = "local"
    config  = { path = "other.tfstate" }
  }
  assert {
    condition     = true
    error_message = "never"
  }
}
resource "gantry_noop" "b" { input = data.terraform_remote_state.s.outputs }
`,
  });
  const e = await makePlan(dir).then(
    () => assert.unreachable("must refuse") as never,
    (x: GantryError) => x,
  );
  assert.is(e.diagnostics[0].summary, "Reference to scoped resource");
  assert.is(
    e.diagnostics[0].detail,
    'The referenced data resource "terraform_remote_state" "s" is not available from this context.',
  );
  assert.is(e.diagnostics[0].origin?.file, "main.tf");
});

test("in a module, each instance reads its own scoped data source and warns for itself", async () => {
  const dir = configDir({
    "main.tf": `
module "site" {
  source   = "./site"
  for_each = toset(["a", "b"])
  name     = each.key
}
`,
  });
  mkdirSync(join(dir, "site"));
  writeFileSync(
    join(dir, "site/main.tf"),
    `
variable "name" {}
resource "gantry_host" "h" { driver = "local" }
check "up" {
  data "gantry_file" "s" {
    host = gantry_host.h
    path = "/up"
  }
  assert {
    condition     = data.gantry_file.s.content == "yes"
    error_message = "\${var.name} is down"
  }
}
`,
  );
  const { state } = await planAndApply(dir);
  const root = state.instances.get('module.site["a"].gantry_host.h')!.attributes.root as string;
  writeFileSync(join(root, "up"), "no");
  const p = await makePlan(dir);
  assert.equal(p.warnings.map((w) => `${w.summary}: ${w.detail}`).sort(), [
    "Check block assertion failed: a is down",
    'Error reading module.site["b"].data.gantry_file.s: no file /up on the host',
  ]);
});

test.run();
