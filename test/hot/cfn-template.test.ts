// CloudFormation-compatible templates (AWSTemplateFormatVersion 2010-09-09, HeatTemplateFormatVersion 2012-12-12):
// they load, plan and apply through the same front end as HOT, with their functions as Heat's cfn template classes
// have them, and every mistake is reported in Heat's words where the CFN text has it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Diagnostic } from "../../contract/diagnostics.js";
import type { Engine } from "../../engine/engine.js";
import { hotSourceFiles, type HotSources } from "../../templates/hot/hot-sources.js";
import { listTemplateVersions, templateFunctions } from "../../templates/hot/template-versions.js";
import { diagnosticsOf } from "../templates/helpers.js";
import { engineWithHeatStandIns } from "./heat-test-types.js";

function workspace(engine: Engine, src: HotSources) {
  return engine.workspace({ dir: mkdtempSync(join(tmpdir(), "gantry-cfn-")), files: hotSourceFiles(src) });
}

async function applied(src: HotSources) {
  const { engine } = engineWithHeatStandIns();
  const ws = workspace(engine, src);
  const result = await engine.apply(ws);
  return { result, outputs: await engine.outputs(ws) };
}

/** "line: summary" of each error the sources give at plan. */
async function errorsOf(src: HotSources): Promise<string[]> {
  const { engine } = engineWithHeatStandIns();
  const diags: Diagnostic[] = await diagnosticsOf(() => engine.plan(workspace(engine, src)));
  return diags.filter((d) => d.severity === "error").map((d) => `${d.origin?.line}: ${d.summary}`);
}

const AWS = `AWSTemplateFormatVersion: 2010-09-09
Description: every function
Parameters:
  env_type: {Type: String, Default: test, AllowedValues: [prod, test]}
  size: {Type: Number, Default: 3, MinValue: 1, MaxValue: 5, ConstraintDescription: one to five}
  names: {Type: CommaDelimitedList, Default: "a,b,c"}
  secret: {Type: String, Default: hush, NoEcho: true}
Mappings:
  Regions:
    ap-southeast-1: {name: singapore}
Conditions:
  Prod: {"Fn::Equals": [{Ref: env_type}, prod]}
  NotProd: {"Fn::Not": [Prod]}
  Both: {"Fn::And": [NotProd, {"Fn::Equals": [{Ref: size}, 3]}]}
  Either: {"Fn::Or": [Prod, Both]}
Resources:
  first:
    Type: OS::Heat::TestResource
    Properties:
      value: {"Fn::Join": ["-", [{"Fn::FindInMap": [Regions, {Ref: "AWS::Region"}, name]}, {Ref: env_type}]]}
  second:
    Type: OS::Heat::TestResource
    DependsOn: first
    Properties:
      value: {"Fn::Replace": [{"%who%": {"Fn::GetAtt": [first, output]}}, "hello %who%"]}
  only_prod:
    Type: OS::Heat::TestResource
    Condition: Prod
Outputs:
  joined: {Value: {"Fn::GetAtt": [first, output]}, Description: the first}
  replaced: {Value: {"Fn::GetAtt": [second, output]}}
  selected: {Value: {"Fn::Select": ["1", {Ref: names}]}}
  split: {Value: {"Fn::Split": [",", "x,y"]}}
  base64: {Value: {"Fn::Base64": plain}}
  members: {Value: {"Fn::MemberListToMap": [Name, Value, [".member.0.Name=k", ".member.0.Value=v"]]}}
  azs: {Value: {"Fn::GetAZs": ""}}
  chosen: {Value: {"Fn::If": [Either, either, neither]}}
  prod_ref: {Value: {"Fn::If": [Prod, {Ref: only_prod}, none]}}
  hidden_prod: {Value: prod, Condition: Prod}
  stack: {Value: {Ref: "AWS::StackName"}}
  size: {Value: {Ref: size}}
`;

test("AWSTemplateFormatVersion: parameters, Mappings, Conditions and every function, applied", async () => {
  const { result, outputs } = await applied({ template: AWS, parameters: { "OS::stack_name": "s1" } });
  const values = Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, o.value]));
  assert.equal(values, {
    joined: "singapore-test",
    replaced: "hello singapore-test",
    selected: "b",
    split: ["x", "y"],
    base64: "plain",
    members: { k: "v" },
    azs: ["nova"],
    chosen: "either",
    prod_ref: "none",
    hidden_prod: null,
    stack: "s1",
    size: 3,
  });
  const created = result.plan.changes.map((c) => `${c.address} ${c.action}`).sort();
  assert.equal(created, ["heat_test_resource.first create", "heat_test_resource.second create"]);
});

test("a condition made true by a parameter brings its resource in; Ref gives its id", async () => {
  const { outputs } = await applied({ template: AWS, parameters: { env_type: "prod" } });
  assert.equal(outputs.hidden_prod.value, "prod");
  assert.equal(outputs.chosen.value, "either");
  assert.type(outputs.prod_ref.value, "string");
  assert.is.not(outputs.prod_ref.value, "none");
});

test("HeatTemplateFormatVersion 2012-12-12: Ref, Fn::GetAtt, Fn::Join, DependsOn; no Conditions section", async () => {
  const template = `HeatTemplateFormatVersion: '2012-12-12'
Parameters:
  one: {Type: String, Default: foo}
Resources:
  a:
    Type: OS::Heat::TestResource
    Properties: {value: {"Fn::Join": [":", [{Ref: one}, x]]}}
  b:
    Type: OS::Heat::TestResource
    DependsOn: [a]
    Properties: {value: {"Fn::GetAtt": [a, output]}}
Outputs:
  b: {Value: {"Fn::GetAtt": [b, output]}}
`;
  const { outputs } = await applied({ template });
  assert.equal(outputs.b.value, "foo:x");
  assert.equal(await errorsOf({ template: `${template}Conditions: {c: true}\n` }), [
    "14: The template section is invalid: Conditions",
  ]);
});

test("a CFN template's mistakes, in Heat's words, at their lines", async () => {
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  p: {Type: String, Default: x, MinLenght: 2}
  q: {Type: string}
Resources:
  no_type: {Properties: {}}
  getatt:
    Type: OS::Heat::TestResource
    Properties: {value: {"Fn::GetAtt": [no_type, a, b]}}
  findinmap:
    Type: OS::Heat::TestResource
    Properties: {value: {"Fn::FindInMap": [nowhere, a, b]}}
  deps:
    Type: OS::Heat::TestResource
    DependsOn: {a: b}
  ec2:
    Type: AWS::EC2::Instance
Parameterz: {}
`;
  // every one reported (in the order the front end meets them)
  assert.equal(
    (await errorsOf({ template })).sort(),
    [
      "18: The template section is invalid: Parameterz",
      "3: Invalid key 'MinLenght' for parameter (p)",
      "6: Each Resource must contain a Type key.",
      "4: Invalid type (string)",
      '9: Arguments to "Fn::GetAtt" must be of the form [resource_name, attribute]',
      "12: 'nowhere'",
      "17: The Resource Type (AWS::EC2::Instance) could not be found.",
      "15: Resource deps DependsOn type must be list or string",
    ].sort(),
  );
});

test("a version CFN does not have; HOT's functions are data in CFN, as Heat reads them", async () => {
  assert.equal(await errorsOf({ template: "AWSTemplateFormatVersion: '2010-09-10'\n" }), [
    '1: The template version is invalid: "AWSTemplateFormatVersion: 2010-09-10". ' +
      '"AWSTemplateFormatVersion" should be: 2010-09-09',
  ]);
  const { outputs } = await applied({
    template: "HeatTemplateFormatVersion: '2012-12-12'\nOutputs:\n  o: {Value: {get_param: x}}\n",
  });
  assert.equal(outputs.o.value, { get_param: "x" });
});

test("the API lists both CFN formats and their functions", () => {
  const versions = listTemplateVersions();
  assert.equal(versions.slice(0, 2), [
    { version: "AWSTemplateFormatVersion.2010-09-09", type: "cfn", aliases: [] },
    { version: "HeatTemplateFormatVersion.2012-12-12", type: "cfn", aliases: [] },
  ]);
  const aws = templateFunctions("AWSTemplateFormatVersion.2010-09-09", true)!.map((f) => f.functions);
  assert.equal(aws, [
    "Fn::FindInMap",
    "Fn::GetAZs",
    "Ref",
    "Fn::GetAtt",
    "Fn::Select",
    "Fn::Join",
    "Fn::Split",
    "Fn::Replace",
    "Fn::Base64",
    "Fn::MemberListToMap",
    "Fn::ResourceFacade",
    "Fn::If",
    "Fn::Equals",
    "Fn::Not",
    "Fn::And",
    "Fn::Or",
  ]);
  assert.not.ok(templateFunctions("HeatTemplateFormatVersion.2012-12-12")!.some((f) => f.functions === "Fn::If"));
});

test.run();
