// A planted secret (a variable declared sensitive) never shows on any output channel: plan text and -json, apply
// text and -json (events, errors), show and show -json, output without -json, destroy; the state holds the value
// (as Terraform's does) but names the attributes it is in, and `show` masks them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig, testAddress } from "../cli/cli-harness.js";

const SECRET = "s3cr3t-PLANTED-7781";

test("a sensitive value appears on no output channel, and show masks it", () => {
  const dir = tempConfig({
    "main.gantry.yaml": `variables:
  token: { type: string, sensitive: true }
resources:
  host.h: { driver: local, address: ${testAddress()} }
  file.cfg:
    host: \${host.h}
    path: /etc/app.conf
    content: "token=\${var.token}"
  noop.n:
    input: "\${var.token}"
  command.fails:
    host: \${host.h}
    command: "exit 3"
    unless: "test -e /nonexistent-\${var.token}"
outputs:
  t: { value: "\${var.token}", sensitive: true }
`,
  });
  const env = { TF_VAR_token: SECRET };
  const channels: [string, { code: number; stdout: string; stderr: string }][] = [];
  const run = (name: string, args: string[]) => {
    const r = gantry(args, { env });
    channels.push([name, r]);
    return r;
  };
  try {
    run("plan", ["plan", "-no-color", dir]);
    run("plan -json", ["plan", "-json", dir]);
    const applied = run("apply", ["apply", "-auto-approve", "-no-color", dir]);
    assert.is(applied.code, 1, "the failing command fails the apply (its error is a channel too)");
    run("apply -json", ["apply", "-auto-approve", "-json", dir]);
    run("show", ["show", "-no-color", dir]);
    run("show -json", ["show", "-json", dir]);
    run("output", ["output", "-no-color", dir]);
    run("state show", ["state", "show", "--dir", dir, "gantry_file.cfg"]);
    run("plan -destroy", ["plan", "-destroy", "-no-color", dir]);
    run("destroy", ["destroy", "-auto-approve", "-no-color", dir]);
    for (const [name, r] of channels) {
      assert.not.ok(r.stdout.includes(SECRET), `${name} stdout shows the secret:\n${r.stdout}`);
      assert.not.ok(r.stderr.includes(SECRET), `${name} stderr shows the secret:\n${r.stderr}`);
    }
    const show = channels.find(([n]) => n === "show")![1].stdout;
    assert.match(show, /content\s+= \(sensitive value\)/);
    assert.match(show, /input\s+= \(sensitive value\)/);
    const state = readFileSync(join(dir, "gantry.tfstate.backup"), "utf8");
    assert.match(state, /"sensitive_attributes":\["content","sha256"\]|"sensitive_attributes":\["content"/);
  } finally {
    gantry(["destroy", "-auto-approve", dir], { env });
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
