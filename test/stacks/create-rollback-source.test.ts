// After the rollback of a failed create, Heat's stack has an empty template of
// the same version: no environment, files, parameters (only the pseudo ones),
// outputs or description. The real Heat 19's answers for the same request
// (real-heat/create-rollback-source.json, 3 December 2026) against gantry's.
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
const recorded = JSON.parse(readFileSync(new URL("./real-heat/create-rollback-source.json", import.meta.url), "utf8"));

test("a create rolled back: template, environment, files, parameters and description emptied, as in Heat", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-rollback-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const api = await runHeatApi({ operations: service, host: "127.0.0.1", port: 0, log: () => {} });
  const { token } = await store.issueToken("admin", ["member"]);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api.url}/v1/admin${path}`, {
      method,
      headers: { "x-auth-token": token, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  try {
    const created = await call("POST", "/stacks", recorded.request);
    assert.is(created.status, 201, JSON.stringify(created.json));
    const path = `${recorded.request.stack_name}/${created.json.stack.id}`;
    const end = Date.now() + DEADLINE_MS;
    let stack: Record<string, any>;
    for (;;) {
      stack = (await call("GET", `/stacks/${path}`)).json.stack;
      if (!stack.stack_status.endsWith("_IN_PROGRESS")) break;
      if (Date.now() > end) throw new Error("the stack did not finish");
      await new Promise((r) => setTimeout(r, 100));
    }
    const shown = Object.fromEntries(Object.keys(recorded.stack).map((k) => [k, stack[k]]));
    delete shown.parameters["OS::stack_id"];
    assert.equal(shown, recorded.stack);
    for (const part of ["template", "environment", "files", "outputs"]) {
      const got = await call("GET", `/stacks/${path}/${part}`);
      assert.is(got.status, 200, part);
      assert.equal(got.json, recorded[part], part);
    }
  } finally {
    await api.stop();
  }
});

test.run();
