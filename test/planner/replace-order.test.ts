// Order of replacements and deletes in apply: create_before_destroy keeps the
// old object until it is destroyed, and destroys it only once dependents use
// the new one; destroy-before-create replacements destroy dependents first;
// stale dependencies in state cannot deadlock a destroy, and a real cycle is
// an error, not an interrupt; the walk leaves no listener on the signal.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { getEventListeners } from "node:events";
import { join } from "node:path";
import type { ApplyEvent } from "../../planner/apply.js";
import { walk } from "../../planner/walk.js";
import { actions, configDir, loadStateAt, makePlan, planAndApply, statePath, writeConfig } from "./harness.js";

const hostBlock = (address: string) => `  gantry_host.h: { driver: local, address: ${address} }\n`;
const logOf = (dir: string): string[] => {
  const p = join(dir, ".gantry", "hosts", "h", "log");
  return existsSync(p) ? readFileSync(p, "utf8").trim().split("\n") : [];
};
/** Rewrites the state file's recorded dependencies (as an older configuration would have left them). */
const setStateDeps = (dir: string, deps: Record<string, string[]>) => {
  const raw = JSON.parse(readFileSync(statePath(dir), "utf8"));
  for (const r of raw.resources) if (deps[r.address]) r.dependencies = deps[r.address];
  writeFileSync(statePath(dir), JSON.stringify(raw));
};
const destroyAll = async (dir: string) => {
  const { result } = await planAndApply(dir, { mode: "destroy" });
  assert.equal(result.failed, [], "clean-up destroy");
};

test(
  "create_before_destroy: a failed create keeps the " + "old object (deposed), and the next apply destroys it",
  async () => {
    const cfg = (n: number, fail = false) => `resources:
${hostBlock("127.0.202.1")}  gantry_command.a:
    host: \${gantry_host.h}
    command: "echo create-${n} >> log${fail ? "; exit 3" : ""}"
    destroy_command: "echo destroy-${n} >> log"
    lifecycle: { create_before_destroy: true }
`;
    const dir = configDir({ "main.gantry.yaml": cfg(1) });
    try {
      assert.equal((await planAndApply(dir)).result.failed, []);
      writeConfig(dir, { "main.gantry.yaml": cfg(2, true) });
      const second = await planAndApply(dir);
      assert.equal(
        second.result.failed.map((f) => f.address),
        ["gantry_command.a"],
      );
      const a = second.state.instances.get("gantry_command.a")!;
      assert.is(a.status, "tainted");
      assert.equal(
        a.deposed?.map((d) => d.command),
        ["echo create-1 >> log"],
        "the old object is still in state, deposed",
      );
      assert.equal(logOf(dir), ["create-1", "create-2"]);

      writeConfig(dir, { "main.gantry.yaml": cfg(3) });
      const p = await makePlan(dir);
      assert.is(actions(p)["gantry_command.a (deposed 0)"], "delete");
      const third = await planAndApply(dir);
      assert.equal(third.result.failed, []);
      assert.ok(logOf(dir).includes("destroy-1"), `old object destroyed: ${logOf(dir)}`);
      assert.not.ok(third.state.instances.get("gantry_command.a")!.deposed);
      assert.is(third.state.instances.get("gantry_command.a")!.attributes.command, "echo create-3 >> log");
      assert.not.ok(third.state.instances.get("gantry_command.a")!.status);
    } finally {
      await destroyAll(dir);
    }
  },
);

test("destroy-before-create: dependents being replaced are destroyed first, created last", async () => {
  const cfg = (n: number) => `resources:
${hostBlock("127.0.202.2")}  gantry_command.a:
    host: \${gantry_host.h}
    command: "echo create-a >> log"
    destroy_command: "echo destroy-a >> log"
    triggers_replace: ${n}
  gantry_command.b:
    host: \${gantry_host.h}
    command: "echo create-b >> log"
    destroy_command: "echo destroy-b >> log"
    triggers_replace: ${n}
    depends_on: [gantry_command.a]
`;
  const dir = configDir({ "main.gantry.yaml": cfg(1) });
  try {
    await planAndApply(dir);
    assert.equal(logOf(dir), ["create-a", "create-b"]);
    writeConfig(dir, { "main.gantry.yaml": cfg(2) });
    const events: ApplyEvent[] = [];
    const { plan, result } = await planAndApply(dir, { onEvent: (e) => events.push(e) });
    assert.equal(actions(plan), {
      "gantry_host.h": "noop",
      "gantry_command.a": "replace",
      "gantry_command.b": "replace",
    });
    assert.equal(logOf(dir).slice(2), ["destroy-b", "destroy-a", "create-a", "create-b"]);
    assert.equal([result.added, result.changed, result.destroyed], [2, 0, 2]);
    assert.equal(result.failed, []);
    // progress as before: start, start(delete), start(create), one complete
    const ofA = events.filter((e) => e.address === "gantry_command.a" && (e.kind === "start" || e.kind === "complete"));
    assert.equal(
      ofA.map((e) => (e.kind === "start" ? `start${e.step ? `:${e.step}` : ""}` : e.kind)),
      ["start", "start:delete", "start:create", "complete"],
    );
  } finally {
    await destroyAll(dir);
  }
});

test("create_before_destroy: the old object is destroyed only after dependents moved to the new one", async () => {
  const cfg = (n: number) => `resources:
${hostBlock("127.0.202.3")}  gantry_command.a:
    host: \${gantry_host.h}
    command: "echo create-a-${n} >> log; echo out-${n}"
    destroy_command: "echo destroy-a-${n} >> log"
    lifecycle: { create_before_destroy: true }
  gantry_command.b:
    host: \${gantry_host.h}
    command: "true"
    environment: { A: "\${gantry_command.a.stdout}" }
`;
  const dir = configDir({ "main.gantry.yaml": cfg(1) });
  try {
    await planAndApply(dir);
    writeConfig(dir, { "main.gantry.yaml": cfg(2) });
    const order: string[] = [];
    let destroyedBeforeB: boolean | undefined;
    const { plan, result, state } = await planAndApply(dir, {
      onEvent: (e) => {
        if (e.kind === "complete") order.push(e.address);
        if (e.kind === "complete" && e.address === "gantry_command.b")
          destroyedBeforeB = logOf(dir).includes("destroy-a-1");
      },
    });
    assert.equal(actions(plan), {
      "gantry_host.h": "noop",
      "gantry_command.a": "replace",
      "gantry_command.b": "update",
    });
    assert.equal(result.failed, []);
    assert.is(
      destroyedBeforeB,
      false,
      "old gantry_command.a still there when gantry_command.b switched to the new one",
    );
    assert.equal(order, ["gantry_command.b", "gantry_command.a"]);
    assert.equal(logOf(dir).slice(1), ["create-a-2", "destroy-a-1"]);
    assert.equal([result.added, result.changed, result.destroyed], [1, 1, 1]);
    assert.is((state.instances.get("gantry_command.b")!.attributes.environment as Record<string, string>).A, "out-2\n");
    assert.not.ok(state.instances.get("gantry_command.a")!.deposed);
  } finally {
    await destroyAll(dir);
  }
});

const cycleConfigs = {
  // a used b; then b uses a, and a (unchanged) no longer uses b
  first: `resources:\n  gantry_noop.b:\n    input: x\n  gantry_noop.a:\n    input: "\${gantry_noop.b.output}"\n`,
  second: `resources:\n  gantry_noop.a:\n    input: x\n  gantry_noop.b:\n    input: "\${gantry_noop.a.output}-2"\n`,
};

test("instances that do not change take the configuration's dependencies", async () => {
  const dir = configDir({ "main.gantry.yaml": cycleConfigs.first });
  await planAndApply(dir);
  assert.equal(loadStateAt(dir).instances.get("gantry_noop.a")!.dependencies, ["gantry_noop.b"]);
  writeConfig(dir, { "main.gantry.yaml": cycleConfigs.second });
  const { plan, state } = await planAndApply(dir);
  assert.equal(actions(plan), { "gantry_noop.a": "noop", "gantry_noop.b": "update" });
  assert.equal(state.instances.get("gantry_noop.a")!.dependencies, []);
  assert.equal(state.instances.get("gantry_noop.b")!.dependencies, ["gantry_noop.a"]);
});

test("destroy orders configured resources by the configuration, not by stale state dependencies", async () => {
  const dir = configDir({ "main.gantry.yaml": cycleConfigs.second });
  await planAndApply(dir);
  setStateDeps(dir, { "gantry_noop.a": ["gantry_noop.b"] }); // left by an older configuration: a cycle with b -> a
  const order: string[] = [];
  const { result, state } = await planAndApply(dir, {
    mode: "destroy",
    onEvent: (e) => e.kind === "complete" && order.push(e.address),
  });
  assert.equal(result.cancelled, []);
  assert.equal(result.failed, []);
  assert.is(result.destroyed, 2);
  assert.equal(order, ["gantry_noop.b", "gantry_noop.a"]);
  assert.is(state.instances.size, 0);
});

test("a dependency cycle among orphans is an error naming the cycle, not an interrupt", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      `resources:\n  gantry_noop.a:\n    input: 1\n  gantry_noop.b:\n` +
      `    input: "\${gantry_noop.a.output}"\n  gantry_noop.c:\n    input: 1\n`,
  });
  await planAndApply(dir);
  setStateDeps(dir, { "gantry_noop.a": ["gantry_noop.b"] });
  writeConfig(dir, { "main.gantry.yaml": `resources:\n  gantry_noop.c:\n    input: 1\n` });
  const errors: string[] = [];
  const { result, state } = await planAndApply(dir, {
    onEvent: (e) => e.kind === "error" && errors.push(`${e.address}: ${e.error}`),
  });
  assert.equal(result.cancelled, []);
  assert.equal(result.failed.map((f) => f.address).sort(), ["gantry_noop.a", "gantry_noop.b"]);
  for (const f of result.failed) assert.is(f.error, "dependency cycle among: gantry_noop.a, gantry_noop.b");
  assert.is(errors.length, 2);
  assert.ok(state.instances.has("gantry_noop.a") && state.instances.has("gantry_noop.b"), "nothing was deleted");
});

test("walk: a cycle ends blocked, not cancelled; an abort still cancels", async () => {
  const ran: string[] = [];
  const run = (id: string) => async () => void ran.push(id);
  const out = await walk(
    [
      { id: "x", deps: ["y"], run: run("x") },
      { id: "y", deps: ["x"], run: run("y") },
      { id: "z", deps: [], run: run("z") },
    ],
    { parallelism: 2, signal: new AbortController().signal },
  );
  assert.equal(Object.fromEntries(out), { z: "done", x: "blocked", y: "blocked" });
  assert.equal(ran, ["z"]);
  const ac = new AbortController();
  ac.abort();
  const aborted = await walk(
    [
      { id: "w", deps: [], run: run("w") },
      { id: "v", deps: ["w"], run: run("v") },
    ],
    { parallelism: 1, signal: ac.signal },
  );
  assert.equal(Object.fromEntries(aborted), { w: "cancelled", v: "cancelled" });
});

test("walk: no abort listener is left on the signal (reconcile --watch walks every round)", async () => {
  const ac = new AbortController();
  for (let i = 0; i < 20; i++)
    await walk([{ id: "x", deps: [], run: async () => {} }], { parallelism: 1, signal: ac.signal });
  assert.is(getEventListeners(ac.signal, "abort").length, 0);
});

test(
  "rolling group replaced destroy-before-create: member " + "by member, dependents destroyed first, no deadlock",
  async () => {
    const members = (n: number) => `
resources:
  gantry_noop.pkg:
    for_each: [m1, m2, m3]
    input: pkg
    triggers_replace: ${n}
    update_policy: { group: g, max_batch_size: 1, min_in_service: 2 }
  gantry_noop.svc:
    for_each: [m1, m2, m3]
    input: "\${gantry_noop.pkg[each.key].output}/svc"
    triggers_replace: ${n}
    update_policy: { group: g, max_batch_size: 1, min_in_service: 2 }
`;
    const dir = configDir({ "main.gantry.yaml": members(1) });
    await planAndApply(dir);
    writeConfig(dir, { "main.gantry.yaml": members(2) });
    const steps: string[] = [];
    const { result } = await planAndApply(dir, {
      onEvent: (e) => e.kind === "start" && e.step && steps.push(`${e.step} ${e.address}`),
    });
    assert.equal(result.failed, []);
    assert.equal(result.cancelled, []);
    assert.equal([result.added, result.destroyed], [6, 6]);
    assert.equal(steps, [
      'delete gantry_noop.svc["m1"]',
      'delete gantry_noop.pkg["m1"]',
      'create gantry_noop.pkg["m1"]',
      'create gantry_noop.svc["m1"]',
      'delete gantry_noop.svc["m2"]',
      'delete gantry_noop.pkg["m2"]',
      'create gantry_noop.pkg["m2"]',
      'create gantry_noop.svc["m2"]',
      'delete gantry_noop.svc["m3"]',
      'delete gantry_noop.pkg["m3"]',
      'create gantry_noop.pkg["m3"]',
      'create gantry_noop.svc["m3"]',
    ]);
  },
);

test.run();
