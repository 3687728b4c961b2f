import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderPlan } from "../../cli/render-plan.js";
import { planToJson } from "../../cli/render-json.js";
import { makeStyle } from "../../cli/style.js";
import type { GantryError } from "../../contract/diagnostics.js";
import { actions, configDir, makePlan, planAndApply, statePath, writeConfig } from "./harness.js";
import { testEngine } from "../engine-fixture.js";

const tf = (doc: unknown) => ({ "main.tf.json": JSON.stringify(doc, null, 2) });
const plain = makeStyle(false);

async function refused(p: Promise<unknown>): Promise<GantryError> {
  return p.then(
    () => assert.unreachable("must refuse") as never,
    (e: GantryError) => {
      assert.ok(e.diagnostics, String(e));
      return e;
    },
  );
}

const host = { gantry_host: { h: { driver: "local" } } };
const fileDoc = (content: string, extra: Record<string, unknown> = {}) =>
  tf({
    resource: { ...host, gantry_file: { f: { host: "${gantry_host.h}", path: "/srv/a.txt", content } } },
    import: { to: "gantry_file.f", id: "/srv/a.txt" },
    ...extra,
  });

test("an import block reads an existing file into state: no change when it matches; apply records it", async () => {
  const dir = configDir(tf({ resource: host }));
  const { state } = await planAndApply(dir);
  const root = state.instances.get("gantry_host.h")!.attributes.root as string;
  mkdirSync(join(root, "srv"), { recursive: true });
  writeFileSync(join(root, "srv/a.txt"), "hello");
  writeConfig(dir, fileDoc("hello"));
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_host.h": "noop", "gantry_file.f": "noop" });
  const f = p.changes.find((c) => c.address === "gantry_file.f")!;
  assert.equal(f.importing, { id: "/srv/a.txt" });
  const text = renderPlan(p, plain);
  assert.match(text, /# gantry_file\.f will be imported\n {4}resource "gantry_file" "f" \{\n/);
  assert.match(text, /content += "hello"/);
  assert.match(text, /Plan: 1 to import, 0 to add, 0 to change, 0 to destroy\./);
  const json = planToJson(p) as { resource_changes: { address: string; change: { importing?: unknown } }[] };
  assert.equal(json.resource_changes.find((c) => c.address === "gantry_file.f")!.change.importing, {
    id: "/srv/a.txt",
  });
  const applied = await planAndApply(dir);
  assert.is(applied.state.instances.get("gantry_file.f")!.attributes.content, "hello");
  // imported once: the block stays, and plans nothing more
  const again = await makePlan(dir);
  assert.equal(actions(again), { "gantry_host.h": "noop", "gantry_file.f": "noop" });
  assert.is(again.changes.find((c) => c.address === "gantry_file.f")!.importing, undefined);
});

test("an import that differs from the configuration plans the update after the import", async () => {
  const dir = configDir(tf({ resource: host }));
  const root = (await planAndApply(dir)).state.instances.get("gantry_host.h")!.attributes.root as string;
  mkdirSync(join(root, "srv"), { recursive: true });
  writeFileSync(join(root, "srv/a.txt"), "old");
  writeConfig(dir, fileDoc("new"));
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_host.h": "noop", "gantry_file.f": "update" });
  assert.match(
    renderPlan(p, plain),
    /# gantry_file\.f will be updated in-place\n {2}# \(imported from "\/srv\/a\.txt"\)\n/,
  );
  assert.match(renderPlan(p, plain), /Plan: 1 to import, 0 to add, 1 to change, 0 to destroy\./);
  await planAndApply(dir);
  assert.is(readFileSync(join(root, "srv/a.txt"), "utf8"), "new");
});

test("import errors: no object, no configuration, a type without import; the state is untouched", async () => {
  const dir = configDir(tf({ resource: host }));
  await planAndApply(dir);
  const before = readFileSync(statePath(dir), "utf8");
  writeConfig(dir, fileDoc("x"));
  let e = await refused(planAndApply(dir));
  assert.is(e.diagnostics[0].summary, "Cannot import non-existent remote object");
  assert.equal(e.diagnostics[0].origin?.path, ["import"]);
  writeConfig(dir, tf({ resource: host, import: { to: "gantry_noop.nope", id: "x" } }));
  e = await refused(planAndApply(dir));
  assert.is(e.diagnostics[0].summary, "Configuration for import target does not exist");
  writeConfig(
    dir,
    tf({
      resource: { ...host, gantry_host: { h: { driver: "local" }, g: { driver: "local" } } },
      import: [{ to: "gantry_host.g", id: "x" }],
    }),
  );
  e = await refused(planAndApply(dir));
  assert.is(e.diagnostics[0].summary, "Resource Import Not Implemented");
  assert.match(e.diagnostics[0].detail!, /"gantry_host" does not support import/);
  assert.is(readFileSync(statePath(dir), "utf8"), before);
});

test("gantry_noop imports by id; the engine's import records it at once; a second import is refused", async () => {
  const dir = configDir(tf({ resource: { gantry_noop: { a: { input: 1 } } } }));
  const ws = testEngine().workspace({ dir });
  const inst = await testEngine().importObject(ws, "gantry_noop.a", "the-id");
  assert.is(inst.attributes.id, "the-id");
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_noop.a": "update" });
  assert.is(p.changes[0].before!.id, "the-id");
  const e = await refused(testEngine().importObject(ws, "gantry_noop.a", "other"));
  assert.is(e.diagnostics[0].summary, "Resource already managed by gantry");
});

test.run();
