// The Heat v1 REST API as a fastify application. A door: it reads records
// through the store and asks the stack operations for everything that
// computes or changes; it never plans or applies itself.
//
//   GET /                       version discovery (300), no token
//   /v1/{tenant_id}/...         stacks, resources, events, actions, validate, template versions, resource types,
//                               build info, software configs and deployments, snapshots;
//                               X-Auth-Token required
//
// JSON everywhere, Content-Type application/json; errors in Heat's fault
// body; a known URL asked with a method it lacks is 405 with `Allow`, and
// OPTIONS lists the methods (204).

import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { StackOperations } from "../stacks/stack-operations.js";
import { HeatError } from "../stacks/heat-error.js";
import { authHook } from "./auth-hook.js";
import { apiError, heatFault, UnsafeHeatError } from "./heat-fault.js";
import { actionRoutes } from "./routes/actions.js";
import { buildInfoRoutes } from "./routes/build-info.js";
import { eventRoutes } from "./routes/events.js";
import { resourceTypeRoutes } from "./routes/resource-types.js";
import { resourceRoutes } from "./routes/resources.js";
import { snapshotRoutes } from "./routes/snapshots.js";
import { softwareConfigRoutes } from "./routes/software-configs.js";
import { stackRoutes } from "./routes/stack.js";
import { stackCollectionRoutes } from "./routes/stacks.js";
import { templateRoutes } from "./routes/templates.js";
import { sendVersions, versionRoutes } from "./routes/version-discovery.js";
import type { ServerContext } from "./server-context.js";
import { readBodiesAsHeat } from "./request-body.js";
import { DEFAULT_YAML_LIMITS, type YamlLimits } from "./yaml-document.js";

export interface HeatApiOptions {
  operations: StackOperations;
  /** Largest request body in bytes (Heat's max_json_body_size; default 1 MiB). Larger: 413. */
  bodyLimit?: number;
  yamlLimits?: Partial<YamlLimits>;
  /** The revision `GET /build_info` shows (default "unknown", as Heat without a release file). */
  revision?: string;
  /** Called once per answered request (the server's request log). */
  onRequestDone?: (entry: RequestLogEntry) => void;
  /** Called with errors the API did not expect (500s). */
  onUnexpectedError?: (err: unknown) => void;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
}

const DEFAULT_BODY_LIMIT = 1_048_576;
const ALL_METHODS = ["HEAD", "GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The Heat API, ready to `listen` or `inject` into. */
export async function buildHeatApi(opts: HeatApiOptions): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const ctx: ServerContext = {
    operations: opts.operations,
    yamlLimits: { ...DEFAULT_YAML_LIMITS, ...opts.yamlLimits },
    revision: opts.revision ?? "unknown",
  };
  const app = Fastify({
    bodyLimit,
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
  });

  // bodies read as Heat reads them: JSON by the media type and the first character, else no body (never 415)
  readBodiesAsHeat(app);

  app.addHook("onSend", async (_req, reply, payload) => {
    const type = reply.getHeader("content-type");
    if (typeof type === "string" && type.startsWith("application/json"))
      reply.header("content-type", "application/json");
    return payload;
  });

  if (opts.onRequestDone) {
    const log = opts.onRequestDone;
    app.addHook("onResponse", async (req, reply) => {
      log({ method: req.method, path: req.url, status: reply.statusCode, ms: reply.elapsedTime });
    });
  }

  app.setErrorHandler((err: FastifyError | HeatError, req, reply) => renderError(err, req, reply, bodyLimit, opts));
  app.setNotFoundHandler((req, reply) => {
    // another API version than v1: the version choices, as Heat's version negotiation answers
    if (/^\/v\d/.test(req.url) && !/^\/v1(\.0)?\//.test(req.url)) return sendVersions(req, reply);
    return reply.code(404).send(heatFault(404, "HTTPNotFound", "The resource could not be found."));
  });

  // every URL's methods, to answer the others 405 and OPTIONS with the list
  const methodsOf = new Map<string, Set<string>>();
  let collecting = true;
  app.addHook("onRoute", (route) => {
    if (!collecting) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const set = methodsOf.get(route.url) ?? new Set<string>();
    for (const m of methods) set.add(m);
    methodsOf.set(route.url, set);
  });

  versionRoutes(app);
  await app.register(
    async (v1) => {
      v1.addHook("onRequest", authHook(ctx.operations.store));
      stackCollectionRoutes(v1, ctx);
      stackRoutes(v1, ctx);
      actionRoutes(v1, ctx);
      resourceRoutes(v1, ctx);
      eventRoutes(v1, ctx);
      templateRoutes(v1, ctx);
      resourceTypeRoutes(v1, ctx);
      buildInfoRoutes(v1, ctx);
      softwareConfigRoutes(v1, ctx);
      snapshotRoutes(v1, ctx);
    },
    { prefix: "/v1/:tenant_id" },
  );
  collecting = false;

  for (const [url, methods] of methodsOf) {
    if (!url.startsWith("/v1/")) continue;
    const allowed = [...methods].filter((m) => m !== "HEAD" || !methods.has("GET")).join(",");
    const missing = ALL_METHODS.filter((m) => !methods.has(m));
    if (missing.length > 0) {
      app.route({
        method: missing,
        url,
        handler: (_req, reply) => {
          reply.header("allow", allowed);
          throw apiError(405);
        },
      });
    }
    if (!methods.has("OPTIONS")) {
      app.route({ method: "OPTIONS", url, handler: (_req, reply) => reply.code(204).header("allow", allowed).send() });
    }
  }
  return app;
}

/** Whether the request's body was sent as application/xml (parameters aside), as Heat's fault wrapper asks. */
function sentAsXml(req: FastifyRequest): boolean {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase() === "application/xml";
}

function renderError(
  err: FastifyError | HeatError,
  req: FastifyRequest,
  reply: FastifyReply,
  bodyLimit: number,
  opts: HeatApiOptions,
): FastifyReply {
  // Heat's fault wrapper answers a request sent as application/xml in XML: its serializer writes only the code
  const send = (status: number, fault: ReturnType<typeof heatFault>): FastifyReply =>
    sentAsXml(req)
      ? reply.code(status).type("application/xml; charset=UTF-8").send(`<code>${status}</code>`)
      : reply.code(status).send(fault);
  if (err instanceof UnsafeHeatError) return send(err.code, heatFault(err.code, err.type));
  if (err instanceof HeatError) return send(err.code, heatFault(err.code, err.type, err.message));
  const code = (err as FastifyError).code;
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    const length = Number(req.headers["content-length"] ?? 0) || bodyLimit + 1;
    const size = `JSON body size (${length} bytes) exceeds maximum allowed size (${bodyLimit} bytes).`;
    const message = `Request limit exceeded: ${size}`;
    return send(413, heatFault(413, "RequestLimitExceeded", message));
  }
  const status = (err as FastifyError).statusCode ?? 500;
  if (status < 500) {
    const e = apiError(status, err.message);
    return send(status, heatFault(status, e.type, e.message));
  }
  opts.onUnexpectedError?.(err);
  return send(500, heatFault(500, err.name || "Error"));
}
