import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { parseNativeYaml, readNativeYaml } from "../../templates/native-yaml.js";
import { dedent } from "./helpers.js";

function parse(src: string) {
  const bag = new DiagnosticBag();
  const frag = parseNativeYaml("main.gantry.yaml", dedent(src), bag);
  return { frag, errors: bag.items };
}

const FULL = `
  variables:
    agents: { type: number, default: 3, description: "how many", sensitive: false,
              validation: [ { condition: "\${var.agents > 0}", error_message: "must be positive" } ] }
    names: { type: list(string) }
  locals:
    greeting: "hello \${var.name}"
  resources:
    host.web:
      driver: local
    gantry_file.motd:
      host: \${host.web}
      path: /etc/motd
      content: "hi \${local.greeting}"
      count: 3
      depends_on: [noop.a, "\${gantry_noop.b}"]
      lifecycle: { create_before_destroy: true, prevent_destroy: false, ignore_changes: [content], \
replace_triggered_by: [noop.b] }
    noop.a:
    noop.b:
      for_each: "\${var.names}"
      lifecycle: { ignore_changes: all }
  outputs:
    motd_path: { value: "\${file.motd.path}", description: "where", sensitive: true, depends_on: [file.motd] }
`;

test("native YAML produces the model", () => {
  const { frag, errors } = parse(FULL);
  assert.equal(errors, []);
  assert.equal(
    frag.resources.map((r) => r.key),
    ["gantry_host.web", "gantry_file.motd", "gantry_noop.a", "gantry_noop.b"],
  );
  const motd = frag.resources[1];
  assert.is(motd.type, "gantry_file");
  assert.is(motd.name, "motd");
  assert.equal(Object.keys(motd.properties), ["host", "path", "content"]);
  const host = motd.properties.host.value;
  assert.is(host.k, "ref");
  if (host.k === "ref") assert.is(host.root, "gantry_host"); // short in YAML, full in the model
  assert.equal(motd.properties.path.value, { k: "lit", v: "/etc/motd" });
  assert.is(motd.properties.content.value.k, "tmpl");
  assert.equal(motd.count?.value, { k: "lit", v: 3 });
  assert.equal(
    motd.dependsOn.map((d) => d.ref),
    ["gantry_noop.a", "gantry_noop.b"],
  );
  assert.equal(motd.dependsOn[1].origin.path, ["resources", "gantry_file.motd", "depends_on", 1]);
  assert.equal(motd.lifecycle, {
    createBeforeDestroy: true,
    preventDestroy: false,
    ignoreChanges: ["content"],
    replaceTriggeredBy: [motd.lifecycle.replaceTriggeredBy[0]],
    preconditions: [],
    postconditions: [],
  });
  assert.is(motd.lifecycle.replaceTriggeredBy[0].ref, "gantry_noop.b");
  // Origins: the resource's key, the property's key.
  assert.equal(motd.origin, { file: "main.gantry.yaml", path: ["resources", "gantry_file.motd"], line: 10, column: 3 });
  assert.equal(motd.properties.content.origin, {
    file: "main.gantry.yaml",
    path: ["resources", "gantry_file.motd", "content"],
    line: 13,
    column: 5,
  });

  const a = frag.resources[2];
  assert.equal(a.properties, {});
  assert.equal(a.dependsOn, []);
  const b = frag.resources[3];
  assert.is(b.forEach?.value.k, "ref");
  assert.is(b.lifecycle.ignoreChanges, "all");

  assert.equal(
    frag.variables.map((v) => [v.name, v.type, v.hasDefault, v.default]),
    [
      ["agents", "number", true, 3],
      ["names", "list(string)", false, undefined],
    ],
  );
  const agents = frag.variables[0];
  assert.is(agents.description, "how many");
  assert.is(agents.validations.length, 1);
  assert.is(agents.validations[0].condition.k, "bin");
  assert.equal(agents.validations[0].errorMessage, { k: "lit", v: "must be positive" });

  assert.is(frag.locals[0].name, "greeting");
  assert.is(frag.locals[0].value.k, "tmpl");

  const out = frag.outputs[0];
  assert.equal(out.value.k === "ref" && [out.value.root, out.value.text], ["gantry_file", "file.motd.path"]);
  assert.is(out.name, "motd_path");
  assert.is(out.value.k, "ref");
  assert.is(out.sensitive, true);
  assert.equal(
    out.dependsOn.map((d) => d.ref),
    ["gantry_file.motd"],
  );
});

test("empty document is an empty fragment", () => {
  const { frag, errors } = parse("# nothing here\n");
  assert.equal(errors, []);
  assert.is(frag.resources.length, 0);
});

test("unknown top-level field is located at the key", () => {
  const { errors } = parse(`
    resources:
      noop.a: {}
    resourcs:
      noop.b: {}
  `);
  assert.is(errors.length, 1);
  assert.is(
    errors[0].summary,
    'unknown field "resourcs" at top level; expected one of variables, locals, resources, outputs, modules, data, ' +
      "checks, moved, import, terraform",
  );
  assert.equal(errors[0].origin, { file: "main.gantry.yaml", path: ["resourcs"], line: 3, column: 1 });
});

test("count of the wrong type names the field and the resource", () => {
  const { errors } = parse(`
    resources:
      noop.a:
        input: x
        count: [1, 2]
  `);
  assert.is(errors.length, 1);
  assert.is(errors[0].summary, '"count" of resource noop.a must be a number or an expression string, got a list');
  assert.equal(errors[0].origin, {
    file: "main.gantry.yaml",
    path: ["resources", "noop.a", "count"],
    line: 4,
    column: 5,
  });
});

test("schema errors: bad resource key, lifecycle, variables, outputs", () => {
  const { errors } = parse(`
    variables:
      x: { type: strng, defualt: 1 }
    resources:
      Noop-A: {}
      noop.a:
        lifecycle: { ignore_changes: al, foo: 1 }
        depends_on: [noop.b, "not an address"]
    outputs:
      o: { description: nothing }
  `);
  const by = (s: string) => errors.find((e) => e.summary.includes(s));
  const key = by('invalid resource key "Noop-A"');
  assert.ok(key);
  assert.equal([key!.origin?.line, key!.origin?.column], [4, 3]);
  const t = by('Invalid type specification in "type" of variable "x"');
  assert.ok(t);
  assert.match(t!.summary, /The keyword "strng" is not a valid type specification\./);
  assert.equal([t!.origin?.line, t!.origin?.column], [2, 8]);
  const extra = by('unknown field "defualt" in variable "x"');
  assert.ok(extra);
  assert.equal([extra!.origin?.line, extra!.origin?.column], [2, 21]);
  const ic = by('"lifecycle.ignore_changes" of resource noop.a must be a list of attribute names or "all", got "al"');
  assert.ok(ic);
  assert.equal([ic!.origin?.line, ic!.origin?.column], [6, 18]);
  const lf = by('unknown field "foo" in "lifecycle" of resource noop.a');
  assert.ok(lf);
  assert.equal([lf!.origin?.line, lf!.origin?.column], [6, 38]);
  const dep = by('"depends_on[1]" of resource noop.a must be a resource address');
  assert.ok(dep);
  assert.equal([dep!.origin?.line, dep!.origin?.column], [7, 26]);
  const req = by('missing required field "value" in output "o"');
  assert.ok(req);
  assert.equal([req!.origin?.line, req!.origin?.column], [9, 3]);
  assert.is(errors.length, 7);
});

test("malformed YAML names file, line and column", () => {
  const { errors, frag } = parse(`
    resources:
      noop.a:
        input: "unterminated
  `);
  assert.ok(errors.length >= 1);
  assert.match(errors[0].summary, /^invalid YAML in main\.gantry\.yaml at line \d+, column \d+: /);
  assert.is(errors[0].origin?.file, "main.gantry.yaml");
  assert.type(errors[0].origin?.line, "number");
  assert.is(frag.resources.length, 0);

  const bad = parse("resources:\n  noop.a: {\n  x: ]\n");
  assert.ok(bad.errors.length >= 1);
  assert.match(bad.errors[0].summary, /at line 3, column \d+/);
});

test("expression syntax errors point inside the string", () => {
  const { errors } = parse(`
    resources:
      noop.a:
        input: "x \${foo +}"
  `);
  assert.is(errors.length, 1);
  assert.match(errors[0].summary, /^invalid expression in "input" of resource noop\.a: /);
  // the value starts at column 12 (the quote); offset 9 inside the string
  assert.equal([errors[0].origin?.line, errors[0].origin?.column], [3, 22]);
});

test("duplicate keys inside a resource are reported with both locations", () => {
  const { errors } = parse(`
    resources:
      noop.a:
        input: one
        input: two
  `);
  assert.is(errors.length, 1);
  assert.is(errors[0].summary, 'duplicate key "input" in "resources.noop.a"');
  assert.equal([errors[0].origin?.line, errors[0].origin?.column], [4, 5]);
  assert.equal([errors[0].related?.[0].origin?.line, errors[0].related?.[0].origin?.column], [3, 5]);
});

test("provisioner: local-exec is read; remote-exec needs a connection", () => {
  const ok = parse(`
    resources:
      noop.a:
        provisioner: { local-exec: { command: "echo" } }
  `);
  assert.equal(ok.errors, []);
  assert.equal(
    ok.frag.resources[0].provisioners?.map((p) => p.type),
    ["local-exec"],
  );
  const { errors } = parse(`
    resources:
      noop.a:
        provisioner: { remote-exec: { inline: ["echo"] } }
  `);
  assert.is(errors.length, 1);
  assert.is(errors[0].summary, 'provisioner "remote-exec" of resource noop.a has no connection');
});

test("validation may be a single map; condition compiled", () => {
  const { frag, errors } = parse(`
    variables:
      n:
        type: number
        validation: { condition: "\${var.n < 10}", error_message: "too big" }
  `);
  assert.equal(errors, []);
  assert.is(frag.variables[0].validations[0].condition.k, "bin");
  assert.equal(frag.variables[0].validations[0].origin.path, ["variables", "n", "validation"]);
});

/** The declarations' names and values (what the builder reads), without the YAML nodes behind them. */
function declaredValues(src: string) {
  const raw = readNativeYaml("main.gantry.yaml", dedent(src));
  return [...raw.declarations].map((d) =>
    "body" in d ? [d.kind, "name" in d ? d.name : "", d.body.value] : d.kind === "local" ? [d.name, d.value.value] : d,
  );
}

test("entries read from the whole document's values equal entries converted one by one", () => {
  // an "&" anywhere (here in a comment) makes each entry be converted on its own, as before
  const oneByOne = `${FULL}  # one & another\n`;
  assert.equal(declaredValues(FULL), declaredValues(oneByOne));
  assert.equal(parse(FULL).frag, parse(oneByOne).frag);
});

test("anchors, aliases, merge keys and repeated names are read as written", () => {
  const anchored = `
    locals:
      base: &base { driver: local }
    resources:
      host.a: *base
      host.b: { <<: *base, name: b }
  `;
  assert.equal(declaredValues(anchored), [
    ["base", { driver: "local" }],
    ["resource", "a", { driver: "local" }],
    ["resource", "b", { driver: "local", name: "b" }],
  ]);
  // a name given twice: each entry keeps its own value (the document's values hold only the last)
  assert.equal(declaredValues("resources:\n  noop.x: { input: one }\n  noop.x: { input: two }\n"), [
    ["resource", "x", { input: "one" }],
    ["resource", "x", { input: "two" }],
  ]);
});

test.run();
