// Properties of the planner over random configurations, driven through the Engine API: random DAGs of gantry_noop
// and gantry_file (on a sim host) resources with random attributes, count/for_each, depends_on and
// create_before_destroy, and random drift on the sim host. A recording gantry_noop (the built-in one, wrapped)
// logs every create, update and delete and fails on demand; files fail through the sim fabric.
// Used by planner-properties.test.ts (fixed seeds, modest runs) and test/stress/planner-properties.ts (long run).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { GantryError } from "../../contract/diagnostics.js";
import type { ResourceType } from "../../contract/resource-type.js";
import { Engine } from "../../engine/engine.js";
import type { EngineEvent } from "../../engine/events.js";
import type { ApplyEvent } from "../../planner/apply.js";
import { BUILTIN_RESOURCE_TYPES } from "../../provider/resource-types.js";
import { noopType } from "../../provider/types/noop.js";

// ---------------------------------------------------------------------------------------------------------------
// configurations

export interface ResourceSpec {
  kind: "noop" | "file";
  /** none, count = n, or for_each over these keys */
  repeat: { mode: "none" } | { mode: "count"; n: number } | { mode: "each"; keys: string[] };
  /** indexes (< own index) of the resources this one depends on, and how: a reference or depends_on */
  deps: { on: number; how: "ref" | "depends_on" }[];
  cbd: boolean;
  value: number;
  trigger: number;
}

export type ConfigSpec = ResourceSpec[];

const resourceSpec = (i: number): fc.Arbitrary<ResourceSpec> =>
  fc.record({
    kind: fc.constantFrom("noop", "noop", "file"),
    repeat: fc.oneof(
      { weight: 3, arbitrary: fc.constant({ mode: "none" as const }) },
      fc.integer({ min: 0, max: 2 }).map((n) => ({ mode: "count" as const, n })),
      fc.subarray(["a", "b", "c"], { minLength: 0, maxLength: 2 }).map((keys) => ({ mode: "each" as const, keys })),
    ),
    deps:
      i === 0
        ? fc.constant([])
        : fc.uniqueArray(
            fc.record({ on: fc.integer({ min: 0, max: i - 1 }), how: fc.constantFrom("ref", "depends_on") }),
            { maxLength: Math.min(i, 3), selector: (d) => d.on },
          ),
    cbd: fc.boolean(),
    value: fc.integer({ min: 0, max: 3 }),
    trigger: fc.integer({ min: 0, max: 2 }),
  }) as fc.Arbitrary<ResourceSpec>;

export const configSpec: fc.Arbitrary<ConfigSpec> = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => resourceSpec(i))));

/** Two configurations over the same names (the second is the first changed at random). */
export const configPair: fc.Arbitrary<[ConfigSpec, ConfigSpec]> = configSpec.chain((a) =>
  fc
    .tuple(
      ...a.map((r, i) =>
        fc.oneof(
          { weight: 2, arbitrary: fc.constant(r) },
          resourceSpec(i),
          fc.record({ value: fc.integer({ min: 0, max: 3 }), trigger: fc.integer({ min: 0, max: 2 }) }).map((v) => ({
            ...r,
            ...v,
          })),
        ),
      ),
    )
    .map((b) => [a, b as ConfigSpec]),
);

export const typeOf = (r: ResourceSpec) => (r.kind === "noop" ? "gantry_noop" : "gantry_file");
export const addressOf = (spec: ConfigSpec, i: number) => `${typeOf(spec[i]!)}.r${i}`;

/** The configuration's YAML. */
export function configYaml(spec: ConfigSpec): string {
  let out = "resources:\n  gantry_host.h:\n    driver: sim\n";
  spec.forEach((r, i) => {
    out += `  ${addressOf(spec, i)}:\n`;
    if (r.repeat.mode === "count") out += `    count: ${r.repeat.n}\n`;
    if (r.repeat.mode === "each") out += `    for_each: ${JSON.stringify(r.repeat.keys)}\n`;
    const refs = r.deps.filter((d) => d.how === "ref").map((d) => addressOf(spec, d.on));
    const dependsOn = r.deps.filter((d) => d.how === "depends_on").map((d) => addressOf(spec, d.on));
    const key = r.repeat.mode === "count" ? "${count.index}" : r.repeat.mode === "each" ? "${each.key}" : "one";
    if (r.kind === "noop") {
      out += `    input:\n      value: ${r.value}\n      key: "${key}"\n`;
      refs.forEach((a, j) => (out += `      ref${j}: "\${${a}}"\n`));
      out += `    triggers_replace: ${r.trigger}\n`;
    } else {
      out += `    host: \${gantry_host.h}\n    path: /data/r${i}/t${r.trigger}/${key}\n`;
      out += `    content: "v${r.value}${refs.map((a) => `-\${length(jsonencode(${a}))}`).join("")}"\n`;
    }
    if (dependsOn.length) out += `    depends_on: [${dependsOn.join(", ")}]\n`;
    if (r.cbd) out += "    lifecycle: { create_before_destroy: true }\n";
  });
  return out;
}

/** Resource-level edges (dependent → dependency), with every file's edge to the host. */
export function edgesOf(spec: ConfigSpec): [string, string][] {
  const edges: [string, string][] = [];
  spec.forEach((r, i) => {
    for (const d of r.deps) edges.push([addressOf(spec, i), addressOf(spec, d.on)]);
    if (r.kind === "file") edges.push([addressOf(spec, i), "gantry_host.h"]);
  });
  return edges;
}

/** `address` and everything it depends on, transitively (resource-level addresses). */
export function dependenciesOf(spec: ConfigSpec, address: string): Set<string> {
  const edges = edgesOf(spec);
  const out = new Set([address]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [from, to] of edges)
      if (out.has(from) && !out.has(to)) {
        out.add(to);
        grew = true;
      }
  }
  return out;
}

/** The resource of an instance address: `gantry_noop.r1["a"]` → `gantry_noop.r1`. */
export const resourceOf = (instance: string) => instance.replace(/\[[^\]]*\]$/, "");

// ---------------------------------------------------------------------------------------------------------------
// a world: one engine (its own sim fabric), a recording noop type, a configuration directory

export interface Operation {
  op: "create" | "update" | "delete";
  address: string;
  phase: "start" | "end";
  seq: number;
}

export class World {
  readonly log: Operation[] = [];
  /** Resource addresses whose creates and updates fail (noop through the type, files through the sim fabric). */
  failing = new Set<string>();
  readonly engine: Engine;
  readonly dir = mkdtempSync(join(tmpdir(), "gantry-planner-prop-"));
  private seq = 0;

  constructor() {
    const record = (op: Operation["op"], address: string, phase: Operation["phase"]) =>
      this.log.push({ op, address, phase, seq: this.seq++ });
    const failIf = (address: string) => {
      if (this.failing.has(resourceOf(address))) throw new Error(`injected failure of ${address}`);
    };
    const recorded: ResourceType = {
      ...noopType,
      async create(ctx, planned) {
        record("create", ctx.address, "start");
        await Promise.resolve();
        failIf(ctx.address);
        const out = await noopType.create(ctx, planned);
        record("create", ctx.address, "end");
        return out;
      },
      async update(ctx, prior, planned) {
        record("update", ctx.address, "start");
        await Promise.resolve();
        failIf(ctx.address);
        const out = await noopType.update(ctx, prior, planned);
        record("update", ctx.address, "end");
        return out;
      },
      async delete(ctx, prior) {
        record("delete", ctx.address, "start");
        await Promise.resolve();
        await noopType.delete(ctx, prior);
        record("delete", ctx.address, "end");
      },
    };
    this.engine = new Engine({ types: [...BUILTIN_RESOURCE_TYPES.filter((t) => t.name !== "gantry_noop"), recorded] });
  }

  get fabric() {
    return this.engine.hosts.simFabric;
  }

  write(spec: ConfigSpec): void {
    writeFileSync(join(this.dir, "main.gantry.yaml"), configYaml(spec));
  }

  workspace() {
    return this.engine.workspace({ dir: this.dir });
  }

  /** Files fail through the sim fabric: a write under /data/rN/ fails while gantry_file.rN is failing. */
  private armFileFailures(): void {
    this.fabric.clearFailures();
    for (const a of this.failing)
      if (a.startsWith("gantry_file.")) this.fabric.injectFailure({ op: "writeFile", match: `/data/${a.slice(12)}/` });
  }

  async plan(targets?: string[]) {
    return (await this.engine.plan(this.workspace(), { targets })).plan;
  }

  /** Applies; returns the apply's resource events. */
  async apply(opts: { targets?: string[]; mode?: "destroy" } = {}) {
    this.armFileFailures();
    const events: ApplyEvent[] = [];
    const outcome = await this.engine.apply(this.workspace(), {
      targets: opts.targets,
      mode: opts.mode,
      parallelism: 4,
      onEvent: (e: EngineEvent) => {
        if (e.type === "resource") events.push(e.event);
      },
    });
    if (outcome.status !== "applied") throw new Error("not applied");
    return { result: outcome.result, events, plan: outcome.plan };
  }

  /** Random drift on the sim host: each step deletes or edits one of its files. */
  drift(steps: { at: number; remove: boolean }[]): string[] {
    const files = this.fabric.host("h").files;
    const done: string[] = [];
    for (const s of steps) {
      const paths = [...files.keys()].filter((p) => p.startsWith("/data/")).sort();
      if (!paths.length) break;
      const p = paths[s.at % paths.length]!;
      if (s.remove) files.delete(p);
      else files.get(p)!.content += " edited by hand";
      done.push(`${s.remove ? "removed" : "edited"} ${p}`);
    }
    return done;
  }

  dispose(): void {
    this.engine.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const driftSteps = fc.array(fc.record({ at: fc.nat(), remove: fc.boolean() }), { maxLength: 3 });

/** Changes of a plan other than no-ops: "action address". */
export function changesOf(plan: { changes: { address: string; action: string }[] }): string[] {
  return plan.changes.filter((c) => c.action !== "noop" && c.action !== "read").map((c) => `${c.action} ${c.address}`);
}

/** Every pair (dependent instance, dependency instance) of `instances` whose resources are joined by an edge. */
function edgePairs(spec: ConfigSpec, instances: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [from, to] of edgesOf(spec))
    for (const a of instances.filter((x) => resourceOf(x) === from))
      for (const b of instances.filter((x) => resourceOf(x) === to)) pairs.push([a, b]);
  return pairs;
}

/**
 * Problems with the order of an apply's operations (its events, in the order they came): along every edge, a create
 * starts after its dependency's create completed, a delete completes before its dependency's delete starts.
 */
export function orderProblems(spec: ConfigSpec, events: ApplyEvent[], action: "create" | "delete"): string[] {
  const index = (address: string, kind: "start" | "complete") =>
    events.findIndex((e) => e.kind === kind && e.address === address && (e as { action: string }).action === action);
  const instances = [
    ...new Set(events.filter((e) => e.kind === "complete" && e.action === action).map((e) => e.address)),
  ];
  const problems: string[] = [];
  for (const [dependent, dependency] of edgePairs(spec, instances)) {
    const [first, second] = action === "create" ? [dependency, dependent] : [dependent, dependency];
    const end = index(first, "complete");
    const start = index(second, "start");
    if (end < 0 || start < 0 || end > start)
      problems.push(`${action} of ${second} started before the ${action} of ${first} completed`);
  }
  return problems;
}

/** Instances of an apply's events of `kind` with one of `actions`. */
export function instancesIn(events: ApplyEvent[], kind: "complete" | "start", actions: string[]): string[] {
  return events
    .filter((e) => e.kind === kind && actions.includes((e as { action: string }).action))
    .map((e) => e.address);
}

export { GantryError };

// ---------------------------------------------------------------------------------------------------------------
// the properties (each returns a fast-check property; a failure throws with what went wrong)

const fail = (what: string, detail: unknown): never => {
  throw new Error(`${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail, null, 1)}`);
};

/** (1) apply(plan(C, S)) then plan is empty: from C1 applied and drifted, to C2. */
export const convergesProperty = () =>
  fc.asyncProperty(configPair, driftSteps, async ([c1, c2], drift) => {
    const w = new World();
    try {
      w.write(c1);
      const first = await w.apply();
      if (first.result.failed.length) fail("first apply failed", first.result.failed);
      w.drift(drift);
      w.write(c2);
      const second = await w.apply();
      if (second.result.failed.length) fail("second apply failed", second.result.failed);
      const after = changesOf(await w.plan());
      if (after.length) fail("the plan after apply is not empty", after);
    } finally {
      w.dispose();
    }
  });

/** (2) destroy order is the reverse of create order along every edge. */
export const destroyOrderProperty = () =>
  fc.asyncProperty(configSpec, async (c) => {
    const w = new World();
    try {
      w.write(c);
      const created = await w.apply();
      const p1 = orderProblems(c, created.events, "create");
      if (p1.length) fail("create order", p1);
      const destroyed = await w.apply({ mode: "destroy" });
      if (destroyed.result.failed.length) fail("destroy failed", destroyed.result.failed);
      const p2 = orderProblems(c, destroyed.events, "delete");
      if (p2.length) fail("destroy order", p2);
      const createdSet = instancesIn(created.events, "complete", ["create"]).sort();
      const deletedSet = instancesIn(destroyed.events, "complete", ["delete"]).sort();
      if (JSON.stringify(createdSet) !== JSON.stringify(deletedSet))
        fail("destroy did not delete what was created", { createdSet, deletedSet });
    } finally {
      w.dispose();
    }
  });

/** (3) applying the same saved plan (of changes) twice is refused, and the refused attempt changes nothing. */
export const savedPlanTwiceProperty = () =>
  fc.asyncProperty(configPair, async ([c1, c2]) => {
    const w = new World();
    try {
      w.write(c1);
      await w.apply();
      w.write(c2);
      const ws = w.workspace();
      const outcome = await w.engine.plan(ws, {});
      // a plan of no changes changes no state (as Terraform's): applying it again changes nothing either
      if (!changesOf(outcome.plan).length) return;
      const file = join(w.dir, "saved.plan");
      w.engine.savePlan(file, ws, outcome);
      const once = await w.engine.applySaved(file, {});
      if (once.status !== "applied" || once.result.failed.length) fail("the saved plan did not apply", once);
      const logged = w.log.length;
      const stateBefore = await w.engine.pullState(w.workspace());
      let refused = false;
      try {
        await w.engine.applySaved(file, {});
      } catch (e) {
        if (!(e instanceof GantryError)) throw e;
        refused = /stale|different state/.test(e.message);
      }
      if (!refused) fail("the saved plan was applied twice", changesOf(outcome.plan));
      if (w.log.length !== logged) fail("the refused apply changed objects", w.log.slice(logged));
      if ((await w.engine.pullState(w.workspace())) !== stateBefore) fail("the refused apply changed the state", "");
    } finally {
      w.dispose();
    }
  });

/**
 * (4) a random subset of failing operations leaves state from which a second apply (failures off) converges
 * without recreating what succeeded.
 */
export const failuresConvergeProperty = () =>
  fc.asyncProperty(configPair, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), async ([c1, c2], failAt) => {
    const w = new World();
    try {
      w.write(c1);
      await w.apply();
      w.write(c2);
      w.failing = new Set(failAt.map((i) => addressOf(c2, i % c2.length)));
      const broken = await w.apply();
      const succeeded = new Set(
        broken.events.filter((e) => e.kind === "complete" && e.action !== "delete").map((e) => e.address),
      );
      w.failing = new Set();
      const fixed = await w.apply();
      if (fixed.result.failed.length) fail("the second apply failed", fixed.result.failed);
      const redone = fixed.events
        .filter((e) => e.kind === "start" && succeeded.has(e.address))
        .map((e) => `${(e as { action: string }).action} ${e.address}`);
      if (redone.length) fail("the second apply redid what succeeded", redone);
      const after = changesOf(await w.plan());
      if (after.length) fail("the plan after the second apply is not empty", after);
    } finally {
      w.dispose();
    }
  });

/** (5) -target never touches anything outside the target and its dependencies. */
export const targetProperty = () =>
  fc.asyncProperty(configPair, fc.nat(), driftSteps, async ([c1, c2], pickAt, drift) => {
    const w = new World();
    try {
      w.write(c1);
      await w.apply();
      w.drift(drift);
      w.write(c2);
      const target = addressOf(c2, pickAt % c2.length);
      const allowed = dependenciesOf(c2, target);
      const planned = changesOf(await w.plan([target]));
      const outside = planned.filter((c) => !allowed.has(resourceOf(c.split(" ")[1]!)));
      if (outside.length) fail(`the plan for -target=${target} changes others`, { outside, allowed: [...allowed] });
      const applied = await w.apply({ targets: [target] });
      const touched = applied.events.filter((e) => e.kind === "start" && !allowed.has(resourceOf(e.address)));
      if (touched.length) fail(`apply -target=${target} touched others`, touched);
    } finally {
      w.dispose();
    }
  });

export const PROPERTIES = {
  converges: convergesProperty,
  "destroy-order": destroyOrderProperty,
  "saved-plan-twice": savedPlanTwiceProperty,
  "failures-converge": failuresConvergeProperty,
  target: targetProperty,
};
