// A stack's parameters as Heat shows them (`parameters` of a stack's show):
// the template's parameters with the values its environments and the
// request gave (templates/hot/parameters.ts reads them as Heat does), each
// as text, and the pseudo parameters OS::project_id, OS::stack_id,
// OS::stack_name. And Heat's refusal of an update that changes an immutable
// parameter.

import { DiagnosticBag } from "../contract/diagnostics.js";
import {
  emptyEnvironment,
  type HotEnvironment,
  mergeEnvironments,
  parseEnvironment,
} from "../templates/hot/environment.js";
import { HOT_TEMPLATE_FILE } from "../templates/hot/hot-sources.js";
import { pyEqual } from "../planner/expressions/functions/python-rendering.js";
import {
  parameterTexts,
  parameterTypesOf,
  readParameterSchemas,
  resolveParameters,
} from "../templates/hot/parameters.js";
import { hotShapeOf } from "../templates/cfn/cfn-template.js";
import { stackArn } from "../templates/hot/provider-template.js";
import type { RawNode } from "../templates/raw-config.js";
import { HeatError } from "./heat-error.js";
import type { StackRecord, StackSource } from "./stack-records.js";

/** The template's `parameters` section as a node of the stack's template (a CFN template's in HOT's shape). */
export function templateParametersNode(source: StackSource): RawNode {
  return hotShapeOf(source.template, HOT_TEMPLATE_FILE).root.child("parameters");
}

/** The date of the template's version (HOT's or a CloudFormation-compatible format's), if known. */
function templateVersionDate(source: StackSource): string | undefined {
  return hotShapeOf(source.template, HOT_TEMPLATE_FILE).version;
}

/** The source's environments merged in order, the request's parameters last (they win). */
export function parameterEnvironment(source: StackSource): HotEnvironment {
  const bag = new DiagnosticBag();
  const envs = source.environments.map((e, i) => parseEnvironment(`environment ${i}`, JSON.stringify(e), bag));
  if (Object.keys(source.parameters).length > 0) envs.push({ ...emptyEnvironment(), parameters: source.parameters });
  return mergeEnvironments(envs, { parameterTypes: parameterTypesOf(templateParametersNode(source)) });
}

/** The stack's parameters as Heat shows them: each as text (hidden ones masked), and the pseudo parameters. */
export function stackParameterTexts(s: StackRecord): Record<string, string> {
  const version = templateVersionDate(s.source);
  const out = parameterTexts(
    HOT_TEMPLATE_FILE,
    templateParametersNode(s.source),
    parameterEnvironment(s.source),
    version,
  );
  if (hotShapeOf(s.source.template, HOT_TEMPLATE_FILE).cfn) {
    // a CloudFormation-compatible template's pseudo parameters (heat/engine/cfn/parameters.py)
    out["AWS::StackId"] = stackArn(s.tenant, s.name, s.id);
    out["AWS::StackName"] = s.name;
    out["AWS::Region"] = "ap-southeast-1";
    return out;
  }
  out["OS::project_id"] = s.tenant;
  out["OS::stack_id"] = s.id;
  out["OS::stack_name"] = s.name;
  return out;
}

/** The parameters' values as Heat reads them (typed; those that cannot be read are absent). */
function parameterValues(source: StackSource) {
  const version = templateVersionDate(source);
  const env = parameterEnvironment(source);
  const values = resolveParameters(HOT_TEMPLATE_FILE, templateParametersNode(source), env, new DiagnosticBag(), {
    version,
    validateValues: false,
  });
  return { values, given: env.parameters, version };
}

/**
 * Heat's check before an update: a parameter the new template declares `immutable` may not change its value
 * (400 ImmutableParameterModified). As Heat compares: the old value (typed) with the value the update's
 * environments and request give (as given), else with the new value (typed).
 */
export function checkImmutableParameters(old: StackSource, updated: StackSource): void {
  const before = parameterValues(old);
  const after = parameterValues(updated);
  const schemas = readParameterSchemas(
    HOT_TEMPLATE_FILE,
    templateParametersNode(updated),
    new DiagnosticBag(),
    after.version,
  );
  const oldDeclared = templateParametersNode(old).value;
  const declaredBefore = new Set(Object.keys((oldDeclared ?? {}) as object));
  const modified = schemas
    .filter((s) => s.immutable && declaredBefore.has(s.name))
    .filter((s) => {
      const now = Object.hasOwn(after.given, s.name) ? after.given[s.name] : after.values.get(s.name);
      return !pyEqual(before.values.get(s.name), now);
    })
    .map((s) => s.name);
  if (modified.length > 0) {
    throw new HeatError(
      400,
      "ImmutableParameterModified",
      `The following parameters are immutable and may not be updated: ${modified.join(", ")}`,
    );
  }
}
