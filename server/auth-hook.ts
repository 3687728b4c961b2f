// Identity: every request under /v1 carries `X-Auth-Token`; the store says
// whose it is. No token or an unknown one is 401 (Heat's fault body). The
// caller is kept on the request for the routes.

import type { FastifyReply, FastifyRequest } from "fastify";
import type { Caller } from "../stacks/stack-operations.js";
import type { StackStore } from "../stacks/stack-store.js";
import { HeatError } from "../stacks/heat-error.js";

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
    req.caller = caller;
  };
}

/** The authenticated caller (the auth hook ran). */
export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw new HeatError(401, "HTTPUnauthorized", UNAUTHORIZED);
  return req.caller;
}

export function isAdmin(caller: Caller): boolean {
  return caller.roles.includes("admin");
}
