// Nested stacks through the Heat API over the real stack service: a provider template resource's nested stack is
// listed with show_nested (with its parent), its resources come with nested_depth (naming their parent_resource),
// the provider resource links to it, and deleting the parent deletes it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { buildHeatApi } from "../../server/app.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { StackService } from "../../stacks/stack-service.js";

const INNER = "heat_template_version: 2018-08-31\nresources:\n  secret:\n    type: OS::Heat::RandomString\n";

test("show_nested, nested_depth, the nested link and the parent's delete", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-nested-api-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const app = await buildHeatApi({ operations: service });
  const token = (await store.issueToken("t1", ["member"])).token;
  const call = (method: "GET" | "POST" | "DELETE", url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { host: "127.0.0.1:8004", "x-auth-token": token, "content-type": "application/json" },
      ...(body !== undefined && { payload: JSON.stringify(body) }),
    });
  const res = await call("POST", "/v1/t1/stacks", {
    stack_name: "top",
    template: { heat_template_version: "2018-08-31", resources: { wrap: { type: "inner.yaml" } } },
    files: { "inner.yaml": INNER },
  });
  assert.is(res.statusCode, 201, res.body);
  const id = res.json().stack.id as string;
  await service.idle();

  const top = (await call("GET", "/v1/t1/stacks")).json().stacks;
  assert.equal(
    top.map((s: { stack_name: string }) => s.stack_name),
    ["top"],
  );
  const all = (await call("GET", "/v1/t1/stacks?show_nested=true")).json().stacks;
  const nested = all.find((s: { parent: string | null }) => s.parent === id);
  assert.ok(nested, "the nested stack is listed with show_nested");
  assert.match(nested.stack_name, /^top-wrap-[a-z2-7]{12}$/);
  assert.is(nested.stack_status, "CREATE_COMPLETE");

  const wrap = (await call("GET", `/v1/t1/stacks/top/${id}/resources/wrap`)).json().resource;
  assert.is(wrap.physical_resource_id, nested.id);
  assert.ok(wrap.links.some((l: { rel: string; href: string }) => l.rel === "nested" && l.href.endsWith(nested.id)));

  const flat = (await call("GET", `/v1/t1/stacks/top/${id}/resources`)).json().resources;
  assert.equal(
    flat.map((r: { resource_name: string }) => r.resource_name),
    ["wrap"],
  );
  const deep = (await call("GET", `/v1/t1/stacks/top/${id}/resources?nested_depth=1`)).json().resources;
  const secret = deep.find((r: { resource_name: string }) => r.resource_name === "secret");
  assert.ok(secret, "nested_depth=1 lists the nested stack's resources");
  assert.is(secret.parent_resource, "wrap");

  assert.is((await call("DELETE", `/v1/t1/stacks/top/${id}`)).statusCode, 204);
  await service.idle();
  const after = await store.getStack(nested.id);
  assert.is(`${after?.action}_${after?.status}`, "DELETE_COMPLETE");
  const listed = (await call("GET", "/v1/t1/stacks?show_nested=true")).json().stacks;
  assert.equal(listed, []);
  await app.close();
  await service.close();
});

test("ResourceGroup: its members in a nested stack (the group's physical id), counted up and down", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-group-api-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const app = await buildHeatApi({ operations: service });
  const token = (await store.issueToken("t1", ["member"])).token;
  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { host: "127.0.0.1:8004", "x-auth-token": token, "content-type": "application/json" },
      ...(body !== undefined && { payload: JSON.stringify(body) }),
    });
  const template = (count: number) => ({
    heat_template_version: "2018-08-31",
    resources: {
      group: {
        type: "OS::Heat::ResourceGroup",
        properties: { count, resource_def: { type: "OS::Heat::Value", properties: { value: "v%index%" } } },
      },
    },
    outputs: { values: { value: { get_attr: ["group", "value"] } } },
  });
  const res = await call("POST", "/v1/t1/stacks", { stack_name: "top", template: template(2) });
  assert.is(res.statusCode, 201, res.body);
  const id = res.json().stack.id as string;
  await service.idle();

  const all = (await call("GET", "/v1/t1/stacks?show_nested=true")).json().stacks;
  const nested = all.find((s: { parent: string | null }) => s.parent === id);
  assert.ok(nested, "the group's stack is listed with show_nested");
  assert.match(nested.stack_name, /^top-group-[a-z2-7]{12}$/);
  const group = (await call("GET", `/v1/t1/stacks/top/${id}/resources/group`)).json().resource;
  assert.is(group.resource_type, "OS::Heat::ResourceGroup");
  assert.is(group.resource_status, "CREATE_COMPLETE");
  assert.is(group.physical_resource_id, nested.id);
  const members = async () =>
    (await call("GET", `/v1/t1/stacks/top/${id}/resources?nested_depth=1`))
      .json()
      .resources.filter((r: { parent_resource?: string }) => r.parent_resource === "group")
      .map((r: { resource_name: string; resource_type: string }) => `${r.resource_name}:${r.resource_type}`)
      .sort();
  assert.equal(await members(), ["0:OS::Heat::Value", "1:OS::Heat::Value"]);
  const outputs = async () => (await call("GET", `/v1/t1/stacks/top/${id}`)).json().stack.outputs[0].output_value;
  assert.equal(await outputs(), ["v0", "v1"]);

  for (const [count, expected] of [
    [3, ["0:OS::Heat::Value", "1:OS::Heat::Value", "2:OS::Heat::Value"]],
    [1, ["0:OS::Heat::Value"]],
  ] as const) {
    assert.is((await call("PUT", `/v1/t1/stacks/top/${id}`, { template: template(count) })).statusCode, 202);
    await service.idle();
    assert.equal(await members(), expected);
    const after = (await call("GET", `/v1/t1/stacks/top/${id}/resources/group`)).json().resource;
    assert.is(`${after.resource_status}:${after.physical_resource_id}`, `UPDATE_COMPLETE:${nested.id}`);
  }
  assert.equal(await outputs(), ["v0"]);

  assert.is((await call("DELETE", `/v1/t1/stacks/top/${id}`)).statusCode, 204);
  await service.idle();
  const gone = await store.getStack(nested.id);
  assert.is(`${gone?.action}_${gone?.status}`, "DELETE_COMPLETE");
  await app.close();
  await service.close();
});

const REMOTE = [
  "heat_template_version: 2018-08-31",
  "parameters:",
  "  word: {type: string}",
  "resources:",
  "  v: {type: OS::Heat::Value, properties: {value: {get_param: word}}}",
  "outputs:",
  "  said: {value: {get_attr: [v, value]}}",
  "",
].join("\n");

test("OS::Heat::Stack: a stack of its own, without a parent, its outputs through get_attr", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-remote-api-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const app = await buildHeatApi({ operations: service });
  const token = (await store.issueToken("t1", ["member"])).token;
  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { host: "127.0.0.1:8004", "x-auth-token": token, "content-type": "application/json" },
      ...(body !== undefined && { payload: JSON.stringify(body) }),
    });
  const template = (word: string) => ({
    heat_template_version: "2018-08-31",
    resources: {
      inner: { type: "OS::Heat::Stack", properties: { template: REMOTE, parameters: { word }, timeout: 7 } },
    },
    outputs: {
      said: { value: { get_attr: ["inner", "outputs", "said"] } },
      all: { value: { get_attr: ["inner", "outputs"] } },
      name: { value: { get_attr: ["inner", "stack_name"] } },
      ref: { value: { get_resource: "inner" } },
    },
  });
  const res = await call("POST", "/v1/t1/stacks", { stack_name: "top", template: template("hello") });
  assert.is(res.statusCode, 201, res.body);
  const id = res.json().stack.id as string;
  await service.idle();

  const top = (await call("GET", "/v1/t1/stacks")).json().stacks;
  const own = top.find((s: { stack_name: string }) => s.stack_name !== "top");
  assert.ok(own, "the stack is listed among the top stacks (it has no parent)");
  assert.match(own.stack_name, /^top-inner-[a-z2-7]{12}$/);
  assert.is(own.parent, null);
  const shown = (await call("GET", `/v1/t1/stacks/${own.stack_name}/${own.id}`)).json().stack;
  assert.is(shown.stack_status, "CREATE_COMPLETE", shown.stack_status_reason);
  assert.is(shown.disable_rollback, true);
  assert.is(shown.timeout_mins, 7);

  const inner = (await call("GET", `/v1/t1/stacks/top/${id}/resources/inner`)).json().resource;
  assert.is(inner.resource_type, "OS::Heat::Stack");
  assert.is(inner.physical_resource_id, own.id);
  assert.not.ok(
    inner.links.some((l: { rel: string }) => l.rel === "nested"),
    "no nested link",
  );
  const deep = (await call("GET", `/v1/t1/stacks/top/${id}/resources?nested_depth=3`)).json().resources;
  assert.equal(
    deep.map((r: { resource_name: string }) => r.resource_name),
    ["inner"],
  );

  const outputs = async () => {
    const s = (await call("GET", `/v1/t1/stacks/top/${id}`)).json().stack;
    return Object.fromEntries(
      s.outputs.map((o: { output_key: string; output_value: unknown }) => [o.output_key, o.output_value]),
    );
  };
  assert.equal(await outputs(), { said: "hello", all: { said: "hello" }, name: own.stack_name, ref: own.id });

  assert.is((await call("PUT", `/v1/t1/stacks/top/${id}`, { template: template("again") })).statusCode, 202);
  await service.idle();
  assert.equal((await outputs()).said, "again");
  const events = (await call("GET", `/v1/t1/stacks/${own.stack_name}/${own.id}/events`)).json().events;
  assert.ok(
    events.some((e: { resource_status_reason: string }) => e.resource_status_reason === "Stack UPDATE started"),
    "the parent's update updates the stack",
  );

  assert.is((await call("DELETE", `/v1/t1/stacks/top/${id}`)).statusCode, 204);
  await service.idle();
  const after = await store.getStack(own.id);
  assert.is(`${after?.action}_${after?.status}`, "DELETE_COMPLETE");
  assert.equal((await call("GET", "/v1/t1/stacks")).json().stacks, []);
  await app.close();
  await service.close();
});

test("OS::Heat::Stack: Heat's errors for its properties", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-remote-api-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const app = await buildHeatApi({ operations: service });
  const token = (await store.issueToken("t1", ["member"])).token;
  const create = (properties: unknown, outputs?: unknown) =>
    app.inject({
      method: "POST",
      url: "/v1/t1/stacks",
      headers: { host: "127.0.0.1:8004", "x-auth-token": token, "content-type": "application/json" },
      payload: JSON.stringify({
        stack_name: "bad",
        template: {
          heat_template_version: "2018-08-31",
          resources: { inner: { type: "OS::Heat::Stack", properties } },
          ...(outputs !== undefined && { outputs }),
        },
      }),
    });
  const message = async (properties: unknown, outputs?: unknown) => {
    const res = await create(properties, outputs);
    assert.is(res.statusCode, 400, res.body);
    return res.json().error.message as string;
  };
  assert.match(await message({}), "Property template not assigned");
  assert.match(await message({ template: REMOTE, parameters: { word: "x", other: 1 } }), "The Parameter (other)");
  assert.match(await message({ template: REMOTE, color: "red" }), "Unknown Property color");
  assert.match(
    await message({ template: REMOTE, parameters: { word: "x" } }, { o: { value: { get_attr: ["inner", "nope"] } } }),
    "The Referenced Attribute (inner nope) is incorrect.",
  );
  await app.close();
  await service.close();
});

test.run();

test("a provider template in files nested thousands of levels deep is a 400 naming the limit", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-nested-api-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const app = await buildHeatApi({ operations: service });
  const token = (await store.issueToken("t1", ["member"])).token;
  const value = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  const deep = `heat_template_version: 2018-08-31\noutputs:\n  x:\n    value: ${value}\n`;
  const res = await app.inject({
    method: "POST",
    url: "/v1/t1/stacks",
    headers: { host: "127.0.0.1:8004", "x-auth-token": token, "content-type": "application/json" },
    payload: JSON.stringify({
      stack_name: "top",
      template: { heat_template_version: "2018-08-31", resources: { wrap: { type: "inner.yaml" } } },
      files: { "inner.yaml": deep },
    }),
  });
  await service.idle();
  assert.is(res.statusCode, 400, res.body);
  assert.not.match(res.json().error.message, /call stack/, res.body);
  assert.match(res.json().error.message, /nesting deeper than \d+ levels/, res.body);
  const stacks = (
    await app.inject({
      method: "GET",
      url: "/v1/t1/stacks",
      headers: { host: "127.0.0.1:8004", "x-auth-token": token },
    })
  ).json().stacks;
  assert.equal(stacks, []);
});
