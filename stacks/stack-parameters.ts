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
import { pyEquals } from "../templates/hot/python-text.js";
import {
  parameterTexts,
  parameterTypesOf,
  readParameterSchemas,
  resolveParameters,
} from "../templates/hot/parameters.js";
import { hotTemplateVersion } from "../templates/hot/template-versions.js";
import { PathNode } from "../templates/raw-config.js";
import { HeatError } from "./heat-error.js";
import type { StackRecord, StackSource } from "./stack-records.js";

/** The template's `parameters` section as a node of the stack's template. */
export function templateParametersNode(source: StackSource): PathNode {
  return new PathNode(HOT_TEMPLATE_FILE, ["parameters"], source.template.parameters);
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
  const version = hotTemplateVersion(s.source.template.heat_template_version)?.date;
  const out = parameterTexts(
    HOT_TEMPLATE_FILE,
    templateParametersNode(s.source),
    parameterEnvironment(s.source),
    version,
  );
  out["OS::project_id"] = s.tenant;
  out["OS::stack_id"] = s.id;
  out["OS::stack_name"] = s.name;
  return out;
}

/** The parameters' values as Heat reads them (typed; those that cannot be read are absent). */
function parameterValues(source: StackSource) {
  const version = hotTemplateVersion(source.template.heat_template_version)?.date;
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
  const declaredBefore = new Set(Object.keys((old.template.parameters ?? {}) as object));
  const modified = schemas
    .filter((s) => s.immutable && declaredBefore.has(s.name))
    .filter((s) => {
      const now = Object.hasOwn(after.given, s.name) ? after.given[s.name] : after.values.get(s.name);
      return !pyEquals(before.values.get(s.name), now);
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
