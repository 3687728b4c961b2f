// Nested stacks through provider templates, in the store: the nested stack is a stack of its own (id, name
// `<parent>-<resource>-<shortid>`, parent), the provider resource's physical id is its id, its resources are
// its own, get_attr reads its outputs, an update with new parameters updates it in place, and deleting the parent
// deletes it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { StackService } from "../../stacks/stack-service.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { caller } from "./stack-fixture.js";

const inner = [
  "heat_template_version: 2018-08-31",
  "parameters:",
  "  len: {type: number, default: 8}",
  "resources:",
  "  secret:",
  "    type: OS::Heat::RandomString",
  "    properties: {length: {get_param: len}}",
  "outputs:",
  "  value: {value: {get_attr: [secret, value]}}",
].join("\n");

const outer = (len: number) => ({
  heat_template_version: "2018-08-31",
  resources: { wrap: { type: "My::Secret", properties: { len } } },
  outputs: {
    nested_value: { value: { get_attr: ["wrap", "value"] } },
    direct: { value: { get_attr: ["wrap", "resource.secret.value"] } },
  },
});

const source = (len: number) => ({
  template: outer(len),
  environments: [{ resource_registry: { "My::Secret": "inner.yaml" } }],
  files: { "inner.yaml": inner },
  parameters: {},
});

test("a provider template resource is a nested stack: create, update in place, delete with its parent", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-nested-stack-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const s = await service.create(caller, { name: "outer", source: source(8) });
  await service.idle();
  const created = await store.getStack(s.id);
  assert.is(`${created?.action}_${created?.status}`, "CREATE_COMPLETE", created?.statusReason);

  const wrap = await store.getResource(s.id, "wrap");
  assert.is(wrap?.type, "My::Secret");
  assert.is(`${wrap?.action}_${wrap?.status}`, "CREATE_COMPLETE");
  const nested = await store.getStack(wrap?.physicalId ?? "");
  assert.ok(nested, "the provider resource's physical id is the nested stack's id");
  assert.is(wrap?.nestedStackId, nested?.id);
  assert.is(nested?.parentId, s.id);
  assert.match(nested?.name ?? "", /^outer-wrap-[a-z2-7]{12}$/);
  assert.is(`${nested?.action}_${nested?.status}`, "CREATE_COMPLETE");
  const secret = await store.getResource(nested!.id, "secret");
  assert.is(secret?.type, "OS::Heat::RandomString");
  assert.is(String(secret?.attributes.value).length, 8);
  assert.is(await store.getResource(s.id, "secret"), undefined, "nested resources are not the parent's");
  const out = Object.fromEntries(created!.outputs.map((o) => [o.key, o.value]));
  assert.is(out.nested_value, secret?.attributes.value);
  assert.is(out.direct, secret?.attributes.value);
  assert.equal(nested?.outputs, [{ key: "value", value: secret?.attributes.value }]);

  // listed only with show_nested
  assert.equal(
    (await store.listStacks({ tenant: caller.tenant })).map((x) => x.id),
    [s.id],
  );
  assert.ok((await store.listStacks({ tenant: caller.tenant, showNested: true })).some((x) => x.id === nested?.id));
  const nestedEvents = await store.listEvents({ stackId: nested!.id });
  assert.ok(nestedEvents.some((e) => e.resourceName === "secret" && e.status === "COMPLETE"));

  // a new parameter value: the same nested stack, updated
  await service.update(caller, s, { existing: true, template: outer(12) });
  await service.idle();
  const updated = await store.getStack(s.id);
  assert.is(`${updated?.action}_${updated?.status}`, "UPDATE_COMPLETE", updated?.statusReason);
  const wrap2 = await store.getResource(s.id, "wrap");
  assert.is(wrap2?.physicalId, nested?.id, "updated in place: the same nested stack");
  assert.is(`${wrap2?.action}_${wrap2?.status}`, "UPDATE_COMPLETE");
  const nested2 = await store.getStack(nested!.id);
  assert.is(`${nested2?.action}_${nested2?.status}`, "UPDATE_COMPLETE");
  const secret2 = await store.getResource(nested!.id, "secret");
  assert.is(String(secret2?.attributes.value).length, 12);

  await service.delete(caller, s);
  await service.idle();
  const gone = await store.getStack(nested!.id);
  assert.is(`${gone?.action}_${gone?.status}`, "DELETE_COMPLETE", gone?.statusReason);
  assert.ok(gone?.deletedAt);
  assert.equal(await store.listResources(nested!.id), []);
  await service.close();
});

const openService = () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-nested-stack-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  return { store, service: new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") }) };
};

const statusOf = (r: { action: string; status: string } | undefined) => `${r?.action}_${r?.status}`;

test("check goes into the nested stack; a type without a check is CHECK_COMPLETE 'not supported'", async () => {
  const { store, service } = openService();
  const s = await service.create(caller, { name: "chk", source: source(8) });
  await service.idle();
  await service.action(caller, s, "check");
  await service.idle();
  const checked = await store.getStack(s.id);
  const partly = "Stack CHECK completed successfully. 'CHECK' not fully supported (see resources)";
  assert.is(`${statusOf(checked)} ${checked?.statusReason}`, `CHECK_COMPLETE ${partly}`);
  const wrap = await store.getResource(s.id, "wrap");
  assert.is(statusOf(wrap), "CHECK_COMPLETE");
  const nested = await store.getStack(wrap?.nestedStackId ?? "");
  assert.is(`${statusOf(nested)} ${nested?.statusReason}`, `CHECK_COMPLETE ${partly}`);
  const secret = await store.getResource(nested!.id, "secret");
  assert.is(
    `${statusOf(secret)} ${secret?.statusReason}`,
    "CHECK_COMPLETE CHECK not supported for OS::Heat::RandomString",
  );
  await service.close();
});

test("a nested stack's resource whose update failed is replaced by the next update; its provider is not", async () => {
  const nestedTemplate = (fail: boolean) =>
    [
      "heat_template_version: 2013-05-23",
      "parameters:",
      "  v: {type: string}",
      "resources:",
      "  test:",
      "    type: OS::Heat::TestResource",
      `    properties: {value: {get_param: v}, fail: ${fail}}`,
    ].join("\n");
  const src = (v: string, fail: boolean) => ({
    template: { heat_template_version: "2013-05-23", resources: { my: { type: "res.yaml", properties: { v } } } },
    environments: [],
    files: { "res.yaml": nestedTemplate(fail) },
    parameters: {},
  });
  const { store, service } = openService();
  const s = await service.create(caller, { name: "np", source: src("a", false) });
  await service.idle();
  const my = await store.getResource(s.id, "my");
  const first = await store.getResource(my?.nestedStackId ?? "", "test");
  await service.update(caller, s, { existing: false, ...src("b", true) });
  await service.idle();
  assert.is(statusOf(await store.getStack(s.id)), "UPDATE_FAILED");
  const failed = await store.getResource(my!.nestedStackId!, "test");
  assert.is(statusOf(failed), "UPDATE_FAILED");
  assert.is(failed?.physicalId, first?.physicalId);
  await service.update(caller, s, { existing: false, ...src("b", false) });
  await service.idle();
  const after = await store.getStack(s.id);
  assert.is(statusOf(after), "UPDATE_COMPLETE", after?.statusReason);
  const my2 = await store.getResource(s.id, "my");
  assert.is(my2?.nestedStackId, my?.nestedStackId, "the provider resource keeps its nested stack");
  const replaced = await store.getResource(my!.nestedStackId!, "test");
  assert.is(statusOf(replaced), "CREATE_COMPLETE");
  assert.is.not(replaced?.physicalId, first?.physicalId);
  await service.close();
});

test.run();
