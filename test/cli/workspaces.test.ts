// Named workspaces as Terraform's local backend keeps them: one state each
// (default: gantry.tfstate; others: gantry.tfstate.d/NAME/gantry.tfstate), the
// selection in .gantry/environment, GANTRY_WORKSPACE / TF_WORKSPACE override,
// terraform.workspace in expressions.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

const config = {
  "main.tf.json": JSON.stringify({
    resource: { gantry_noop: { a: { input: "${terraform.workspace}" } } },
    output: { ws: { value: "${terraform.workspace}" }, a: { value: "${gantry_noop.a.output}" } },
  }),
};

test("a fresh directory is in the default workspace; list marks it; show prints it", () => {
  const dir = tempConfig(config);
  const show = gantry(["workspace", "show", dir]);
  assert.is(show.code, 0, show.stderr);
  assert.is(show.stdout, "default\n");
  const list = gantry(["workspace", "list", dir]);
  assert.is(list.code, 0, list.stderr);
  assert.is(list.stdout, "* default\n\n");
});

test("new creates and selects; each workspace has its own state; terraform.workspace follows", () => {
  const dir = tempConfig(config);
  assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
  const before = readFileSync(join(dir, "gantry.tfstate"), "utf8");
  const created = gantry(["workspace", "new", "dev", dir]);
  assert.is(created.code, 0, created.stderr);
  assert.match(created.stdout, /Created and switched to workspace "dev"!/);
  assert.is(readFileSync(join(dir, ".gantry", "environment"), "utf8"), "dev");
  assert.ok(existsSync(join(dir, "gantry.tfstate.d", "dev")), "the workspace's directory exists");
  // a new workspace has an empty state: the plan creates the resource again
  const plan = gantry(["plan", "-detailed-exitcode", dir]);
  assert.is(plan.code, 2, plan.stdout + plan.stderr);
  const apply = gantry(["apply", "-auto-approve", dir]);
  assert.is(apply.code, 0, apply.stderr);
  assert.ok(existsSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate")));
  assert.is(gantry(["output", "-raw", "ws", dir]).stdout, "dev");
  assert.is(gantry(["output", "-raw", "a", dir]).stdout, "dev");
  assert.is(readFileSync(join(dir, "gantry.tfstate"), "utf8"), before, "the default state is untouched");
  assert.is(gantry(["workspace", "list", dir]).stdout, "  default\n* dev\n\n");
  const sel = gantry(["workspace", "select", "default", dir]);
  assert.is(sel.code, 0, sel.stderr);
  assert.is(sel.stdout, 'Switched to workspace "default".\n');
  assert.is(gantry(["output", "-raw", "ws", dir]).stdout, "default");
  // the environment overrides the selection, for every command
  assert.is(gantry(["output", "-raw", "ws", dir], { env: { TF_WORKSPACE: "dev" } }).stdout, "dev");
  assert.is(gantry(["workspace", "show", dir], { env: { GANTRY_WORKSPACE: "dev" } }).stdout, "dev\n");
});

test("select of a missing workspace fails unless -or-create; new of an existing one fails", () => {
  const dir = tempConfig(config);
  const missing = gantry(["workspace", "select", "nope", dir]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /Workspace "nope" doesn't exist/);
  assert.match(missing.stderr, /-or-create/);
  const orCreate = gantry(["workspace", "select", "-or-create", "nope", dir]);
  assert.is(orCreate.code, 0, orCreate.stderr);
  assert.match(orCreate.stdout, /Created and switched to workspace "nope"!/);
  const again = gantry(["workspace", "new", "nope", dir]);
  assert.is(again.code, 1);
  assert.match(again.stderr, /Workspace "nope" already exists/);
  const bad = gantry(["workspace", "new", "a/b", dir]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /The workspace name "a\/b" is not allowed/);
  const overridden = gantry(["workspace", "select", "default", dir], { env: { TF_WORKSPACE: "nope" } });
  assert.is(overridden.code, 1);
  assert.match(overridden.stderr, /overridden using the TF_WORKSPACE/);
});

test("delete refuses the current workspace, default, and a non-empty state without -force", () => {
  const dir = tempConfig(config);
  assert.is(gantry(["workspace", "new", "dev", dir]).code, 0);
  assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
  const current = gantry(["workspace", "delete", "dev", dir]);
  assert.is(current.code, 1);
  assert.match(current.stderr, /Workspace "dev" is your active workspace/);
  assert.is(gantry(["workspace", "select", "default", dir]).code, 0);
  const dflt = gantry(["workspace", "delete", "default", dir]);
  assert.is(dflt.code, 1);
  const busy = gantry(["workspace", "delete", "dev", dir]);
  assert.is(busy.code, 1);
  assert.match(busy.stderr, /Workspace is not empty/);
  assert.match(busy.stderr, /\n {2}- (gantry_)?noop\.a\n/);
  assert.ok(existsSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate")), "nothing was deleted");
  const forced = gantry(["workspace", "delete", "-force", "dev", dir]);
  assert.is(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /Deleted workspace "dev"!\nWARNING: "dev" was non-empty\./);
  assert.not.ok(existsSync(join(dir, "gantry.tfstate.d", "dev")));
  assert.is(gantry(["workspace", "list", dir]).stdout, "* default\n\n");
  // an empty workspace goes without -force
  assert.is(gantry(["workspace", "new", "tmp", dir]).code, 0);
  assert.is(gantry(["workspace", "select", "default", dir]).code, 0);
  const empty = gantry(["workspace", "delete", "tmp", dir]);
  assert.is(empty.code, 0, empty.stderr);
  assert.is(empty.stdout, 'Deleted workspace "tmp"!\n');
});

test.run();
