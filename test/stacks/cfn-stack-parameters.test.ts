// A stack of a CloudFormation-compatible template: its parameters as Heat shows them (the AWS:: pseudo parameters,
// not HOT's OS:: ones), and a PATCH keeps the parameters the CFN template declares.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stackParameterTexts } from "../../stacks/stack-parameters.js";
import type { StackRecord, StackSource } from "../../stacks/stack-records.js";
import { updatedSource } from "../../stacks/stack-service.js";

const template = {
  AWSTemplateFormatVersion: "2010-09-09",
  Parameters: {
    size: { Type: "Number", Default: 3 },
    secret: { Type: "String", Default: "x", NoEcho: "true" },
    names: { Type: "CommaDelimitedList", Default: "a,b" },
  },
  Resources: {},
};

function record(source: StackSource): StackRecord {
  return { id: "abc", name: "s1", tenant: "t1", source } as unknown as StackRecord;
}

test("parameters of a CFN stack: values as text, NoEcho masked, AWS::StackId/StackName/Region", () => {
  const source: StackSource = { template, environments: [], files: {}, parameters: { size: "4" } };
  assert.equal(stackParameterTexts(record(source)), {
    size: "4",
    secret: "******",
    names: "a,b",
    "AWS::StackId": "arn:openstack:heat::t1:stacks/s1/abc",
    "AWS::StackName": "s1",
    "AWS::Region": "ap-southeast-1",
  });
});

test("PATCH keeps the parameters the CFN template declares, drops the others", () => {
  const source: StackSource = { template, environments: [], files: {}, parameters: { size: "4", gone: "y" } };
  const next = updatedSource(record(source), { existing: true } as never);
  assert.equal(next.parameters, { size: "4" });
});

test.run();
