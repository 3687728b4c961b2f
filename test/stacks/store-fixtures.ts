// Records for stack store tests.

import type { EventRecord, StackRecord } from "../../stacks/stack-records.js";

/** Times one second apart (ISO 8601), each later than the one before. */
export class Clock {
  private t = Date.parse("2026-01-01T00:00:00.000Z");

  tick(): string {
    this.t += 1000;
    return new Date(this.t).toISOString();
  }
}

export function aStack(clock: Clock, over: Partial<StackRecord> & { name: string }): StackRecord {
  return {
    id: crypto.randomUUID(),
    tenant: "t1",
    action: "CREATE",
    status: "COMPLETE",
    statusReason: "Stack CREATE completed successfully",
    description: "",
    tags: [],
    disableRollback: true,
    source: {
      template: { heat_template_version: "2021-04-16", resources: {} },
      environments: [],
      files: {},
      parameters: {},
    },
    environment: { parameters: {} },
    outputs: [],
    createdAt: clock.tick(),
    ...over,
  };
}

export function anEvent(
  clock: Clock,
  stackId: string,
  over: Partial<Omit<EventRecord, "id" | "seq">> = {},
): Omit<EventRecord, "id" | "seq"> {
  return {
    stackId,
    resourceName: "r",
    physicalResourceId: "",
    resourceType: "OS::Heat::RandomString",
    action: "CREATE",
    status: "IN_PROGRESS",
    reason: "state changed",
    time: clock.tick(),
    ...over,
  };
}

/** Resolves when `cond` holds, checking every few milliseconds; fails after `ms`. */
export async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
