// A stack's parameters as Heat shows them (`parameters` of a stack's show):
// the template's parameters with the values its environments and the
// request gave (templates/hot/parameters.ts reads them as Heat does), each
// as text, and the pseudo parameters OS::project_id, OS::stack_id,
// OS::stack_name.

import { DiagnosticBag } from "../contract/diagnostics.js";
import {
  emptyEnvironment,
  type HotEnvironment,
  mergeEnvironments,
  parseEnvironment,
} from "../templates/hot/environment.js";
import { HOT_TEMPLATE_FILE } from "../templates/hot/hot-sources.js";
import { parameterTexts, parameterTypesOf } from "../templates/hot/parameters.js";
import { hotTemplateVersion } from "../templates/hot/template-versions.js";
import { PathNode } from "../templates/raw-config.js";
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
