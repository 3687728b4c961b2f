// The absolute URLs Heat puts in `links` and `Location`: built from the
// address the client used (its Host header), as webob's relative_url does,
// with each path segment quoted as Python's urllib.parse.quote(s, safe="").

import type { FastifyRequest } from "fastify";

/** Python's quote(s, safe=""): everything but letters, digits and "_.-~" percent-encoded. */
export function quoteSegment(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** "http://127.0.0.1:8004" as the client addressed the server. */
export function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** The v1 root: "http://host:port/v1". */
export function v1Root(req: FastifyRequest): string {
  return `${origin(req)}/v1`;
}

export interface StackRef {
  tenant: string;
  name: string;
  id: string;
}

export function stackUrl(req: FastifyRequest, s: StackRef): string {
  return `${v1Root(req)}/${quoteSegment(s.tenant)}/stacks/${quoteSegment(s.name)}/${quoteSegment(s.id)}`;
}

export function resourceUrl(req: FastifyRequest, s: StackRef, resourceName: string): string {
  return `${stackUrl(req, s)}/resources/${quoteSegment(resourceName)}`;
}

export function eventUrl(req: FastifyRequest, s: StackRef, resourceName: string, eventId: string): string {
  return `${resourceUrl(req, s, resourceName)}/events/${quoteSegment(eventId)}`;
}

export function link(href: string, rel = "self"): { href: string; rel: string } {
  return { href, rel };
}
