// Variables of the raw configuration into the config model: type constraint,
// default (converted to the type when the configuration is loaded, as
// Terraform does), description, sensitive, nullable and validation rules,
// the same in every language.

import type { Value } from "../contract/values.js";
import type { VariableConfig } from "../planner/model.js";
import { ANY_TYPE, isPrimitiveType, parseTypeConstraint, TypeConstraintError } from "../planner/type-constraint.js";
import { convertValue } from "../planner/type-conversion.js";
import { applyTypeDefaults } from "../planner/type-defaults.js";
import { VARIABLE_BLOCK } from "./block-schemas.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { compileNode, unwrapInterpolation } from "./fragment.js";
import type { RawNode } from "./raw-config.js";

export function buildVariable(name: string, body: RawNode, ctx: CheckContext): VariableConfig | undefined {
  const variable: VariableConfig = {
    name,
    type: "any",
    constraint: ANY_TYPE,
    textAsLiteral: true,
    hasDefault: false,
    nullable: true,
    validations: [],
    origin: body.origin,
  };
  const subject = `variable "${name}"`;
  let typeValid = true;
  let defaultNode: RawNode | undefined;
  const checked = checkBody(body, VARIABLE_BLOCK, ownerSubject(subject), ctx, (f) => {
    const v = f.node.value;
    switch (f.name) {
      case "type":
        if (!f.valid) {
          typeValid = false;
          break;
        }
        try {
          variable.constraint = parseTypeConstraint(v as string);
          variable.type = unwrapInterpolation(v as string);
          variable.textAsLiteral = isPrimitiveType(variable.constraint);
        } catch (e) {
          if (!(e instanceof TypeConstraintError)) throw e;
          ctx.bag.error(`Invalid type specification in "type" of ${subject}: ${e.detail}`, f.node.origin);
          typeValid = false;
        }
        break;
      case "default":
        defaultNode = f.node;
        break;
      case "description":
        if (f.valid) variable.description = v as string;
        break;
      case "sensitive":
        if (f.valid) variable.sensitive = v as boolean;
        break;
      case "nullable":
        if (f.valid) variable.nullable = v as boolean;
        break;
      case "ephemeral":
        if (f.valid && v === true)
          ctx.bag.error(
            `"ephemeral" of ${subject} is not supported`,
            f.node.origin,
            "gantry keeps no ephemeral values: every variable value may be recorded in plan files. Remove " +
              '"ephemeral = true", and mark the variable sensitive if its value must not be shown.',
          );
        break;
      case "validation":
        for (const rule of f.bodies) {
          if (!rule.valid) continue;
          const condition = rule.node.child("condition");
          const message = rule.node.child("error_message");
          variable.validations.push({
            condition: compileNode(condition, `the validation condition of ${subject}`, ctx),
            errorMessage: compileNode(message, `the validation error message of ${subject}`, ctx),
            origin: rule.node.origin,
          });
        }
        break;
    }
  });
  if (defaultNode && typeValid) {
    const given = defaultNode.value === undefined ? null : (defaultNode.value as Value);
    const withDefaults = given === null ? null : applyTypeDefaults(given, variable.constraint);
    const c = convertValue(withDefaults, variable.constraint);
    if (!c.ok)
      ctx.bag.error(
        `Invalid default value for ${subject}`,
        defaultNode.origin,
        `This default value is not compatible with the variable's type constraint: ${c.message}.`,
      );
    else if (c.value === null && !variable.nullable)
      ctx.bag.error(
        `Invalid default value for ${subject}`,
        defaultNode.origin,
        "A null default value is not valid when nullable=false.",
      );
    else {
      variable.default = c.value;
      variable.hasDefault = true;
    }
  }
  return checked ? variable : undefined;
}
