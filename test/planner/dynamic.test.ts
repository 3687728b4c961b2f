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

const NESTED_HCL = `
variable "groups" {
  default = { web = [80, 443], db = [5432] }
}

resource "gantry_noop" "a" {
  input {
    name = "static"
    port = []
  }
  dynamic "input" {
    for_each = var.groups
    iterator = g
    content {
      name = g.key
      port {
        n     = 0
        group = "static"
      }
      dynamic "port" {
        for_each = g.value
        content {
          n     = port.value
          group = g.key
        }
      }
    }
  }
}
`;

const NESTED_JSON = {
  variable: { groups: { default: { web: [80, 443], db: [5432] } } },
  resource: {
    gantry_noop: {
      a: {
        input: [{ name: "static", port: [] }],
        dynamic: {
          input: {
            for_each: "${var.groups}",
            iterator: "g",
            content: {
              name: "${g.key}",
              port: [{ n: 0, group: "static" }],
              dynamic: { port: { for_each: "${g.value}", content: { n: "${port.value}", group: "${g.key}" } } },
            },
          },
        },
      },
    },
  },
};

for (const [lang, files] of [
  ["hcl", { "main.tf": NESTED_HCL }],
  ["json", tf(NESTED_JSON)],
] as const)
  test(`${lang}: dynamic blocks nest, inner contents read the outer iterator, static blocks first`, async () => {
    const p = await makePlan(configDir(files));
    assert.equal(p.changes[0].after!.input, [
      { name: "static", port: [] },
      {
        name: "db",
        port: [
          { n: 0, group: "static" },
          { n: 5432, group: "db" },
        ],
      },
      {
        name: "web",
        port: [
          { n: 0, group: "static" },
          { n: 80, group: "web" },
          { n: 443, group: "web" },
        ],
      },
    ]);
  });

test("an error in a nested dynamic block is located at it", async () => {
  const dir = configDir(
    tf({
      resource: {
        gantry_noop: {
          a: { dynamic: { input: { for_each: [1], content: { dynamic: { p: { for_each: [1] } } } } } },
        },
      },
    }),
  );
  const e = await makePlan(dir).then(
    () => assert.unreachable("must refuse") as never,
    (x: GantryError) => x,
  );
  assert.match(e.diagnostics[0].summary, /missing required field "content" in dynamic "p"/);
  assert.equal(e.diagnostics[0].origin?.path, [
    "resource",
    "gantry_noop",
    "a",
    "dynamic",
    "input",
    "content",
    "dynamic",
    "p",
  ]);
});

test.run();
