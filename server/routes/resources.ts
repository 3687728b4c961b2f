// A stack's resources: list (filters, nested stacks to `nested_depth`,
// attributes with `with_detail`), show, metadata, signal, and marking one
// unhealthy (PATCH).

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ResourceRecord, StackRecord } from "../../stacks/stack-records.js";
import type { StackStore } from "../../stacks/stack-store.js";
import { HeatError } from "../../stacks/heat-error.js";
import { callerOf } from "../auth-hook.js";
import { apiError } from "../heat-fault.js";
import type { Body } from "../instantiation-data.js";
import { extractBool, extractInt, mixed, type Query, single, splitStatuses } from "../query-params.js";
import { renderResource } from "../render-resource.js";
import type { ServerContext } from "../server-context.js";
import { identifiedStack, type StackParams } from "../stack-access.js";
import { requiredBody } from "../request-body.js";

type ResourceParams = StackParams & { resource_name: string };

const FILTERS = ["type", "status", "name", "action", "id", "physical_resource_id"];

export function resourceRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const ops = ctx.operations;
  const store = ops.store;

  app.get(
    "/stacks/:stack_name/:stack_id/resources",
    async (req: FastifyRequest<{ Params: StackParams; Querystring: Query }>, reply) => {
      const q = req.query;
      const invalid = Object.keys(q).filter((k) => !FILTERS.includes(k) && k !== "nested_depth" && k !== "with_detail");
      if (invalid.length > 0) {
        throw apiError(400, `Invalid filter parameters ${pythonList(invalid)}`);
      }
      const stack = await identifiedStack(store, req);
      const depthText = single(q, "nested_depth");
      const depth = depthText === undefined ? 0 : extractInt("nested_depth", depthText);
      const detailText = single(q, "with_detail");
      const detail = detailText === undefined ? false : extractBool("with_detail", detailText);
      const rows = await resourcesTo(store, stack, depth);
      const keep = filterOf(q);
      const out = [];
      for (const row of rows) {
        if (!keep(row.resource)) continue;
        out.push(renderResource(req, row.resource, row, detail));
      }
      return reply.send({ resources: out });
    },
  );

  app.get(
    "/stacks/:stack_name/:stack_id/resources/:resource_name",
    async (req: FastifyRequest<{ Params: ResourceParams; Querystring: Query }>, reply) => {
      const stack = await identifiedStack(store, req);
      const r = await resourceOf(store, stack, req.params.resource_name);
      const nested = r.nestedStackId ? await store.getStack(r.nestedStackId) : undefined;
      return reply.send({ resource: renderResource(req, r, { stack, nested }, true) });
    },
  );

  app.get(
    "/stacks/:stack_name/:stack_id/resources/:resource_name/metadata",
    async (req: FastifyRequest<{ Params: ResourceParams }>, reply) => {
      const stack = await identifiedStack(store, req);
      const r = await resourceOf(store, stack, req.params.resource_name);
      const metadata = ops.resourceMetadata ? await ops.resourceMetadata(stack, r.name) : (r.metadata ?? {});
      return reply.send({ metadata });
    },
  );

  app.post(
    "/stacks/:stack_name/:stack_id/resources/:resource_name/signal",
    async (req: FastifyRequest<{ Params: ResourceParams; Body: unknown }>, reply) => {
      const stack = await identifiedStack(store, req);
      await resourceOf(store, stack, req.params.resource_name);
      await ops.signal(callerOf(req), stack, req.params.resource_name, req.body ?? null);
      return reply.send(null);
    },
  );

  app.patch(
    "/stacks/:stack_name/:stack_id/resources/:resource_name",
    async (req: FastifyRequest<{ Params: ResourceParams; Body: Body | undefined }>, reply) => {
      const body = requiredBody(req);
      const invalid = Object.keys(body).filter((k) => k !== "mark_unhealthy" && k !== "resource_status_reason");
      if (invalid.length > 0) throw apiError(400, `Invalid keys in resource mark unhealthy ${pythonSet(invalid)}`);
      if (!("mark_unhealthy" in body)) {
        throw apiError(400, "Missing mandatory (mark_unhealthy) key from mark unhealthy request");
      }
      const unhealthy = extractBool("mark_unhealthy", body.mark_unhealthy);
      const reason = body.resource_status_reason === undefined ? "" : String(body.resource_status_reason);
      const stack = await identifiedStack(store, req);
      await resourceOf(store, stack, req.params.resource_name);
      await ops.markUnhealthy(callerOf(req), stack, req.params.resource_name, unhealthy, reason);
      return reply.send(null);
    },
  );
}

export async function resourceOf(store: StackStore, stack: StackRecord, name: string): Promise<ResourceRecord> {
  const r = await store.getResource(stack.id, name);
  if (!r) {
    throw new HeatError(404, "ResourceNotFound", `The Resource (${name}) could not be found in Stack ${stack.name}.`);
  }
  return r;
}

interface ResourceRow {
  resource: ResourceRecord;
  stack: StackRecord;
  nested?: StackRecord;
  parentResource?: string;
}

/** The stack's resources, then (to `depth` levels) those of their nested stacks, each with its stack. */
async function resourcesTo(store: StackStore, stack: StackRecord, depth: number): Promise<ResourceRow[]> {
  const rows: ResourceRow[] = [];
  const walk = async (s: StackRecord, level: number, parentResource: string | undefined) => {
    for (const r of await store.listResources(s.id)) {
      const nested = r.nestedStackId ? await store.getStack(r.nestedStackId) : undefined;
      rows.push({ resource: r, stack: s, nested, parentResource });
      if (nested && level < depth) await walk(nested, level + 1, r.name);
    }
  };
  await walk(stack, 0, undefined);
  return rows;
}

function filterOf(q: Query): (r: ResourceRecord) => boolean {
  const types = mixed(q, "type");
  const names = mixed(q, "name");
  const ids = mixed(q, "id");
  const physical = mixed(q, "physical_resource_id");
  const actions = mixed(q, "action") ?? [];
  const statusValues = mixed(q, "status");
  let statuses: string[] | undefined;
  if (statusValues) {
    const split = splitStatuses(statusValues);
    statuses = split.statuses.length > 0 ? split.statuses : statusValues;
    actions.push(...split.actions);
  }
  return (r) =>
    (!types || types.includes(r.type)) &&
    (!names || names.includes(r.name)) &&
    (!ids || ids.includes(r.physicalId)) &&
    (!physical || physical.includes(r.physicalId)) &&
    (actions.length === 0 || actions.includes(r.action)) &&
    (!statuses || statuses.includes(r.status));
}

/** Python's str() of a list of strings: ['a', 'b']. */
function pythonList(items: string[]): string {
  return `[${items.map((s) => `'${s}'`).join(", ")}]`;
}

function pythonSet(items: string[]): string {
  return `{${items.map((s) => `'${s}'`).join(", ")}}`;
}
