import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN } from "../../contract/values.js";
import { makeCtx, planLike } from "./helpers.js";
import { builtinType, testEngine } from "../engine-fixture.js";

const noop = builtinType("noop");
const ctx = makeCtx("/tmp/gantry-noop-test", "a");

test("registry knows the built-in types under their full names", () => {
  assert.equal(testEngine().types.names(), [
    "gantry_chronos_job",
    "gantry_cluster",
    "gantry_command",
    "gantry_file",
    "gantry_haproxy_config",
    "gantry_host",
    "gantry_marathon_app",
    "gantry_noop",
    "gantry_package",
    "gantry_service",
    "heat_delay",
    "heat_nested_stack",
    "heat_none",
    "heat_random_string",
    "heat_software_config",
    "heat_structured_config",
    "heat_test_resource",
    "heat_value",
    "heat_wait_condition",
    "heat_wait_condition_handle",
    "null_resource",
    "terraform_data",
  ]);
  assert.is(testEngine().types.get("gantry_noop"), noop);
  assert.is(testEngine().types.get("noop"), undefined, "the registry knows full names only");
  assert.is(testEngine().types.get("nope"), undefined);
});

test("plan: output mirrors input; unknown input gives unknown output", () => {
  const p = planLike(noop, null, { input: { a: 1 } }, ctx);
  assert.equal(p.planned.output, { a: 1 });
  assert.is(p.planned.id, UNKNOWN);
  const u = planLike(noop, null, { input: UNKNOWN }, ctx);
  assert.is(u.planned.output, UNKNOWN);
  const none = planLike(noop, null, {}, ctx);
  assert.is(none.planned.output, null);
});

test("create/update/read: id generated once and kept; triggers_replace forces replacement", async () => {
  const p = planLike(noop, null, { input: "v1", triggers_replace: 1 }, ctx);
  const s1 = await noop.create(ctx, p.planned);
  assert.match(String(s1.id), /^[0-9a-f-]{36}$/);
  assert.is(s1.output, "v1");
  assert.equal(await noop.read(ctx, s1), s1);

  const same = planLike(noop, s1, { input: "v1", triggers_replace: 1 }, ctx);
  assert.is(same.action, "noop");

  const upd = planLike(noop, s1, { input: "v2", triggers_replace: 1 }, ctx);
  assert.is(upd.action, "update");
  assert.equal(upd.changed.sort(), ["input", "output"]);
  const s2 = await noop.update(ctx, s1, upd.planned);
  assert.is(s2.id, s1.id);
  assert.is(s2.output, "v2");

  const rep = planLike(noop, s2, { input: "v2", triggers_replace: 2 }, ctx);
  assert.is(rep.action, "replace");
  const s3 = await noop.create(ctx, rep.planned);
  assert.is.not(s3.id, s1.id);
});

test.run();
