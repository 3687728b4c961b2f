// Events of a stack and of one of its resources: filters, sorting, pages,
// events of nested stacks to `nested_depth`; one event by id.

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EventRecord, StackRecord } from "../../stacks/stack-records.js";
import type { EventQuery, StackStore } from "../../stacks/stack-store.js";
import { apiError, UnsafeHeatError } from "../heat-fault.js";
import { link, stackUrl } from "../heat-links.js";
import { all, extractInt, mixed, type Query, single } from "../query-params.js";
import { renderEvent } from "../render-event.js";
import type { ServerContext } from "../server-context.js";
import { identifiedStack, type StackParams } from "../stack-access.js";

type ResourceParams = StackParams & { resource_name: string };

export function eventRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const store = ctx.operations.store;

  const list = async (
    req: FastifyRequest<{ Params: StackParams & { resource_name?: string }; Querystring: Query }>,
    resourceName: string | undefined,
  ) => {
    const stack = await identifiedStack(store, req);
    const query = eventQuery(stack.id, req.query);
    if (resourceName !== undefined) query.resourceName = resourceName;
    const events = await store.listEvents(query);
    if (events.length === 0 && resourceName !== undefined) {
      throw apiError(404, `No events found for resource ${resourceName}`);
    }
    const rendered = await renderAll(store, req, events, stack, false);
    // with nested_depth Heat names the root stack in every event's links (heatclient looks for it)
    if (query.nestedDepth) {
      for (const e of rendered)
        (e.links as { href: string; rel: string }[]).push(link(stackUrl(req, stack), "root_stack"));
    }
    return { events: rendered };
  };

  app.get(
    "/stacks/:stack_name/:stack_id/events",
    async (req: FastifyRequest<{ Params: StackParams; Querystring: Query }>, reply) =>
      reply.send(await list(req, undefined)),
  );

  app.get(
    "/stacks/:stack_name/:stack_id/resources/:resource_name/events",
    async (req: FastifyRequest<{ Params: ResourceParams; Querystring: Query }>, reply) =>
      reply.send(await list(req, req.params.resource_name)),
  );

  app.get(
    "/stacks/:stack_name/:stack_id/resources/:resource_name/events/:event_id",
    async (req: FastifyRequest<{ Params: ResourceParams & { event_id: string }; Querystring: Query }>, reply) => {
      const stack = await identifiedStack(store, req);
      const events = await store.listEvents({ stackId: stack.id, resourceName: req.params.resource_name });
      const event = events.find((e) => e.id === req.params.event_id);
      if (!event) throw apiError(404, `No event ${req.params.event_id} found`);
      return reply.send({ event: renderEvent(req, event, stack, true) });
    },
  );
}

function eventQuery(stackId: string, q: Query): EventQuery {
  const query: EventQuery = { stackId };
  const limit = single(q, "limit");
  if (limit !== undefined && limit !== "") query.limit = extractInt("limit", limit);
  const depth = single(q, "nested_depth");
  if (depth !== undefined && depth !== "") query.nestedDepth = extractInt("nested_depth", depth);
  const marker = single(q, "marker");
  if (marker) query.marker = marker;
  const sortKeys = all(q, "sort_keys");
  if (sortKeys.length > 0) query.sortKeys = sortKeys;
  const dir = single(q, "sort_dir");
  if (dir === "asc" || dir === "desc") query.sortDir = dir;
  // Heat lets the database layer refuse it: a ValueError, rendered without a message
  else if (dir !== undefined && dir !== "") throw new UnsafeHeatError(400, "ValueError", "");
  // the filters match the event's columns exactly, as Heat's database does: resource_status is COMPLETE, FAILED or
  // IN_PROGRESS (CREATE_COMPLETE matches nothing, unlike the stack list's status filter); any of the values given
  const names = mixed(q, "resource_name");
  if (names) query.resourceNames = names;
  const types = mixed(q, "resource_type");
  if (types) query.resourceType = types;
  const actions = mixed(q, "resource_action");
  if (actions) query.resourceAction = actions;
  const statuses = mixed(q, "resource_status");
  if (statuses) query.resourceStatus = statuses;
  return query;
}

/** Each event with the links of its own stack (a nested stack's events name theirs). */
async function renderAll(
  store: StackStore,
  req: FastifyRequest,
  events: EventRecord[],
  stack: StackRecord,
  detail: boolean,
): Promise<Record<string, unknown>[]> {
  const stacks = new Map<string, StackRecord>([[stack.id, stack]]);
  const out = [];
  for (const e of events) {
    let s = stacks.get(e.stackId);
    if (!s) {
      s = (await store.getStack(e.stackId)) ?? stack;
      stacks.set(e.stackId, s);
    }
    out.push(renderEvent(req, e, s, detail));
  }
  return out;
}
