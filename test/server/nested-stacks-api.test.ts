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

test.run();
