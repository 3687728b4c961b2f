// Outputs of the raw configuration into the config model: value,
// description, sensitive and depends_on, the same in every language.

import type { OutputConfig } from "../planner/model.js";
import { OUTPUT_BLOCK } from "./block-schemas.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { buildConditions } from "./condition-builder.js";
import { compileNode, normalizeAddress } from "./fragment.js";
import type { RawNode } from "./raw-config.js";
import { refs } from "./resource-builder.js";

export function buildOutput(name: string, body: RawNode, ctx: CheckContext): OutputConfig | undefined {
  const out: OutputConfig = {
    name,
    value: { k: "lit", v: null },
    dependsOn: [],
    preconditions: [],
    origin: body.origin,
  };
  let hasValue = false;
  checkBody(body, OUTPUT_BLOCK, ownerSubject(`output "${name}"`), ctx, (f) => {
    if (!f.valid) return;
    const v = f.node.value;
    switch (f.name) {
      case "value":
        hasValue = true;
        out.value = compileNode(f.node, `the value of output "${name}"`, ctx);
        break;
      case "description":
        out.description = v as string;
        break;
      case "sensitive":
        out.sensitive = v as boolean;
        break;
      case "depends_on":
        out.dependsOn = refs(f.node, normalizeAddress, ctx);
        break;
      case "precondition":
        out.preconditions.push(...buildConditions(f.bodies, `output "${name}"`, ctx));
        break;
    }
  });
  return hasValue ? out : undefined;
}
