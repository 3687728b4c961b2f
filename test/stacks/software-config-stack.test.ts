// OS::Heat::SoftwareConfig and OS::Heat::StructuredConfig in a HOT stack: each
// creates a software config record (id = the physical id, name = the physical
// name, Heat's defaults), get_resource is its id and get_attr config its
// config; a change replaces it (a new record, the old one deleted) and the
// stack's delete deletes the records, as the real Heat 19 did (2 December 2026).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { StackService } from "../../stacks/stack-service.js";
import { caller, source } from "./stack-fixture.js";

const template = {
  heat_template_version: "2018-08-31",
  parameters: { script: { type: "string", default: "echo one" } },
  resources: {
    cfg: {
      type: "OS::Heat::SoftwareConfig",
      properties: {
        config: { get_param: "script" },
        inputs: [{ name: "foo" }],
        outputs: [{ name: "result", error_output: true }],
      },
    },
    scfg: { type: "OS::Heat::StructuredConfig", properties: { group: "ansible", config: { a: [1, 2] } } },
  },
  outputs: {
    ref: { value: { get_resource: "cfg" } },
    conf: { value: { get_attr: ["cfg", "config"] } },
    sconf: { value: { get_attr: ["scfg", "config"] } },
  },
};

test("software config resources keep their configs as records, replaced and deleted with them", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-swconfig-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const configs = service.softwareConfigs;
  assert.ok(configs);
  try {
    const s = await service.create(caller, { name: "sc", source: source(template) });
    await service.idle();
    const created = await store.getStack(s.id);
    assert.is(`${created?.action}_${created?.status}`, "CREATE_COMPLETE", created?.statusReason);
    const cfg = await store.getResource(s.id, "cfg");
    assert.match(cfg?.physicalId ?? "", /^[0-9a-f-]{36}$/);
    const outputs = Object.fromEntries((created?.outputs ?? []).map((o) => [o.key, o.value]));
    assert.equal(outputs, { ref: cfg?.physicalId, conf: "echo one", sconf: { a: [1, 2] } });

    const record = await configs.showConfig(caller, cfg?.physicalId ?? "");
    assert.match(record.name ?? "", /^sc-cfg-[a-z2-7]{12}$/);
    assert.is(record.group, "Heat::Ungrouped");
    assert.is(record.config, "echo one");
    assert.equal(record.inputs, [{ name: "foo", description: "", type: "String", default: "" }]);
    assert.equal(record.outputs, [{ name: "result", description: "", type: "String", error_output: true }]);
    assert.equal(record.options, {});
    const listed = await configs.listConfigs(caller, {});
    assert.equal(listed.map((c) => c.group).sort(), ["Heat::Ungrouped", "ansible"]);
    const structured = listed.find((c) => c.group === "ansible");
    assert.equal(structured?.config, { a: [1, 2] });

    // a config is immutable: a change replaces the resource, a new record, the old one deleted
    await service.update(caller, s, { existing: true, parameters: { script: "echo two" } });
    await service.idle();
    const cfg2 = await store.getResource(s.id, "cfg");
    assert.is.not(cfg2?.physicalId, cfg?.physicalId);
    assert.is((await configs.showConfig(caller, cfg2?.physicalId ?? "")).config, "echo two");
    assert.is((await configs.listConfigs(caller, {})).length, 2);
    try {
      await configs.showConfig(caller, cfg?.physicalId ?? "");
      assert.unreachable("the replaced config is deleted");
    } catch (e) {
      assert.is((e as { code?: number }).code, 404);
    }

    await service.delete(caller, s);
    await service.idle();
    assert.equal(await configs.listConfigs(caller, {}), []);
  } finally {
    await service.close();
  }
});

test.run();
