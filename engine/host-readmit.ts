// `gantry host readmit NAME`: a host marked failed (lost, or replaced with
// -replace-host) is left out of placement until an operator says it is good
// again. Readmitting clears the mark in every cluster's record, under the
// state lock; nothing moves back at once (placement keeps nodes where they
// are), the host only becomes capacity again for the next plan.

import { GantryError } from "../contract/diagnostics.js";
import type { InstanceState } from "../planner/state.js";
import type { Workspace } from "./workspace.js";

export interface ReadmittedHost {
  /** The cluster instance's address ("gantry_cluster.mesos"). */
  cluster: string;
  /** Why the host had been marked failed. */
  reason: string;
}

export async function readmitHost(
  ws: Workspace,
  host: string,
  opts: { lockTimeoutMs?: number } = {},
): Promise<ReadmittedHost[]> {
  const lease = await ws.state.lock("host readmit", opts.lockTimeoutMs ?? 0);
  try {
    const state = await ws.state.read();
    const out: ReadmittedHost[] = [];
    const failedAnywhere: string[] = [];
    for (const [address, inst] of state.instances) {
      if (inst.type !== "gantry_cluster") continue;
      const failed = failedHostsOf(inst);
      failedAnywhere.push(...Object.keys(failed));
      if (failed[host] === undefined) continue;
      const { [host]: reason, ...rest } = failed;
      const attributes = { ...inst.attributes };
      if (Object.keys(rest).length) attributes.failed_hosts = rest;
      else delete attributes.failed_hosts;
      state.instances.set(address, { ...inst, attributes });
      out.push({ cluster: address, reason });
    }
    if (!out.length)
      throw new GantryError({
        severity: "error",
        summary: `host ${host} is not marked failed in any cluster`,
        detail: failedAnywhere.length
          ? `Failed hosts: ${[...new Set(failedAnywhere)].sort().join(", ")}.`
          : "No host is marked failed.",
      });
    const w = ws.state.writer(state);
    w.touch();
    await w.flush();
    return out;
  } finally {
    await lease.release();
  }
}

function failedHostsOf(inst: InstanceState): Record<string, string> {
  const v = inst.attributes.failed_hosts;
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}
