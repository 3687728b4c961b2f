// A HOT stack through the default source layout (hotSourceFiles) and Heat's
// own types: names and types as the template writes them, physical ids,
// outputs with descriptions, a parameter change replacing a resource
// (created first, as Heat's convergence does) and updating its dependent.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { StackService } from "../../stacks/stack-service.js";
import { MemoryStackStore } from "./memory-stack-store.js";
import { caller, source } from "./stack-fixture.js";

const template = {
  heat_template_version: "2018-08-31",
  description: "a random string and its value",
  parameters: { len: { type: "number", default: 8 } },
  resources: {
    rs: { type: "OS::Heat::RandomString", properties: { length: { get_param: "len" } } },
    v: { type: "OS::Heat::Value", properties: { value: { get_attr: ["rs", "value"] } } },
  },
  outputs: {
    out: { value: { get_attr: ["rs", "value"] }, description: "the string" },
    name: { value: { get_param: "OS::stack_name" } },
    id: { value: { get_param: "OS::stack_id" } },
  },
};

test("a HOT stack: create, then a parameter change replaces rs (new first) and updates v", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-hot-stack-"));
  const store = new MemoryStackStore(join(root, "state"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const v = await service.validate(caller, source(template));
  assert.is(v.Description, "a random string and its value");
  assert.equal(Object.keys(v.Parameters as object), ["len"]);

  const s = await service.create(caller, { name: "hot", source: source(template) });
  await service.idle();
  const created = await store.getStack(s.id);
  assert.is(`${created?.action}_${created?.status}`, "CREATE_COMPLETE", created?.statusReason);
  assert.is(created?.description, "a random string and its value");
  const rs = await store.getResource(s.id, "rs");
  assert.is(rs?.type, "OS::Heat::RandomString");
  assert.ok(rs?.physicalId);
  assert.equal(rs?.requiredBy, ["v"]);
  const value = rs?.attributes.value as string;
  assert.is(value.length, 8);
  assert.equal(created?.outputs, [
    { key: "out", value, description: "the string" },
    { key: "name", value: "hot" },
    { key: "id", value: s.id },
  ]);

  await service.update(caller, s, { existing: true, parameters: { len: 12 } });
  await service.idle();
  const updated = await store.getStack(s.id);
  assert.is(`${updated?.action}_${updated?.status}`, "UPDATE_COMPLETE", updated?.statusReason);
  const rs2 = await store.getResource(s.id, "rs");
  assert.is.not(rs2?.physicalId, rs?.physicalId);
  assert.is(String(rs2?.attributes.value).length, 12);
  const events = (await store.listEvents({ stackId: s.id })).filter((e) => e.resourceName === "rs").slice(2);
  assert.equal(
    events.map((e) => `${e.action}_${e.status} ${e.physicalResourceId === rs?.physicalId ? "old" : "new"}`),
    [
      "UPDATE_IN_PROGRESS old",
      "UPDATE_COMPLETE old",
      "CREATE_IN_PROGRESS new",
      "CREATE_COMPLETE new",
      "DELETE_IN_PROGRESS old",
      "DELETE_COMPLETE old",
    ],
  );
  const vr = await store.getResource(s.id, "v");
  assert.is(`${vr?.action}_${vr?.status}`, "UPDATE_COMPLETE");
  assert.is(vr?.attributes.value, rs2?.attributes.value);
});

test.run();
