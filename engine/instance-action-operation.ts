// Heat's per-resource stack actions (suspend, resume, check) run on the
// instances a workspace's state holds, through the types' optional hooks
// (contract/resource-type.ts): under the state lock, one instance after
// another in the order asked, the attributes suspend/resume return recorded.

import type { OperationContext } from "../contract/resource-type.js";
import type { Attrs } from "../contract/values.js";
import { instanceInfo, operationContext } from "../planner/operation-context.js";
import type { EngineContext } from "./engine-context.js";
import { ensureDataDir, type Workspace } from "./workspace.js";

export type InstanceActionName = "suspend" | "resume" | "check";

export interface InstanceActionRequest {
  /** The instances, in the order to act on them (default: every managed instance, by address). */
  addresses?: string[];
  /** Told before each instance is acted on (and whether its type has the hook). */
  onStart?: (address: string, supported: boolean) => void | Promise<void>;
  /** Told after each instance: its outcome. */
  onResult?: (result: InstanceActionResult) => void | Promise<void>;
  /** Stop after the first failure (default true: Heat stops a stack action at its first failed resource). */
  stopOnFailure?: boolean;
  signal?: AbortSignal;
  lockTimeoutMs?: number;
}

export interface InstanceActionResult {
  address: string;
  /** The instance's type has the hook; without it nothing was done (Heat: "CHECK not supported for TYPE"). */
  supported: boolean;
  /** What the hook threw: its message and, when the type named it, the error's class. */
  error?: string;
  errorType?: string;
}

export async function runInstanceAction(
  engine: EngineContext,
  ws: Workspace,
  action: InstanceActionName,
  req: InstanceActionRequest = {},
): Promise<InstanceActionResult[]> {
  const lease = await ws.state.lock(action, req.lockTimeoutMs ?? 0);
  try {
    const state = await ws.state.read();
    ensureDataDir(ws);
    const writer = ws.state.writer(state);
    const signal = req.signal ?? new AbortController().signal;
    const addresses =
      req.addresses ??
      [...state.instances.values()]
        .filter((i) => i.mode !== "data")
        .map((i) => i.address)
        .sort();
    const results: InstanceActionResult[] = [];
    for (const address of addresses) {
      if (signal.aborted) break;
      const inst = state.instances.get(address);
      if (!inst || inst.mode === "data") continue;
      const type = engine.resolveType(inst.type);
      const hook = type?.[action] as ((ctx: OperationContext, prior: Attrs) => Promise<Attrs | undefined>) | undefined;
      await req.onStart?.(address, hook !== undefined);
      const result: InstanceActionResult = { address, supported: hook !== undefined };
      if (type && hook) {
        const ctx = operationContext(
          instanceInfo(inst, ws.dataDir, ws.dir),
          signal,
          () => {},
          { warnings: [], limitations: [] },
          engine.hosts,
        );
        try {
          const after = await hook.call(type, ctx, inst.attributes);
          if (after && action !== "check") {
            inst.attributes = after;
            writer.touch();
          }
        } catch (e) {
          result.error = e instanceof Error ? e.message : String(e);
          if (e instanceof Error && e.name !== "Error") result.errorType = e.name;
        }
      }
      results.push(result);
      await req.onResult?.(result);
      if (result.error !== undefined && (req.stopOnFailure ?? true)) break;
    }
    await writer.flush();
    return results;
  } finally {
    await lease.release();
  }
}
