// What a cluster's record in the state keeps stable from one plan to the
// next: where nodes were placed, ZooKeeper ids (a member's identity), and
// where app tasks run when gantry runs them in place of Marathon.

import type { State } from "../planner/state.js";
import type { Placement } from "./blueprint.js";

/** A map recorded in the cluster's record by the last apply (zookeeper_ids, tasks); empty when none. */
export function previousRecord(state: State | undefined, clusterKey: string, field: string): Record<string, unknown> {
  const v = state?.instances.get(clusterKey)?.attributes[field];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** ZooKeeper ids (myid) are identities: a member keeps its id; a new member takes the lowest free one. */
export function zookeeperIds(nodes: string[], previous: Record<string, unknown>): Map<string, number> {
  const out = new Map<string, number>();
  const taken = new Set<number>();
  for (const n of nodes) {
    const id = previous[n];
    if (typeof id === "number" && Number.isInteger(id) && id >= 1 && id <= 255 && !taken.has(id)) {
      out.set(n, id);
      taken.add(id);
    }
  }
  let next = 1;
  for (const n of nodes) {
    if (out.has(n)) continue;
    while (taken.has(next)) next++;
    out.set(n, next);
    taken.add(next);
  }
  return out;
}

/**
 * Where each app task runs: a task keeps its agent and port while that agent
 * remains; new tasks go to the agent with the fewest of this app's tasks, on
 * the lowest free port of Mesos' default range (31000-32000) on that host.
 */
export function taskPlacement(
  names: string[],
  agentHosts: string[],
  previous: Record<string, { host: string; port: number }>,
  usedPorts: Map<string, Set<number>>,
): Map<string, { host: string; port: number }> {
  const out = new Map<string, { host: string; port: number }>();
  const load = new Map(agentHosts.map((h) => [h, 0]));
  const ports = (h: string) => usedPorts.get(h) ?? usedPorts.set(h, new Set()).get(h)!;
  for (const n of names) {
    const p = previous[n];
    if (p && load.has(p.host) && typeof p.port === "number" && !ports(p.host).has(p.port)) {
      out.set(n, { host: p.host, port: p.port });
      load.set(p.host, load.get(p.host)! + 1);
      ports(p.host).add(p.port);
    }
  }
  for (const n of names) {
    if (out.has(n) || !agentHosts.length) continue;
    const host = [...load].sort((a, b) => a[1] - b[1] || agentHosts.indexOf(a[0]) - agentHosts.indexOf(b[0]))[0][0];
    let port = 31000;
    while (ports(host).has(port)) port++;
    if (port > 32000) throw new Error(`no free port left in 31000-32000 on host ${host} for app task ${n}`);
    out.set(n, { host, port });
    load.set(host, load.get(host)! + 1);
    ports(host).add(port);
  }
  return new Map(names.filter((n) => out.has(n)).map((n) => [n, out.get(n)!]));
}

/** The placement recorded by the last apply (from the cluster's record in state). */
export function previousPlacement(state: State | undefined, clusterKey: string): Placement[] | undefined {
  const rec = state?.instances.get(clusterKey)?.attributes.placement;
  if (!rec || typeof rec !== "object" || Array.isArray(rec)) return undefined;
  const out: Placement[] = [];
  for (const [node, host] of Object.entries(rec)) {
    const m = /^(.*)-(\d+)$/.exec(node);
    if (m && typeof host === "string") out.push({ group: m[1], index: Number(m[2]), node, host });
  }
  return out;
}
