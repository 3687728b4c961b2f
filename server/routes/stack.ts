// One stack: show, its template, environment and files, update (PUT
// replaces, PATCH keeps what is not given), update preview, delete, abandon,
// and its outputs.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { PreviewResource } from "../../stacks/stack-operations.js";
import type { StackRecord } from "../../stacks/stack-records.js";
import { HeatError } from "../../stacks/heat-error.js";
import { callerOf } from "../auth-hook.js";
import { acceptedBody } from "../heat-fault.js";
import { type Body, InstantiationData } from "../instantiation-data.js";
import { boolParam, type Query } from "../query-params.js";
import { renderOutput, renderStack } from "../render-stack.js";
import { renderPreviewResource } from "../render-resource.js";
import type { ServerContext } from "../server-context.js";
import { identifiedStack, type StackParams } from "../stack-access.js";
import { LOOKUP_SUBPATHS_GET, type LookupRequest, redirectToStack } from "./stacks.js";
import { requiredBody } from "../request-body.js";

type StackRequest = FastifyRequest<{ Params: StackParams; Querystring: Query; Body: Body | undefined }>;

export function stackRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const ops = ctx.operations;
  const store = ops.store;

  app.get("/stacks/:stack_name/:stack_id", async (req: StackRequest, reply) => {
    // /stacks/{name}/resources (events, template …) is a lookup of the stack by name
    if (LOOKUP_SUBPATHS_GET.has(req.params.stack_id)) {
      return redirectToStack(ctx, req as unknown as LookupRequest, reply, req.params.stack_id);
    }
    const stack = await identifiedStack(store, req, { showDeleted: true });
    const resolve = boolParam(req.query, "resolve_outputs", true);
    const deleted = stack.action === "DELETE" && stack.status === "COMPLETE";
    const outputs = resolve && !deleted ? await ops.outputs(stack) : undefined;
    return reply.send({ stack: renderStack(req, stack, outputs) });
  });

  app.get("/stacks/:stack_name/:stack_id/template", async (req: StackRequest, reply) => {
    const stack = await identifiedStack(store, req, { showDeleted: true });
    return reply.send(stack.source.template);
  });

  app.get("/stacks/:stack_name/:stack_id/environment", async (req: StackRequest, reply) => {
    const stack = await identifiedStack(store, req, { showDeleted: true });
    return reply.send(stack.environment);
  });

  app.get("/stacks/:stack_name/:stack_id/files", async (req: StackRequest, reply) => {
    const stack = await identifiedStack(store, req, { showDeleted: true });
    return reply.send(stack.source.files);
  });

  for (const method of ["PUT", "PATCH"] as const) {
    const patch = method === "PATCH";
    app.route({
      method,
      url: "/stacks/:stack_name/:stack_id",
      handler: async (req: StackRequest, reply) => {
        const body = requiredBody(req); // before the stack is looked up, as Heat's dispatch
        const stack = await identifiedStack(store, req);
        const data = new InstantiationData(body, ctx.yamlLimits, patch);
        await ops.update(callerOf(req), stack, data.updateRequest());
        return reply.code(202).send(acceptedBody());
      },
    });
    app.route({
      method,
      url: "/stacks/:stack_name/:stack_id/preview",
      handler: async (req: StackRequest, reply) => {
        const body = requiredBody(req); // before the stack is looked up, as Heat's dispatch
        const stack = await identifiedStack(store, req);
        const data = new InstantiationData(body, ctx.yamlLimits, patch);
        boolParam(req.query, "show_nested", false);
        const changes = await ops.previewUpdate(callerOf(req), stack, data.updateRequest());
        const now = new Date().toISOString();
        const list = (rs: PreviewResource[]) => rs.map((r) => renderPreviewResource(stack, r, now, false));
        return reply.send({
          resource_changes: {
            unchanged: list(changes.unchanged),
            updated: list(changes.updated),
            replaced: list(changes.replaced),
            added: list(changes.added),
            deleted: list(changes.deleted),
          },
        });
      },
    });
  }

  app.delete("/stacks/:stack_name/:stack_id", async (req: StackRequest, reply) => {
    const stack = await identifiedStack(store, req);
    await ops.delete(callerOf(req), stack);
    return reply.code(204).send();
  });

  app.delete("/stacks/:stack_name/:stack_id/abandon", async (req: StackRequest, reply) => {
    const stack = await identifiedStack(store, req);
    return reply.send(await ops.abandon(callerOf(req), stack));
  });

  app.get("/stacks/:stack_name/:stack_id/outputs", async (req: StackRequest, reply) => {
    const stack = await identifiedStack(store, req);
    const outputs = await ops.outputs(stack);
    return reply.send({ outputs: outputs.map((o) => renderOutput(o, false)) });
  });

  app.get(
    "/stacks/:stack_name/:stack_id/outputs/:output_key",
    async (req: FastifyRequest<{ Params: StackParams & { output_key: string } }>, reply) => {
      const stack: StackRecord = await identifiedStack(store, req);
      const key = req.params.output_key;
      const output = (await ops.outputs(stack)).find((o) => o.key === key);
      if (!output) throw new HeatError(404, "NotFound", `Specified output key ${key} not found.`);
      return reply.send({ output: renderOutput(output, true) });
    },
  );
}
