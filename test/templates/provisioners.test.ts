// Provisioner blocks through the shared builder: Terraform JSON's forms (in
// order), YAML's, when/on_failure, and the located errors for what gantry
// cannot run yet (remote-exec, file, connection) or refuses as Terraform does.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { locate } from "../../templates/locate.js";
import { parseNativeYaml } from "../../templates/native-yaml.js";
import { parseTerraformJson } from "../../templates/terraform-json.js";
import { dedent } from "./helpers.js";

function tfjson(resource: Record<string, unknown>) {
  const bag = new DiagnosticBag();
  const text = JSON.stringify({ resource: { null_resource: { a: resource } } }, null, 2);
  const frag = parseTerraformJson("main.tf.json", text, bag);
  return { frag, errors: bag.items, text };
}

function yaml(src: string) {
  const bag = new DiagnosticBag();
  const frag = parseNativeYaml("main.gantry.yaml", dedent(src), bag);
  return { frag, errors: bag.items };
}

test("Terraform JSON: a list of one-member maps keeps its order; when and on_failure are read", () => {
  const { frag, errors } = tfjson({
    provisioner: [
      { "local-exec": { command: "echo one", environment: { A: "1" } } },
      { "local-exec": { command: "echo two", when: "destroy", on_failure: "continue" } },
      { "local-exec": [{ command: "echo three", interpreter: ["bash", "-c"] }, { command: "echo four" }] },
    ],
  });
  assert.equal(errors, []);
  const ps = frag.resources[0].provisioners!;
  assert.equal(
    ps.map((p) => [p.type, p.when, p.onFailure, (p.properties.command.value as { v: unknown }).v]),
    [
      ["local-exec", "create", "fail", "echo one"],
      ["local-exec", "destroy", "continue", "echo two"],
      ["local-exec", "create", "fail", "echo three"],
      ["local-exec", "create", "fail", "echo four"],
    ],
  );
  assert.equal(Object.keys(ps[0].properties).sort(), ["command", "environment"]);
  assert.ok(!("when" in ps[1].properties), "when and on_failure are not arguments");
});

test("Terraform JSON: a single map keyed by type, and ${destroy} as when", () => {
  const { frag, errors } = tfjson({ provisioner: { "local-exec": { command: "x", when: "${destroy}" } } });
  assert.equal(errors, []);
  assert.is(frag.resources[0].provisioners![0].when, "destroy");
});

test("YAML: a list of provisioners, the same model", () => {
  const { frag, errors } = yaml(`
    resources:
      null_resource.a:
        provisioner:
          - local-exec: { command: "echo \${self.id}", quiet: true }
          - local-exec: { command: "echo bye", when: destroy }
  `);
  assert.equal(errors, []);
  const ps = frag.resources[0].provisioners!;
  assert.equal(
    ps.map((p) => p.when),
    ["create", "destroy"],
  );
  assert.is(ps[0].properties.command.value.k, "tmpl");
});

test("remote-exec, file and connection: located errors saying they come with the ssh host driver", () => {
  const { errors, text } = tfjson({
    provisioner: [{ "local-exec": { command: "ok" } }, { file: { source: "a", destination: "b" } }],
    connection: { host: "x" },
  });
  assert.equal(
    errors.map((e) => e.summary),
    [
      'provisioner "file" of resource null_resource.a is not supported yet',
      '"connection" of resource null_resource.a is not supported yet',
    ],
  );
  assert.match(errors[0].detail!, /ssh host driver/);
  const at = locate(errors[0].origin!, "/nowhere", [{ path: "main.tf.json", content: text }]);
  assert.equal(at?.line, 12, "at the file provisioner");
  const y = yaml(`
    resources:
      null_resource.a:
        provisioner:
          - remote-exec: { inline: [ls] }
  `);
  assert.equal(
    y.errors.map((e) => [e.summary, e.origin?.line]),
    [['provisioner "remote-exec" of resource null_resource.a is not supported yet', 4]],
  );
  const c = yaml(`
    resources:
      null_resource.a:
        provisioner:
          - local-exec: { command: ls, connection: { host: x } }
  `);
  assert.match(c.errors[0].summary, /"connection" in provisioner "local-exec" of resource null_resource.a/);
});

test("bad provisioner bodies: unknown type, missing command, wrong when, unknown field", () => {
  const { errors } = tfjson({
    provisioner: [
      { chef: {} },
      { "local-exec": { interpreter: "x" } },
      { "local-exec": { command: "x", when: "later", on_failure: "retry", bogus: 1 } },
      "local-exec",
    ],
  });
  assert.equal(
    errors.map((e) => e.summary),
    [
      'unknown provisioner type "chef" in resource null_resource.a; expected local-exec',
      'missing required field "command" in provisioner "local-exec" of resource null_resource.a',
      '"when" in provisioner "local-exec" of resource null_resource.a must be create or destroy, got "later"',
      '"on_failure" in provisioner "local-exec" of resource null_resource.a must be continue or fail, got "retry"',
      'unknown field "bogus" in provisioner "local-exec" of resource null_resource.a; expected one of command, ' +
        "interpreter, environment, working_dir, quiet, when, on_failure",
      '"provisioner" of resource null_resource.a must be a list of provisioners such as ' +
        '[{"local-exec": {"command": "..."}}], got a string',
    ],
  );
});

test("a destroy-time provisioner may refer only to self, count.index, each.key, path and terraform", () => {
  const { errors } = tfjson({
    count: 2,
    provisioner: [
      { "local-exec": { command: "echo ${self.id} ${count.index} ${path.module}", when: "destroy" } },
      { "local-exec": { command: "echo ${null_resource.b.id}", when: "destroy" } },
      { "local-exec": { command: "echo ${null_resource.b.id}" } },
    ],
  });
  assert.equal(
    errors.map((e) => e.summary),
    ["Invalid reference from destroy provisioner"],
  );
  assert.equal(errors[0].origin?.path, ["resource", "null_resource", "a", "provisioner", 1, "local-exec", "command"]);
});

test.run();
