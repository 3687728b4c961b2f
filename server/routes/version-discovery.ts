// Version discovery: GET / (and /versions, and any other version than v1)
// answers 300 Multiple Choices with the one version, v1.0, as Heat does. No
// token needed.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { origin } from "../heat-links.js";

export function versionsBody(req: FastifyRequest): Record<string, unknown> {
  return {
    versions: [{ id: "v1.0", status: "CURRENT", links: [{ rel: "self", href: `${origin(req)}/v1/` }] }],
  };
}

export function sendVersions(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(300).send(versionsBody(req));
}

export function versionRoutes(app: FastifyInstance): void {
  app.get("/", (req, reply) => sendVersions(req, reply));
  app.get("/versions", (req, reply) => sendVersions(req, reply));
}
