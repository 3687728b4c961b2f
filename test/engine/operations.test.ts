// The engine's operations as a door uses them: events in the order a door
// renders them, approval, saved plans, refresh, a stop at once that leaves
// the state unlocked, and one reconcile pass.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError } from "../../contract/diagnostics.js";
import { Engine } from "../../engine/engine.js";
import type { EngineEvent } from "../../engine/events.js";
import { ImmediateStop } from "../../engine/immediate-stop.js";
import { configDir } from "../planner/harness.js";

const yamlDir = (yaml: string): string => configDir({ "main.gantry.yaml": yaml });

const NOOPS = `
resources:
  gantry_noop.a: { input: one }
  gantry_noop.b: { input: "\${gantry_noop.a.output}-two" }
outputs:
  b: { value: "\${gantry_noop.b.output}" }
`;

test("apply: events in the order a door renders them; the summary carries the outputs", async () => {
  const engine = new Engine();
  const dir = yamlDir(NOOPS);
  const events: EngineEvent[] = [];
  const outcome = await engine.apply(engine.workspace({ dir }), { onEvent: (e) => events.push(e) });
  assert.is(outcome.status, "applied");
  const kinds = events.map((e) =>
    e.type === "resource" ? `resource:${e.event.kind}` : e.type === "progress" ? `progress:${e.step}` : e.type,
  );
  assert.equal(kinds, [
    "configuration",
    "progress:state-read",
    "progress:configuration-read",
    "configuration",
    "plan",
    "apply-begin",
    "resource:start",
    "resource:complete",
    "resource:start",
    "resource:complete",
    "apply-end",
    "summary",
  ]);
  const files = events.find((e) => e.type === "configuration" && e.files);
  assert.ok(files && files.type === "configuration" && files.files?.[0].path === "main.gantry.yaml");
  const summary = events.at(-1)!;
  assert.ok(summary.type === "summary" && summary.outputs.b.value === "one-two");
});

test("apply: not approved changes nothing and writes no state", async () => {
  const engine = new Engine();
  const dir = yamlDir(NOOPS);
  let asked = 0;
  const outcome = await engine.apply(engine.workspace({ dir }), {
    approve: async (plan) => {
      asked++;
      assert.is(plan.changes.filter((c) => c.action === "create").length, 2);
      return false;
    },
  });
  assert.is(outcome.status, "cancelled");
  assert.is(asked, 1);
  assert.is(existsSync(join(dir, "gantry.tfstate")), false);
  assert.is(existsSync(join(dir, "gantry.tfstate.lock")), false, "the lock is released");
});

test("a stop at once while waiting for approval leaves the state unlocked", async () => {
  const engine = new Engine();
  const dir = yamlDir(NOOPS);
  const stopNow = new ImmediateStop();
  await engine.apply(engine.workspace({ dir }), {
    stopNow,
    approve: async () => {
      assert.is(existsSync(join(dir, "gantry.tfstate.lock")), true, "held while asking");
      stopNow.now();
      assert.is(existsSync(join(dir, "gantry.tfstate.lock")), false, "released at once");
      return false;
    },
  });
});

test("a saved plan is carried out exactly once; then it is stale", async () => {
  const engine = new Engine();
  const dir = yamlDir(NOOPS);
  const ws = engine.workspace({ dir });
  const planned = await engine.plan(ws);
  const file = join(dir, "saved.plan");
  engine.savePlan(file, ws, planned);
  const first = await engine.applySaved(file, {});
  assert.is(first.status === "applied" && first.result.added, 2);
  try {
    await engine.applySaved(file, {});
    assert.unreachable("a stale plan must be refused");
  } catch (e) {
    assert.instance(e, GantryError);
    assert.match((e as GantryError).diagnostics[0].summary, /stale|different state/);
  }
});

test("refresh and one reconcile pass in refresh-only mode record drift and repair nothing", async () => {
  const engine = new Engine();
  const dir = yamlDir(`
resources:
  gantry_host.h: { driver: local, address: 127.0.95.7 }
  gantry_file.f:
    host: \${gantry_host.h}
    path: /etc/f.conf
    content: "wanted"
`);
  const ws = engine.workspace({ dir });
  assert.is((await engine.apply(ws)).status, "applied");
  const onHost = join(dir, ".gantry/hosts/h/etc/f.conf");
  writeFileSync(onHost, "edited");
  const events: EngineEvent[] = [];
  const totals = await engine.reconcileOnce(ws, { mode: "refresh-only" }, (e) => events.push(e));
  assert.is(totals.repairs, 0);
  assert.is(readFileSync(onHost, "utf8"), "edited", "refresh-only changes nothing on the host");
  const refreshed = await engine.refresh(ws);
  assert.is(refreshed.status, "applied");
  assert.is(
    (await engine.showState(ws, "gantry_file.f")).attributes.content,
    "edited",
    "refresh records what is there",
  );
  const repaired = await engine.reconcileOnce(ws, {}, (e) => events.push(e));
  assert.is(repaired.repairs, 1);
  assert.is(readFileSync(onHost, "utf8"), "wanted");
  assert.ok(events.some((e) => e.type === "reconcile" && e.kind === "repaired"));
  await engine.destroy(ws);
});

test.run();
