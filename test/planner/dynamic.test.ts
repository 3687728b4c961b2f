import { test } from "uvu";
import * as assert from "uvu/assert";
import type { GantryError } from "../../contract/diagnostics.js";
import { configDir, makePlan, planAndApply } from "./harness.js";

const tf = (doc: unknown) => ({ "main.tf.json": JSON.stringify(doc, null, 2) });

test("a dynamic block repeats its content once per for_each element; the iterator has key and value", async () => {
  const dir = configDir(
    tf({
      variable: { ports: { default: { http: 80, https: 443 } } },
      resource: {
        gantry_noop: {
          a: {
            dynamic: {
              input: { for_each: "${var.ports}", iterator: "p", content: { name: "${p.key}", port: "${p.value + 1}" } },
            },
          },
          b: { dynamic: [{ input: { for_each: ["x", "y"], content: { v: "${upper(input.value)}-${input.key}" } } }] },
        },
      },
    }),
  );
  const p = await makePlan(dir);
  const after = (a: string) => p.changes.find((c) => c.address === a)!.after!.input;
  assert.equal(after("gantry_noop.a"), [
    { name: "http", port: 81 },
    { name: "https", port: 444 },
  ]);
  assert.equal(after("gantry_noop.b"), [{ v: "X-0" }, { v: "Y-1" }]);
  const { state } = await planAndApply(dir);
  assert.equal(state.instances.get("gantry_noop.b")!.attributes.output, [{ v: "X-0" }, { v: "Y-1" }]);
});

test("a dynamic block without content or with an unknown field is a located error", async () => {
  const dir = configDir(
    tf({ resource: { gantry_noop: { a: { dynamic: { input: { for_each: [1], contents: {} } } } } } }),
  );
  const e = await makePlan(dir).then(
    () => assert.unreachable("must refuse") as never,
    (x: GantryError) => x,
  );
  assert.equal(
    e.diagnostics.map((d) => d.summary),
    [
      'unknown field "contents" in dynamic "input" of resource gantry_noop.a; expected one of for_each, iterator, ' +
        "labels, content",
      'missing required field "content" in dynamic "input" of resource gantry_noop.a',
    ],
  );
  assert.equal(e.diagnostics[0].origin?.path, ["resource", "gantry_noop", "a", "dynamic", "input", "contents"]);
});

test.run();
