// A stack service over a memory store and an engine that knows gantry_probe;
// stacks are written as .tf.json (the HOT front end is tested on its own).

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../engine/engine.js";
import { BUILTIN_RESOURCE_TYPES } from "../../provider/resource-types.js";
import type { Caller } from "../../stacks/stack-operations.js";
import type { StackRecord, StackSource } from "../../stacks/stack-records.js";
import { StackService } from "../../stacks/stack-service.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import type { StackStore } from "../../stacks/stack-store.js";
import { MemoryStackStore } from "./memory-stack-store.js";
import { ProbeControl } from "./probe-type.js";

export const caller: Caller = { id: "token-1", tenant: "demo", roles: ["member"], createdAt: "2026-01-01T00:00:00Z" };

export function source(template: Record<string, unknown>): StackSource {
  return { template, environments: [], files: {}, parameters: {} };
}

/** A template of probes: name → properties (references written as Terraform does: "${gantry_probe.a.id}"). */
export function probes(
  resources: Record<string, Record<string, unknown>>,
  outputs: Record<string, string> = {},
): Record<string, unknown> {
  return {
    resource: { gantry_probe: resources },
    ...(Object.keys(outputs).length && {
      output: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v }])),
    }),
  };
}

/**
 * `store`: a store of the caller's (PostgreSQL tests); `replica`: the service as one of several sharing it;
 * `control`: a probe control shared with another fixture (replicas in one process).
 */
export function stackFixture(
  opts: {
    minuteMs?: number;
    sqlite?: boolean;
    store?: StackStore;
    replica?: { owner: string; leaseMs?: number };
    control?: ProbeControl;
  } = {},
) {
  const control = opts.control ?? new ProbeControl();
  const engine = new Engine({ types: [...BUILTIN_RESOURCE_TYPES, control.type()] });
  const root = mkdtempSync(join(tmpdir(), "gantry-stacks-"));
  const store: StackStore =
    opts.store ??
    (opts.sqlite ? SqliteStackStore.open(join(root, "stacks.db")) : new MemoryStackStore(join(root, "state")));
  const service = new StackService({
    engine,
    store,
    dataRoot: join(root, "data"),
    // .tf.json has no description: the template's (a HOT field) is left out of the configuration
    sourceFiles: (s) => {
      const { description: _, ...config } = s.template;
      return [{ path: "main.tf.json", content: JSON.stringify(config) }];
    },
    minuteMs: opts.minuteMs,
    ...(opts.replica && { replica: opts.replica }),
  });
  const events = async (stack: StackRecord) =>
    (await store.listEvents({ stackId: stack.id })).map((e) => `${e.resourceName} ${e.action}_${e.status} ${e.reason}`);
  const stack = async (s: StackRecord) => {
    const r = await store.getStack(s.id);
    if (!r) throw new Error("no stack");
    return r;
  };
  const resource = async (s: StackRecord, name: string) => {
    const r = await store.getResource(s.id, name);
    if (!r) throw new Error(`no resource ${name}`);
    return r;
  };
  return { control, engine, store, service, events, stack, resource, root };
}
