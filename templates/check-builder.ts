// `check "name" { assert { condition, error_message } ... }` blocks of the raw
// configuration into the config model (Terraform's continuous validation:
// failed assertions are warnings).

import type { CheckConfig } from "../planner/model.js";
import { CHECK_BLOCK } from "./block-schemas.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { buildConditions } from "./condition-builder.js";
import type { RawNode } from "./raw-config.js";

export function buildCheck(name: string, body: RawNode, ctx: CheckContext): CheckConfig | undefined {
  const check: CheckConfig = { name, asserts: [], origin: body.origin };
  const checked = checkBody(body, CHECK_BLOCK, ownerSubject(`check "${name}"`), ctx, (f) => {
    if (f.valid && f.name === "assert") check.asserts.push(...buildConditions(f.bodies, `check "${name}"`, ctx));
  });
  return checked?.valid ? check : undefined;
}
