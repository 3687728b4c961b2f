// `moved { from = ..., to = ... }` blocks of the raw configuration into the
// config model: both addresses parsed (a resource or one instance, a module
// call or one module instance), with full type names. What the moves do to state is the planner's
// (planner/moves.ts).

import { instanceAddress, parseAddress, type ParsedAddress } from "../planner/addresses.js";
import type { MovedConfig } from "../planner/model.js";
import { MOVED_BLOCK } from "./block-schemas.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { unwrapInterpolation } from "./fragment.js";
import type { RawNode } from "./raw-config.js";
import { addressInDialect } from "./short-type-names.js";

export function buildMoved(body: RawNode, ctx: CheckContext): MovedConfig | undefined {
  const ends: Partial<Record<"from" | "to", ParsedAddress>> = {};
  const checked = checkBody(body, MOVED_BLOCK, ownerSubject("moved block"), ctx, (f) => {
    if (!f.valid || (f.name !== "from" && f.name !== "to")) return;
    const text = unwrapInterpolation(f.node.value as string);
    const example = JSON.stringify(`${ctx.dialect.typePrefix}noop.a`);
    const parsed = parseAddress(addressInDialect(text, ctx.dialect));
    if (!parsed || parsed.data) {
      ctx.bag.error(
        `Invalid "moved" address: "${f.name}" must be a resource, a resource instance, a module call or a module ` +
          `instance address such as ${example} or "module.a", got ${JSON.stringify(text)}` +
          (parsed?.data ? " (data resources are read, never moved)" : ""),
        f.node.origin,
      );
      return;
    }
    ends[f.name] = parsed;
  });
  const { from, to } = ends;
  if (!checked?.valid || from === undefined || to === undefined) return undefined;
  if (from.wholeModule !== to.wholeModule) {
    ctx.bag.error(
      'Invalid "moved" addresses',
      body.origin,
      'The "from" and "to" addresses must either both refer to resources or both refer to modules.',
    );
    return undefined;
  }
  const text = (p: ParsedAddress) => (p.hasKey ? instanceAddress(p.resourceKey, p.key) : p.resourceKey);
  return { from: text(from), to: text(to), origin: body.origin };
}
