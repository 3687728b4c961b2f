// A ResourceGroup of provider templates with a rolling_update: Heat batches whole members, so each member's nested
// stack is updated in its turn. With max_batch_size 1 the members go one after another: a member starts its update
// (UPDATE_IN_PROGRESS in the group's nested stack) only after the member before it is UPDATE_COMPLETE, and so does
// every resource of its nested stack.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import type { EventRecord } from "../../stacks/stack-records.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { StackService } from "../../stacks/stack-service.js";
import { caller } from "./stack-fixture.js";

const member = [
  "heat_template_version: 2018-08-31",
  "parameters:",
  "  v: {type: string}",
  "resources:",
  "  first:",
  "    type: OS::Heat::TestResource",
  "    properties: {value: {get_param: v}}",
  "  second:",
  "    type: OS::Heat::TestResource",
  "    properties: {value: {get_attr: [first, output]}}",
].join("\n");

const source = (v: string) => ({
  template: {
    heat_template_version: "2018-08-31",
    resources: {
      grp: {
        type: "OS::Heat::ResourceGroup",
        update_policy: { rolling_update: { max_batch_size: 1 } },
        properties: { count: 3, resource_def: { type: "My::Member", properties: { v } } },
      },
    },
  },
  environments: [{ resource_registry: { "My::Member": "member.yaml" } }],
  files: { "member.yaml": member },
  parameters: {},
});

const statusOf = (r: { action: string; status: string } | undefined) => `${r?.action}_${r?.status}`;

test("rolling_update over provider template members: each member's nested stack is updated in its turn", async () => {
  const root = mkdtempSync(join(tmpdir(), "gantry-rolling-members-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
  const s = await service.create(caller, { name: "rolling", source: source("a") });
  await service.idle();
  assert.is(statusOf(await store.getStack(s.id)), "CREATE_COMPLETE", (await store.getStack(s.id))?.statusReason);
  const grp = await store.getResource(s.id, "grp");
  const membersStack = grp!.nestedStackId!;
  const memberStacks: string[] = [];
  for (const name of ["0", "1", "2"]) memberStacks.push((await store.getResource(membersStack, name))!.nestedStackId!);
  const seqBefore = Math.max(...(await store.listEvents({ stackId: membersStack })).map((e) => e.seq));

  await service.update(caller, s, { existing: true, parameters: {}, template: source("b").template });
  await service.idle();
  const updated = await store.getStack(s.id);
  assert.is(statusOf(updated), "UPDATE_COMPLETE", updated?.statusReason);

  const after = (events: EventRecord[]) => events.filter((e) => e.seq > seqBefore);
  const memberEvents = after(await store.listEvents({ stackId: membersStack }));
  const seqOf = (name: string, status: string) => {
    const e = memberEvents.find((x) => x.resourceName === name && x.action === "UPDATE" && x.status === status);
    assert.ok(e, `member ${name} has UPDATE_${status}`);
    return e!;
  };
  for (let i = 1; i < 3; i++) {
    const done = seqOf(String(i - 1), "COMPLETE");
    const started = seqOf(String(i), "IN_PROGRESS");
    assert.ok(started.seq > done.seq, `member ${i} starts after member ${i - 1} is done`);
    assert.ok(started.time >= done.time, `member ${i} starts (${started.time}) after ${done.time}`);
    // every resource of member i's nested stack is updated after member i-1 is complete
    const inside = after(await store.listEvents({ stackId: memberStacks[i]! })).filter((e) => e.resourceName !== "");
    const resources = inside.filter((e) => e.resourceType === "OS::Heat::TestResource");
    assert.ok(resources.length >= 4, `member ${i}'s resources were updated`);
    for (const e of resources) assert.ok(e.seq > done.seq, `${e.resourceName} of member ${i} waits for its turn`);
  }
  for (const id of memberStacks) assert.is(statusOf(await store.getStack(id)), "UPDATE_COMPLETE");
  const second = await store.getResource(memberStacks[2]!, "second");
  assert.is(second?.attributes.output, "b");
  await service.close();
});

test.run();
