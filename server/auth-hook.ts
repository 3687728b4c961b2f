// Identity: every request under /v1 carries `X-Auth-Token`; the store says
// whose it is. No token or an unknown one is 401 (Heat's fault body). The
// caller is kept on the request for the routes. A stack user's token (the one
// a wait condition handle gives out) may only signal resources and read their
// metadata, as Heat's policy denies the heat_stack_user role everything else:
// 403.

import type { FastifyReply, FastifyRequest } from "fastify";
import type { Caller } from "../stacks/stack-operations.js";
import type { StackStore } from "../stacks/stack-store.js";
import { HeatError } from "../stacks/heat-error.js";
import { STACK_USER_ROLE } from "../stacks/stack-records.js";
import { apiError } from "./heat-fault.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The token's holder (set by the auth hook on every /v1 route). */
    caller?: Caller;
  }
}

const UNAUTHORIZED = "The request you have made requires authentication.";

/** An onRequest hook: authenticates the request's token. */
export function authHook(store: StackStore) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = req.headers["x-auth-token"];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) throw new HeatError(401, "HTTPUnauthorized", UNAUTHORIZED);
    const caller = await store.authenticate(token);
    if (!caller) throw new HeatError(401, "HTTPUnauthorized", UNAUTHORIZED);
    if (caller.roles.includes(STACK_USER_ROLE) && !stackUserMayCall(req)) throw apiError(403);
    req.caller = caller;
  };
}

const STACK_USER_ROUTES = new Set([
  "POST /v1/:tenant_id/stacks/:stack_name/:stack_id/resources/:resource_name/signal",
  "GET /v1/:tenant_id/stacks/:stack_name/:stack_id/resources/:resource_name/metadata",
]);

function stackUserMayCall(req: FastifyRequest): boolean {
  return STACK_USER_ROUTES.has(`${req.method} ${req.routeOptions.url ?? ""}`);
}

/** The authenticated caller (the auth hook ran). */
export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw new HeatError(401, "HTTPUnauthorized", UNAUTHORIZED);
  return req.caller;
}

export function isAdmin(caller: Caller): boolean {
  return caller.roles.includes("admin");
}
