// Events in Heat's field names (engine/api.format_event through the API's
// events view): the summary fields of a list, every field for a show.

import type { FastifyRequest } from "fastify";
import type { EventRecord, StackRecord } from "../stacks/stack-records.js";
import { heatTime } from "./heat-time.js";
import { eventUrl, link, resourceUrl, stackUrl } from "./heat-links.js";

export function renderEvent(
  req: FastifyRequest,
  e: EventRecord,
  stack: StackRecord,
  detail: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: e.id,
    links: [
      link(eventUrl(req, stack, e.resourceName, e.id)),
      link(resourceUrl(req, stack, e.resourceName), "resource"),
      link(stackUrl(req, stack), "stack"),
    ],
    event_time: heatTime(e.time),
    resource_name: e.resourceName,
    logical_resource_id: e.resourceName,
    physical_resource_id: e.physicalResourceId,
    resource_status: `${e.action}_${e.status}`,
    resource_status_reason: e.reason,
  };
  if (detail) {
    out.resource_type = e.resourceType;
    out.resource_properties = e.properties ?? {};
  }
  return out;
}
