// Refresh: ask each type what really exists for every instance in state.

import type { DriftEntry } from "./changes.js";
import {
  type HostConnector,
  type HostDriver,
  type HostReachability,
  isHostUnreachable,
} from "../contract/host-driver.js";
import { DiagnosticBag } from "../contract/diagnostics.js";
import type { TypeResolver } from "./instances.js";
import { moduleOfInstance } from "./addresses.js";
import { instanceInfo, operationContext, type TypeNotes } from "./operation-context.js";
import type { InstanceState, State } from "./state.js";
import { deepEqual } from "../contract/values.js";
import { mapLimit } from "./walk.js";

export interface RefreshOptions {
  types: TypeResolver;
  parallelism: number;
  dataDir: string;
  configDir: string;
  /** The Heat stack the configuration is. */
  stackName?: string;
  hosts: HostConnector;
  signal: AbortSignal;
  log: (address: string, message: string) => void;
  /** Only these addresses (all when undefined). */
  only?: Set<string>;
  /**
   * Filled with the hosts that did not answer: their instances keep what the state recorded (unknown, not
   * deleted), and refresh goes on with the other hosts.
   */
  unreachable?: UnreachableHosts;
}

/** Hosts that did not answer, by host name: why, and the instances on them. */
export type UnreachableHosts = Map<string, { reason: string; addresses: string[] }>;

/** Refreshes `state` in place; returns what changed outside gantry. */
export async function refreshState(state: State, opts: RefreshOptions): Promise<DriftEntry[]> {
  const diags = new DiagnosticBag();
  const drift: DriftEntry[] = [];
  // data resources are read anew by the plan, never refreshed; objects held only in state (readsNothing) have
  // nothing to read: a read would give back their attributes and clear what an earlier apply noted on them
  const readsNothing = new Map<string, boolean>();
  const items: InstanceState[] = [];
  for (const i of state.instances.values()) {
    if (i.mode === "data" || (opts.only && !opts.only.has(i.address))) continue;
    let skip = readsNothing.get(i.type);
    if (skip === undefined) readsNothing.set(i.type, (skip = opts.types(i.type)?.readsNothing === true));
    if (!skip) items.push(i);
    else if (i.warnings || i.limitations)
      replaceRecord(state, i, {
        ...(i.warnings ? { warnings: undefined } : {}),
        ...(i.limitations ? { limitations: undefined } : {}),
      });
  }
  const silent = opts.unreachable ? await silentHosts(items, opts) : undefined;
  const refreshOne = async (inst: InstanceState) => {
    const type = opts.types(inst.type);
    if (!type) {
      diags.error(`State holds ${inst.address} of unknown resource type "${inst.type}"`);
      return;
    }
    const gone = silent?.get(inst.address);
    if (gone) {
      const u = opts.unreachable!.get(gone.host) ?? { reason: gone.reason, addresses: [] };
      u.addresses.push(inst.address);
      opts.unreachable!.set(gone.host, u);
      return;
    }
    const notes: TypeNotes = { warnings: [], limitations: [] };
    const ctx = operationContext(
      instanceInfo(
        { address: inst.address, name: inst.name, key: inst.key, module: moduleOfInstance(inst) },
        opts.dataDir,
        opts.configDir,
        opts.stackName,
      ),
      opts.signal,
      opts.log,
      notes,
      opts.hosts,
    );
    try {
      const now = await type.read(ctx, inst.attributes);
      if (now === null) {
        drift.push({ address: inst.address, kind: "deleted", before: inst.attributes, after: null });
        // the record stays while it still holds deposed objects to destroy (replaced, as tainted)
        if (inst.deposed?.length) replaceRecord(state, inst, { status: "tainted" });
        else state.instances.delete(inst.address);
      } else if (!deepEqual(now, inst.attributes)) {
        // attributes that change on their own (e.g. which member leads) are recorded, not reported as drift
        const volatile = Object.keys(type.schema).filter((k) => (type.schema[k] as { volatile?: boolean }).volatile);
        const strip = (a: typeof now) => {
          const o = { ...a };
          for (const k of volatile) delete o[k];
          return o;
        };
        if (!volatile.length || !deepEqual(strip(now), strip(inst.attributes)))
          drift.push({ address: inst.address, kind: "changed", before: inst.attributes, after: now });
        replaceRecord(state, inst, { attributes: now });
      }
      const cur = state.instances.get(inst.address);
      // a member is written only to set or clear it: adding an absent one to every record (reshaping 100,000 of
      // them) took a tenth of a no-change plan's refresh
      if (cur && (notes.warnings.length || cur.warnings || notes.limitations.length || cur.limitations))
        replaceRecord(state, cur, {
          ...(notes.warnings.length || cur.warnings
            ? { warnings: notes.warnings.length ? notes.warnings : undefined }
            : {}),
          ...(notes.limitations.length || cur.limitations
            ? { limitations: notes.limitations.length ? notes.limitations : undefined }
            : {}),
        });
    } catch (e) {
      if (isHostUnreachable(e) && opts.unreachable) {
        const u = opts.unreachable.get(e.host) ?? { reason: e.reason, addresses: [] };
        u.addresses.push(inst.address);
        opts.unreachable.set(e.host, u);
        return;
      }
      diags.error(`Error refreshing ${inst.address}: ${(e as Error).message}`);
    }
  };
  // a host's instances are read together (its driver may answer their reads in one round trip), `parallelism`
  // hosts at a time; instances on no host, one each
  await mapLimit(byHost(items, opts), opts.parallelism, async (group) => {
    if (Array.isArray(group)) await mapLimit(group, HOST_READS, refreshOne);
    else await refreshOne(group);
  });
  diags.throwIfErrors();
  drift.sort((a, b) => (a.address < b.address ? -1 : 1));
  return drift;
}

/** The reads of one host's instances in flight at once. */
const HOST_READS = 64;

/**
 * The record in the state replaced by a copy with `changed` members: records are never changed in place, since the
 * plan's state shares them with the state as read (planner/prior-state.ts).
 */
function replaceRecord(state: State, inst: InstanceState, changed: Partial<InstanceState>): void {
  state.instances.set(inst.address, { ...inst, ...changed });
}

/** The instances grouped by the host their type names (one array per host), those on no host alone. */
function byHost(items: InstanceState[], opts: RefreshOptions): (InstanceState | InstanceState[])[] {
  const hosts = new Map<string, InstanceState[]>();
  const out: (InstanceState | InstanceState[])[] = [];
  for (const inst of items) {
    const host = opts.types(inst.type)?.hostKey?.(inst.attributes);
    if (host === undefined) {
      out.push(inst);
      continue;
    }
    let group = hosts.get(host);
    if (!group) {
      group = [];
      hosts.set(host, group);
      out.push(group);
    }
    group.push(inst);
  }
  return out;
}

/**
 * The instances on hosts that do not answer now, by address: each host the instances live on (as their types say)
 * is asked once, all at once (up to `parallelism`), with its driver's probe(), one bounded attempt. A host whose
 * probe fails otherwise (a refused key) is left to the reads, which say so.
 */
async function silentHosts(
  items: InstanceState[],
  opts: RefreshOptions,
): Promise<Map<string, { host: string; reason: string }>> {
  const byDriver = new Map<HostDriver, { host: string; addresses: string[] }>();
  // by host name, so that a host's spec is worked out once, not once per instance (100,000-instance refreshes)
  const byName = new Map<string, HostDriver | null>();
  const driverOf = (inst: InstanceState): HostDriver | null => {
    const type = opts.types(inst.type);
    const name = type?.hostKey?.(inst.attributes);
    if (name !== undefined && byName.has(name)) return byName.get(name)!;
    let driver: HostDriver | null = null;
    try {
      const spec = type?.hostSpec?.(inst.attributes);
      if (spec) driver = opts.hosts.connect(spec);
    } catch {
      driver = null; // a host spec the driver refuses: the read says why
    }
    if (name !== undefined) byName.set(name, driver);
    return driver;
  };
  for (const inst of items) {
    const driver = driverOf(inst);
    if (!driver?.probe) continue;
    const spec = driver.spec;
    const entry = byDriver.get(driver) ?? { host: spec.name, addresses: [] };
    entry.addresses.push(inst.address);
    byDriver.set(driver, entry);
  }
  const out = new Map<string, { host: string; reason: string }>();
  await mapLimit([...byDriver], opts.parallelism, async ([driver, { host, addresses }]) => {
    let answer: HostReachability;
    try {
      answer = await driver.probe!();
    } catch {
      return;
    }
    if (answer.reachable) return;
    const reason = answer.reason ?? "the host does not answer";
    for (const a of addresses) out.set(a, { host, reason });
  });
  return out;
}
