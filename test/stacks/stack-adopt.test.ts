// Heat's abandon and adopt through the stack service: abandon returns the stack's sources and its resources (a
// nested stack's resource as that stack's own data), adopt (a create with Heat's adopt_stack_data) takes the
// resources over: the stack, its nested stacks and its resources ADOPT_COMPLETE, the physical ids and a
// RandomString's value those of the data, nothing made anew.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import type { StackSource } from "../../stacks/stack-records.js";
import { StackService } from "../../stacks/stack-service.js";
import { MemoryStackStore } from "./memory-stack-store.js";
import { caller } from "./stack-fixture.js";

const nested = {
  heat_template_version: "2016-10-14",
  resources: { inner: { type: "OS::Heat::RandomString", properties: { length: 10 } } },
  outputs: { inner_value: { value: { get_attr: ["inner", "value"] } } },
};

const template = {
  heat_template_version: "2016-10-14",
  resources: {
    rs: { type: "OS::Heat::RandomString" },
    tr: { type: "OS::Heat::TestResource", properties: { value: "kept" } },
    child: { type: "nested.yaml" },
  },
  outputs: {
    rs: { value: { get_attr: ["rs", "value"] } },
    tr: { value: { get_attr: ["tr", "output"] } },
    inner: { value: { get_attr: ["child", "inner_value"] } },
  },
};

function service() {
  const root = mkdtempSync(join(tmpdir(), "gantry-adopt-"));
  const store = new MemoryStackStore(join(root, "state"));
  return { store, service: new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") }) };
}

const src = (t: Record<string, unknown>, files: Record<string, string> = {}): StackSource => ({
  template: t,
  environments: [],
  files,
  parameters: {},
});

const outputsOf = (outputs: { key: string; value: unknown }[] | undefined) =>
  Object.fromEntries((outputs ?? []).map((o) => [o.key, o.value]));

test("abandon, then adopt what it returned: the same objects, ADOPT_COMPLETE", async () => {
  const { store, service: svc } = service();
  const files = { "nested.yaml": JSON.stringify(nested) };
  const s = await svc.create(caller, { name: "first", source: src(template, files) });
  await svc.idle();
  const created = await store.getStack(s.id);
  assert.is(`${created?.action}_${created?.status}`, "CREATE_COMPLETE", created?.statusReason);
  const before = outputsOf(created?.outputs);
  const ids = Object.fromEntries((await store.listResources(s.id)).map((r) => [r.name, r.physicalId]));

  const data = await svc.abandon(caller, s);
  const resources = data.resources as Record<string, Record<string, unknown>>;
  assert.equal((resources.rs?.resource_data as Record<string, unknown> | undefined)?.value, before.rs);
  // the nested stack's resource: its stack's own abandon data, with its template and resources
  assert.equal(resources.child?.template, nested);
  assert.ok((resources.child?.resources as Record<string, unknown> | undefined)?.inner);

  const a = await svc.create(caller, {
    name: "second",
    source: src(data.template as Record<string, unknown>, files),
    adoptStackData: data,
  });
  assert.is(a.action, "ADOPT");
  await svc.idle();
  const adopted = await store.getStack(a.id);
  assert.is(`${adopted?.action}_${adopted?.status}`, "ADOPT_COMPLETE", adopted?.statusReason);
  assert.is(adopted?.statusReason, "Stack ADOPT completed successfully");
  assert.equal(outputsOf(adopted?.outputs), before);
  const after = await store.listResources(a.id);
  for (const r of after) {
    assert.is(`${r.name} ${r.action}_${r.status}`, `${r.name} ADOPT_COMPLETE`);
    if (r.name !== "child") assert.is(r.physicalId, ids[r.name], r.name);
  }
  const child = after.find((r) => r.name === "child");
  const inner = await store.listResources(child?.physicalId ?? "");
  assert.equal(
    inner.map((r) => `${r.name} ${r.action}_${r.status}`),
    ["inner ADOPT_COMPLETE"],
  );
  const events = (await store.listEvents({ stackId: a.id })).map((e) => `${e.resourceName} ${e.action}_${e.status}`);
  assert.ok(events.includes("tr ADOPT_IN_PROGRESS") && events.includes("tr ADOPT_COMPLETE"), events.join(", "));
  assert.not.ok(
    events.some((e) => e.includes("CREATE_")),
    events.join(", "),
  );
  await svc.close();
});

test("adopt data without an id for a resource: that resource is made", async () => {
  const { store, service: svc } = service();
  const t = {
    heat_template_version: "2016-10-14",
    resources: { a: { type: "OS::Heat::None" }, b: { type: "OS::Heat::None" } },
  };
  const a = await svc.create(caller, {
    name: "partly",
    source: src(t),
    adoptStackData: { template: t, resources: { a: { resource_id: "existing-a" } } },
  });
  await svc.idle();
  const rs = Object.fromEntries((await store.listResources(a.id)).map((r) => [r.name, r]));
  assert.is(`${rs.a?.action}_${rs.a?.status} ${rs.a?.physicalId}`, "ADOPT_COMPLETE existing-a");
  assert.is(`${rs.b?.action}_${rs.b?.status}`, "CREATE_COMPLETE");
  assert.ok(rs.b?.physicalId && rs.b.physicalId !== "existing-a");
  await svc.close();
});

test.run();
