// Heat's stack snapshot: the stack goes SNAPSHOT_IN_PROGRESS, each resource
// SNAPSHOT_IN_PROGRESS → SNAPSHOT_COMPLETE ("state changed"), then the stack
// SNAPSHOT_COMPLETE; the snapshot record completes with the stack's data as
// Heat shows it (abandon's form: template, environment, files, resources with
// their physical ids and resource data; action SNAPSHOT). A restore is an
// update to the snapshot's sources told as RESTORE (stack-service.ts).

import { randomUUID } from "node:crypto";
import { completedText, startedText } from "./stack-lifecycle.js";
import { STATE_CHANGED } from "./stack-recorder.js";
import type { ResourceRecord, StackRecord } from "./stack-records.js";
import type { SnapshotRecord, SnapshotStore } from "./stack-snapshot-store.js";
import { dependencyOrder } from "./stack-suspension.js";
import type { StackServiceContext } from "./stack-workspace.js";

/** A new snapshot of the stack, IN_PROGRESS, without data yet (what `POST .../snapshots` answers). */
export function newSnapshot(stack: StackRecord, name: string | null, createdAt: string): SnapshotRecord {
  return {
    id: randomUUID(),
    stackId: stack.id,
    tenant: stack.tenant,
    name,
    status: "IN_PROGRESS",
    statusReason: null,
    data: null,
    source: stack.source,
    createdAt,
  };
}

/** What Heat keeps of a resource's own data: the value of a random string or a test resource. */
function resourceData(r: ResourceRecord): Record<string, unknown> {
  const keepsValue = r.type === "OS::Heat::RandomString" || r.type === "OS::Heat::TestResource";
  return keepsValue && typeof r.attributes.value === "string" ? { value: r.attributes.value } : {};
}

export async function takeSnapshot(
  ctx: StackServiceContext,
  snapshots: SnapshotStore,
  stack: StackRecord,
  snapshot: SnapshotRecord,
): Promise<void> {
  const rec = ctx.recorder;
  await rec.stack(stack, "SNAPSHOT", "IN_PROGRESS", startedText("SNAPSHOT"));
  const resources = dependencyOrder(await ctx.store.listResources(stack.id));
  for (const r of resources) {
    await rec.resource(stack.id, r.name, r.type, "SNAPSHOT", "IN_PROGRESS", STATE_CHANGED);
    await rec.resource(stack.id, r.name, r.type, "SNAPSHOT", "COMPLETE", STATE_CHANGED);
  }
  const reason = completedText("SNAPSHOT");
  const data: Record<string, unknown> = {
    name: stack.name,
    id: stack.id,
    action: "SNAPSHOT",
    environment: stack.environment,
    files: stack.source.files,
    status: "COMPLETE",
    template: stack.source.template,
    resources: Object.fromEntries(
      resources.map((r) => [
        r.name,
        {
          name: r.name,
          resource_id: r.physicalId,
          type: r.type,
          action: "SNAPSHOT",
          status: "COMPLETE",
          metadata: r.metadata ?? {},
          resource_data: resourceData(r),
        },
      ]),
    ),
    project_id: stack.tenant,
    stack_user_project_id: stack.tenant,
    tags: stack.tags,
  };
  await snapshots.updateSnapshot(snapshot.id, { status: "COMPLETE", statusReason: reason, data });
  await rec.stack(stack, "SNAPSHOT", "COMPLETE", reason);
}
