// Creating and deleting stacks: statuses, events and their texts as Heat's
// convergence engine gives them, physical ids, requiredBy, outputs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { caller, probes, source, stackFixture } from "./stack-fixture.js";

test("create: the stack and its resources go IN_PROGRESS → COMPLETE with Heat's events", async () => {
  const f = stackFixture();
  const template = probes({ a: { value: "one" }, b: { value: "${gantry_probe.a.id}" } }, { a_id: "${gantry_probe.a.id}" });
  const created = await f.service.create(caller, { name: "web", source: source(template) });
  assert.is(`${created.action}_${created.status}`, "CREATE_IN_PROGRESS");
  assert.is(created.statusReason, "Stack CREATE started");
  await f.service.idle();
  const s = await f.stack(created);
  assert.is(`${s.action}_${s.status}`, "CREATE_COMPLETE");
  assert.is(s.statusReason, "Stack CREATE completed successfully");
  assert.equal(await f.events(created), [
    "web CREATE_IN_PROGRESS Stack CREATE started",
    "a CREATE_IN_PROGRESS state changed",
    "a CREATE_COMPLETE state changed",
    "b CREATE_IN_PROGRESS state changed",
    "b CREATE_COMPLETE state changed",
    "web CREATE_COMPLETE Stack CREATE completed successfully",
  ]);
  const a = await f.resource(created, "a");
  assert.is(a.type, "Gantry::Probe");
  assert.is(`${a.action}_${a.status}`, "CREATE_COMPLETE");
  assert.match(a.physicalId, /^[0-9a-f-]{36}$/);
  assert.equal(a.requiredBy, ["b"]);
  assert.is(a.attributes.value, "one");
  assert.is((await f.resource(created, "b")).attributes.value, a.physicalId);
  assert.equal(s.outputs, [{ key: "a_id", value: a.physicalId }]);
  assert.equal(await f.service.outputs(s), [{ key: "a_id", value: a.physicalId }]);
});

test.run();
