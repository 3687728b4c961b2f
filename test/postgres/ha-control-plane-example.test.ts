// examples/ha-control-plane: gantry's own highly available control plane (PostgreSQL, N `gantry serve` replicas,
// HAProxy on local hosts) validates and plans: one replica host and service per replica, each in HAProxy's
// backend; the replica count is a variable. Then `gantry apply` brings it up for real (two replicas, on loopback
// addresses of their own), a stack is created through HAProxy with a token issued into the store, and `gantry
// destroy` takes it all down.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry, gantryAsync } from "../cli/cli-harness.js";

const REPO = new URL("../../", import.meta.url).pathname;
const EXAMPLE = join(REPO, "examples/ha-control-plane");

test("examples/ha-control-plane validates", () => {
  const r = gantry(["validate", "-no-color", EXAMPLE]);
  assert.is(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, "The configuration is valid");
});

test("examples/ha-control-plane plans PostgreSQL, the replicas and HAProxy in front of them", () => {
  for (const replicas of [3, 2]) {
    const state = join(mkdtempSync(join(tmpdir(), "gantry-hacp-")), "s.tfstate");
    const r = gantry([
      "plan",
      "-no-color",
      "-refresh=false",
      "-state",
      state,
      "-var",
      `replicas=${replicas}`,
      "-var",
      "gantry_cli=/opt/gantry/bin/run.js",
      EXAMPLE,
    ]);
    assert.is(r.code, 0, r.stderr + r.stdout);
    const created = [...r.stdout.matchAll(/# (\S+) will be created/g)].map((m) => m[1]).sort();
    const each = (prefix: string) => Array.from({ length: replicas }, (_, i) => `${prefix}[${i}]`);
    assert.equal(
      created,
      [
        "gantry_command.createdb",
        "gantry_command.initdb",
        "gantry_file.haproxy_cfg",
        "gantry_host.db",
        "gantry_host.lb",
        ...each("gantry_host.replica"),
        "gantry_service.haproxy",
        "gantry_service.postgres",
        ...each("gantry_service.replica"),
      ].sort(),
    );
    for (let i = 0; i < replicas; i++)
      assert.match(r.stdout, `server replica${i} 127.0.90.${10 + i}:8004 check`, `replica ${i} in HAProxy's backend`);
    assert.not.match(r.stdout, `server replica${replicas} `);
    assert.match(r.stdout, "--store");
    assert.match(r.stdout, "postgres://gantry@127.0.90.1:5432/gantry");
    assert.match(r.stdout, `Plan: ${7 + 2 * replicas} to add, 0 to change, 0 to destroy.`);
  }
});

test("the replica count is checked", () => {
  const r = gantry(["validate", "-no-color", "-var", "replicas=0", EXAMPLE]);
  assert.is.not(r.code, 0);
  assert.match(r.stderr + r.stdout, "replicas must be between 1 and 9");
});

test("gantry apply brings it up; a stack is created through HAProxy; destroy takes it down", async () => {
  const state = join(mkdtempSync(join(tmpdir(), "gantry-hacp-")), "s.tfstate");
  const prefix = "127.0.93";
  const vars = [
    "-var",
    "replicas=2",
    "-var",
    `address_prefix=${prefix}`,
    "-var",
    "lease_seconds=5",
    "-var",
    `gantry_cli=${join(REPO, "bin/run.js")}`,
  ];
  const destroy = () => gantryAsync(["destroy", "-auto-approve", "-no-color", "-state", state, ...vars, EXAMPLE]);
  try {
    const applied = await gantryAsync(["apply", "-auto-approve", "-no-color", "-state", state, ...vars, EXAMPLE]);
    assert.is(applied.code, 0, applied.stderr + applied.stdout);
    assert.match(applied.stdout, "Apply complete! Resources: 11 added");
    const store = `postgres://gantry@${prefix}.1:5432/gantry`;
    const token = gantry(["token", "create", "--store", store, "--tenant", "demo"]);
    assert.is(token.code, 0, token.stderr);
    const headers = { "X-Auth-Token": token.stdout.trim(), "Content-Type": "application/json" };
    const api = `http://${prefix}.2:8004/v1/demo`;
    const made = await fetch(`${api}/stacks`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        stack_name: "through-lb",
        template: { heat_template_version: "2021-04-16", resources: { r: { type: "OS::Heat::RandomString" } } },
      }),
    });
    assert.is(made.status, 201, await made.clone().text());
    const deadline = Date.now() + 60_000;
    let status = "";
    while (Date.now() < deadline) {
      const got = (await (await fetch(`${api}/stacks/through-lb`, { headers })).json()) as {
        stack: { stack_status: string };
      };
      status = got.stack.stack_status;
      if (!status.endsWith("IN_PROGRESS")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.is(status, "CREATE_COMPLETE");
    // every replica sees it: one store
    for (const i of [10, 11]) {
      const r = await fetch(`http://${prefix}.${i}:8004/v1/demo/stacks/through-lb`, { headers });
      assert.is(r.status, 200);
    }
  } finally {
    const gone = await destroy();
    assert.is(gone.code, 0, gone.stderr + gone.stdout);
  }
  const refused = await fetch(`http://${prefix}.2:8004/`).then(
    () => false,
    () => true,
  );
  assert.ok(refused, "HAProxy is gone after destroy");
});

test.run();
