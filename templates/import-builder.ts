// `import { to = ..., id = ... }` blocks of the raw configuration into the
// config model: `to` parsed as an instance address (full type names), `id`
// compiled as an expression (it must be known at plan). The planner reads
// the object (planner/imports.ts).

import { instanceAddress, parseAddress } from "../planner/addresses.js";
import type { ImportConfig } from "../planner/model.js";
import { IMPORT_BLOCK } from "./block-schemas.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { compileNode, INVALID_EXPR, unwrapInterpolation } from "./fragment.js";
import type { RawNode } from "./raw-config.js";
import { addressInDialect } from "./short-type-names.js";

export function buildImport(body: RawNode, ctx: CheckContext): ImportConfig | undefined {
  const imp: ImportConfig = { to: "", id: INVALID_EXPR, origin: body.origin };
  let ok = true;
  const checked = checkBody(body, IMPORT_BLOCK, ownerSubject("import block"), ctx, (f) => {
    if (!f.valid) return;
    if (f.name === "data") {
      if (ctx.dialect.importData) imp.data = compileNode(f.node, "the data of an import block", ctx);
      else {
        ok = false;
        ctx.bag.error('Unsupported argument: an import block has no "data" argument', f.node.origin);
      }
      return;
    }
    if (f.name === "id") {
      imp.id = compileNode(f.node, "the id of an import block", ctx);
      return;
    }
    if (f.name !== "to") return;
    const text = unwrapInterpolation(f.node.value as string);
    const parsed = parseAddress(addressInDialect(text, ctx.dialect));
    if (!parsed || parsed.wholeModule || parsed.data) {
      ok = false;
      ctx.bag.error(
        `Invalid import address: "to" must be a resource instance address such as ` +
          `${JSON.stringify(`${ctx.dialect.typePrefix}noop.a`)} or ` +
          `${JSON.stringify(`module.m.${ctx.dialect.typePrefix}noop.a`)}, got ${JSON.stringify(text)}`,
        f.node.origin,
      );
      return;
    }
    imp.to = instanceAddress(parsed.resourceKey, parsed.key);
  });
  return checked?.valid && ok && imp.to ? imp : undefined;
}
