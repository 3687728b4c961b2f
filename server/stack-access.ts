// Which stack a request names, and whether its caller may see it. The path's
// tenant must be the caller's (an admin may name any); a stack of another
// tenant, a name that does not match the id, or a deleted stack (unless the
// route shows deleted ones) is "The Stack (name) could not be found." — never
// a 403 that would tell it exists.

import type { FastifyRequest } from "fastify";
import type { StackRecord } from "../stacks/stack-records.js";
import type { StackStore } from "../stacks/stack-store.js";
import { apiError, stackNotFound } from "./heat-fault.js";
import { callerOf, isAdmin } from "./auth-hook.js";

export interface TenantParams {
  tenant_id: string;
}

export interface StackParams extends TenantParams {
  stack_name: string;
  stack_id: string;
}

/** Routes not about one stack: another tenant's path is 403, as Heat answers. */
export function checkTenant(req: FastifyRequest<{ Params: TenantParams }>): void {
  const caller = callerOf(req);
  if (!isAdmin(caller) && req.params.tenant_id !== caller.tenant) throw apiError(403);
}

/** The stack at /stacks/{stack_name}/{stack_id}, or 404. */
export async function identifiedStack(
  store: StackStore,
  req: FastifyRequest<{ Params: StackParams }>,
  opts: { showDeleted?: boolean } = {},
): Promise<StackRecord> {
  const caller = callerOf(req);
  const { tenant_id: tenant, stack_name: name, stack_id: id } = req.params;
  const admin = isAdmin(caller);
  if (!admin && tenant !== caller.tenant) throw stackNotFound(name);
  const stack = await store.getStack(id);
  if (!stack) throw stackNotFound(name);
  if (!admin && stack.tenant !== caller.tenant) throw stackNotFound(name);
  if (stack.name !== name) throw stackNotFound(name);
  if (stack.deletedAt !== undefined && !opts.showDeleted) throw stackNotFound(name);
  return stack;
}

/** The stack a lookup names (a name, or an id), within the path's tenant. */
export async function lookedUpStack(
  store: StackStore,
  req: FastifyRequest<{ Params: TenantParams & { stack_name: string } }>,
): Promise<StackRecord> {
  const caller = callerOf(req);
  const { tenant_id: tenant, stack_name: name } = req.params;
  if (!isAdmin(caller) && tenant !== caller.tenant) throw stackNotFound(name);
  const stack = await store.findStack(tenant, name);
  if (!stack) throw stackNotFound(name);
  return stack;
}
