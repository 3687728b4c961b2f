// Software configs and deployments:
//   GET/POST /software_configs, GET/DELETE /software_configs/{id}
//   GET/POST /software_deployments, GET/PUT/DELETE /software_deployments/{id},
//   GET /software_deployments/metadata/{server_id}
// Answers 200 for creates (as Heat does, not 201) and 204 for deletes.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SoftwareConfigService } from "../../stacks/software-config-service.js";
import { callerOf, isAdmin } from "../auth-hook.js";
import { apiError } from "../heat-fault.js";
import type { Body } from "../instantiation-data.js";
import { intParam, type Query, single } from "../query-params.js";
import { renderSoftwareConfig, renderSoftwareDeployment } from "../render-software-config.js";
import type { ServerContext } from "../server-context.js";
import { checkTenant, type TenantParams } from "../stack-access.js";
import { requiredBody } from "../request-body.js";

type IdParams = TenantParams & { id: string };

export function softwareConfigRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const service = (req: FastifyRequest<{ Params: TenantParams }>): SoftwareConfigService => {
    checkTenant(req);
    const s = ctx.operations.softwareConfigs;
    if (!s) throw apiError(501, "This server keeps no software configs.");
    return s;
  };

  app.get("/software_configs", async (req: FastifyRequest<{ Params: TenantParams; Querystring: Query }>, reply) => {
    const s = service(req);
    const caller = callerOf(req);
    const limit = intParam(req.query, "limit");
    const marker = single(req.query, "marker");
    const configs = await s.listConfigs(caller, {
      ...(limit !== undefined && { limit }),
      ...(marker !== undefined && { marker }),
    });
    const project = isAdmin(caller);
    return reply.send({ software_configs: configs.map((c) => renderSoftwareConfig(c, { detail: false, project })) });
  });

  app.post(
    "/software_configs",
    async (req: FastifyRequest<{ Params: TenantParams; Body: Body | undefined }>, reply) => {
      const config = await service(req).createConfig(callerOf(req), requiredBody(req));
      return reply.send({ software_config: renderSoftwareConfig(config) });
    },
  );

  app.get("/software_configs/:id", async (req: FastifyRequest<{ Params: IdParams }>, reply) => {
    const config = await service(req).showConfig(callerOf(req), req.params.id);
    return reply.send({ software_config: renderSoftwareConfig(config) });
  });

  app.delete("/software_configs/:id", async (req: FastifyRequest<{ Params: IdParams }>, reply) => {
    await service(req).deleteConfig(callerOf(req), req.params.id);
    return reply.code(204).send();
  });

  app.get("/software_deployments", async (req: FastifyRequest<{ Params: TenantParams; Querystring: Query }>, reply) => {
    const deployments = await service(req).listDeployments(callerOf(req), single(req.query, "server_id"));
    return reply.send({ software_deployments: deployments.map(renderSoftwareDeployment) });
  });

  app.post(
    "/software_deployments",
    async (req: FastifyRequest<{ Params: TenantParams; Body: Body | undefined }>, reply) => {
      const deployment = await service(req).createDeployment(callerOf(req), requiredBody(req));
      return reply.send({ software_deployment: renderSoftwareDeployment(deployment) });
    },
  );

  app.get(
    "/software_deployments/metadata/:server_id",
    async (req: FastifyRequest<{ Params: TenantParams & { server_id: string } }>, reply) => {
      const configs = await service(req).serverMetadata(callerOf(req), req.params.server_id);
      return reply.send({ metadata: configs.map((c) => renderSoftwareConfig(c)) });
    },
  );

  app.get("/software_deployments/:id", async (req: FastifyRequest<{ Params: IdParams }>, reply) => {
    const deployment = await service(req).showDeployment(callerOf(req), req.params.id);
    return reply.send({ software_deployment: renderSoftwareDeployment(deployment) });
  });

  app.put(
    "/software_deployments/:id",
    async (req: FastifyRequest<{ Params: IdParams; Body: Body | undefined }>, reply) => {
      const deployment = await service(req).updateDeployment(callerOf(req), req.params.id, requiredBody(req));
      return reply.send({ software_deployment: renderSoftwareDeployment(deployment) });
    },
  );

  app.delete("/software_deployments/:id", async (req: FastifyRequest<{ Params: IdParams }>, reply) => {
    await service(req).deleteDeployment(callerOf(req), req.params.id);
    return reply.code(204).send();
  });
}
