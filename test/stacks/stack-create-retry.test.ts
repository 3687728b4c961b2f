// Heat's action_retry_limit: an OS::Heat::Stack whose stack fails while it is created is deleted and created again,
// up to the limit, with a pause before each new create; other failures are not retried.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { HEAT_CREATE_RETRY } from "../../stacks/create-retry.js";
import { StackService } from "../../stacks/stack-service.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { caller } from "./stack-fixture.js";

const innerTemplate = [
  "heat_template_version: 2018-08-31",
  "resources:",
  "  ok: {type: OS::Heat::Value, properties: {value: fine}}",
  "  oops:",
  "    type: OS::Heat::TestResource",
  "    properties: {fail: true, value: bad}",
  "    depends_on: ok",
].join("\n");

function open(actionRetryLimit: number) {
  const root = mkdtempSync(join(tmpdir(), "gantry-create-retry-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const pauses: number[] = [];
  const service = new StackService({
    engine: new Engine(),
    store,
    dataRoot: join(root, "data"),
    actionRetryLimit,
    retryPauseMs: (attempt) => {
      pauses.push(attempt);
      return 1;
    },
  });
  return { store, service, pauses };
}

const source = (resources: Record<string, unknown>) => ({
  template: { heat_template_version: "2018-08-31", resources },
  environments: [],
  files: {},
  parameters: {},
});

const INNER_FAILED =
  'ResourceInError: resources.inner: Went to status CREATE_FAILED due to "Resource CREATE failed: ' +
  'ValueError: resources.oops: Test Resource failed oops"';

test("a failing OS::Heat::Stack is deleted and made again up to the limit, then fails with the first", async () => {
  const { store, service, pauses } = open(2);
  const s = await service.create(caller, {
    name: "outer",
    source: source({ inner: { type: "OS::Heat::Stack", properties: { template: innerTemplate } } }),
  });
  await service.idle();
  const stack = await store.getStack(s.id);
  assert.is(`${stack?.action}_${stack?.status}`, "CREATE_FAILED");
  assert.is(stack?.statusReason, `Resource CREATE failed: ${INNER_FAILED}`);
  assert.equal(pauses, [1, 2], "a pause before each new create, growing");
  const events = (await store.listEvents({ stackId: s.id, sortDir: "asc" }))
    .filter((e) => e.resourceName === "inner")
    .map((e) => `${e.action}_${e.status}`);
  const attempt = ["CREATE_IN_PROGRESS", "CREATE_FAILED"];
  const deleted = ["DELETE_IN_PROGRESS", "DELETE_COMPLETE"];
  assert.equal(events, [...attempt, ...deleted, ...attempt, ...deleted, ...attempt]);
  const inner = await store.getResource(s.id, "inner");
  assert.is(`${inner?.action}_${inner?.status}`, "CREATE_FAILED");
  assert.is(inner?.statusReason, INNER_FAILED);
  // the inner stack's resources were made anew each time: the last attempt's are there, deleted with the stack
  const innerStack = await store.getStack(inner?.physicalId ?? "");
  assert.is(`${innerStack?.action}_${innerStack?.status}`, "CREATE_FAILED");
  const ok = (await store.listEvents({ stackId: innerStack!.id })).filter((e) => e.resourceName === "ok");
  assert.is(ok.filter((e) => e.action === "CREATE" && e.status === "COMPLETE").length, 3);
  await service.delete(caller, s);
  await service.idle();
  const gone = await store.getStack(s.id);
  assert.is(`${gone?.action}_${gone?.status}`, "DELETE_COMPLETE", gone?.statusReason);
  await service.close();
});

test("a failure that is not an OS::Heat::Stack's is not retried; limit 0 retries nothing", async () => {
  const direct = open(5);
  const s = await direct.service.create(caller, {
    name: "plain",
    source: source({ oops: { type: "OS::Heat::TestResource", properties: { fail: true } } }),
  });
  await direct.service.idle();
  assert.is((await direct.store.getStack(s.id))?.status, "FAILED");
  assert.equal(direct.pauses, []);
  await direct.service.close();

  const never = open(0);
  const r = await never.service.create(caller, {
    name: "outer",
    source: source({ inner: { type: "OS::Heat::Stack", properties: { template: innerTemplate } } }),
  });
  await never.service.idle();
  assert.is((await never.store.getStack(r.id))?.status, "FAILED");
  assert.equal(never.pauses, []);
  await never.service.close();
});

test("Heat's pauses: 2^n seconds plus up to 2 seconds of jitter", () => {
  assert.is(HEAT_CREATE_RETRY.limit, 5);
  for (const n of [1, 2, 5]) {
    const ms = HEAT_CREATE_RETRY.pauseMs(n);
    assert.ok(ms >= 2 ** n * 1000 && ms < (2 ** n + 2) * 1000, `${n}: ${ms}`);
  }
});

test.run();
