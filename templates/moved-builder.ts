// `moved { from = ..., to = ... }` blocks of the raw configuration into the
// config model: both addresses parsed (a resource or one instance), with
// full type names. What the moves do to state is the planner's
// (planner/moves.ts).

import { instanceAddress, parseAddress } from "../planner/addresses.js";
import type { MovedConfig } from "../planner/model.js";
import { MOVED_BLOCK } from "./block-schemas.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { unwrapInterpolation } from "./fragment.js";
import type { RawNode } from "./raw-config.js";
import { addressInDialect } from "./short-type-names.js";

export function buildMoved(body: RawNode, ctx: CheckContext): MovedConfig | undefined {
  const ends: Partial<Record<"from" | "to", string>> = {};
  const checked = checkBody(body, MOVED_BLOCK, ownerSubject("moved block"), ctx, (f) => {
    if (!f.valid || (f.name !== "from" && f.name !== "to")) return;
    const text = unwrapInterpolation(f.node.value as string);
    const example = JSON.stringify(`${ctx.dialect.typePrefix}noop.a`);
    if (text.startsWith("module.")) {
      ctx.bag.error(
        `"${f.name}" of moved block: moving module calls or their contents is not supported yet`,
        f.node.origin,
      );
      return;
    }
    const parsed = parseAddress(addressInDialect(text, ctx.dialect));
    if (!parsed) {
      ctx.bag.error(
        `Invalid "moved" address: "${f.name}" must be a resource or instance address such as ${example}, ` +
          `got ${JSON.stringify(text)}`,
        f.node.origin,
      );
      return;
    }
    ends[f.name] = parsed.hasKey ? instanceAddress(parsed.resourceKey, parsed.key) : parsed.resourceKey;
  });
  if (!checked?.valid || ends.from === undefined || ends.to === undefined) return undefined;
  return { from: ends.from, to: ends.to, origin: body.origin };
}
