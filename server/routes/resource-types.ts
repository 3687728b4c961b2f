// Resource types: the list (filters, descriptions), one type's schema, and
// a template generated from it.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ResourceTypeFilter } from "../../stacks/stack-operations.js";
import { apiError } from "../heat-fault.js";
import { boolParam, type Query, single } from "../query-params.js";
import type { ServerContext } from "../server-context.js";
import { checkTenant, type TenantParams } from "../stack-access.js";
import { catalogOf } from "./templates.js";

type TypeRequest = FastifyRequest<{ Params: TenantParams & { type_name: string }; Querystring: Query }>;

export function resourceTypeRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get("/resource_types", async (req: FastifyRequest<{ Params: TenantParams; Querystring: Query }>, reply) => {
    checkTenant(req);
    const q = req.query;
    const filter: ResourceTypeFilter = {};
    const name = single(q, "name");
    if (name) filter.name = name;
    const status = single(q, "support_status");
    if (status) filter.supportStatus = status;
    const version = single(q, "version");
    if (version) filter.version = version;
    const withDescription = boolParam(q, "with_description", false);
    return reply.send({ resource_types: await catalogOf(ctx).resourceTypes(filter, withDescription) });
  });

  app.get("/resource_types/:type_name", async (req: TypeRequest, reply) => {
    checkTenant(req);
    const withDescription = boolParam(req.query, "with_description", false);
    return reply.send(await catalogOf(ctx).resourceTypeSchema(req.params.type_name, withDescription));
  });

  app.get("/resource_types/:type_name/template", async (req: TypeRequest, reply) => {
    checkTenant(req);
    const given = single(req.query, "template_type");
    let templateType: "hot" | "cfn" = "cfn";
    if (given !== undefined) {
      const t = given.toLowerCase();
      if (t !== "hot" && t !== "cfn") {
        throw apiError(
          400,
          `Template type is not supported: Invalid template type "${given}", valid types are: cfn, hot.`,
        );
      }
      templateType = t;
    }
    return reply.send(await catalogOf(ctx).resourceTypeTemplate(req.params.type_name, templateType));
  });
}
