// Module calls of the raw configuration into the config model: `module "name" { source = "./path", inputs...,
// count, for_each, depends_on, providers }`, the same in every language. The module's directory is read later
// (templates/module-loader.ts); its inputs are checked against its variables then.

import type { ModuleCallConfig, PropertyConfig } from "../planner/model.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { MODULE_BLOCK } from "./block-schemas.js";
import { compileNode, normalizeAddress } from "./fragment.js";
import type { RawNode } from "./raw-config.js";
import { refs } from "./resource-builder.js";

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function buildModuleCall(name: string, body: RawNode, ctx: CheckContext): ModuleCallConfig | undefined {
  if (!NAME_RE.test(name)) {
    ctx.bag.error(
      `Invalid module name "${name}"`,
      body.origin,
      "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.",
    );
    return undefined;
  }
  const subject = ownerSubject(`module ${name}`);
  const call: ModuleCallConfig = {
    name,
    source: "",
    sourceOrigin: body.origin,
    inputs: {},
    dependsOn: [],
    origin: body.origin,
  };
  const property = (node: RawNode, what: string): PropertyConfig => ({
    value: compileNode(node, what, ctx),
    origin: node.origin,
  });
  const checked = checkBody(body, MODULE_BLOCK, subject, ctx, (f) => {
    if (!f.valid) return;
    const what = subject.of([f.name]);
    if (f.rule === undefined) {
      if (f.name === "__proto__") ctx.bag.error(`invalid argument name ${what}`, f.node.origin);
      else call.inputs[f.name] = property(f.node, what);
      return;
    }
    switch (f.name) {
      case "source":
        call.source = f.node.value as string;
        call.sourceOrigin = f.node.origin;
        break;
      case "count":
        call.count = property(f.node, what);
        break;
      case "for_each":
        call.forEach = property(f.node, what);
        if (ctx.dialect.forEachMapOrSet) call.forEachMapOrSet = true;
        break;
      case "depends_on":
        call.dependsOn = refs(f.node, normalizeAddress, ctx);
        break;
    }
  });
  return checked ? call : undefined;
}
