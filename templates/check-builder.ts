// `check "name" { assert { condition, error_message } ... }` blocks of the raw
// configuration into the config model (Terraform's continuous validation:
// failed assertions are warnings).

import type { CheckConfig, ResourceConfig } from "../planner/model.js";
import { CHECK_BLOCK } from "./block-schemas.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { buildConditions } from "./condition-builder.js";
import type { RawNode } from "./raw-config.js";
import { buildResource } from "./resource-builder.js";

export function buildCheck(name: string, body: RawNode, ctx: CheckContext): CheckConfig | undefined {
  const check: CheckConfig = { name, asserts: [], origin: body.origin };
  const checked = checkBody(body, CHECK_BLOCK, ownerSubject(`check "${name}"`), ctx, (f) => {
    if (f.valid && f.name === "assert") check.asserts.push(...buildConditions(f.bodies, `check "${name}"`, ctx));
  });
  return checked?.valid ? check : undefined;
}

/**
 * The data blocks nested in a check (`check "c" { data "TYPE" "NAME" { ... } }`, in JSON `"data": {"TYPE": {"NAME":
 * {...}}}`, a label's body possibly a list of bodies): data resources scoped to the check.
 */
export function buildScopedData(checkName: string, body: RawNode, ctx: CheckContext): ResourceConfig[] {
  const out: ResourceConfig[] = [];
  const bodies = (node: RawNode): RawNode[] =>
    Array.isArray(node.value) ? node.value.flatMap((_, i) => bodies(node.child(i))) : [node];
  for (const blocks of bodies(body.child("data"))) {
    const byType = blocks.value;
    if (byType === null || typeof byType !== "object") continue; // the body check reported it
    for (const type of Object.keys(byType)) {
      for (const named of bodies(blocks.child(type))) {
        const byName = named.value;
        if (byName === null || typeof byName !== "object") continue;
        for (const name of Object.keys(byName))
          for (const b of bodies(named.child(name))) {
            const r = buildResource(type, name, b, ctx, "data");
            if (r) out.push({ ...r, check: checkName });
          }
      }
    }
  }
  return out;
}
