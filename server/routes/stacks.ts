// The stack collection: list (filters, sorting, pages, tags, deleted and
// nested stacks, every tenant's for an admin), create, preview, detail, and
// the lookup that redirects a stack's name (or id) to its canonical URL.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { StackQuery } from "../../stacks/stack-store.js";
import { HeatError } from "../../stacks/heat-error.js";
import { callerOf, isAdmin } from "../auth-hook.js";
import { apiError, foundBody, UnsafeHeatError } from "../heat-fault.js";
import { origin, stackUrl } from "../heat-links.js";
import { type Body, InstantiationData } from "../instantiation-data.js";
import {
  boolParam,
  encodeQuery,
  intParam,
  mixed,
  type Query,
  single,
  splitStatuses,
  tagsParam,
  all,
} from "../query-params.js";
import { renderCreatedStack, renderStack, renderStackSummary } from "../render-stack.js";
import { renderPreviewResource } from "../render-resource.js";
import type { ServerContext } from "../server-context.js";
import { checkTenant, lookedUpStack, type TenantParams } from "../stack-access.js";
import { requiredBody } from "../request-body.js";

/** Sub-paths a lookup by name redirects with (Heat's stack_lookup_subpath). */
export const LOOKUP_SUBPATHS_GET = new Set(["resources", "events", "template", "actions", "environment", "files"]);
export const LOOKUP_SUBPATHS_POST = new Set(["resources", "events", "template", "actions"]);

const SORT_KEYS = new Set(["stack_name", "stack_status", "creation_time", "updated_time"]);

type TenantRequest = FastifyRequest<{ Params: TenantParams; Querystring: Query; Body: Body | undefined }>;
export type LookupRequest = FastifyRequest<{
  Params: TenantParams & { stack_name: string; stack_id?: string };
  Querystring: Query;
  Body: Body | undefined;
}>;

export function stackCollectionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const store = ctx.operations.store;

  app.get("/stacks", async (req: TenantRequest, reply) => {
    checkTenant(req);
    const caller = callerOf(req);
    const q = req.query;
    const global = boolParam(q, "global_tenant", false);
    if (global && !isAdmin(caller)) {
      throw new HeatError(403, "Forbidden", "You are not authorized to use stacks:global_index.");
    }
    const query = stackQuery(q);
    if (!global) query.tenant = caller.tenant;
    const stacks = await store.listStacks(query);
    const body: Record<string, unknown> = {
      stacks: stacks.map((s) => renderStackSummary(req, s, isAdmin(caller))),
    };
    const limit = query.limit ?? 0;
    if (limit > 0 && stacks.length === limit) {
      const marker = stacks[stacks.length - 1].id;
      body.links = [{ rel: "next", href: `${origin(req)}${req.url.split("?")[0]}${encodeQuery(q, { marker })}` }];
    }
    if (boolParam(q, "with_count", false)) {
      const { limit: _l, marker: _m, ...unpaged } = query;
      body.count = (await store.listStacks(unpaged)).length;
    }
    return reply.send(body);
  });

  app.get("/stacks/detail", async (req: TenantRequest, reply) => {
    checkTenant(req);
    const caller = callerOf(req);
    const stacks = await store.listStacks({ tenant: caller.tenant });
    return reply.send({ stacks: stacks.map((s) => renderStackSummary(req, s, false)) });
  });

  app.post("/stacks", async (req: TenantRequest, reply) => {
    checkTenant(req);
    const data = new InstantiationData(requiredBody(req), ctx.yamlLimits);
    const stack = await ctx.operations.create(callerOf(req), data.createRequest());
    const created = renderCreatedStack(req, stack);
    return reply.code(201).header("location", stackUrl(req, stack)).send({ stack: created });
  });

  app.post("/stacks/preview", async (req: TenantRequest, reply) => {
    checkTenant(req);
    const data = new InstantiationData(requiredBody(req), ctx.yamlLimits);
    const { stack, resources } = await ctx.operations.previewCreate(callerOf(req), data.createRequest());
    const rendered = renderStack(req, stack, undefined);
    delete rendered.stack_status;
    delete rendered.stack_status_reason;
    rendered.resources = resources.map((r) => renderPreviewResource(stack, r, stack.createdAt, true));
    return reply.send({ stack: rendered });
  });

  const lookup = (req: LookupRequest, reply: FastifyReply, path: string) => redirectToStack(ctx, req, reply, path);

  app.route({
    method: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    url: "/stacks/:stack_name",
    handler: (req: LookupRequest, reply) => lookup(req, reply, ""),
  });
  // POST on /stacks/{name}/{sub-path} is only ever a lookup (GET is shared with the show route)
  app.post("/stacks/:stack_name/:stack_id", (req: LookupRequest, reply) => {
    const path = req.params.stack_id ?? "";
    if (!LOOKUP_SUBPATHS_POST.has(path)) throw apiError(404);
    return lookup(req, reply, path);
  });
}

/** Heat's lookup: 302 to the stack's canonical URL (absolute), with the sub-path and query string kept. */
export async function redirectToStack(
  ctx: ServerContext,
  req: LookupRequest,
  reply: FastifyReply,
  path: string,
): Promise<FastifyReply> {
  const stack = await lookedUpStack(ctx.operations.store, req);
  let location = stackUrl(req, stack);
  if (path) location += `/${path}`;
  location += encodeQuery(req.query);
  return reply.code(302).header("location", location).send(foundBody(location));
}

/** The store's query from Heat's list parameters. */
function stackQuery(q: Query): StackQuery {
  const query: StackQuery = {};
  const names = [...(mixed(q, "name") ?? []), ...(mixed(q, "stack_name") ?? [])];
  if (names.length > 0) query.name = names;
  const ids = mixed(q, "id");
  if (ids) query.id = ids;
  const actions = [...(mixed(q, "action") ?? []), ...(mixed(q, "stack_action") ?? [])];
  const statusValues = [...(mixed(q, "status") ?? []), ...(mixed(q, "stack_status") ?? [])];
  if (statusValues.length > 0) {
    const split = splitStatuses(statusValues);
    if (split.statuses.length > 0) query.status = split.statuses;
    actions.push(...split.actions);
  }
  if (actions.length > 0) query.action = [...new Set(actions)].sort();
  const tags = tagsParam(q, "tags");
  if (tags) query.tags = tags;
  const tagsAny = tagsParam(q, "tags_any");
  if (tagsAny) query.tagsAny = tagsAny;
  const notTags = tagsParam(q, "not_tags");
  if (notTags) query.notTags = notTags;
  const notTagsAny = tagsParam(q, "not_tags_any");
  if (notTagsAny) query.notTagsAny = notTagsAny;
  if (boolParam(q, "show_deleted", false)) query.showDeleted = true;
  if (boolParam(q, "show_nested", false)) query.showNested = true;
  boolParam(q, "show_hidden", false);
  const sortKeys = all(q, "sort_keys").filter((k) => SORT_KEYS.has(k));
  if (sortKeys.length > 0) query.sortKeys = sortKeys;
  const dir = single(q, "sort_dir");
  if (dir !== undefined && dir !== "") {
    // Heat lets the database layer refuse it: a ValueError, rendered without a message
    if (dir !== "asc" && dir !== "desc") throw new UnsafeHeatError(400, "ValueError", "");
    query.sortDir = dir;
  }
  const limit = intParam(q, "limit");
  if (limit !== undefined) query.limit = limit;
  const marker = single(q, "marker");
  if (marker) query.marker = marker;
  return query;
}
