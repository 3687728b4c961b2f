import { test } from "uvu";
import * as assert from "uvu/assert";
import type { InventoryHost, NodeGroup, Placement, PlacementPolicy } from "../../blueprints/blueprint.js";
import { place, PlacementError, type PlacementInput } from "../../blueprints/placement.js";

const host = (name: string, cpus = 8, memory_mb = 30000, rack?: string): InventoryHost => ({
  name,
  address: "127.0.0.1",
  driver: "sim",
  cpus,
  memory_mb,
  ...(rack !== undefined ? { rack } : {}),
});

const group = (
  name: string,
  instances: number,
  cpus = 1,
  memory_mb = 1000,
  placement: PlacementPolicy = {},
): NodeGroup => ({
  name,
  roles: ["mesos_slave"],
  instances,
  cpus,
  memory_mb,
  ha: false,
  placement,
  configuration: {},
});

/** node → host */
const where = (ps: Placement[]): Record<string, string> => Object.fromEntries(ps.map((p) => [p.node, p.host]));
const hostsOf = (ps: Placement[], g: string): string[] => ps.filter((p) => p.group === g).map((p) => p.host);

function usage(input: PlacementInput, ps: Placement[]): Map<string, { cpus: number; mem: number }> {
  const byName = new Map(input.groups.map((g) => [g.name, g]));
  const used = new Map<string, { cpus: number; mem: number }>();
  for (const p of ps) {
    const g = byName.get(p.group)!;
    const u = used.get(p.host) ?? { cpus: 0, mem: 0 };
    u.cpus += g.cpus;
    u.mem += g.memory_mb;
    used.set(p.host, u);
  }
  return used;
}

function assertNotOvercommitted(input: PlacementInput, ps: Placement[]): void {
  const hosts = new Map(input.hosts.map((h) => [h.name, h]));
  for (const [name, u] of usage(input, ps)) {
    const h = hosts.get(name)!;
    assert.ok(
      u.cpus <= h.cpus && u.mem <= h.memory_mb,
      `${name} over-committed: ${u.cpus}/${h.cpus} cpus, ${u.mem}/${h.memory_mb} MB`,
    );
  }
}

function placementError(fn: () => unknown): PlacementError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, PlacementError);
    return e as PlacementError;
  }
  assert.unreachable("expected a PlacementError");
  throw new Error("unreachable");
}

const shuffle = <T>(xs: T[], seed: number): T[] => {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

// ---- basics & capacity ----------------------------------------------------

test("every instance is placed once, named <group>-<index> from 1, in given group order", () => {
  const ps = place({ groups: [group("zk", 3), group("agent", 2)], hosts: [host("h1"), host("h2"), host("h3")] });
  assert.equal(
    ps.map((p) => [p.group, p.index, p.node]),
    [
      ["zk", 1, "zk-1"],
      ["zk", 2, "zk-2"],
      ["zk", 3, "zk-3"],
      ["agent", 1, "agent-1"],
      ["agent", 2, "agent-2"],
    ],
  );
});

test("spreads replicas: fewest of the group first, then most remaining capacity, then host name", () => {
  // h2 has the most room, so it goes first; then h1/h3 (same room) by name; then round again.
  const input = {
    groups: [group("zk", 5, 1, 1000)],
    hosts: [host("h3", 4, 8000), host("h1", 4, 8000), host("h2", 6, 8000)],
  };
  assert.equal(where(place(input)), { "zk-1": "h2", "zk-2": "h1", "zk-3": "h3", "zk-4": "h2", "zk-5": "h1" });
  // Memory breaks a cpu tie.
  const mem = { groups: [group("zk", 1)], hosts: [host("a", 4, 8000), host("b", 4, 9000)] };
  assert.equal(where(place(mem)), { "zk-1": "b" });
});

test("capacity: a host is never over-committed", () => {
  // 3 hosts with room for 2, 3 and 1 instances; 6 instances fill them exactly.
  const hosts = [host("h1", 4, 15000), host("h2", 6, 22500), host("h3", 2, 7500)];
  const input = { groups: [group("agent", 6, 2, 7500)], hosts };
  const ps = place(input);
  assert.is(ps.length, 6);
  assertNotOvercommitted(input, ps);
  const counts = hostsOf(ps, "agent").reduce<Record<string, number>>((m, h) => ((m[h] = (m[h] ?? 0) + 1), m), {});
  assert.equal(counts, { h1: 2, h2: 3, h3: 1 });
  // Memory alone limits too: h1 has cpus for 4 but memory for 1.
  const memIn = { groups: [group("agent", 2, 1, 1000)], hosts: [host("h1", 4, 1500), host("h2", 1, 1000)] };
  assertNotOvercommitted(memIn, place(memIn));
});

test("capacity: an instance bigger than every host fails naming group, instance and remaining capacity", () => {
  const input = {
    groups: [group("agent", 1, 2, 40000)],
    hosts: [host("node-1", 8, 30000, "r1"), host("node-2", 4, 16000)],
  };
  const e = placementError(() => place(input));
  assert.is(e.group, "agent");
  assert.is(e.constraint, "capacity");
  assert.match(e.message, "cannot place agent-1 of group agent (2 cpus, 40000 MB)");
  assert.match(e.message, "node-1 8 cpus/30000 MB (r1)");
  assert.match(e.message, "node-2 4 cpus/16000 MB");
  assert.equal(e.remaining, [
    { host: "node-1", cpus: 8, memory_mb: 30000, rack: "r1" },
    { host: "node-2", cpus: 4, memory_mb: 16000 },
  ]);
});

test("capacity: running out reports what is left, at most 10 hosts then '... and N more'", () => {
  const hosts = Array.from({ length: 25 }, (_, i) =>
    host(`node-${String(i + 1).padStart(2, "0")}`, 2, 8000, `r${i % 3}`),
  );
  const e = placementError(() => place({ groups: [group("agent", 26, 2, 7500)], hosts }));
  assert.is(e.constraint, "capacity");
  assert.match(e.message, "cannot place agent-26");
  assert.match(e.message, "node-01 0 cpus/500 MB (r0)");
  assert.match(e.message, "... and 15 more");
  assert.is(e.remaining.length, 25);
  assert.ok(e.remaining.every((r) => r.cpus === 0 && r.memory_mb === 500));
});

// ---- instance_per_host ----------------------------------------------------

test("instance_per_host 1: one instance per host, distinct hosts", () => {
  const ps = place({
    groups: [group("zk", 3, 1, 1000, { instance_per_host: 1 })],
    hosts: [host("a"), host("b"), host("c"), host("d")],
  });
  assert.equal(new Set(hostsOf(ps, "zk")).size, 3);
  const e = placementError(() =>
    place({ groups: [group("zk", 3, 1, 1000, { instance_per_host: 1 })], hosts: [host("a"), host("b")] }),
  );
  assert.is(e.constraint, "instance_per_host");
  assert.match(e.message, "cannot place zk-3");
});

test("instance_per_host 2: every used host carries exactly two, consecutive indexes together", () => {
  const hosts = [host("a"), host("b"), host("c"), host("d")];
  const ps = place({ groups: [group("agent", 6, 1, 1000, { instance_per_host: 2 })], hosts });
  const counts = hostsOf(ps, "agent").reduce<Record<string, number>>((m, h) => ((m[h] = (m[h] ?? 0) + 1), m), {});
  assert.equal(Object.values(counts), [2, 2, 2]);
  const w = where(ps);
  assert.is(w["agent-1"], w["agent-2"]);
  assert.is(w["agent-3"], w["agent-4"]);
  assert.is(w["agent-5"], w["agent-6"]);
  // A host with room for only one is not used: the pair goes elsewhere.
  const tight = place({
    groups: [group("agent", 2, 4, 1000, { instance_per_host: 2 })],
    hosts: [host("a", 4), host("b", 8)],
  });
  assert.equal(hostsOf(tight, "agent"), ["b", "b"]);
});

test("instance_per_host: a non-multiple instance count is an error", () => {
  const e = placementError(() =>
    place({ groups: [group("agent", 5, 1, 1000, { instance_per_host: 2 })], hosts: [host("a"), host("b"), host("c")] }),
  );
  assert.is(e.constraint, "instance_per_host");
  assert.is(e.group, "agent");
  assert.match(e.message, "not a multiple");
});

test("instance_per_host: a host that cannot take all N fails with instance_per_host", () => {
  const e = placementError(() =>
    place({ groups: [group("agent", 2, 4, 1000, { instance_per_host: 2 })], hosts: [host("a", 4), host("b", 6)] }),
  );
  assert.is(e.constraint, "instance_per_host");
  assert.match(e.message, "cannot place agent-1");
  assert.match(e.message, "room for 2 instances (8 cpus, 2000 MB)");
});

// ---- group_racks ----------------------------------------------------------

const rackOf = (hosts: InventoryHost[], ps: Placement[]) => {
  const r = new Map(hosts.map((h) => [h.name, h.rack]));
  return Object.fromEntries(ps.map((p) => [p.node, r.get(p.host)]));
};

test("ROUNDROBIN: instance i goes to racks[(i-1) % n]", () => {
  const hosts = [
    host("a1", 8, 30000, "r1"),
    host("a2", 8, 30000, "r1"),
    host("b1", 8, 30000, "r2"),
    host("c1", 8, 30000, "r3"),
    host("x1", 64, 300000, "rx"),
  ];
  const ps = place({
    groups: [group("agent", 7, 1, 1000, { group_racks: { type: "ROUNDROBIN", racks: ["r2", "r1", "r3"] } })],
    hosts,
  });
  assert.equal(rackOf(hosts, ps), {
    "agent-1": "r2",
    "agent-2": "r1",
    "agent-3": "r3",
    "agent-4": "r2",
    "agent-5": "r1",
    "agent-6": "r3",
    "agent-7": "r2",
  });
  // Within r1, the spread rule applies: a1 then a2.
  assert.is(where(ps)["agent-2"], "a1");
  assert.is(where(ps)["agent-5"], "a2");
});

test("ROUNDROBIN: a full rack passes its turn to the next rack with capacity", () => {
  const hosts = [host("a1", 1, 30000, "r1"), host("b1", 8, 30000, "r2"), host("c1", 8, 30000, "r3")];
  const ps = place({
    groups: [group("agent", 5, 1, 1000, { group_racks: { type: "ROUNDROBIN", racks: ["r1", "r2", "r3"] } })],
    hosts,
  });
  assert.equal(rackOf(hosts, ps), {
    "agent-1": "r1",
    "agent-2": "r2",
    "agent-3": "r3",
    "agent-4": "r2",
    "agent-5": "r2",
  });
});

test("group_racks: hosts outside the listed racks are never used; none left is a group_racks error", () => {
  const hosts = [host("a1", 1, 30000, "r1"), host("big", 64, 300000, "r9"), host("norack", 64, 300000)];
  const e = placementError(() =>
    place({ groups: [group("agent", 2, 1, 1000, { group_racks: { type: "ROUNDROBIN", racks: ["r1"] } })], hosts }),
  );
  assert.is(e.constraint, "group_racks");
  assert.match(e.message, "cannot place agent-2");
  assert.match(e.message, "no host in racks r1 has capacity left");
});

test("SAMERACK: all instances in the first listed rack that can hold the whole group", () => {
  const hosts = [
    host("a1", 2, 30000, "r1"),
    host("a2", 2, 30000, "r1"),
    host("b1", 2, 30000, "r2"),
    host("b2", 2, 30000, "r2"),
    host("b3", 2, 30000, "r2"),
    host("c1", 64, 300000, "r3"),
  ];
  // r1 holds 4 instances: 4 fit there.
  const four = place({
    groups: [group("zk", 4, 1, 1000, { group_racks: { type: "SAMERACK", racks: ["r1", "r2", "r3"] } })],
    hosts,
  });
  assert.equal(Object.values(rackOf(hosts, four)), ["r1", "r1", "r1", "r1"]);
  // 5 do not fit in r1 (4 slots); r2 (6 slots) is next in order, ahead of the roomier r3.
  const five = place({
    groups: [group("zk", 5, 1, 1000, { group_racks: { type: "SAMERACK", racks: ["r1", "r2", "r3"] } })],
    hosts,
  });
  assert.equal(Object.values(rackOf(hosts, five)), ["r2", "r2", "r2", "r2", "r2"]);
  assertNotOvercommitted({ groups: [group("zk", 5)], hosts }, five);
  // The given order decides, not the rack name.
  const order = place({
    groups: [group("zk", 2, 1, 1000, { group_racks: { type: "SAMERACK", racks: ["r3", "r1"] } })],
    hosts,
  });
  assert.equal(Object.values(rackOf(hosts, order)), ["r3", "r3"]);
});

test("SAMERACK: no single rack fits the group → group_racks error", () => {
  const hosts = [host("a1", 2, 30000, "r1"), host("b1", 2, 30000, "r2")];
  const e = placementError(() =>
    place({ groups: [group("zk", 3, 1, 1000, { group_racks: { type: "SAMERACK", racks: ["r1", "r2"] } })], hosts }),
  );
  assert.is(e.constraint, "group_racks");
  assert.match(e.message, "no single rack among r1, r2 can hold all 3 instances");
  // A failed attempt leaves nothing behind.
  assert.ok(e.remaining.every((r) => r.cpus === 2));
});

// ---- associations ---------------------------------------------------------

test("STRICT: co-located only on hosts carrying the referenced group, placed first even if listed later", () => {
  const hosts = ["a", "b", "c", "d", "e"].map((n) => host(n));
  const groups = [
    group("marathon", 4, 1, 1000, { group_associations: [{ reference: "master", type: "STRICT" }] }),
    group("master", 2, 1, 1000),
  ];
  const ps = place({ groups, hosts });
  const masters = new Set(hostsOf(ps, "master"));
  assert.is(masters.size, 2);
  for (const h of hostsOf(ps, "marathon")) assert.ok(masters.has(h), `marathon on ${h}, masters on ${[...masters]}`);
  // Output keeps the given group order.
  assert.is(ps[0].group, "marathon");
});

test("STRICT: fails when the referenced group's hosts are full", () => {
  const groups = [
    group("master", 1, 2, 1000),
    group("marathon", 1, 1, 1000, { group_associations: [{ reference: "master", type: "STRICT" }] }),
  ];
  // The master fills host a (2 cpus); b has room, but carries no master.
  const full = [host("a", 2), host("b", 1)];
  const e = placementError(() => place({ groups, hosts: full }));
  assert.is(e.constraint, "group_associations STRICT");
  assert.is(e.group, "marathon");
  assert.match(e.message, "cannot place marathon-1");
  assert.match(e.message, "carrying an instance of master");
  // With room next to the master it works, although other hosts have more room.
  const roomy = place({ groups, hosts: [host("a", 3), host("b", 8), host("c", 8)] });
  assert.equal(where(roomy), { "master-1": "b", "marathon-1": "b" });
  const beside = place({
    groups: [group("master", 1, 7, 1000), groups[1]],
    hosts: [host("a", 8), host("b", 7), host("c", 4)],
  });
  assert.equal(where(beside), { "master-1": "a", "marathon-1": "a" });
});

test("WEAK: prefers hosts of the referenced group, falls back to others", () => {
  const hosts = [host("a", 2), host("b", 8), host("c", 8)];
  const groups = [
    group("master", 1, 1, 1000),
    group("lb", 3, 1, 1000, { group_associations: [{ reference: "master", type: "WEAK" }] }),
  ];
  const ps = place({ groups, hosts });
  const m = hostsOf(ps, "master")[0];
  assert.is(m, "b"); // most room
  // WEAK outranks spreading: lb-1 and lb-2 both next to the master, while b has room.
  const w = where(ps);
  assert.is(w["lb-1"], "b");
  assert.is(w["lb-2"], "b");
  // Fallback when the master's host is full.
  const tight = [host("m", 2), host("x", 8)];
  const ps2 = place({
    groups: [
      group("master", 1, 1, 1000),
      group("lb", 2, 1, 1000, { group_associations: [{ reference: "master", type: "WEAK" }] }),
    ],
    hosts: tight,
  });
  assert.equal(where(ps2), { "master-1": "x", "lb-1": "x", "lb-2": "x" });
  const ps3 = place({
    groups: [
      group("master", 1, 7, 1000),
      group("lb", 2, 1, 1000, { group_associations: [{ reference: "master", type: "WEAK" }] }),
    ],
    hosts: tight,
  });
  assert.equal(where(ps3), { "master-1": "x", "lb-1": "x", "lb-2": "m" });
});

test("a cycle of associations is an error naming the groups; unknown references too", () => {
  const groups = [
    group("a", 1, 1, 1000, { group_associations: [{ reference: "b", type: "WEAK" }] }),
    group("b", 1, 1, 1000, { group_associations: [{ reference: "c", type: "STRICT" }] }),
    group("c", 1, 1, 1000, { group_associations: [{ reference: "a", type: "STRICT" }] }),
  ];
  const e = placementError(() => place({ groups, hosts: [host("h")] }));
  assert.is(e.constraint, "group_associations");
  assert.match(e.message, "cycle: a -> b -> c -> a");
  const u = placementError(() =>
    place({
      groups: [group("a", 1, 1, 1000, { group_associations: [{ reference: "nope", type: "WEAK" }] })],
      hosts: [host("h")],
    }),
  );
  assert.match(u.message, "unknown node group nope");
});

// ---- determinism & stability ----------------------------------------------

function mixedInput(): PlacementInput {
  const hosts = Array.from({ length: 12 }, (_, i) =>
    host(`h${i + 1}`, 4 + (i % 3) * 2, 16000 + (i % 4) * 4000, `r${(i % 3) + 1}`),
  );
  const groups = [
    group("zk", 3, 1, 2000, { instance_per_host: 1, group_racks: { type: "ROUNDROBIN", racks: ["r1", "r2", "r3"] } }),
    group("master", 3, 1, 2000, { group_associations: [{ reference: "zk", type: "WEAK" }] }),
    group("marathon", 3, 1, 1000, { group_associations: [{ reference: "master", type: "STRICT" }] }),
    group("agent", 8, 2, 4000, { instance_per_host: 2 }),
    group("lb", 2, 1, 1000, { group_racks: { type: "SAMERACK", racks: ["r2", "r3"] } }),
  ];
  return { groups, hosts };
}

test("determinism: same input twice, and any host input order, give the same result", () => {
  const input = mixedInput();
  const a = place(input);
  assert.equal(place(input), a);
  for (const seed of [1, 7, 42]) assert.equal(place({ ...input, hosts: shuffle(input.hosts, seed) }), a);
  assertNotOvercommitted(input, a);
});

test("stability: growing 3 → 5 keeps the first three exactly and adds 4 and 5", () => {
  const hosts = ["a", "b", "c", "d", "e"].map((n) => host(n));
  const before = place({ groups: [group("zk", 3)], hosts });
  // Make the previous placement one the greedy rule would not choose now.
  const previous = before.map((p, i) => ({ ...p, host: ["e", "d", "c"][i] }));
  const after = place({ groups: [group("zk", 5)], hosts, previous });
  assert.equal(after.slice(0, 3), previous);
  assert.equal(
    after.map((p) => p.index),
    [1, 2, 3, 4, 5],
  );
  assert.equal(where(after.slice(3)), { "zk-4": "a", "zk-5": "b" });
});

test("stability: shrinking 5 → 3 removes 4 and 5 and moves nothing", () => {
  const input = mixedInput();
  const before = place(input);
  const groups = input.groups.map((g) => (g.name === "master" ? { ...g, instances: 5 } : g));
  const grown = place({ ...input, groups, previous: before });
  const shrunk = place({ ...input, previous: grown });
  assert.equal(
    shrunk.filter((p) => p.group === "master").map((p) => p.node),
    ["master-1", "master-2", "master-3"],
  );
  assert.equal(
    shrunk,
    grown.filter((p) => !(p.group === "master" && p.index > 3)),
  );
});

test("stability: a mixed blueprint re-planned with its own result changes nothing", () => {
  const input = mixedInput();
  const a = place(input);
  assert.equal(place({ ...input, previous: a }), a);
  // Growing the instance_per_host group adds a new pair on one new host.
  const groups = input.groups.map((g) => (g.name === "agent" ? { ...g, instances: 10 } : g));
  const b = place({ ...input, groups, previous: a });
  assert.equal(
    b.filter((p) => p.group !== "agent" || p.index <= 8),
    a,
  );
  const w = where(b);
  assert.is(w["agent-9"], w["agent-10"]);
  assert.not.ok(hostsOf(a, "agent").includes(w["agent-9"]));
});

test("an invalidated previous placement (its host removed) is re-placed while the others stay", () => {
  const hosts = ["a", "b", "c", "d"].map((n) => host(n));
  const before = place({ groups: [group("zk", 3, 1, 1000, { instance_per_host: 1 })], hosts });
  const gone = before[1].host;
  const after = place({
    groups: [group("zk", 3, 1, 1000, { instance_per_host: 1 })],
    hosts: hosts.filter((h) => h.name !== gone),
    previous: before,
  });
  assert.equal(after[0], before[0]);
  assert.equal(after[2], before[2]);
  assert.is.not(after[1].host, gone);
  assert.equal(new Set(after.map((p) => p.host)).size, 3);
});

test("stability: previous placements that break a constraint now are re-placed", () => {
  const hosts = [host("a", 8, 30000, "r1"), host("b", 8, 30000, "r2"), host("c", 8, 30000, "r1")];
  const previous: Placement[] = [
    { group: "web", index: 1, node: "web-1", host: "a" },
    { group: "web", index: 2, node: "web-2", host: "b" }, // r2 is no longer allowed
  ];
  const ps = place({
    groups: [group("web", 2, 1, 1000, { group_racks: { type: "SAMERACK", racks: ["r1"] } })],
    hosts,
    previous,
  });
  assert.equal(where(ps), { "web-1": "a", "web-2": "c" });
  // A kept host that shrank below what it carries loses its instance.
  const small = [host("a", 1, 30000), host("b", 8, 30000)];
  const prev2: Placement[] = [
    { group: "w", index: 1, node: "w-1", host: "a" },
    { group: "w", index: 2, node: "w-2", host: "a" },
  ];
  assert.equal(where(place({ groups: [group("w", 2)], hosts: small, previous: prev2 })), { "w-1": "a", "w-2": "b" });
});

test("stability: a kept STRICT instance whose referenced instance went away follows the reference", () => {
  const hosts = ["a", "b", "c"].map((n) => host(n));
  const groups = (masters: number) => [
    group("master", masters),
    group("marathon", 2, 1, 1000, { group_associations: [{ reference: "master", type: "STRICT" }] }),
  ];
  const before = place({ groups: groups(2), hosts });
  const w = where(before);
  assert.is.not(w["master-1"], w["master-2"]);
  assert.equal([w["marathon-1"], w["marathon-2"]].sort(), [w["master-1"], w["master-2"]].sort());
  const after = where(place({ groups: groups(1), hosts, previous: before }));
  assert.equal(after, { "master-1": w["master-1"], "marathon-1": w["master-1"], "marathon-2": w["master-1"] });
});

test("stability: instance_per_host raised from 1 to 2 keeps what it can and leaves exactly 2 per host", () => {
  const hosts = ["a", "b", "c", "d"].map((n) => host(n));
  const before = place({ groups: [group("agent", 4, 1, 1000, { instance_per_host: 1 })], hosts });
  const w = where(before);
  const after = place({ groups: [group("agent", 4, 1, 1000, { instance_per_host: 2 })], hosts, previous: before });
  const a = where(after);
  // 1 and 2 stay; 3 and 4 join them so that each used host carries two.
  assert.is(a["agent-1"], w["agent-1"]);
  assert.is(a["agent-2"], w["agent-2"]);
  assert.equal([a["agent-3"], a["agent-4"]].sort(), [w["agent-1"], w["agent-2"]].sort());
  // A partial host that can no longer take the rest of its pair is given up.
  const prev: Placement[] = [{ group: "agent", index: 1, node: "agent-1", host: "a" }];
  const small = [host("a", 1), host("b", 8)];
  assert.equal(
    where(place({ groups: [group("agent", 2, 1, 1000, { instance_per_host: 2 })], hosts: small, previous: prev })),
    { "agent-1": "b", "agent-2": "b" },
  );
});

test("unsatisfiable: a STRICT reference to a group with no instances, and too many instances for the inventory", () => {
  const groups = [
    group("master", 0),
    group("marathon", 1, 1, 1000, { group_associations: [{ reference: "master", type: "STRICT" }] }),
  ];
  const e = placementError(() => place({ groups, hosts: [host("a"), host("b")] }));
  assert.is(e.constraint, "group_associations STRICT");
  const many = placementError(() => place({ groups: [group("agent", 100, 4, 1000)], hosts: [host("a"), host("b")] }));
  assert.is(many.constraint, "capacity");
  assert.match(
    many.message,
    "cannot place agent-5 of group agent (4 cpus, 1000 MB): capacity: no host has capacity left",
  );
});

// ---- at scale (timing lives in bench/, not here) ---------------------------

test("1,000 instances on 1,000 hosts: all placed, nothing over-committed, stable with previous", () => {
  const hosts = Array.from({ length: 1000 }, (_, i) => host(`node-${i + 1}`, 16, 64000, `r${i % 20}`));
  const racks = Array.from({ length: 20 }, (_, i) => `r${i}`);
  const groups = [
    group("zk", 5, 1, 2000, { instance_per_host: 1, group_racks: { type: "ROUNDROBIN", racks } }),
    group("master", 5, 2, 4000, { group_associations: [{ reference: "zk", type: "WEAK" }] }),
    group("agent", 600, 4, 15000, { instance_per_host: 2 }),
    group("web", 300, 1, 1000, { group_racks: { type: "ROUNDROBIN", racks } }),
    group("sidecar", 90, 1, 500, { group_associations: [{ reference: "master", type: "WEAK" }] }),
  ];
  const ps = place({ groups, hosts });
  assert.is(ps.length, 1000);
  const used = new Map<string, { cpus: number; mem: number }>();
  const size = new Map(groups.map((g) => [g.name, g]));
  for (const p of ps) {
    const u = used.get(p.host) ?? { cpus: 0, mem: 0 };
    u.cpus += size.get(p.group)!.cpus;
    u.mem += size.get(p.group)!.memory_mb;
    used.set(p.host, u);
  }
  for (const [, u] of used) assert.ok(u.cpus <= 16 && u.mem <= 64000, "no host over-committed");
  assert.equal(place({ groups, hosts, previous: ps }), ps, "same placement when given itself as previous");
});

test.run();
