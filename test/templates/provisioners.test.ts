// Provisioner blocks through the shared builder: Terraform JSON's forms (in
// order), YAML's, when/on_failure, connection blocks (merged), and the located
// errors for what gantry cannot run or refuses as Terraform does.
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

test("connection blocks: the resource's, overridden argument by argument by a provisioner's own", () => {
  const { frag, errors } = tfjson({
    connection: { host: "${self.triggers.h}", user: "root", port: 2222 },
    provisioner: [
      { file: { content: "x", destination: "/tmp/x" } },
      { "remote-exec": { inline: ["ls"], connection: [{ user: "operator" }] } },
      { "local-exec": { command: "ls" } },
    ],
  });
  assert.equal(errors, []);
  const ps = frag.resources[0].provisioners!;
  const conn = (i: number) =>
    Object.fromEntries(
      Object.entries(ps[i].connection!).map(([k, p]) => [k, (p.value as { v?: unknown }).v ?? p.value.k]),
    );
  assert.equal(conn(0), { host: "ref", user: "root", port: 2222 });
  assert.equal(conn(1), { host: "ref", user: "operator", port: 2222 });
  assert.equal(Object.keys(ps[2].connection!).sort(), ["host", "port", "user"], "local-exec gets it too, unused");
});

test("remote-exec and file: a connection with a host is needed, and exactly one of their alternatives", () => {
  const { errors, text } = tfjson({
    provisioner: [
      { file: { source: "a", destination: "b" } },
      { "remote-exec": { inline: ["ls"], script: "s.sh", connection: { host: "h" } } },
      { file: { destination: "b", connection: { user: "u" } } },
      { "remote-exec": { inline: ["ls"], connection: { host: "h", certificate: "c", bogus: 1 } } },
    ],
  });
  const missing = tfjson({
    provisioner: [
      { file: { source: "a", destination: "b" } },
      { file: { content: "a", destination: "b", connection: { user: "u" } } },
    ],
  });
  assert.equal(
    errors.map((e) => e.summary),
    [
      'provisioner "remote-exec" of resource null_resource.a may set only one of "inline", "script", "scripts" ' +
        '(it sets "inline", "script")',
      'provisioner "file" of resource null_resource.a must set one of "source", "content"',
      '"certificate" in connection of provisioner "remote-exec" of resource null_resource.a is not supported yet',
      'unknown field "bogus" in connection of provisioner "remote-exec" of resource null_resource.a; expected one ' +
        "of type, host, port, user, password, private_key, agent, host_key, timeout, script_path, target_platform, " +
        "bastion_host, bastion_port, bastion_user, bastion_host_key",
    ],
  );
  const at = locate(errors[0].origin!, "/nowhere", [{ path: "main.tf.json", content: text }]);
  assert.equal(at?.line, 17, "at the second of the fields");
  assert.equal(
    missing.errors.map((e) => e.summary),
    [
      'provisioner "file" of resource null_resource.a has no connection',
      'the connection of provisioner "file" of resource null_resource.a has no "host"',
    ],
  );
  const y = yaml(`
    resources:
      null_resource.a:
        connection: { host: 10.0.0.1 }
        connection_x: 1
        provisioner:
          - remote-exec: { inline: [ls], when: destroy, connection: { user: "\${null_resource.b.id}" } }
  `);
  assert.equal(
    y.errors.map((e) => [e.summary, e.origin?.line]),
    [["Invalid reference from destroy provisioner", 6]],
  );
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
      'unknown provisioner type "chef" in resource null_resource.a; expected local-exec, remote-exec, file',
      'missing required field "command" in provisioner "local-exec" of resource null_resource.a',
      '"when" in provisioner "local-exec" of resource null_resource.a must be create or destroy, got "later"',
      '"on_failure" in provisioner "local-exec" of resource null_resource.a must be continue or fail, got "retry"',
      'unknown field "bogus" in provisioner "local-exec" of resource null_resource.a; expected one of command, ' +
        "interpreter, environment, working_dir, quiet, when, on_failure, connection",
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
