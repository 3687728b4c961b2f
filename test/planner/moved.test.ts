import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { renderPlan } from "../../cli/render-plan.js";
import { planToJson } from "../../cli/render-json.js";
import { makeStyle } from "../../cli/style.js";
import type { GantryError } from "../../contract/diagnostics.js";
import { actions, configDir, makePlan, planAndApply, statePath, writeConfig } from "./harness.js";

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

test("a resource moved to a new name keeps its object: no change but the move, shown as Terraform does", async () => {
  const dir = configDir(tf({ resource: { gantry_noop: { a: { input: 1 } } } }));
  const first = (await planAndApply(dir)).state.instances.get("gantry_noop.a")!;
  writeConfig(
    dir,
    tf({ resource: { gantry_noop: { b: { input: 1 } } }, moved: { from: "gantry_noop.a", to: "gantry_noop.b" } }),
  );
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_noop.b": "noop" });
  assert.is(p.changes[0].previousAddress, "gantry_noop.a");
  const text = renderPlan(p, plain);
  assert.match(text, /# gantry_noop\.a has moved to gantry_noop\.b\n {4}resource "gantry_noop" "b" \{\n {8}id = /);
  assert.match(text, /Plan: 0 to add, 0 to change, 0 to destroy\./);
  assert.not.match(text, /No changes/);
  const json = planToJson(p) as { resource_changes: { address: string; previous_address?: string }[] };
  assert.equal(json.resource_changes[0], {
    ...json.resource_changes[0],
    address: "gantry_noop.b",
    previous_address: "gantry_noop.a",
  });
  const { state } = await planAndApply(dir);
  assert.equal([...state.instances.keys()], ["gantry_noop.b"]);
  assert.is(state.instances.get("gantry_noop.b")!.attributes.id, first.attributes.id);
  assert.equal(actions(await makePlan(dir)), { "gantry_noop.b": "noop" });
  assert.is((await makePlan(dir)).changes[0].previousAddress, undefined);
});

test("a move with a change shows '(moved from ...)'; chains a → b → c end at c", async () => {
  const dir = configDir(tf({ resource: { gantry_noop: { a: { input: 1 } } } }));
  await planAndApply(dir);
  writeConfig(
    dir,
    tf({
      resource: { gantry_noop: { c: { input: 2 } } },
      moved: [
        { from: "gantry_noop.b", to: "gantry_noop.c" },
        { from: "gantry_noop.a", to: "gantry_noop.b" },
      ],
    }),
  );
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_noop.c": "update" });
  assert.match(renderPlan(p, plain), /# gantry_noop\.c will be updated in-place\n {2}# \(moved from gantry_noop\.a\)/);
});

test("instance moves: [0] to a key, and count removed moves [0] to the no-key instance by itself", async () => {
  const dir = configDir(tf({ resource: { gantry_noop: { a: { count: 2, input: "${count.index}" } } } }));
  await planAndApply(dir);
  writeConfig(
    dir,
    tf({
      resource: { gantry_noop: { a: { count: 1, input: 0 }, b: { input: 1 } } },
      moved: { from: "gantry_noop.a[1]", to: "gantry_noop.b" },
    }),
  );
  let p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_noop.a[0]": "noop", "gantry_noop.b": "noop" });
  await planAndApply(dir);
  writeConfig(dir, tf({ resource: { gantry_noop: { a: { input: 0 }, b: { input: 1 } } } }));
  p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_noop.a": "noop", "gantry_noop.b": "noop" });
  assert.match(renderPlan(p, plain), /# gantry_noop\.a\[0\] has moved to gantry_noop\.a/);
});

test("a move to an address that already has state is skipped with Terraform's warning", async () => {
  const dir = configDir(tf({ resource: { gantry_noop: { a: { input: 1 }, b: { input: 2 } } } }));
  await planAndApply(dir);
  writeConfig(
    dir,
    tf({ resource: { gantry_noop: { b: { input: 2 } } }, moved: { from: "gantry_noop.a", to: "gantry_noop.b" } }),
  );
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_noop.a": "delete", "gantry_noop.b": "noop" });
  assert.is(p.warnings[0].summary, "Unresolved resource instance address changes");
  assert.match(p.warnings[0].detail!, /- gantry_noop\.a could not move to gantry_noop\.b/);
});

test("invalid moves are refused with Terraform's messages, located, and the state is untouched", async () => {
  const dir = configDir(tf({ resource: { gantry_noop: { a: { input: 1 } } } }));
  await planAndApply(dir);
  const before = readFileSync(statePath(dir), "utf8");
  const cases: [unknown, string, RegExp][] = [
    [{ from: "gantry_noop.a", to: "gantry_noop.a" }, "Redundant move statement", /from gantry_noop\.a to the same/],
    [
      [
        { from: "gantry_noop.a", to: "gantry_noop.b" },
        { from: "gantry_noop.b", to: "gantry_noop.a" },
      ],
      "Cyclic dependency in move statements",
      new RegExp(
        "form a cycle.*\n {2}- main\\.tf\\.json: gantry_noop\\.a → gantry_noop\\.b\n {2}- main\\.tf\\.json: " +
          "gantry_noop\\.b → gantry_noop\\.a",
        "s",
      ),
    ],
    [
      [
        { from: "gantry_noop.a", to: "gantry_noop.b" },
        { from: "gantry_noop.a", to: "gantry_noop.c" },
      ],
      "Ambiguous move statements",
      /declared that gantry_noop\.a moved to gantry_noop\.b, but this statement instead declares that it moved to /,
    ],
    [{ from: "gantry_noop.a", to: "gantry_file.a" }, "Unsupported `moved` across resource types", /does not support/],
    [
      { from: "gantry_noop.x", to: "gantry_noop.a" },
      "Moved object still exists",
      /a move from gantry_noop\.x, but that resource is still declared/,
    ],
  ];
  for (const [moved, summary, detail] of cases) {
    writeConfig(dir, tf({ resource: { gantry_noop: { a: { input: 1 }, x: { input: 1 } } }, moved }));
    const e = await refused(planAndApply(dir));
    assert.is(e.diagnostics[0].summary, summary);
    assert.match(e.diagnostics[0].detail ?? "", detail);
    assert.equal(e.diagnostics[0].origin?.path.slice(0, 1), ["moved"]);
    assert.is(readFileSync(statePath(dir), "utf8"), before, summary);
  }
  writeConfig(
    dir,
    tf({ resource: { gantry_noop: { a: { input: 1 } } }, moved: { from: "gantry_noop", to: "gantry_noop.a" } }),
  );
  const e = await refused(makePlan(dir));
  assert.match(
    e.diagnostics[0].summary,
    /Invalid "moved" address: "from" must be a resource, a resource instance, a module call or a module/,
  );
  assert.equal(e.diagnostics[0].origin?.path, ["moved", "from"]);
});

test("YAML writes moved blocks as a list, with short type names", async () => {
  const dir = configDir({ "main.gantry.yaml": "resources:\n  noop.a:\n    input: 1\n" });
  await planAndApply(dir);
  writeConfig(dir, {
    "main.gantry.yaml": "resources:\n  noop.b:\n    input: 1\nmoved:\n  - from: noop.a\n    to: noop.b\n",
  });
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_noop.b": "noop" });
  assert.is(p.changes[0].previousAddress, "gantry_noop.a");
});

test.run();
