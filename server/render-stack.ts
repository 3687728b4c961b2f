// Stacks in Heat's field names: the summary of a list (stacks_view.collection),
// the whole stack of a show (engine/api.format_stack), the answer to a
// create, and outputs.

import type { FastifyRequest } from "fastify";
import { stackParameterTexts } from "../stacks/stack-parameters.js";
import type { StackOutputRecord, StackRecord } from "../stacks/stack-records.js";
import { heatTime } from "./heat-time.js";
import { link, stackUrl } from "./heat-links.js";

export function stackLinks(req: FastifyRequest, s: StackRecord): { href: string; rel: string }[] {
  return [link(stackUrl(req, s))];
}

/** `{"id", "links"}`: the answer to a create. */
export function renderCreatedStack(req: FastifyRequest, s: StackRecord): Record<string, unknown> {
  return { id: s.id, links: stackLinks(req, s), ...(s.warnings?.length && { warnings: s.warnings }) };
}

/** One stack of `GET /stacks` (Heat's basic keys; `project` for an admin). */
export function renderStackSummary(
  req: FastifyRequest,
  s: StackRecord,
  includeProject: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: s.id, links: stackLinks(req, s) };
  if (includeProject) out.project = s.tenant;
  Object.assign(out, {
    stack_name: s.name,
    description: s.description ?? "",
    stack_status: `${s.action}_${s.status}`,
    stack_status_reason: s.statusReason,
    creation_time: heatTime(s.createdAt),
    updated_time: heatTime(s.updatedAt),
    deletion_time: heatTime(s.deletedAt),
    stack_owner: null,
    parent: s.parentId ?? null,
    stack_user_project_id: s.tenant,
    tags: s.tags.length > 0 ? s.tags : null,
  });
  return out;
}

/** The stack of `GET /stacks/{name}/{id}`; outputs when given (not for a deleted stack). */
export function renderStack(
  req: FastifyRequest,
  s: StackRecord,
  outputs: StackOutputRecord[] | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    links: stackLinks(req, s),
    stack_name: s.name,
    creation_time: heatTime(s.createdAt),
    updated_time: heatTime(s.updatedAt),
    deletion_time: heatTime(s.deletedAt),
    notification_topics: [],
    parameters: stackParameterTexts(s),
    description: s.description ?? "",
    template_description: s.description ?? "",
    capabilities: [],
    disable_rollback: s.disableRollback,
    timeout_mins: s.timeoutMins ?? null,
    stack_owner: null,
    parent: s.parentId ?? null,
    stack_user_project_id: s.tenant,
    tags: s.tags.length > 0 ? s.tags : null,
    stack_status: `${s.action}_${s.status}`,
    stack_status_reason: s.statusReason,
  };
  if (outputs) out.outputs = outputs.map((o) => renderOutput(o, true));
  return out;
}

/** An output: key and description, and its value (and error) when resolved. */
export function renderOutput(o: StackOutputRecord, resolved: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { output_key: o.key, description: o.description ?? "No description given" };
  if (resolved) {
    if (o.error !== undefined) out.output_error = o.error;
    out.output_value = o.value ?? null;
  }
  return out;
}
