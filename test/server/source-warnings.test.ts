// What gantry accepts but ignores in a stack's source (an environment's event_sinks) is told to the user: validate
// answers it as `Warnings` (the openstack client prints it), a create as the new stack's `warnings`; a source
// without any has neither key, as Heat's answers have not.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { runHeatApi } from "../../server/run-heat-api.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { StackService } from "../../stacks/stack-service.js";
import { openstack } from "./openstack-cli.js";

const TEMPLATE = "heat_template_version: 2018-08-31\nresources:\n  a: {type: OS::Heat::None}\n";
const SINKS = { event_sinks: [{ type: "zaqar-queue", target: "myqueue", ttl: 3600 }] };

test("event_sinks: a warning in validate's answer, the client's output and the create's answer", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-warnings-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const api = await runHeatApi({ operations: service, host: "127.0.0.1", port: 0, log: () => {} });
  const { token } = await store.issueToken("demo", ["member"]);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${api.url}/v1/demo${path}`, {
      method: "POST",
      headers: { "x-auth-token": token, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as any };
  };
  try {
    const valid = await post("/validate", { template: TEMPLATE, environment: SINKS });
    assert.is(valid.status, 200);
    assert.equal(valid.json.Warnings.length, 1);
    assert.match(valid.json.Warnings[0], /^event_sinks are ignored: gantry does not send stack events to sinks/);
    const plain = await post("/validate", { template: TEMPLATE });
    assert.not.ok("Warnings" in plain.json, "no warnings, no key");

    const created = await post("/stacks", { stack_name: "s", template: TEMPLATE, environment: SINKS });
    assert.is(created.status, 201);
    assert.match(created.json.stack.warnings[0], /^event_sinks are ignored/);
    const other = await post("/stacks", { stack_name: "t", template: TEMPLATE });
    assert.equal(Object.keys(other.json.stack).sort(), ["id", "links"]);

    writeFileSync(join(root, "t.yaml"), TEMPLATE);
    writeFileSync(join(root, "env.yaml"), JSON.stringify(SINKS));
    const shown = await openstack(
      `${api.url}/v1/demo`,
      token,
      ["orchestration", "template", "validate", "-t", "t.yaml", "-e", "env.yaml", "-f", "json"],
      root,
    );
    assert.match(JSON.parse(shown).Warnings[0], /^event_sinks are ignored/);
  } finally {
    await api.stop();
  }
});

test.run();
