import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { mergeEnvironments, parseEnvironment } from "../../templates/hot/environment.js";
import {
  nestedEnvironment,
  resolveResourceType,
  resourceHooks,
  restrictedActions,
} from "../../templates/hot/resource-registry.js";

const PEER = "/work/shared/peer/heat/environments/";
const peer = (name: string) => readFileSync(PEER + name, "utf8");

function parse(text: string, file = "env.yaml") {
  const bag = new DiagnosticBag();
  const env = parseEnvironment(file, text, bag);
  return {
    env,
    bag,
    errors: bag.items.filter((d) => d.severity === "error"),
    warnings: bag.items.filter((d) => d.severity === "warning"),
  };
}

test("sections are read; values keep YAML 1.1 meanings as Heat reads them", () => {
  const { env, errors } = parse(
    [
      "parameters:",
      "  flag: yes",
      "  letter: y",
      "  version: 2021-04-16",
      "  octal: 010",
      "  exp: 1e5",
      "parameter_defaults:",
      "  size: 3",
      "encrypted_param_names: [secret]",
      "resource_registry:",
      "  My::Type: OS::Heat::RandomString",
    ].join("\n"),
  );
  assert.equal(errors, []);
  assert.equal(env.parameters, { flag: true, letter: "y", version: "2021-04-16", octal: 8, exp: "1e5" });
  assert.equal(env.parameterDefaults, { size: 3 });
  assert.equal(env.resourceRegistry, { "My::Type": "OS::Heat::RandomString" });
  assert.equal(env.encryptedParamNames, ["secret"]);
  assert.is(env.origins?.parameters?.octal.line, 5);
});

test("JSON environments and empty ones", () => {
  const { env, errors } = parse('{"parameters": {"a": 1}, "resource_registry": {"X::Y": "x.yaml"}}');
  assert.equal(errors, []);
  assert.equal(env.parameters, { a: 1 });
  const empty = parse("");
  assert.equal(empty.errors, []);
  assert.equal(empty.env.parameters, {});
});

test("an unknown section is Heat's error, at its line", () => {
  const { errors } = parse("parameters: {a: 1}\nparameter: {b: 2}\n");
  assert.is(errors.length, 1);
  assert.is(errors[0].summary, 'environment has wrong section "parameter"');
  assert.is(errors[0].origin?.file, "env.yaml");
  assert.is(errors[0].origin?.line, 2);
  assert.is(errors[0].origin?.column, 1);
});

test("an empty section, a document that is not a mapping, bad YAML", () => {
  assert.is(parse("parameters:\n").errors[0].summary, 'environment has empty section "parameters"');
  assert.is(parse("- 1\n").errors[0].summary, "The environment is not a valid YAML mapping data type.");
  const bad = parse("parameters:\n  a: [\n", "e.yaml").errors[0];
  assert.match(bad.summary, /^invalid YAML in e\.yaml at line \d+, column \d+: /);
  assert.ok(bad.origin?.line);
});

test("event_sinks are read and ignored with a warning; hooks accepted with a warning", () => {
  const r = parse(
    [
      "event_sinks:",
      "  - type: zaqar-queue",
      "    target: myqueue",
      "resource_registry:",
      "  resources:",
      "    my_server:",
      "      hooks: [pre-create, pre-update]",
    ].join("\n"),
  );
  assert.equal(r.errors, []);
  assert.equal(r.warnings.map((w) => w.summary).sort(), [
    "Breakpoint hooks are accepted and ignored",
    "event_sinks are ignored",
  ]);
  assert.equal(resourceHooks(r.env, "my_server"), ["pre-create", "pre-update"]);
});

test("invalid hooks and restricted actions are Heat's errors", () => {
  const hook = parse("resource_registry:\n  resources:\n    r:\n      hooks: pre-foo\n").errors[0];
  assert.is(
    hook.summary,
    "Invalid hook type \"pre-foo\" for resource breakpoint, acceptable hook types are: ('pre-create', " +
      "'pre-update', 'pre-delete', 'post-create', 'post-update', 'post-delete')",
  );
  assert.is(hook.origin?.line, 4);
  const list = parse("resource_registry:\n  resources:\n    r:\n      hooks: [pre-create, x]\n").errors[0];
  assert.match(list.summary, /^Invalid hook type "\['pre-create', 'x'\]" for resource breakpoint/);
  const action = parse("resource_registry:\n  resources:\n    r:\n      restricted_actions: delete\n").errors[0];
  assert.is(
    action.summary,
    'Invalid restricted_action type "delete" for resource, acceptable restricted_action types are: ' +
      "('update', 'replace')",
  );
});

test("a registry entry that is neither a type, a file nor a mapping is an error", () => {
  const e = parse("resource_registry:\n  My::Type: 5\n").errors[0];
  assert.match(e.summary, /Invalid resource_registry entry "My::Type"/);
  assert.is(e.origin?.line, 2);
});

test("restricted actions of the peer environments, with wildcard resource names", () => {
  const both = parse(peer("test_update_restricted__env_both_restrict.yaml")).env;
  assert.equal(restrictedActions(both, "bar"), ["update", "replace"]);
  assert.equal(restrictedActions(both, "baz"), []);
  const replace = parse(peer("test_update_restricted__env_replace_restrict.yaml")).env;
  assert.equal(restrictedActions(replace, "bar"), ["replace"]);
  assert.equal(restrictedActions(replace, "car"), ["replace"]);
  assert.equal(restrictedActions(replace, "bark"), []);
});

test("merging the peer environments in order: parameters and registry entries, later wins", () => {
  const bag = new DiagnosticBag();
  const env = mergeEnvironments([
    parseEnvironment("e1.yaml", peer("test_env_merge__ENV_1.yaml"), bag),
    parseEnvironment("e2.yaml", peer("test_env_merge__ENV_2.yaml"), bag),
  ]);
  assert.equal(bag.items, []);
  assert.equal(env.parameters, { p1: "CORRECT", p2: "CORRECT" });
  assert.is(env.origins?.parameters?.p2.file, "e2.yaml");
  assert.is(env.origins?.parameters?.p1.file, "e1.yaml");
  assert.equal(resolveResourceType(env, "r1", "test::R1"), { kind: "type", heatType: "OS::Heat::RandomString" });
  assert.equal(resolveResourceType(env, "r2", "test::R2"), { kind: "type", heatType: "OS::Heat::RandomString" });
  assert.equal(resolveResourceType(env, "r3a", "test::R3"), { kind: "none" });
  assert.equal(resolveResourceType(env, "r3b", "test::R3"), { kind: "type", heatType: "OS::Heat::RandomString" });
});

test("merging without the template's parameters keeps every parameter", () => {
  const bag = new DiagnosticBag();
  const a = parseEnvironment("a.yaml", "parameters: {x: 1}\n", bag);
  const b = parseEnvironment("b.yaml", "parameters: {y: 2, x: 3}\nparameter_defaults: {z: 4}\n", bag);
  const env = mergeEnvironments([a, b]);
  assert.equal(env.parameters, { x: 3, y: 2 });
  assert.equal(env.parameterDefaults, { z: 4 });
  const typed = mergeEnvironments([a, b], { parameterTypes: { x: "number" } });
  assert.equal(typed.parameters, { x: 3 }, "Heat ignores a later environment's undeclared parameters");
});

test("provider templates and chains from the peer environments", () => {
  const env = parse(peer("test_template_resource__TemplateResourceTest.test_nested_env.env_templ.yaml")).env;
  assert.equal(resolveResourceType(env, "a", "My::Secret"), { kind: "type", heatType: "OS::Heat::RandomString" });
  assert.equal(resolveResourceType(env, "b", "My::NestedSecret"), { kind: "template", file: "nested.yaml" });
  const facade = parse(peer("test_template_resource__ValidateFacadeTest.env.yaml")).env;
  assert.equal(resolveResourceType(facade, "thisone", "OS::Thingy"), { kind: "template", file: "concrete.yaml" });
  assert.equal(resolveResourceType(facade, "other", "OS::Thingy"), { kind: "template", file: "facade.yaml" });
  assert.equal(resolveResourceType(facade, "x", "local.yaml"), { kind: "template", file: "local.yaml" });
});

test("a nested stack's environment keeps the entries for its parent resource", () => {
  const env = parse(
    [
      "resource_registry:",
      "  My::T: t.yaml",
      "  resources:",
      "    group:",
      "      inner:",
      "        hooks: pre-create",
      "    'gr*':",
      "      My::T: OS::Heat::None",
      "    other:",
      "      My::T: o.yaml",
    ].join("\n"),
  ).env;
  const nested = nestedEnvironment(env, "group");
  assert.equal(nested.resourceRegistry.resources, { inner: { hooks: "pre-create" }, "My::T": "OS::Heat::None" });
  assert.equal(resourceHooks(nested, "inner"), ["pre-create"]);
  assert.equal(resolveResourceType(nested, "x", "My::T"), { kind: "template", file: "t.yaml" });
});

test("a mapping loop ends (Heat overflows its stack)", () => {
  const env = parse("resource_registry:\n  A::B: A::C\n  A::C: A::B\n").env;
  assert.equal(resolveResourceType(env, "r", "A::B", { isKnownType: () => false }), { kind: "type", heatType: "A::B" });
});

test.run();
