// The one builder every front end shares: a raw configuration (one file's
// declarations, templates/raw-config.ts) into the config model's pieces,
// checked against one schema (templates/block-schemas.ts) with one set of
// messages. Front ends only read their syntax; a feature added here works in
// YAML, Terraform JSON and every language after them.

import type { DiagnosticBag } from "../contract/diagnostics.js";
import type { CheckContext } from "./block-check.js";
import { compileNode, emptyFragment, type ConfigFragment } from "./fragment.js";
import { buildModuleCall } from "./module-builder.js";
import { buildCheck, buildScopedData } from "./check-builder.js";
import { buildImport } from "./import-builder.js";
import { buildMoved } from "./moved-builder.js";
import { buildOutput } from "./output-builder.js";
import type { RawConfig } from "./raw-config.js";
import { buildResource } from "./resource-builder.js";
import { buildTerraformSettings, checkProvider } from "./terraform-settings-builder.js";
import { buildVariable } from "./variable-builder.js";

export function buildConfigFragment(raw: RawConfig, bag: DiagnosticBag): ConfigFragment {
  const frag = emptyFragment();
  const ctx: CheckContext = { bag, dialect: raw.dialect };
  for (const d of raw.declarations) {
    switch (d.kind) {
      case "variable": {
        const v = buildVariable(d.name, d.body, ctx);
        if (v) frag.variables.push(v);
        break;
      }
      case "local": {
        const value = compileNode(d.value, `local "${d.name}"`, ctx);
        frag.locals.push({ name: d.name, value, origin: d.value.origin });
        break;
      }
      case "resource": {
        const r = buildResource(d.type, d.name, d.body, ctx);
        if (r) frag.resources.push(r);
        break;
      }
      case "output": {
        const o = buildOutput(d.name, d.body, ctx);
        if (o) frag.outputs.push(o);
        break;
      }
      case "module": {
        const m = buildModuleCall(d.name, d.body, ctx);
        if (m) frag.modules.push(m);
        break;
      }
      case "data": {
        const r = buildResource(d.type, d.name, d.body, ctx, "data");
        if (r) frag.data.push(r);
        break;
      }
      case "check": {
        const c = buildCheck(d.name, d.body, ctx);
        if (c) frag.checks.push(c);
        frag.data.push(...buildScopedData(d.name, d.body, ctx));
        break;
      }
      case "moved": {
        const m = buildMoved(d.body, ctx);
        if (m) frag.moved.push(m);
        break;
      }
      case "import": {
        const i = buildImport(d.body, ctx);
        if (i) frag.imports.push(i);
        break;
      }
      case "terraform":
        frag.backends.push(...buildTerraformSettings(d.body, ctx));
        break;
      case "provider":
        checkProvider(d.name, d.body, ctx);
        break;
      case "diagnostic":
        bag.add(d.diagnostic);
        break;
    }
  }
  return frag;
}
