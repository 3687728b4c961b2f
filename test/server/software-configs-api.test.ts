// The software config and deployment API: fields, defaults, statuses and
// errors as the real Heat 19 answered them (asked on 2 December 2026), each
// tenant seeing its own records, an admin every tenant's.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { apiHarness } from "./api-harness.js";

const SCRIPT = "#!/bin/sh\necho hi";

test("a config is created (200) and shown with Heat's defaults for its inputs and outputs", async () => {
  const h = await apiHarness();
  const res = await h.call("POST", "/v1/t1/software_configs", {
    body: {
      name: "c3",
      group: "Heat::Ungrouped",
      config: "x",
      inputs: [{ name: "foo", type: "Number", default: 3 }, { name: "bar" }],
      outputs: [{ name: "result" }, { name: "err", error_output: true }],
      options: { a: 1 },
    },
  });
  assert.is(res.statusCode, 200);
  const sc = res.json().software_config;
  assert.match(sc.id, /^[0-9a-f-]{36}$/);
  assert.match(sc.creation_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(Object.keys(sc), ["id", "name", "group", "creation_time", "config", "inputs", "outputs", "options"]);
  assert.equal(sc.inputs, [
    { name: "foo", type: "Number", default: 3 },
    { name: "bar", type: "String" },
  ]);
  assert.equal(sc.outputs, [
    { name: "result", type: "String", error_output: false },
    { name: "err", type: "String", error_output: true },
  ]);
  assert.equal(sc.options, { a: 1 });
  const shown = await h.call("GET", `/v1/t1/software_configs/${sc.id}`);
  assert.is(shown.statusCode, 200);
  assert.equal(shown.json().software_config, sc);
});

test("an empty config is a config of nulls, as Heat makes it", async () => {
  const h = await apiHarness();
  const sc = (await h.call("POST", "/v1/t1/software_configs", { body: {} })).json().software_config;
  assert.is(sc.name, null);
  assert.is(sc.group, null);
  assert.is(sc.config, null);
  assert.equal([sc.inputs, sc.outputs, sc.options], [[], [], {}]);
});

test("bad inputs are a 400 naming the field", async () => {
  const h = await apiHarness();
  for (const inputs of ["x", [{ type: "String" }], [{ name: "a", type: "Nope" }]]) {
    const res = await h.call("POST", "/v1/t1/software_configs", { body: { name: "c", inputs } });
    assert.is(res.statusCode, 400, JSON.stringify(inputs));
    assert.match(res.json().error.message, /inputs/);
  }
});

test("the list shows summaries, newest first; an admin also sees the project", async () => {
  const h = await apiHarness();
  const a = (await h.call("POST", "/v1/t1/software_configs", { body: { name: "a", config: SCRIPT } })).json();
  const b = (await h.call("POST", "/v1/t1/software_configs", { body: { name: "b", config: SCRIPT } })).json();
  await h.call("POST", "/v1/t2/software_configs", { token: h.tokens.t2, body: { name: "other" } });
  const list = (await h.call("GET", "/v1/t1/software_configs")).json().software_configs;
  assert.equal(
    list.map((c: { name: string }) => c.name),
    ["b", "a"],
  );
  assert.equal(Object.keys(list[0]), ["id", "name", "group", "creation_time"]);
  const page = (await h.call("GET", `/v1/t1/software_configs?limit=1&marker=${b.software_config.id}`)).json();
  assert.equal(
    page.software_configs.map((c: { id: string }) => c.id),
    [a.software_config.id],
  );
  const all = (await h.call("GET", "/v1/ops/software_configs", { token: h.tokens.admin })).json().software_configs;
  assert.is(all.length, 3);
  assert.equal(all.map((c: { project: string }) => c.project).sort(), ["t1", "t1", "t2"]);
});

test("another tenant's config is not found; an unknown one is Heat's NotFound", async () => {
  const h = await apiHarness();
  const id = (await h.call("POST", "/v1/t1/software_configs", { body: { name: "mine" } })).json().software_config.id;
  const res = await h.call("GET", `/v1/t2/software_configs/${id}`, { token: h.tokens.t2 });
  assert.is(res.statusCode, 404);
  assert.equal(res.json().error.type, "NotFound");
  assert.is(res.json().error.message, `Software config with id ${id} not found`);
  assert.is((await h.call("DELETE", `/v1/t2/software_configs/${id}`, { token: h.tokens.t2 })).statusCode, 404);
  assert.is((await h.call("GET", "/v1/t1/software_configs/nope")).statusCode, 404);
});

test("a deployment: created without status (null, reason 'None'), updated, listed, deleted", async () => {
  const h = await apiHarness();
  const c = (
    await h.call("POST", "/v1/t1/software_configs", { body: { name: "c1", group: "script", config: SCRIPT } })
  ).json().software_config;
  const created = await h.call("POST", "/v1/t1/software_deployments", {
    body: { action: "ACTION0", config_id: c.id, server_id: "srv" },
  });
  assert.is(created.statusCode, 200);
  const sd = created.json().software_deployment;
  assert.equal(Object.keys(sd), [
    "id",
    "server_id",
    "input_values",
    "output_values",
    "action",
    "status",
    "status_reason",
    "config_id",
    "creation_time",
  ]);
  assert.equal(
    [sd.input_values, sd.output_values, sd.action, sd.status, sd.status_reason],
    [{}, null, "ACTION0", null, "None"],
  );
  const updated = await h.call("PUT", `/v1/t1/software_deployments/${sd.id}`, {
    body: { action: "ACTION1", status: "COMPLETE", status_reason: "completed" },
  });
  assert.is(updated.statusCode, 200);
  const u = updated.json().software_deployment;
  assert.equal([u.action, u.status, u.status_reason], ["ACTION1", "COMPLETE", "completed"]);
  assert.match(u.updated_time, /Z$/);
  // fields not given (or empty) stay as they are
  const again = (
    await h.call("PUT", `/v1/t1/software_deployments/${sd.id}`, { body: { output_values: { x: 1 }, status: "FAILED" } })
  ).json().software_deployment;
  assert.equal(
    [again.action, again.status, again.status_reason, again.output_values],
    ["ACTION1", "FAILED", "completed", { x: 1 }],
  );
  const shown = (await h.call("GET", `/v1/t1/software_deployments/${sd.id}`)).json().software_deployment;
  assert.equal(shown, again);
  const listed = (await h.call("GET", "/v1/t1/software_deployments?server_id=srv")).json().software_deployments;
  assert.equal(listed, [again]);
  assert.equal((await h.call("GET", "/v1/t1/software_deployments?server_id=other")).json().software_deployments, []);
  // a config in use is not deleted
  const inUse = await h.call("DELETE", `/v1/t1/software_configs/${c.id}`);
  assert.is(inUse.statusCode, 400);
  assert.is(inUse.json().error.type, "InvalidRestrictedAction");
  assert.is(inUse.json().error.message, `Software config with id ${c.id} can not be deleted as it is referenced.`);
  assert.is((await h.call("DELETE", `/v1/t1/software_deployments/${sd.id}`)).statusCode, 204);
  const gone = await h.call("DELETE", `/v1/t1/software_deployments/${sd.id}`);
  assert.is(gone.statusCode, 404);
  assert.is(gone.json().error.message, `Deployment with id ${sd.id} not found`);
  assert.is((await h.call("DELETE", `/v1/t1/software_configs/${c.id}`)).statusCode, 204);
});

test("a server's metadata: the configs deployed to it, by config name", async () => {
  const h = await apiHarness();
  const mk = async (name: string) =>
    (await h.call("POST", "/v1/t1/software_configs", { body: { name, group: "script", config: name } })).json()
      .software_config;
  const zeta = await mk("zeta");
  const alpha = await mk("alpha");
  for (const c of [zeta, alpha]) {
    await h.call("POST", "/v1/t1/software_deployments", { body: { config_id: c.id, server_id: "srv" } });
  }
  const md = (await h.call("GET", "/v1/t1/software_deployments/metadata/srv")).json().metadata;
  assert.equal(md, [alpha, zeta]);
  assert.equal((await h.call("GET", "/v1/t1/software_deployments/metadata/nobody")).json(), { metadata: [] });
});

test("a deployment needs a server and a config that exists", async () => {
  const h = await apiHarness();
  const noServer = await h.call("POST", "/v1/t1/software_deployments", { body: { config_id: "x" } });
  assert.is(noServer.statusCode, 400);
  assert.match(noServer.json().error.message, /server_id/);
  const noConfig = await h.call("POST", "/v1/t1/software_deployments", { body: { config_id: "nope", server_id: "s" } });
  assert.is(noConfig.statusCode, 400);
  assert.is(noConfig.json().error.message, "Software config with id nope not found");
});

test("a config cannot be changed: PUT is 405", async () => {
  const h = await apiHarness();
  const id = (await h.call("POST", "/v1/t1/software_configs", { body: {} })).json().software_config.id;
  assert.is((await h.call("PUT", `/v1/t1/software_configs/${id}`, { body: {} })).statusCode, 405);
});

test.run();
