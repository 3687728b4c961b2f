// Greedy placement of node-group instances on inventory hosts, in the manner
// of Azure's Fabric Controller allocator: groups are taken one at a time (in
// association-dependency order), each instance is put on the best host that
// satisfies the group's hard constraints, and earlier placements are kept
// wherever they are still valid so that applying a changed blueprint moves as
// little as possible.
//
// Order of work
//   1. Hosts are sorted by name (plain code-unit order, not locale order), so
//      the inventory's input order never matters.
//   2. Groups are ordered so that a group referenced by a group_association
//      (STRICT or WEAK) comes before the group referencing it; otherwise the
//      given order is kept (Kahn's algorithm, always taking the earliest
//      given group that is ready). A cycle is a PlacementError naming it.
//   3. Previous placements are reserved first, for every group, in that group
//      order and by index: kept only if the group still exists, the index is
//      within 1..instances, the host is still in the inventory, the host still
//      has the capacity, and the host's rack is one of group_racks' racks.
//   4. Group by group, the kept instances are checked against the constraints
//      that depend on other placements (STRICT associations, SAMERACK,
//      instance_per_host); invalid ones are released. Then every missing index
//      (new, or invalidated) is placed greedily in ascending index order.
//
// Host choice for one instance (among hosts that pass every hard constraint:
// capacity, group_racks, STRICT associations, instance_per_host), first
// difference wins:
//   a. the most WEAK-associated groups present on the host (a host carrying an
//      instance of 2 WEAK references beats one carrying 1, beats 0);
//   b. the fewest instances of this group already on the host (spreads
//      replicas, e.g. ZooKeeper members, over distinct hosts);
//   c. the most remaining cpus, then the most remaining memory_mb;
//   d. the host name (code-unit order, lowest first).
// ROUNDROBIN narrows the candidates to one rack at a time: instance i tries
// racks[(i-1) % n] first, then the following racks in list order (wrapping).
// With instance_per_host N the round-robin unit is the host, i.e. instance i
// belongs to slot ceil(i/N) and tries racks[(slot-1) % n] first.
//
// instance_per_host N: a host that already carries 1..N-1 of the group's
// instances is filled first (lowest host name first); otherwise a host with
// none of the group's instances and room for all N is opened (chosen by the
// rules above), and reserved for the next N-1 instances.
//
// SAMERACK: the group's racks are tried in the given order and the first rack
// that can hold every instance wins (each try is a tentative placement that is
// undone if it fails). When instances are kept from a previous apply, their
// rack (the one holding most of them; ties by list order) is tried first, with
// them kept; if it cannot take the rest, they are released and the racks are
// tried in order for the whole group.
//
// ROUNDROBIN does not invalidate a kept instance that sits on another listed
// rack than its round-robin turn: stability wins over the ideal spread.
// WEAK associations never invalidate a kept instance.
//
// Output: every instance of every group, groups in the given order, indexes
// ascending. Same input → same output.

import type { InventoryHost, NodeGroup, Placement } from "./blueprint.js";

export interface PlacementInput {
  groups: NodeGroup[];
  hosts: InventoryHost[];
  /** Placements from the last apply, kept where still valid. */
  previous?: Placement[];
}

/** Which rule could not be satisfied. */
export type PlacementConstraint =
  | "capacity"
  | "instance_per_host"
  | "group_racks"
  | "group_associations STRICT"
  | "group_associations"
  | "input";

export interface RemainingCapacity {
  host: string;
  cpus: number;
  memory_mb: number;
  rack?: string;
}

export class PlacementError extends Error {
  /** The node group that could not be placed. */
  readonly group: string;
  readonly constraint: PlacementConstraint;
  /** Remaining capacity of every host (name order) when placement failed. */
  readonly remaining: RemainingCapacity[];
  constructor(message: string, group: string, constraint: PlacementConstraint, remaining: RemainingCapacity[]) {
    super(message);
    this.name = "PlacementError";
    this.group = group;
    this.constraint = constraint;
    this.remaining = remaining;
  }
}

/** How many hosts the error message lists before "... and N more". */
const LISTED_HOSTS = 10;
/** Tolerance for fractional cpus (0.1 + 0.2 ...). */
const EPS = 1e-9;

interface GroupState {
  group: NodeGroup;
  /** Position in the input (output order, tie-break in the dependency sort). */
  order: number;
  /** Instances of this group per host index. */
  count: Int32Array;
  /** index → host index */
  placed: Map<number, number>;
  /** instance_per_host, 0 when unset. */
  perHost: number;
  strict: GroupState[];
  weak: GroupState[];
}

interface Failure {
  constraint: PlacementConstraint;
  reason: string;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const num = (n: number): string => String(Math.round(n * 1000) / 1000);

export function place(input: PlacementInput): Placement[] {
  return new Allocator(input).run();
}

class Allocator {
  private readonly hosts: InventoryHost[];
  private readonly hostIndex = new Map<string, number>();
  private readonly freeCpus: Float64Array;
  private readonly freeMem: Float64Array;
  /** Host indexes per rack, in name order. */
  private readonly byRack = new Map<string, number[]>();
  private readonly groups: GroupState[] = [];
  private readonly groupByName = new Map<string, GroupState>();
  /** Assignments made during a tentative (SAMERACK) attempt, to undo it. */
  private journal: [GroupState, number][] | null = null;

  constructor(private readonly input: PlacementInput) {
    this.hosts = [...input.hosts].sort((a, b) => byName(a.name, b.name));
    this.freeCpus = new Float64Array(this.hosts.length);
    this.freeMem = new Float64Array(this.hosts.length);
    this.hosts.forEach((h, i) => {
      if (this.hostIndex.has(h.name)) this.fail(`host ${h.name} appears twice in the inventory`, "", "input");
      this.hostIndex.set(h.name, i);
      this.freeCpus[i] = h.cpus;
      this.freeMem[i] = h.memory_mb;
      if (h.rack !== undefined) {
        let list = this.byRack.get(h.rack);
        if (!list) this.byRack.set(h.rack, (list = []));
        list.push(i);
      }
    });
    input.groups.forEach((g, order) => {
      if (this.groupByName.has(g.name)) this.fail(`node group ${g.name} appears twice`, g.name, "input");
      if (!Number.isInteger(g.instances) || g.instances < 0)
        this.fail(`node group ${g.name}: instances must be a whole number ≥ 0, got ${g.instances}`, g.name, "input");
      const perHost = g.placement?.instance_per_host ?? 0;
      if (g.placement?.instance_per_host !== undefined && (!Number.isInteger(perHost) || perHost < 1))
        this.fail(
          `node group ${g.name}: instance_per_host must be a whole number ≥ 1, got ${perHost}`,
          g.name,
          "instance_per_host",
        );
      if (perHost > 0 && g.instances % perHost !== 0)
        this.fail(
          `node group ${g.name}: instances (${g.instances}) is not a multiple of instance_per_host (${perHost})`,
          g.name,
          "instance_per_host",
        );
      const racks = g.placement?.group_racks;
      if (racks && racks.racks.length === 0)
        this.fail(`node group ${g.name}: group_racks ${racks.type} lists no racks`, g.name, "group_racks");
      const state: GroupState = {
        group: g,
        order,
        count: new Int32Array(this.hosts.length),
        placed: new Map(),
        perHost,
        strict: [],
        weak: [],
      };
      this.groups.push(state);
      this.groupByName.set(g.name, state);
    });
    for (const gs of this.groups) {
      for (const a of gs.group.placement?.group_associations ?? []) {
        const ref = this.groupByName.get(a.reference);
        if (!ref)
          this.fail(
            `node group ${gs.group.name}: group_associations references unknown node group ${a.reference}`,
            gs.group.name,
            "group_associations",
          );
        (a.type === "STRICT" ? gs.strict : gs.weak).push(ref);
      }
    }
  }

  run(): Placement[] {
    const ordered = this.dependencyOrder();
    this.reservePrevious(ordered);
    for (const gs of ordered) this.placeGroup(gs);
    const out: Placement[] = [];
    for (const gs of this.groups) {
      for (let i = 1; i <= gs.group.instances; i++) {
        out.push({
          group: gs.group.name,
          index: i,
          node: `${gs.group.name}-${i}`,
          host: this.hosts[gs.placed.get(i)!].name,
        });
      }
    }
    return out;
  }

  // ---- ordering -----------------------------------------------------------

  private dependencyOrder(): GroupState[] {
    const n = this.groups.length;
    const pending = new Int32Array(n); // unplaced references per group
    const dependents: number[][] = this.groups.map(() => []);
    for (const gs of this.groups) {
      const refs = new Set([...gs.strict, ...gs.weak]);
      for (const r of refs) {
        pending[gs.order]++;
        dependents[r.order].push(gs.order);
      }
    }
    // Ready groups kept sorted by input order; take the earliest each time.
    const ready: number[] = [];
    for (let i = 0; i < n; i++) if (pending[i] === 0) ready.push(i);
    const out: GroupState[] = [];
    while (ready.length) {
      const i = ready.shift()!;
      out.push(this.groups[i]);
      for (const d of dependents[i]) {
        if (--pending[d] === 0) {
          let at = ready.length;
          while (at > 0 && ready[at - 1] > d) at--;
          ready.splice(at, 0, d);
        }
      }
    }
    if (out.length < n) {
      // Walk references among the unplaced groups until one repeats.
      let cur = this.groups.find((g) => pending[g.order] > 0)!;
      const seen: GroupState[] = [];
      while (!seen.includes(cur)) {
        seen.push(cur);
        cur = [...cur.strict, ...cur.weak].find((r) => pending[r.order] > 0)!;
      }
      const cycle = seen.slice(seen.indexOf(cur)).map((g) => g.group.name);
      this.fail(
        `group_associations form a cycle: ${[...cycle, cycle[0]].join(" -> ")}`,
        cycle[0],
        "group_associations",
      );
    }
    return out;
  }

  // ---- previous placements ------------------------------------------------

  private reservePrevious(ordered: GroupState[]): void {
    const prev = new Map<GroupState, Map<number, number>>();
    for (const p of this.input.previous ?? []) {
      const gs = this.groupByName.get(p.group);
      const h = this.hostIndex.get(p.host);
      if (!gs || h === undefined || !Number.isInteger(p.index) || p.index < 1 || p.index > gs.group.instances) continue;
      const racks = gs.group.placement?.group_racks?.racks;
      if (racks && !racks.includes(this.hosts[h].rack as string)) continue;
      let m = prev.get(gs);
      if (!m) prev.set(gs, (m = new Map()));
      if (!m.has(p.index)) m.set(p.index, h); // a duplicate (group, index): the first one counts
    }
    for (const gs of ordered) {
      const m = prev.get(gs);
      if (!m) continue;
      for (const index of [...m.keys()].sort((a, b) => a - b)) {
        const h = m.get(index)!;
        if (this.fits(h, gs.group.cpus, gs.group.memory_mb)) this.assign(gs, index, h);
      }
    }
  }

  /** Releases kept instances that no longer satisfy placement-dependent constraints. */
  private validateKept(gs: GroupState): void {
    const g = gs.group;
    if (gs.placed.size === 0) return;
    for (const [index, h] of [...gs.placed]) {
      if (gs.strict.some((r) => r.count[h] === 0)) this.unassign(gs, index);
    }
    const racks = g.placement?.group_racks;
    if (racks?.type === "SAMERACK" && gs.placed.size) {
      const perRack = new Map<string, number>();
      for (const h of gs.placed.values()) perRack.set(this.hosts[h].rack!, (perRack.get(this.hosts[h].rack!) ?? 0) + 1);
      let keep = "";
      for (const r of racks.racks) if ((perRack.get(r) ?? 0) > (perRack.get(keep) ?? 0)) keep = r;
      for (const [index, h] of [...gs.placed]) if (this.hosts[h].rack !== keep) this.unassign(gs, index);
    }
    const N = gs.perHost;
    if (N > 0 && gs.placed.size) {
      const onHost = new Map<number, number[]>();
      for (const [index, h] of [...gs.placed].sort((a, b) => a[0] - b[0])) {
        let l = onHost.get(h);
        if (!l) onHost.set(h, (l = []));
        l.push(index);
      }
      const partial: number[] = [];
      for (const [h, indexes] of onHost) {
        // More than N (instance_per_host was lowered): drop the highest indexes.
        for (const index of indexes.slice(N)) this.unassign(gs, index);
        const c = Math.min(indexes.length, N);
        if (c === N) continue;
        if (this.fits(h, (N - c) * g.cpus, (N - c) * g.memory_mb)) partial.push(h);
        else for (const index of indexes) this.unassign(gs, index);
      }
      // Filling every partial host must not need more instances than are missing.
      const deficit = () => partial.reduce((s, h) => s + N - gs.count[h], 0);
      const maxIndex = (h: number) => Math.max(...onHost.get(h)!.filter((i) => gs.placed.get(i) === h));
      while (partial.length && g.instances - gs.placed.size < deficit()) {
        partial.sort((a, b) => maxIndex(b) - maxIndex(a) || a - b);
        const h = partial.shift()!;
        for (const index of onHost.get(h)!) if (gs.placed.get(index) === h) this.unassign(gs, index);
      }
    }
  }

  // ---- greedy placement ---------------------------------------------------

  private placeGroup(gs: GroupState): void {
    const g = gs.group;
    this.validateKept(gs);
    const racks = g.placement?.group_racks;
    if (racks?.type !== "SAMERACK") {
      const failed = this.placeMissing(gs, null);
      if (failed !== null) this.throwFor(gs, failed, null);
      return;
    }
    // SAMERACK: the rack of kept instances first, with them; then every rack in order.
    if (gs.placed.size) {
      const keptRack = this.hosts[gs.placed.values().next().value!].rack!;
      if (this.attempt(gs, keptRack)) return;
      for (const index of [...gs.placed.keys()]) this.unassign(gs, index);
    }
    for (const r of racks.racks) if (this.attempt(gs, r)) return;
    // Report a constraint that fails even across all listed racks; otherwise the rack choice itself.
    const first = this.missing(gs)[0] ?? 1;
    this.throwFor(
      gs,
      first,
      this.diagnose(gs) ?? {
        constraint: "group_racks",
        reason:
          `group_racks SAMERACK: no single rack among ${racks.racks.join(", ")} ` +
          `can hold all ${g.instances} instances`,
      },
    );
  }

  /** Tries to place the group's missing instances inside one rack; undoes the attempt on failure. */
  private attempt(gs: GroupState, rack: string): boolean {
    this.journal = [];
    const failed = this.placeMissing(gs, rack);
    const journal = this.journal;
    this.journal = null;
    if (failed === null) return true;
    for (const [, index] of journal.reverse()) this.unassign(gs, index);
    return false;
  }

  private missing(gs: GroupState): number[] {
    const out: number[] = [];
    for (let i = 1; i <= gs.group.instances; i++) if (!gs.placed.has(i)) out.push(i);
    return out;
  }

  /** Places every missing index; returns the first index that could not be placed, or null. */
  private placeMissing(gs: GroupState, onlyRack: string | null): number | null {
    const g = gs.group;
    const N = gs.perHost;
    // instance_per_host: hosts holding 1..N-1 of the group, filled first (name order).
    const open: number[] = [];
    if (N > 0) {
      const seen = new Set<number>();
      for (const h of gs.placed.values()) if (!seen.has(h) && gs.count[h] < N) seen.add(h), open.push(h);
      open.sort((a, b) => a - b);
    }
    const rr = g.placement?.group_racks?.type === "ROUNDROBIN" ? g.placement.group_racks.racks : null;
    for (const index of this.missing(gs)) {
      let h = -1;
      if (N > 0 && open.length) {
        h = open[0];
      } else {
        const slot = N > 0 ? N : 1;
        if (onlyRack !== null) h = this.best(gs, this.byRack.get(onlyRack) ?? [], slot);
        else if (rr) {
          const start = (Math.ceil(index / slot) - 1) % rr.length;
          for (let k = 0; k < rr.length && h < 0; k++)
            h = this.best(gs, this.byRack.get(rr[(start + k) % rr.length]) ?? [], slot);
        } else h = this.best(gs, null, slot);
        if (h >= 0 && N > 1) open.push(h);
      }
      if (h < 0) return index;
      this.assign(gs, index, h);
      if (N > 1 && gs.count[h] >= N) open.splice(open.indexOf(h), 1);
    }
    return null;
  }

  /**
   * The best host for one instance of the group among `candidates` (null: all
   * hosts), needing room for `slot` instances (instance_per_host opens a host
   * only with room for all N). Returns -1 when none qualifies.
   */
  private best(gs: GroupState, candidates: number[] | null, slot: number): number {
    const g = gs.group;
    const needC = g.cpus * slot;
    const needM = g.memory_mb * slot;
    const racks = g.placement?.group_racks?.racks;
    const { strict, weak } = gs;
    const opening = gs.perHost > 0;
    const total = candidates ? candidates.length : this.hosts.length;
    let best = -1;
    let bW = 0,
      bN = 0,
      bC = 0,
      bM = 0;
    for (let k = 0; k < total; k++) {
      const h = candidates ? candidates[k] : k;
      const c = this.freeCpus[h],
        m = this.freeMem[h];
      if (c + EPS < needC || m + EPS < needM) continue;
      if (opening && gs.count[h] > 0) continue;
      if (racks && candidates === null && !racks.includes(this.hosts[h].rack as string)) continue;
      let ok = true;
      for (let s = 0; s < strict.length && ok; s++) ok = strict[s].count[h] > 0;
      if (!ok) continue;
      let w = 0;
      for (let s = 0; s < weak.length; s++) if (weak[s].count[h] > 0) w++;
      const n = gs.count[h];
      // Candidates come in name order, so only a strictly better host replaces the current one.
      if (best < 0 || w > bW || (w === bW && (n < bN || (n === bN && (c > bC || (c === bC && m > bM)))))) {
        best = h;
        bW = w;
        bN = n;
        bC = c;
        bM = m;
      }
    }
    return best;
  }

  // ---- bookkeeping --------------------------------------------------------

  private fits(h: number, cpus: number, mem: number): boolean {
    return this.freeCpus[h] + EPS >= cpus && this.freeMem[h] + EPS >= mem;
  }

  private assign(gs: GroupState, index: number, h: number): void {
    gs.placed.set(index, h);
    gs.count[h]++;
    this.freeCpus[h] -= gs.group.cpus;
    this.freeMem[h] -= gs.group.memory_mb;
    this.journal?.push([gs, index]);
  }

  private unassign(gs: GroupState, index: number): void {
    const h = gs.placed.get(index);
    if (h === undefined) return;
    gs.placed.delete(index);
    gs.count[h]--;
    this.freeCpus[h] += gs.group.cpus;
    this.freeMem[h] += gs.group.memory_mb;
  }

  // ---- errors -------------------------------------------------------------

  /**
   * Which constraint removes the last candidate host for the group's next
   * instance, applying them in order: capacity, group_racks, STRICT
   * associations, instance_per_host. null when some host passes them all.
   */
  private diagnose(gs: GroupState): Failure | null {
    const g = gs.group;
    let left = this.hosts.map((_, h) => h).filter((h) => this.fits(h, g.cpus, g.memory_mb));
    if (!left.length) return { constraint: "capacity", reason: "capacity: no host has capacity left" };
    const racks = g.placement?.group_racks;
    let where = "";
    if (racks) {
      left = left.filter((h) => racks.racks.includes(this.hosts[h].rack as string));
      where = ` in racks ${racks.racks.join(", ")}`;
      if (!left.length)
        return { constraint: "group_racks", reason: `group_racks ${racks.type}: no host${where} has capacity left` };
    }
    if (gs.strict.length) {
      left = left.filter((h) => gs.strict.every((r) => r.count[h] > 0));
      const refs = gs.strict.map((r) => r.group.name).join(" and ");
      if (!left.length)
        return {
          constraint: "group_associations STRICT",
          reason: `group_associations STRICT: no host${where} carrying an instance of ${refs} has capacity left`,
        };
    }
    const N = gs.perHost;
    if (N > 0) {
      left = left.filter((h) => gs.count[h] === 0 && this.fits(h, N * g.cpus, N * g.memory_mb));
      if (!left.length)
        return {
          constraint: "instance_per_host",
          reason:
            `instance_per_host ${N}: no unused host${where} has room for ${N} instances ` +
            `(${num(N * g.cpus)} cpus, ${num(N * g.memory_mb)} MB)`,
        };
    }
    return null;
  }

  private throwFor(gs: GroupState, index: number, known: Failure | null): never {
    const g = gs.group;
    const { constraint, reason } = known ??
      this.diagnose(gs) ?? { constraint: "capacity", reason: "capacity: no host has capacity left" };
    this.fail(
      `cannot place ${g.name}-${index} of group ${g.name} (${num(g.cpus)} cpus, ${num(g.memory_mb)} MB): ${reason}`,
      g.name,
      constraint,
      true,
    );
  }

  private remaining(): RemainingCapacity[] {
    return this.hosts.map((h, i) => ({
      host: h.name,
      cpus: Math.round(this.freeCpus[i] * 1000) / 1000,
      memory_mb: Math.round(this.freeMem[i] * 1000) / 1000,
      ...(h.rack !== undefined ? { rack: h.rack } : {}),
    }));
  }

  private fail(message: string, group: string, constraint: PlacementConstraint, listHosts = false): never {
    const remaining = this.remaining();
    if (listHosts) {
      // Most free first (cpus, then memory, then name): the biggest holes are what an operator needs to see.
      const shown = [...remaining].sort(
        (a, b) => b.cpus - a.cpus || b.memory_mb - a.memory_mb || byName(a.host, b.host),
      );
      const parts = shown
        .slice(0, LISTED_HOSTS)
        .map(
          (r) => `${r.host} ${num(r.cpus)} cpus/${num(r.memory_mb)} MB${r.rack !== undefined ? ` (${r.rack})` : ""}`,
        );
      if (shown.length > LISTED_HOSTS) parts.push(`... and ${shown.length - LISTED_HOSTS} more`);
      message += `; remaining (most free first): ${parts.length ? parts.join(", ") : "no hosts"}`;
    }
    throw new PlacementError(message, group, constraint, remaining);
  }
}
