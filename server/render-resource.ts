// Resources in Heat's field names (engine/api.format_stack_resource through
// the API's resources view): the action joined to the status, the logical
// name twice, links to itself, its stack and its nested stack.

import type { FastifyRequest } from "fastify";
import type { PreviewResource } from "../stacks/stack-operations.js";
import type { ResourceRecord, StackRecord } from "../stacks/stack-records.js";
import { heatTime } from "./heat-time.js";
import { link, resourceUrl, type StackRef, stackUrl } from "./heat-links.js";

export interface ResourceContext {
  /** The stack the resource belongs to. */
  stack: StackRecord;
  /** Its nested stack, when it has one (for the "nested" link). */
  nested?: StackRecord;
  /** The name of the resource whose nested stack this is (Heat's `parent_resource`). */
  parentResource?: string;
}

export function renderResource(
  req: FastifyRequest,
  r: ResourceRecord,
  ctx: ResourceContext,
  detail: boolean,
): Record<string, unknown> {
  const links = [link(resourceUrl(req, ctx.stack, r.name)), link(stackUrl(req, ctx.stack), "stack")];
  if (ctx.nested) links.push(link(stackUrl(req, ctx.nested), "nested"));
  const out: Record<string, unknown> = {
    resource_name: r.name,
    logical_resource_id: r.name,
    links,
    creation_time: heatTime(r.createdAt),
    updated_time: heatTime(r.updatedAt ?? r.createdAt),
    physical_resource_id: r.physicalId ?? "",
    resource_status: `${r.action}_${r.status}`,
    resource_status_reason: r.statusReason,
    resource_type: r.type,
    required_by: r.requiredBy,
  };
  if (ctx.parentResource !== undefined) out.parent_resource = ctx.parentResource;
  if (detail) {
    out.description = "";
    out.attributes = r.attributes ?? {};
  }
  return out;
}

/** A resource of a preview (Heat's format_stack_resource with properties, before the stack exists). */
export function renderPreviewResource(
  stack: StackRef,
  r: PreviewResource,
  now: string,
  withProperties: boolean,
): Record<string, unknown> {
  const stackIdentity = { tenant: stack.tenant, stack_name: stack.name, stack_id: stack.id, path: "" };
  const out: Record<string, unknown> = {
    resource_name: r.name,
    resource_type: r.type,
    resource_identity: { ...stackIdentity, path: `/resources/${r.name}` },
    stack_identity: stackIdentity,
    stack_name: stack.name,
    creation_time: heatTime(now),
    updated_time: heatTime(now),
    physical_resource_id: "",
    resource_action: "INIT",
    resource_status: "COMPLETE",
    resource_status_reason: "",
    required_by: r.requiredBy,
    description: "",
    metadata: {},
    attributes: {},
  };
  if (withProperties) out.properties = r.properties;
  return out;
}
