// GET /build_info: the API's and the engine's revision.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ServerContext } from "../server-context.js";
import { checkTenant, type TenantParams } from "../stack-access.js";

export function buildInfoRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get("/build_info", async (req: FastifyRequest<{ Params: TenantParams }>, reply) => {
    checkTenant(req);
    return reply.send({ api: { revision: ctx.revision }, engine: { revision: ctx.revision } });
  });
}
