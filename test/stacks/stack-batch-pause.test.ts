// A ResourceGroup's update_policy as Heat 19 runs it: batch_create makes the members of a new group max_batch_size
// at a time, pause_time seconds apart, and rolling_update's pause_time waits between the batches of an update. Seen
// in the group's nested stack: the events of a batch start after the batch before it is complete and the pause has
// passed. A pause ends as soon as the stack's work is stopped (cancel_without_rollback): the members after it are
// not touched.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import { parse as parseYaml } from "yaml";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import type { EventRecord } from "../../stacks/stack-records.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { StackService } from "../../stacks/stack-service.js";
import { caller } from "./stack-fixture.js";

const PAUSE_S = 1;

function group(value: string, policy: Record<string, unknown>, count = 4): Record<string, unknown> {
  return {
    heat_template_version: "2018-08-31",
    resources: {
      grp: {
        type: "OS::Heat::ResourceGroup",
        update_policy: policy,
        properties: { count, resource_def: { type: "OS::Heat::TestResource", properties: { value } } },
      },
    },
  };
}

const source = (template: Record<string, unknown>) => ({ template, environments: [], files: {}, parameters: {} });

function fixture() {
  const root = mkdtempSync(join(tmpdir(), "gantry-batch-pause-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  return { store, service };
}

/** The event of member `name` with this action and status (asserted to exist). */
function eventOf(events: EventRecord[], name: string, action: string, status: string): EventRecord {
  const e = events.find((x) => x.resourceName === name && x.action === action && x.status === status);
  assert.ok(e, `member ${name} has ${action}_${status}`);
  return e!;
}

/**
 * Batch `later` starts after every member of `earlier` is complete, about the pause later (events are recorded a
 * little after what they tell, so half the pause is the bound: without a pause the gap is a few milliseconds).
 */
function assertPausedBetween(events: EventRecord[], action: string, earlier: string[], later: string[]): void {
  const done = earlier.map((n) => eventOf(events, n, action, "COMPLETE"));
  const lastDone = Math.max(...done.map((e) => Date.parse(e.time)));
  for (const n of later) {
    const started = eventOf(events, n, action, "IN_PROGRESS");
    for (const d of done) assert.ok(started.seq > d.seq, `${n} starts after ${d.resourceName} is complete`);
    const gap = Date.parse(started.time) - lastDone;
    assert.ok(gap >= PAUSE_S * 1000 * 0.5, `${n} started ${gap} ms after [${earlier}] were complete`);
  }
}

test("batch_create: members are created max_batch_size at a time, pause_time apart", async () => {
  const { store, service } = fixture();
  const policy = { batch_create: { max_batch_size: 2, pause_time: PAUSE_S } };
  const t0 = Date.now();
  const s = await service.create(caller, { name: "batched", source: source(group("a", policy)) });
  await service.idle();
  const made = await store.getStack(s.id);
  assert.is(`${made?.action}_${made?.status}`, "CREATE_COMPLETE", made?.statusReason);
  assert.ok(Date.now() - t0 >= PAUSE_S * 1000, "one pause between the two batches");
  const members = (await store.getResource(s.id, "grp"))!.nestedStackId!;
  const events = await store.listEvents({ stackId: members, sortDir: "asc" });
  assertPausedBetween(events, "CREATE", ["0", "1"], ["2", "3"]);
  // an update of the group is not batched by batch_create (no rolling_update): all members at once
  await service.update(caller, s, { existing: true, parameters: {}, template: group("b", policy) });
  await service.idle();
  const updated = await store.getStack(s.id);
  assert.is(`${updated?.action}_${updated?.status}`, "UPDATE_COMPLETE", updated?.statusReason);
  await service.close();
});

/** Each event with the number of its stack's own events before it: which of the stack's updates it is in. */
function segmented(events: [string, string, string][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let segment = 0;
  for (const [name, status, reason] of events) {
    if (name === "(stack)") segment++;
    out[name] = [...(out[name] ?? []), `${status} ${reason} @${segment}`];
  }
  return out;
}

test("batch_create: the group's stack is made empty, then updated per batch, as the real Heat 19 did", async () => {
  const recorded = JSON.parse(
    readFileSync(new URL("./real-heat/batch-create-member-stacks.json", import.meta.url), "utf8"),
  ) as {
    template: string;
    files: Record<string, string>;
    groups: Record<string, { stackStatus: string; events: [string, string, string][] }>;
  };
  const { store, service } = fixture();
  const template = parseYaml(recorded.template) as Record<string, unknown>;
  const s = await service.create(caller, {
    name: "bcp",
    source: { template, environments: [], files: recorded.files, parameters: {} },
  });
  await service.idle();
  const made = await store.getStack(s.id);
  assert.is(`${made?.action}_${made?.status}`, "CREATE_COMPLETE", made?.statusReason);
  for (const [group, heat] of Object.entries(recorded.groups)) {
    const members = (await store.getStack((await store.getResource(s.id, group))!.nestedStackId!))!;
    assert.is(`${members.action}_${members.status}`, heat.stackStatus, group);
    const events = await store.listEvents({ stackId: members.id, sortDir: "asc" });
    const seen = events.map((e): [string, string, string] => [
      e.resourceName === members.name ? "(stack)" : e.resourceName,
      `${e.action}_${e.status}`,
      e.reason,
    ]);
    // members of one batch interleave differently from run to run: each one's own events, and between which of
    // the stack's own events they come
    assert.equal(segmented(seen), segmented(heat.events), group);
  }
  await service.close();
});

test("rolling_update's pause_time waits between the batches of an update", async () => {
  const { store, service } = fixture();
  const policy = { rolling_update: { max_batch_size: 2, pause_time: PAUSE_S } };
  const s = await service.create(caller, { name: "rolling", source: source(group("a", policy)) });
  await service.idle();
  const members = (await store.getResource(s.id, "grp"))!.nestedStackId!;
  const t0 = Date.now();
  await service.update(caller, s, { existing: true, parameters: {}, template: group("b", policy) });
  await service.idle();
  const updated = await store.getStack(s.id);
  assert.is(`${updated?.action}_${updated?.status}`, "UPDATE_COMPLETE", updated?.statusReason);
  assert.ok(Date.now() - t0 >= PAUSE_S * 1000);
  const events = await store.listEvents({ stackId: members, sortDir: "asc" });
  assertPausedBetween(events, "UPDATE", ["0", "1"], ["2", "3"]);
  await service.close();
});

test("a pause ends when the stack's work is stopped: the later batches are not started", async () => {
  const { store, service } = fixture();
  const policy = { batch_create: { max_batch_size: 1, pause_time: 600 } };
  const t0 = Date.now();
  const s = await service.create(caller, { name: "stopped", source: source(group("a", policy, 3)) });
  let members: string | undefined;
  const deadline = Date.now() + 120_000;
  for (;;) {
    members = (await store.getResource(s.id, "grp"))?.nestedStackId;
    const first = members ? await store.getResource(members, "0") : undefined;
    if (first && `${first.action}_${first.status}` === "CREATE_COMPLETE") break;
    if (Date.now() > deadline) throw new Error("member 0 was not created in time");
    await new Promise((r) => setTimeout(r, 50));
  }
  await service.action(caller, (await store.getStack(s.id))!, "cancel_without_rollback");
  await service.idle();
  assert.ok(Date.now() - t0 < 120_000, "the 600 s pause was cut short");
  const stack = await store.getStack(s.id);
  assert.is(`${stack?.action}_${stack?.status}`, "CREATE_FAILED", stack?.statusReason);
  const events = await store.listEvents({ stackId: members!, sortDir: "asc" });
  assert.not.ok(
    events.some((e) => e.resourceName === "1" || e.resourceName === "2"),
    "members after the pause were not started",
  );
  await service.close();
});

test.run();
