// gantry_host with driver ssh: its connection attributes, checked where they
// are written, and carried to the driver in the host spec.
import { test } from "uvu";
import * as assert from "uvu/assert";

import { hostSpecOf } from "../../provider/types/host-bound.js";
import { builtinType } from "../engine-fixture.js";
import { makeCtx } from "../provider/helpers.js";

const host = builtinType("gantry_host");

test("validate: an ssh host needs an address; ssh attributes only on ssh hosts", () => {
  const info = makeCtx("/tmp", "h");
  const noAddress = host.validate!({ driver: "ssh", user: "ops" }, info);
  assert.ok(noAddress.some((e) => e.attribute === "address" && /an ssh host needs an "address"/.test(e.message)));
  const local = host.validate!({ driver: "local", user: "ops", port: 22 }, info);
  assert.equal(
    local.filter((e) => e.attribute === "user" || e.attribute === "port").map((e) => e.message),
    [
      'applies only to hosts with driver "ssh" (this host\'s driver is "local")',
      'applies only to hosts with driver "ssh" (this host\'s driver is "local")',
    ],
  );
  assert.equal(host.validate!({ driver: "ssh", address: "10.0.0.5", user: "ops", sudo: true }, info), []);
});

test("plan: an ssh host's root is / by default", () => {
  const info = makeCtx("/tmp", "h");
  const { planned } = host.planChange!(null, { driver: "ssh", address: "10.0.0.5" }, info) as {
    planned: Record<string, unknown>;
  };
  assert.is(planned.root, "/");
  assert.is(planned.name, "h");
});

test("the host spec carries the ssh attributes in its options (attributes over options)", () => {
  const spec = hostSpecOf({
    name: "db",
    driver: "ssh",
    address: "10.0.0.5",
    root: "/",
    options: { user: "old", connect_timeout_ms: 500 },
    user: "ops",
    port: 2222,
    private_key_file: "/k",
    sudo: null,
  });
  assert.equal(spec.options, { user: "ops", connect_timeout_ms: 500, port: 2222, private_key_file: "/k" });
  const local = hostSpecOf({ name: "l", driver: "local", address: "127.0.0.9", root: "/r", options: null });
  assert.is(local.options, undefined);
});

test.run();
