// Stack snapshots:
//   POST /stacks/{name}/{id}/snapshots              take one (200, the snapshot itself, IN_PROGRESS)
//   GET  /stacks/{name}/{id}/snapshots              {"snapshots": [...]}
//   GET  /stacks/{name}/{id}/snapshots/{sid}        {"snapshot": {...}}
//   DELETE /stacks/{name}/{id}/snapshots/{sid}      204
//   POST /stacks/{name}/{id}/snapshots/{sid}/restore  202, the stack goes RESTORE_IN_PROGRESS
// Fields as Heat's format_snapshot: id, name, status, status_reason, data, creation_time.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { StackOperations } from "../../stacks/stack-operations.js";
import type { SnapshotRecord } from "../../stacks/stack-snapshot-store.js";
import { callerOf } from "../auth-hook.js";
import { acceptedBody, apiError } from "../heat-fault.js";
import { heatTime } from "../heat-time.js";
import type { Body } from "../instantiation-data.js";
import type { ServerContext } from "../server-context.js";
import { identifiedStack, type StackParams } from "../stack-access.js";
import { requiredBody } from "../request-body.js";

type SnapshotParams = StackParams & { snapshot_id: string };

export function renderSnapshot(s: SnapshotRecord): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    status_reason: s.statusReason,
    data: s.data,
    creation_time: heatTime(s.createdAt),
  };
}

type SnapshotOps = Required<
  Pick<StackOperations, "snapshot" | "findSnapshot" | "listSnapshots" | "deleteSnapshot" | "restoreSnapshot">
>;

export function snapshotRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const store = ctx.operations.store;
  const ops = (): SnapshotOps => {
    const o = ctx.operations;
    if (!o.snapshot || !o.findSnapshot || !o.listSnapshots || !o.deleteSnapshot || !o.restoreSnapshot) {
      throw apiError(501, "This server takes no stack snapshots.");
    }
    return o as SnapshotOps;
  };

  app.post(
    "/stacks/:stack_name/:stack_id/snapshots",
    async (req: FastifyRequest<{ Params: StackParams; Body: Body | undefined }>, reply) => {
      const o = ops();
      const { name } = requiredBody(req);
      const stack = await identifiedStack(store, req);
      if (name !== undefined && name !== null && typeof name !== "string") {
        throw apiError(400, `"name" must be a string, not ${JSON.stringify(name)}`);
      }
      const snapshot = await o.snapshot(callerOf(req), stack, name ?? null);
      return reply.send(renderSnapshot(snapshot));
    },
  );

  app.get("/stacks/:stack_name/:stack_id/snapshots", async (req: FastifyRequest<{ Params: StackParams }>, reply) => {
    const o = ops();
    const stack = await identifiedStack(store, req);
    return reply.send({ snapshots: (await o.listSnapshots(callerOf(req), stack)).map(renderSnapshot) });
  });

  app.get(
    "/stacks/:stack_name/:stack_id/snapshots/:snapshot_id",
    async (req: FastifyRequest<{ Params: SnapshotParams }>, reply) => {
      const o = ops();
      const stack = await identifiedStack(store, req);
      return reply.send({
        snapshot: renderSnapshot(await o.findSnapshot(callerOf(req), stack, req.params.snapshot_id)),
      });
    },
  );

  app.delete(
    "/stacks/:stack_name/:stack_id/snapshots/:snapshot_id",
    async (req: FastifyRequest<{ Params: SnapshotParams }>, reply) => {
      const o = ops();
      const stack = await identifiedStack(store, req);
      await o.deleteSnapshot(callerOf(req), stack, req.params.snapshot_id);
      return reply.code(204).send();
    },
  );

  app.post(
    "/stacks/:stack_name/:stack_id/snapshots/:snapshot_id/restore",
    async (req: FastifyRequest<{ Params: SnapshotParams }>, reply) => {
      const o = ops();
      const stack = await identifiedStack(store, req);
      await o.restoreSnapshot(callerOf(req), stack, req.params.snapshot_id);
      return reply.code(202).send(acceptedBody());
    },
  );
}
