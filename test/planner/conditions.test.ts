import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import type { GantryError } from "../../contract/diagnostics.js";
import { actions, configDir, makePlan, planAndApply, statePath, writeConfig } from "./harness.js";
import { testEngine } from "../engine-fixture.js";

const tf = (doc: unknown) => ({ "main.tf.json": JSON.stringify(doc, null, 2) });

async function refused(p: Promise<unknown>): Promise<GantryError> {
  return p.then(
    () => assert.unreachable("must refuse") as never,
    (e: GantryError) => {
      assert.ok(e.diagnostics, String(e));
      return e;
    },
  );
}

const withPre = (input: number) =>
  tf({
    variable: { n: { default: input } },
    resource: {
      gantry_noop: {
        a: {
          input: "${var.n}",
          lifecycle: { precondition: { condition: "${var.n > 0}", error_message: "n must be positive." } },
        },
      },
    },
  });

test("a true precondition plans as usual; a false one refuses with the message, located at the condition", async () => {
  assert.equal(actions(await makePlan(configDir(withPre(1)))), { "gantry_noop.a": "create" });
  const e = await refused(makePlan(configDir(withPre(-1))));
  const d = e.diagnostics[0];
  assert.is(d.summary, "Resource precondition failed");
  assert.is(d.detail, "n must be positive.");
  assert.equal(d.origin?.path, ["resource", "gantry_noop", "a", "lifecycle", "precondition", "condition"]);
});

test("pre- and postconditions may be lists of blocks (JSON syntax); error messages are templates", async () => {
  const dir = configDir(
    tf({
      resource: {
        gantry_noop: {
          a: {
            input: "x",
            lifecycle: [
              {
                precondition: [{ condition: true, error_message: "never" }],
                postcondition: [
                  { condition: '${self.output == "x"}', error_message: "never" },
                  { condition: '${self.output == "y"}', error_message: "output is ${self.output}, not y." },
                ],
              },
            ],
          },
        },
      },
    }),
  );
  const e = await refused(makePlan(dir));
  assert.is(e.diagnostics.length, 1);
  assert.is(e.diagnostics[0].summary, "Resource postcondition failed");
  assert.is(e.diagnostics[0].detail, "output is x, not y.");
  assert.equal(e.diagnostics[0].origin?.path, [
    "resource",
    "gantry_noop",
    "a",
    "lifecycle",
    0,
    "postcondition",
    1,
    "condition",
  ]);
});

test("a postcondition on a value known only after apply is checked then; the object stays in state", async () => {
  const dir = configDir(
    tf({
      resource: {
        gantry_noop: {
          a: {
            input: 1,
            lifecycle: { postcondition: { condition: '${self.id == "never"}', error_message: "id is ${self.id}." } },
          },
        },
      },
    }),
  );
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_noop.a": "create" });
  // unknown at plan in the plan's check results, failed in the state's after apply
  assert.equal(
    p.checks?.map((c) => [c.configAddress, c.status]),
    [["gantry_noop.a", "unknown"]],
  );
  const { result, state } = await planAndApply(dir);
  assert.is(result.failed.length, 1);
  assert.match(result.failed[0].error, /Resource postcondition failed: id is /);
  assert.is(result.diagnostics[0].summary, "Resource postcondition failed");
  assert.ok(state.instances.has("gantry_noop.a"), "the new object is kept");
  const [checked] = state.checks ?? [];
  assert.is(checked?.status, "fail");
  assert.match(checked.instances[0].problems[0], /^id is .+\.$/);
});

test("a precondition may refer to another resource; it is checked at apply when unknown at plan", async () => {
  const dir = configDir(
    tf({
      resource: {
        gantry_noop: {
          src: { input: 1 },
          b: {
            input: 2,
            lifecycle: {
              precondition: { condition: '${gantry_noop.src.id == "nope"}', error_message: "src is not nope." },
            },
          },
        },
      },
    }),
  );
  const { result, state } = await planAndApply(dir);
  assert.equal(
    result.failed.map((f) => f.address),
    ["gantry_noop.b"],
  );
  assert.match(result.failed[0].error, /Resource precondition failed: src is not nope\./);
  assert.ok(state.instances.has("gantry_noop.src"));
  assert.not.ok(state.instances.has("gantry_noop.b"), "a failed precondition stops the change");
});

test("output precondition: Terraform's message, exit before anything changes, state untouched", async () => {
  const doc = (ok: boolean) =>
    tf({
      resource: { gantry_noop: { a: { input: 1 } } },
      output: {
        o: {
          value: "${gantry_noop.a.output}",
          precondition: { condition: ok, error_message: "o is not ready." },
        },
      },
    });
  const dir = configDir(doc(true));
  await planAndApply(dir);
  const before = readFileSync(statePath(dir), "utf8");
  writeConfig(dir, doc(false));
  const e = await refused(makePlan(dir));
  assert.is(e.diagnostics[0].summary, "Module output value precondition failed");
  assert.is(e.diagnostics[0].detail, "o is not ready.");
  assert.equal(e.diagnostics[0].origin?.path, ["output", "o", "precondition", "condition"]);
  await refused(planAndApply(dir));
  assert.is(readFileSync(statePath(dir), "utf8"), before);
});

test("a condition that is null or not a bool is an error; self outside a postcondition is an error", async () => {
  const one = (lifecycle: unknown) => configDir(tf({ resource: { gantry_noop: { a: { input: 1, lifecycle } } } }));
  let e = await refused(makePlan(one({ precondition: { condition: "${null}", error_message: "m" } })));
  assert.is(e.diagnostics[0].summary, "Invalid condition result");
  assert.match(e.diagnostics[0].detail ?? "", /not null/);
  e = await refused(makePlan(one({ precondition: { condition: '${self.id != ""}', error_message: "m" } })));
  assert.is(e.diagnostics[0].summary, 'Invalid "self" reference');
  e = await refused(makePlan(one({ precondition: { condition: true } })));
  assert.match(e.diagnostics[0].summary, /missing required field "error_message" in precondition of/);
});

test("YAML writes the same conditions", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      "resources:\n  noop.a:\n    input: 2\n    lifecycle:\n      postcondition:\n" +
      '        condition: "${self.output > 5}"\n        error_message: too small\n',
  });
  const e = await refused(makePlan(dir));
  assert.is(e.diagnostics[0].summary, "Resource postcondition failed");
  assert.is(e.diagnostics[0].origin?.line, 6);
  void testEngine;
});

test("check blocks: failed assertions are warnings at plan and after apply, never errors", async () => {
  const dir = configDir(
    tf({
      resource: { gantry_noop: { a: { input: 1 } } },
      check: {
        known: { assert: { condition: "${gantry_noop.a.output == 2}", error_message: "output is not 2." } },
        later: {
          assert: [
            { condition: '${gantry_noop.a.id == "x"}', error_message: "id is not x." },
            { condition: true, error_message: "never" },
          ],
        },
      },
    }),
  );
  const p = await makePlan(dir);
  assert.equal(
    p.warnings.map((w) => [w.severity, w.summary, w.detail]),
    [
      ["warning", "Check block assertion failed", "output is not 2."],
      // Terraform's warning for an assertion not known yet
      [
        "warning",
        "Check block assertion known after apply",
        "The condition could not be evaluated at this time, a result will be known when this plan is applied.",
      ],
    ],
  );
  assert.equal(p.warnings[0].origin?.path, ["check", "known", "assert", "condition"]);
  assert.equal(p.warnings[1].origin?.path, ["check", "later", "assert", 0, "condition"]);
  const { result, state } = await planAndApply(dir);
  assert.is(result.failed.length, 0);
  assert.ok(state.instances.has("gantry_noop.a"));
  assert.equal(
    result.diagnostics.map((w) => [w.severity, w.detail]),
    [
      ["warning", "output is not 2."],
      ["warning", "id is not x."],
    ],
  );
});

test("a check block refers only to what is declared; its body must have assert blocks", async () => {
  let e = await refused(
    makePlan(
      configDir(tf({ check: { c: { assert: { condition: "${gantry_noop.zz.id != 1}", error_message: "m" } } } })),
    ),
  );
  assert.is(e.diagnostics[0].summary, 'Reference to undeclared resource "gantry_noop.zz"');
  e = await refused(makePlan(configDir(tf({ check: { c: {} } }))));
  assert.match(e.diagnostics[0].summary, /missing required field "assert" in check "c"/);
});

test.run();
