// Variables of the raw configuration into the config model: type, default,
// description, sensitive, nullable (accepted, not used) and validation rules,
// the same in every language.

import type { VariableConfig } from "../planner/model.js";
import { VARIABLE_BLOCK } from "./block-schemas.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { compileAt, normalizeVariableType } from "./fragment.js";
import type { RawNode } from "./raw-config.js";

export function buildVariable(name: string, body: RawNode, ctx: CheckContext): VariableConfig | undefined {
  const variable: VariableConfig = { name, type: "any", hasDefault: false, validations: [], origin: body.origin };
  const checked = checkBody(body, VARIABLE_BLOCK, ownerSubject(`variable "${name}"`), ctx, (f) => {
    const v = f.node.value;
    switch (f.name) {
      case "type":
        if (f.valid) variable.type = normalizeVariableType(v as string)!;
        break;
      case "default":
        variable.default = v;
        variable.hasDefault = true;
        break;
      case "description":
        if (f.valid) variable.description = v as string;
        break;
      case "sensitive":
        if (f.valid) variable.sensitive = v as boolean;
        break;
      case "validation":
        for (const rule of f.bodies) {
          if (!rule.valid) continue;
          const condition = rule.node.child("condition");
          variable.validations.push({
            condition: compileAt(
              condition.value,
              condition.origin,
              `the validation condition of variable "${name}"`,
              ctx,
            ),
            errorMessage: rule.node.child("error_message").value as string,
            origin: rule.node.origin,
          });
        }
        break;
    }
  });
  return checked ? variable : undefined;
}
