// Templates without a stack: validate (POST /validate), the template
// versions and the functions of each.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { HeatCatalog } from "../../stacks/stack-operations.js";
import { callerOf } from "../auth-hook.js";
import { apiError } from "../heat-fault.js";
import { type Body, InstantiationData } from "../instantiation-data.js";
import { boolParam, type Query } from "../query-params.js";
import type { ServerContext } from "../server-context.js";
import { checkTenant, type TenantParams } from "../stack-access.js";
import { requiredBody } from "../request-body.js";

export function templateRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(
    "/validate",
    async (req: FastifyRequest<{ Params: TenantParams; Querystring: Query; Body: Body | undefined }>, reply) => {
      checkTenant(req);
      const data = new InstantiationData(requiredBody(req), ctx.yamlLimits);
      const showNested = boolParam(req.query, "show_nested", false);
      const result = await ctx.operations.validate(callerOf(req), data.source(), { showNested });
      if (typeof result.Error === "string") throw apiError(400, result.Error);
      return reply.send(result);
    },
  );

  app.get("/template_versions", async (req: FastifyRequest<{ Params: TenantParams }>, reply) => {
    checkTenant(req);
    return reply.send({ template_versions: await catalogOf(ctx).templateVersions() });
  });

  app.get(
    "/template_versions/:template_version/functions",
    async (req: FastifyRequest<{ Params: TenantParams & { template_version: string }; Querystring: Query }>, reply) => {
      checkTenant(req);
      const withConditions = boolParam(req.query, "with_condition_func", false);
      const functions = await catalogOf(ctx).templateFunctions(req.params.template_version, withConditions);
      return reply.send({ template_functions: functions });
    },
  );
}

/** The service's catalog; without one these routes are not implemented (501), never answered with made-up data. */
export function catalogOf(ctx: ServerContext): HeatCatalog {
  const catalog = ctx.operations.catalog;
  if (!catalog) throw apiError(501, "This server has no catalog of template versions and resource types.");
  return catalog;
}
