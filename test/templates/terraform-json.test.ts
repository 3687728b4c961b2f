import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { parseTerraformJson, stripComments } from "../../templates/terraform-json.js";
import { locate } from "../../templates/locate.js";
import { fixture } from "./helpers.js";

function parse(src: unknown, file = "main.tf.json") {
  const bag = new DiagnosticBag();
  const text = typeof src === "string" ? src : JSON.stringify(src, null, 2);
  const frag = parseTerraformJson(file, text, bag);
  return { frag, errors: bag.items, text };
}

// What CDKTF synthesizes: "//" metadata everywhere, terraform/provider blocks.
const CDKTF = {
  "//": { metadata: { backend: "local", stackName: "demo", version: "0.20.0" }, outputs: {} },
  terraform: { required_providers: { gantry: { source: "example/gantry", version: "0.1.0" } } },
  provider: { gantry: [{}] },
  variable: {
    agents: {
      type: "number",
      default: 3,
      description: "count",
      validation: { condition: "${var.agents > 0}", error_message: "positive" },
    },
    names: { type: "${list(string)}", nullable: false },
  },
  locals: { greeting: "hello ${var.agents}" },
  resource: {
    gantry_noop: {
      a: {
        "//": { metadata: { path: "demo/a", uniqueId: "a" } },
        input: "${gantry_noop.b.id}",
        tags: { "//": "drop me", env: "prod" },
        count: "${var.agents}",
        depends_on: ["gantry_noop.b", "${gantry_noop.c}"],
        lifecycle: {
          create_before_destroy: true,
          ignore_changes: ["${input}", "tags"],
          replace_triggered_by: ["gantry_noop.c"],
        },
        provider: "gantry",
      },
      b: { input: "x" },
    },
    gantry_file: [{ motd: [{ path: "/etc/motd", content: "hi" }] }],
    somethingelse_thing: { z: {} },
  },
  output: { a_id: { value: "${gantry_noop.a.id}", sensitive: true, depends_on: ["gantry_noop.a"] } },
};

test("CDKTF-style tf.json produces the model; // metadata skipped", () => {
  const { frag, errors } = parse(CDKTF);
  assert.equal(errors, []);
  assert.equal(
    frag.resources.map((r) => r.key),
    ["gantry_noop.a", "gantry_noop.b", "gantry_file.motd", "somethingelse_thing.z"],
  );
  const a = frag.resources[0];
  assert.is(a.type, "gantry_noop");
  assert.equal(Object.keys(a.properties), ["input", "tags"]);
  const input = a.properties.input.value;
  assert.is(input.k, "ref");
  if (input.k === "ref") assert.is(input.root, "gantry_noop"); // references stay as written
  assert.equal(a.properties.tags.value, { k: "lit", v: { env: "prod" } });
  assert.is(a.count?.value.k, "ref");
  assert.equal(
    a.dependsOn.map((d) => d.ref),
    ["gantry_noop.b", "gantry_noop.c"],
  );
  assert.equal(a.dependsOn[1].origin, {
    file: "main.tf.json",
    path: ["resource", "gantry_noop", "a", "depends_on", 1],
  });
  assert.is(a.lifecycle.createBeforeDestroy, true);
  assert.equal(a.lifecycle.ignoreChanges, ["input", "tags"]);
  assert.equal(
    a.lifecycle.replaceTriggeredBy.map((r) => r.ref),
    ["gantry_noop.c"],
  );
  assert.equal(a.origin, { file: "main.tf.json", path: ["resource", "gantry_noop", "a"] });
  assert.equal(a.properties.input.origin, { file: "main.tf.json", path: ["resource", "gantry_noop", "a", "input"] });

  const motd = frag.resources[2];
  assert.equal(motd.origin.path, ["resource", "gantry_file", 0, "motd", 0]);
  assert.equal(motd.properties.path.value, { k: "lit", v: "/etc/motd" });

  assert.equal(
    frag.variables.map((v) => [v.name, v.type, v.hasDefault]),
    [
      ["agents", "number", true],
      ["names", "list(string)", false],
    ],
  );
  assert.is(frag.variables[0].validations[0].condition.k, "bin");
  assert.equal(frag.variables[0].validations[0].errorMessage, { k: "lit", v: "positive" });
  assert.is(frag.locals[0].value.k, "tmpl");
  assert.is(frag.outputs[0].value.k, "ref");
  assert.is(frag.outputs[0].sensitive, true);
  assert.equal(
    frag.outputs[0].dependsOn.map((d) => d.ref),
    ["gantry_noop.a"],
  );
});

test("errors in tf.json are reported by path and located lazily", () => {
  const doc = {
    resource: {
      gantry_noop: {
        a: {
          count: [1, 2],
          provisioner: { chef: { run_list: ["x"] } },
          lifecycle: { ignore_changes: 3, bogus: 1 },
        },
      },
    },
    variable: { v: { type: "strng", validation: [{ condition: "${true}" }] } },
    output: { o: { description: "no value" } },
    data: {},
    wat: {},
  };
  const { errors, text } = parse(doc);
  const summaries = errors.map((e) => e.summary);
  assert.equal(summaries, [
    '"count" of resource gantry_noop.a must be a number or an expression string, got a list',
    'unknown provisioner type "chef" in resource gantry_noop.a; expected local-exec, remote-exec, file',
    '"lifecycle.ignore_changes" of resource gantry_noop.a must be a list of attribute names or "all", got a number',
    'unknown field "bogus" in "lifecycle" of resource gantry_noop.a; expected one of create_before_destroy, ' +
      "prevent_destroy, ignore_changes, replace_triggered_by, precondition, postcondition",
    'Invalid type specification in "type" of variable "v": The keyword "strng" is not a valid type specification.',
    'missing required field "error_message" in validation of variable "v"',
    'missing required field "value" in output "o"',
    'unknown top-level block "wat"; expected one of terraform, provider, resource, data, variable, locals, ' +
      'output, module, check, moved, import ("//" is ignored)',
  ]);
  const count = errors[0].origin!;
  assert.equal(count, { file: "main.tf.json", path: ["resource", "gantry_noop", "a", "count"] });
  const dir = fixture({ "main.tf.json": text });
  // JSON.stringify(…, null, 2): line 5 is `        "count": [`
  assert.equal(locate(count, dir), { line: 5, column: 9 });
  assert.equal(text.split("\n")[4].trim(), '"count": [');
});

test("malformed JSON reports line and column", () => {
  const src = '{\n  "resource": {\n    "gantry_noop": { "a": { "input": "x", } }\n  }\n}\n';
  const { errors } = parse(src);
  assert.is(errors.length, 1);
  assert.match(errors[0].summary, /^invalid JSON in main\.tf\.json at line 3, column 43: /);
  assert.equal([errors[0].origin?.line, errors[0].origin?.column], [3, 43]);

  const trunc = parse('{"resource": {"gantry_noop": {"a": {"input": tru}}}}');
  assert.match(trunc.errors[0].summary, /at line 1, column 46: unexpected "tru"/);

  const empty = parse("");
  assert.match(empty.errors[0].summary, /at line 1, column 1/);
});

test("resource blocks as arrays, locals as array", () => {
  const { frag, errors } = parse({
    resource: [{ gantry_noop: { a: {} } }, { gantry_noop: { b: { input: 1 } } }],
    locals: [{ x: 1 }, { y: "${local.x}" }],
  });
  assert.equal(errors, []);
  assert.equal(
    frag.resources.map((r) => r.key),
    ["gantry_noop.a", "gantry_noop.b"],
  );
  assert.equal(frag.resources[1].origin.path, ["resource", 1, "gantry_noop", "b"]);
  assert.equal(
    frag.locals.map((l) => l.name),
    ["x", "y"],
  );
  assert.is(frag.locals[1].value.k, "ref");
});

test("ignore_changes all, wrapped", () => {
  const { frag } = parse({ resource: { gantry_noop: { a: { lifecycle: [{ ignore_changes: "${all}" }] } } } });
  assert.is(frag.resources[0].lifecycle.ignoreChanges, "all");
});

test("stripComments keeps identity when nothing to strip", () => {
  const v = { a: [1, { b: 2 }] };
  assert.is(stripComments(v), v);
  assert.equal(stripComments({ a: [{ "//": 1, b: 2 }] }), { a: [{ b: 2 }] });
});

test("bad depends_on entries are reported", () => {
  const { errors } = parse({ resource: { gantry_noop: { a: { depends_on: ["gantry_noop.b.id", 3] } } } });
  assert.equal(
    errors.map((e) => e.summary),
    [
      '"depends_on[0]" of resource gantry_noop.a must be a resource address such as "gantry_noop.a", got ' +
        '"gantry_noop.b.id"',
      '"depends_on[1]" of resource gantry_noop.a must be a resource address such as "gantry_noop.a", got a number',
    ],
  );
});

test.run();
