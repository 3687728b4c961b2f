// The apply graph's rules on hand-made changes: each replacement phase is a
// typed step wired by its rule, deposed objects are named by DeposedRef,
// count×count dependencies go through one barrier, and the host of a step
// is the one its type names.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildApplyGraph } from "../../planner/apply-graph.js";
import type { ResourceChange } from "../../planner/changes.js";
import { emptyConfig, type ResourceConfig } from "../../planner/model.js";
import { type InstanceState, newState } from "../../planner/state.js";
import { testEngine } from "../engine-fixture.js";
import type { WalkNode } from "../../planner/walk.js";

const host = (name: string) => ({ name, driver: "sim", address: "127.0.0.1", root: "/" });

function change(address: string, action: ResourceChange["action"], more: Partial<ResourceChange> = {}): ResourceChange {
  const resourceKey = address.replace(/\[.*$/, "");
  const [type, name] = resourceKey.split(".");
  return {
    address,
    resourceKey,
    type,
    name,
    action,
    before: action === "create" ? null : { input: "old" },
    after: action === "delete" ? null : { input: "new" },
    requiresReplace: [],
    dependsOn: [],
    deferred: false,
    ...more,
  };
}

function graph(
  changes: ResourceChange[],
  allChanges = changes,
  prior?: Record<string, string[]>,
  /** Resource key → the rolling group its update policy names. */
  groups: Record<string, string> = {},
) {
  const config = emptyConfig("/nowhere");
  for (const c of allChanges) {
    const group = groups[c.resourceKey];
    const updatePolicy = group && { group, maxBatchSize: 1, minInService: 0 };
    config.resources.set(c.resourceKey, {
      key: c.resourceKey,
      lifecycle: {},
      ...(updatePolicy && { updatePolicy }),
    } as unknown as ResourceConfig);
  }
  const state = newState("test");
  const priorState = newState("test");
  for (const [address, dependencies] of Object.entries(prior ?? {}))
    priorState.instances.set(address, { address, dependencies } as unknown as InstanceState);
  const { nodes, steps } = buildApplyGraph({
    changes,
    allChanges,
    state,
    priorState,
    config,
    types: testEngine().resolveType,
  });
  const byId = new Map<string, WalkNode>(nodes.map((n) => [n.id, n]));
  const deps = (id: string) => [...new Set(byId.get(id)!.deps.filter((d) => byId.has(d)))].sort();
  return { nodes, steps, byId, deps };
}

test("destroy-before-create: the delete phase, then the create phase after it", () => {
  const g = graph([change("gantry_noop.a", "replace", { replaceOrder: "destroy-before-create" })]);
  const kinds = g.steps.map((n) => [n.id, n.step.kind]);
  assert.equal(kinds, [
    ["gantry_noop.a#destroy", "replace-delete"],
    ["gantry_noop.a", "replace-create"],
  ]);
  assert.equal(g.deps("gantry_noop.a"), ["gantry_noop.a#destroy"]);
});

test("create_before_destroy: the deposed object is destroyed after the create and the dependents' switch", () => {
  const g = graph([
    change("gantry_noop.a", "replace", { replaceOrder: "create-before-destroy" }),
    change("gantry_noop.b", "update", { dependsOn: ["gantry_noop.a"] }),
  ]);
  assert.equal(
    g.steps.map((n) => n.step.kind),
    ["replace-depose-create", "replace-destroy-deposed", "update"],
  );
  assert.equal(g.deps("gantry_noop.a#destroy-deposed"), ["@switched gantry_noop.a", "gantry_noop.a"]);
  assert.equal(g.deps("@switched gantry_noop.a"), ["gantry_noop.b"]);
  assert.equal(g.deps("gantry_noop.b"), ["@done gantry_noop.a"]);
});

test("a deposed object: a destroy-deposed step named by its DeposedRef, after its instance's dependents", () => {
  const deposed = { address: "gantry_noop.a", deposed: 0 };
  const g = graph([
    change("gantry_noop.a (deposed 0)", "delete", { resourceKey: "gantry_noop.a", name: "a", deposed }),
    change("gantry_noop.b", "delete", { dependsOn: ["gantry_noop.a"] }),
  ]);
  const step = g.steps[0].step;
  assert.is(step.kind, "destroy-deposed");
  assert.equal(step.kind === "destroy-deposed" && step.deposed, deposed);
  assert.equal(g.deps("gantry_noop.a (deposed 0)"), ["@released gantry_noop.a"]);
});

test("an orphan held by an unchanged dependent is deleted after what the dependent now depends on", () => {
  // b depended on a (removed); b now depends on c (unchanged), which depends on d (updated)
  const del = change("gantry_noop.a", "delete");
  const upd = change("gantry_noop.d", "update");
  const b = change("gantry_noop.b", "noop", { dependsOn: ["gantry_noop.c"] });
  const c = change("gantry_noop.c", "noop", { dependsOn: ["gantry_noop.d"] });
  const g = graph([del, upd], [del, upd, b, c], { "gantry_noop.b": ["gantry_noop.a"] });
  assert.equal(g.deps("gantry_noop.a"), ["@done gantry_noop.d"]);
  // a delete-first replacement of d waits for a's delete (a held d): no wait back, no cycle
  const held = change("gantry_noop.a", "delete", { dependsOn: ["gantry_noop.d"] });
  const rep = change("gantry_noop.d", "replace", { replaceOrder: "destroy-before-create" });
  const cyc = graph([held, rep], [held, rep, b, c], { "gantry_noop.b": ["gantry_noop.a"] });
  assert.equal(cyc.deps("gantry_noop.d#destroy"), ["@released-early gantry_noop.d"]);
  assert.equal(cyc.deps("gantry_noop.a"), []);
  // without the old hold, nothing to wait for
  assert.equal(graph([del, upd], [del, upd, b, c]).deps("gantry_noop.a"), []);
});

test("an update follows the changes behind unchanged resources it depends on (Terraform's and Heat's order)", () => {
  const changes = [
    change("gantry_noop.a", "update"),
    change("gantry_noop.c", "update", { dependsOn: ["gantry_noop.b2"] }),
    change("gantry_noop.d", "create", { dependsOn: ["gantry_noop.b", "gantry_noop.e"] }),
  ];
  const unchanged = [
    change("gantry_noop.b", "noop", { dependsOn: ["gantry_noop.a"] }),
    change("gantry_noop.b2", "noop", { dependsOn: ["gantry_noop.b", "gantry_noop.e"] }),
    change("gantry_noop.e", "noop"),
  ];
  const g = graph(changes, [...changes, ...unchanged]);
  assert.equal(g.deps("gantry_noop.c"), ["@done gantry_noop.a"], "through b2 and b");
  assert.equal(g.deps("gantry_noop.d"), ["@done gantry_noop.a"], "through b; e has nothing behind it");
  assert.equal(g.deps("gantry_noop.a"), []);
});

test("in a rolling group, a member follows the same member of a change behind an unchanged resource", () => {
  const members = (name: string, action: ResourceChange["action"], dependsOn: string[] = []) =>
    [0, 1].map((key) =>
      change(`gantry_noop.${name}[${key}]`, action, {
        key,
        dependsOn,
        rollingGroup: action === "noop" ? undefined : "g",
        batch: action === "noop" ? undefined : { group: "g", index: key + 1 },
      }),
    );
  const changes = [...members("x", "update"), ...members("z", "update", ["gantry_noop.y"])];
  const all = [...changes, ...members("y", "noop", ["gantry_noop.x"])];
  const g = graph(changes, all, {}, { "gantry_noop.x": "g", "gantry_noop.y": "g", "gantry_noop.z": "g" });
  // not "@done gantry_noop.x": z[0] (batch 1) waiting on x[1] (batch 2) would never start
  assert.ok(g.deps("gantry_noop.z[0]").includes("gantry_noop.x[0]"));
  assert.not.ok(g.deps("gantry_noop.z[0]").some((d) => d.includes("gantry_noop.x[1]") || d === "@done gantry_noop.x"));
  assert.ok(g.deps("gantry_noop.z[1]").includes("gantry_noop.x[1]"));
});

test("count×count dependencies go through one barrier per resource", () => {
  const n = 200;
  const b = Array.from({ length: n }, (_, i) => change(`gantry_noop.b[${i}]`, "create", { key: i }));
  const a = Array.from({ length: n }, (_, i) =>
    change(`gantry_noop.a[${i}]`, "create", { key: i, dependsOn: ["gantry_noop.b"] }),
  );
  const g = graph([...b, ...a]);
  const edges = g.nodes.reduce((sum, node) => sum + node.deps.length, 0);
  assert.is(edges, 2 * n, "each a waits on @done gantry_noop.b, which waits on each b");
  assert.equal(
    g.nodes.filter((x) => x.id.startsWith("@")).map((x) => x.id),
    ["@done gantry_noop.b"],
  );
});

test("a step's host is the one its type names (hostKey): the new object's, or the old one's for a delete", () => {
  const g = graph([
    change("gantry_file.f", "replace", {
      replaceOrder: "destroy-before-create",
      before: { host: host("old"), path: "/f" },
      after: { host: host("new"), path: "/f" },
    }),
    change("gantry_noop.n", "create", { after: { input: { host: host("x") } } }),
  ]);
  const hosts = g.steps.map((n) => [n.id, n.host]);
  assert.equal(hosts, [
    ["gantry_file.f#destroy", "old"],
    ["gantry_file.f", "new"],
    ["gantry_noop.n", undefined],
  ]);
});

test.run();
