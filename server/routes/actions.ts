// POST /stacks/{name}/{id}/actions: exactly one of suspend, resume, check,
// cancel_update, cancel_without_rollback.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { StackActionName } from "../../stacks/stack-operations.js";
import { callerOf } from "../auth-hook.js";
import { apiError } from "../heat-fault.js";
import type { Body } from "../instantiation-data.js";
import type { ServerContext } from "../server-context.js";
import { identifiedStack, type StackParams } from "../stack-access.js";

const ACTIONS = new Set<StackActionName>(["suspend", "resume", "check", "cancel_update", "cancel_without_rollback"]);

export function actionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(
    "/stacks/:stack_name/:stack_id/actions",
    async (req: FastifyRequest<{ Params: StackParams; Body: Body | undefined }>, reply) => {
      const body = req.body ?? {};
      const keys = Object.keys(body);
      if (keys.length < 1) throw apiError(400, "No action specified");
      if (keys.length > 1) throw apiError(400, "Multiple actions specified");
      const action = keys[0] as StackActionName;
      if (!ACTIONS.has(action)) throw apiError(400, `Invalid action ${keys[0]} specified`);
      const stack = await identifiedStack(ctx.operations.store, req);
      await ctx.operations.action(callerOf(req), stack, action);
      return reply.send(null);
    },
  );
}
