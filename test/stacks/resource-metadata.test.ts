// `GET …/resources/NAME/metadata` over the served Heat API answers a
// resource's template metadata resolved (get_param, get_attr, get_resource),
// a wait condition handle's signals added to it and numbered after its
// entries, an attribute path that does not apply as null: what the real Heat
// 19 answered for the same templates and signal (real-heat/resource-metadata*.json,
// 3 December 2026).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { runHeatApi } from "../../server/run-heat-api.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { StackService } from "../../stacks/stack-service.js";

const DEADLINE_MS = 180_000;

interface MetadataRecording {
  template: Record<string, unknown>;
  signal?: Record<string, unknown>;
  /** Resource → metadata; a `w` key holds b's physical id (it differs per run). */
  metadata: Record<string, Record<string, unknown>>;
}

function recording(file: string): MetadataRecording {
  return JSON.parse(readFileSync(new URL(`./real-heat/${file}`, import.meta.url), "utf8"));
}

async function compareWithHeat(rec: MetadataRecording): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "gantry-metadata-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  let v1: string | undefined;
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data"), heatUrl: () => v1 });
  const api = await runHeatApi({ operations: service, host: "127.0.0.1", port: 0, log: () => {} });
  v1 = `${api.url}/v1`;
  const { token } = await store.issueToken("demo", ["member"]);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api.url}/v1/demo${path}`, {
      method,
      headers: { "x-auth-token": token, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  try {
    const created = await call("POST", "/stacks", { stack_name: "md", template: rec.template });
    assert.is(created.status, 201, JSON.stringify(created.json));
    const path = `md/${created.json.stack.id}`;
    const end = Date.now() + DEADLINE_MS;
    for (;;) {
      const s = (await call("GET", `/stacks/${path}`)).json.stack;
      if (!s.stack_status.endsWith("_IN_PROGRESS")) {
        assert.is(s.stack_status, "CREATE_COMPLETE", s.stack_status_reason);
        break;
      }
      if (Date.now() > end) throw new Error("the stack did not finish");
      await new Promise((r) => setTimeout(r, 100));
    }
    if (rec.signal) assert.is((await call("POST", `/stacks/${path}/resources/h/signal`, rec.signal)).status, 200);
    const b = (await call("GET", `/stacks/${path}/resources/b`)).json.resource.physical_resource_id;
    for (const [name, metadata] of Object.entries(rec.metadata)) {
      const want = structuredClone(metadata);
      // physical ids differ per run: Heat's id of b is gantry's id of b
      if ("w" in want) want.w = b;
      const got = await call("GET", `/stacks/${path}/resources/${name}/metadata`);
      assert.is(got.status, 200);
      assert.equal(got.json.metadata, want, name);
    }
  } finally {
    await api.stop();
  }
}

test("metadata resolved from the template, the handle's signal numbered after its entries, as in Heat", () =>
  compareWithHeat(recording("resource-metadata.json")));

test("an attribute path in metadata that does not apply is null, the stack made, as in Heat", () =>
  compareWithHeat(recording("resource-metadata-bad-path.json")));

test.run();
