// A request's environments as Heat takes them (checked against Heat's InstantiationData and merge_environments).

import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { PathNode } from "../../templates/raw-config.js";
import { mergeEnvironments, parseEnvironment } from "../../templates/hot/environment.js";
import { parameterTypesOf, resolveParameters } from "../../templates/hot/parameters.js";
import { environmentFormatError, requestEnvironments } from "../../templates/hot/request-environments.js";

const PARAMETERS = new PathNode("t.yaml", ["parameters"], {
  x: { type: "string" },
  y: { type: "string", default: "d" },
});

function values(req: Parameters<typeof requestEnvironments>[0]) {
  const bag = new DiagnosticBag();
  const { environments, missingFiles } = requestEnvironments(req);
  const envs = environments.map((e, i) =>
    parseEnvironment(`env-${i}.yaml`, typeof e === "string" ? e : JSON.stringify(e), bag),
  );
  const env = mergeEnvironments(envs, { parameterTypes: parameterTypesOf(PARAMETERS), bag });
  const out = resolveParameters("t.yaml", PARAMETERS, env, bag);
  return { values: Object.fromEntries(out), errors: bag.items.map((d) => d.summary), missingFiles };
}

test("with environment files, a file wins over the request's parameters; the body environment is unused", () => {
  const r = values({
    parameters: { x: "from-P", y: "P" },
    environment: { parameters: { x: "body-env" } },
    environmentFiles: ["e.yaml"],
    files: { "e.yaml": "parameters: {x: from-file, undeclared: 1}\n" },
  });
  assert.equal(r.values, { x: "from-file", y: "P" });
  assert.equal(r.errors, [], "a later environment file's undeclared parameter is ignored");
});

test("without environment files, the request's parameters win over its environment", () => {
  const r = values({ parameters: { x: "from-P" }, environment: "parameters:\n  x: body-env\n  y: b\n" });
  assert.equal(r.values, { x: "from-P", y: "b" });
});

test("an undeclared request parameter is Heat's error", () => {
  const r = values({ parameters: { x: "a", zz: 1 }, environment: { parameter_defaults: { y: "pd" } } });
  assert.equal(r.errors, ["The Parameter (zz) was not defined in template."]);
});

test("environment files missing from files are named", () => {
  const r = values({ parameters: { x: "a" }, environmentFiles: ["gone.yaml"], files: {} });
  assert.equal(r.missingFiles, ["gone.yaml"]);
  assert.equal(r.values, { x: "a", y: "d" });
});

test("the API's check of an environment", () => {
  assert.is(environmentFormatError({ parameters: {}, bogus: {} }), 'environment has wrong section "bogus"');
  assert.is(environmentFormatError("parameter_defaults:\n"), 'environment has empty section "parameter_defaults"');
  assert.is(environmentFormatError("[1]"), "The environment is not a valid YAML mapping data type.");
  assert.is(environmentFormatError({ resource_registry: { "A::B": "c.yaml" } }), undefined);
  assert.is(environmentFormatError(""), undefined);
});

test.run();
