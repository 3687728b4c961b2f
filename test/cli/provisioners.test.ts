// Provisioners and taint through the CLI as a Terraform user sees them:
// "Provisioning with 'local-exec'...", each output line after the
// "address (local-exec): " prefix, the failure that taints, the tainted
// instance in plan, -json plan, state show and show -json, and
// taint/untaint with Terraform's messages.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

const config = (command: string) =>
  JSON.stringify({
    resource: {
      null_resource: {
        a: {
          provisioner: [
            { "local-exec": { command: "printf 'one\\n\\ntwo  \\n'" } },
            { "local-exec": { command, quiet: true } },
          ],
        },
      },
    },
  });

test("apply streams provisioner output with Terraform's prefix, in order", () => {
  const dir = tempConfig({ "main.tf.json": config("echo quiet-run") });
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.split("\n").filter((l) => l.startsWith("null_resource.a"));
  assert.equal(lines.slice(0, -1), [
    "null_resource.a: Creating...",
    "null_resource.a: Provisioning with 'local-exec'...",
    `null_resource.a (local-exec): Executing: ["/bin/sh" "-c" "printf 'one\\\\n\\\\ntwo  \\\\n'"]`,
    "null_resource.a (local-exec): one",
    "null_resource.a (local-exec): two",
    "null_resource.a: Provisioning with 'local-exec'...",
    "null_resource.a (local-exec): local-exec: Executing: Suppressed by quiet=true",
    "null_resource.a (local-exec): quiet-run",
  ]);
  assert.match(lines.at(-1)!, /^null_resource\.a: Creation complete after \S+ \[id=\d+\]$/);
});

test("a failing provisioner taints; plan, -json, state show and show say so; untaint and taint change it", () => {
  const dir = tempConfig({ "main.tf.json": config("echo bad; exit 7") });
  const failed = gantry(["apply", "-auto-approve", dir]);
  assert.is(failed.code, 1);
  assert.match(failed.stdout, /null_resource\.a \(local-exec\): bad/);
  assert.match(
    failed.stdout + failed.stderr,
    /local-exec provisioner error: Error running command 'echo bad; exit 7': exit status 7\. Output: bad/,
  );
  const state = JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
  assert.is(state.resources[0].status, "tainted");

  const plan = gantry(["plan", dir]);
  assert.match(plan.stdout, /# null_resource\.a is tainted, so must be replaced\n-\/\+ resource "null_resource" "a"/);
  const json = JSON.parse(gantry(["plan", "-json", dir]).stdout);
  assert.equal(json.resource_changes[0].change.actions, ["delete", "create"]);
  assert.is(json.resource_changes[0].action_reason, "replace_because_tainted");
  assert.match(gantry(["state", "show", "null_resource.a", "--dir", dir]).stdout, /^# null_resource\.a: \(tainted\)/);
  const shown = JSON.parse(gantry(["show", "-json", dir]).stdout);
  assert.is(shown.values.root_module.resources[0].tainted, true);

  const untaint = gantry(["untaint", "null_resource.a", "--dir", dir]);
  assert.is(untaint.code, 0, untaint.stderr);
  assert.is(untaint.stdout.trim(), "Resource instance null_resource.a has been successfully untainted.");
  assert.match(gantry(["plan", dir]).stdout, /No changes/);
  const again = gantry(["untaint", "null_resource.a", "--dir", dir]);
  assert.is(again.code, 1);
  assert.match(again.stderr, /Resource instance is not tainted/);
  assert.match(
    again.stderr,
    /Resource instance null_resource\.a is not currently tainted, and so it cannot be untainted\./,
  );

  const taint = gantry(["taint", "null_resource.a", "--dir", dir]);
  assert.is(taint.code, 0, taint.stderr);
  assert.is(taint.stdout.trim(), "Resource instance null_resource.a has been marked as tainted.");
  assert.match(gantry(["plan", dir]).stdout, /null_resource\.a is tainted, so must be replaced/);
});

test("taint of a missing instance: an error, or a warning with -allow-missing; the state is unchanged", () => {
  const dir = tempConfig({ "main.tf.json": config("true") });
  assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
  const before = readFileSync(join(dir, "gantry.tfstate"), "utf8");
  const missing = gantry(["taint", "null_resource.b", "--dir", dir]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /No such resource instance/);
  assert.match(missing.stderr, /There is no resource instance in the state with the address null_resource\.b\./);
  const allowed = gantry(["taint", "null_resource.b", "--dir", dir, "-allow-missing"]);
  assert.is(allowed.code, 0);
  assert.match(allowed.stderr, /Warning: No such resource instance/);
  assert.is(readFileSync(join(dir, "gantry.tfstate"), "utf8"), before);
});

test.run();
