// What a cluster's record in the state keeps stable from one plan to the
// next: where nodes were placed, ZooKeeper ids (a member's identity), and
// where app tasks run when gantry runs them in place of Marathon. The
// expansion takes the last apply's records as an input (PreviousPlacement);
// its caller reads them from the state with previousPlacementFromState.

import type { Value } from "../contract/values.js";
import type { State } from "../planner/state.js";
import type { Placement } from "./blueprint.js";

/** Where an app task runs: its agent (host name) and port. */
export interface TaskPlace {
  host: string;
  port: number;
}

/** What an apply records for one cluster. */
export interface ClusterRecord {
  /** Node name ("agent-3") → host name. */
  placement: Record<string, string>;
  /** Node name → ZooKeeper id (myid). */
  zookeeperIds: Record<string, number>;
  /** App task name ("web-1") → where it runs. */
  tasks: Record<string, TaskPlace>;
  /**
   * Hosts marked failed (lost, or replaced by hand) → why: placement leaves them out until `gantry host readmit`.
   * Absent in records written before hosts could fail.
   */
  failedHosts?: Record<string, string>;
}

/** The records of the last apply, by the cluster's resource key ("gantry_cluster.mesos"). */
export type PreviousPlacement = Record<string, ClusterRecord>;

/** A cluster planned for the first time. */
export const NO_RECORD: ClusterRecord = Object.freeze({ placement: {}, zookeeperIds: {}, tasks: {} });

/** The cluster records in a state (its `cluster` instances' placement, zookeeper_ids and tasks). */
export function previousPlacementFromState(state: State): PreviousPlacement {
  const out: PreviousPlacement = {};
  for (const [address, instance] of state.instances) {
    if (instance.type !== "gantry_cluster" || instance.key !== undefined) continue;
    const a = instance.attributes;
    const failedHosts = entriesWhere(a.failed_hosts, (v): v is string => typeof v === "string");
    out[address] = {
      placement: entriesWhere(a.placement, (v): v is string => typeof v === "string"),
      zookeeperIds: entriesWhere(a.zookeeper_ids, (v): v is number => typeof v === "number"),
      tasks: entriesWhere(a.tasks, isTaskPlace),
      ...(Object.keys(failedHosts).length ? { failedHosts } : {}),
    };
  }
  return out;
}

/** The record's attributes on the cluster's own instance, as previousPlacementFromState reads them back. */
export function recordAttributes(
  record: ClusterRecord,
): Record<"placement" | "zookeeper_ids" | "tasks", Value> & { failed_hosts?: Value } {
  return {
    placement: record.placement,
    zookeeper_ids: record.zookeeperIds,
    tasks: record.tasks as unknown as Value,
    // written only when some host failed, so that clusters that never lost one plan as before
    ...(record.failedHosts && Object.keys(record.failedHosts).length ? { failed_hosts: record.failedHosts } : {}),
  };
}

function entriesWhere<T>(v: Value | undefined, keep: (x: unknown) => x is T): Record<string, T> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, T] => keep(e[1])));
}

function isTaskPlace(v: unknown): v is TaskPlace {
  const t = v as Partial<TaskPlace> | null;
  return !!t && typeof t === "object" && typeof t.host === "string" && typeof t.port === "number";
}

/** The recorded placement as placements: node names are "<group>-<index>". */
export function recordedPlacements(record: ClusterRecord): Placement[] {
  const out: Placement[] = [];
  for (const [node, host] of Object.entries(record.placement)) {
    const m = /^(.*)-(\d+)$/.exec(node);
    if (m) out.push({ group: m[1], index: Number(m[2]), node, host });
  }
  return out;
}

/**
 * ZooKeeper ids (myid) are identities: a member keeps its id; a new member takes the lowest free one. A member in
 * `renew` (placed again on another host: its host was lost) is a new server to the ensemble: it takes an id above
 * every recorded one, so the lost server's id is never reused by a server with another address.
 */
export function stableZookeeperIds(
  nodes: string[],
  previous: Record<string, number>,
  renew: ReadonlySet<string> = new Set(),
): Map<string, number> {
  const out = new Map<string, number>();
  const taken = new Set<number>();
  let above = Math.max(0, ...Object.values(previous).filter((id) => Number.isInteger(id)));
  for (const n of nodes) {
    if (!renew.has(n)) continue;
    if (above >= 255) break; // no id left above: the lowest free one below
    out.set(n, ++above);
    taken.add(above);
  }
  for (const n of nodes) {
    if (renew.has(n)) continue;
    const id = previous[n];
    if (Number.isInteger(id) && id >= 1 && id <= 255 && !taken.has(id)) {
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
  previous: Record<string, TaskPlace>,
  usedPorts: Map<string, Set<number>>,
): Map<string, TaskPlace> {
  const out = new Map<string, TaskPlace>();
  const load = new Map(agentHosts.map((h) => [h, 0]));
  const ports = (h: string) => usedPorts.get(h) ?? usedPorts.set(h, new Set()).get(h)!;
  for (const n of names) {
    const p = previous[n];
    if (p && load.has(p.host) && !ports(p.host).has(p.port)) {
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
