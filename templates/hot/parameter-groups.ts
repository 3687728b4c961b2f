// A HOT template's `parameter_groups`: checked as Heat checks them (each
// group lists its `parameters`; each names a declared parameter and belongs
// to one group only), with Heat's messages ("Parameter Groups error:
// parameter_groups.<label>: …"). The validate answer shows the section as
// written (ParameterGroups).

import type { DiagnosticBag } from "../../contract/diagnostics.js";
import type { RawNode } from "../raw-config.js";
import { pyStr } from "../../planner/expressions/functions/python-rendering.js";

/** Heat's pseudo parameters: a group may list them. */
export const PSEUDO_PARAMETERS = ["OS::stack_id", "OS::project_id"];

/** Heat's rendering of an error path: `a.b[0].c`. */
function renderPath(path: (string | number)[]): string {
  let out = "";
  for (const item of path) {
    if (typeof item === "number" || /^\d+$/.test(item)) out += `[${item}]`;
    else if (out.length > 0) out += `.${item}`;
    else out = item;
  }
  return out;
}

/** Check the `parameter_groups` section against the template's `parameters` section; errors go to `bag`. */
export function validateParameterGroups(groups: RawNode, parameters: RawNode, bag: DiagnosticBag): void {
  const v = groups.value;
  if (!v) return;
  const fail = (path: (string | number)[], message: string, node: RawNode) => {
    const p = renderPath(path);
    bag.error(`Parameter Groups error: ${p ? `${p}: ` : ""}${message}`, node.origin);
  };
  if (!Array.isArray(v)) {
    fail(["parameter_groups"], "The parameter_groups should be a list.", groups);
    return;
  }
  const declared = new Set([
    ...PSEUDO_PARAMETERS,
    ...(parameters.value !== null && typeof parameters.value === "object" ? Object.keys(parameters.value) : []),
  ]);
  const grouped = new Set<string>();
  v.forEach((group, i) => {
    const node = groups.child(i);
    const g =
      group !== null && typeof group === "object" && !Array.isArray(group) ? (group as Record<string, unknown>) : {};
    const label = g.label === undefined ? "" : pyStr(g.label);
    const path = ["parameter_groups", label];
    const params = g.parameters;
    if (params === undefined || params === null) {
      fail(path, "The parameters must be provided for each parameter group.", node);
      return;
    }
    if (!Array.isArray(params)) {
      fail(path, "The parameters of parameter group should be a list.", node.child("parameters"));
      return;
    }
    params.forEach((p, j) => {
      const name = pyStr(p);
      const at = node.child("parameters").child(j);
      if (grouped.has(name)) {
        fail(path, `The ${name} parameter must be assigned to one parameter group only.`, at);
        return;
      }
      grouped.add(name);
      if (!declared.has(name)) fail(path, `The grouped parameter ${name} does not reference a valid parameter.`, at);
    });
  });
}
