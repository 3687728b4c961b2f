// The order of an update through a resource that does not change, as the real Heat 19 did it (real-heat/):
// c depends on b, b on a; a changes, b does not, and c changes too (update-order-through-unchanged.json) or only in
// its metadata (update-order-redefined.json). c is updated only once a's update is complete, and not at all when
// a's update fails. Each update runs on a stack of its own, created from the template first, as it was recorded.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { Engine } from "../../engine/engine.js";
import { StackService } from "../../stacks/stack-service.js";
import { MemoryStackStore } from "./memory-stack-store.js";
import { caller, source } from "./stack-fixture.js";

interface Recorded {
  template: string;
  /** `template`: the update's own (else the stack's, with other parameters). */
  updates: { template?: string; parameters: Record<string, string>; events: [string, string, string][] }[];
}

for (const file of ["update-order-through-unchanged", "update-order-redefined"]) {
  const recorded = JSON.parse(readFileSync(new URL(`./real-heat/${file}.json`, import.meta.url), "utf8")) as Recorded;
  for (const [i, u] of recorded.updates.entries()) updateTest(`${file}, update ${i + 1}`, recorded.template, u);
}

function updateTest(title: string, text: string, u: Recorded["updates"][number]): void {
  test(`${title} (${JSON.stringify(u.parameters)}): the events Heat gave, in its order`, async () => {
    const root = mkdtempSync(join(tmpdir(), "gantry-update-order-"));
    const store = new MemoryStackStore(join(root, "state"));
    const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data") });
    const template = parse(text) as Record<string, unknown>;
    const s = await service.create(caller, { name: "order", source: source(template) });
    await service.idle();
    const made = await store.getStack(s.id);
    assert.is(`${made?.action}_${made?.status}`, "CREATE_COMPLETE", made?.statusReason);
    const before = (await store.listEvents({ stackId: s.id })).length;
    const next = u.template === undefined ? template : (parse(u.template) as Record<string, unknown>);
    await service.update(caller, made!, { existing: false, template: next, parameters: u.parameters });
    await service.idle();
    const events = (await store.listEvents({ stackId: s.id, sortDir: "asc" })).slice(before);
    const seen = events.map((e) => [
      e.resourceName === "order" ? "(stack)" : e.resourceName,
      `${e.action}_${e.status}`,
      e.reason,
    ]);
    assert.equal(seen, u.events);
    await service.close();
  });
}

test.run();
