// YAML writes gantry's resource types short ("noop.a", "${host.web.address}"):
// the builder makes every resource type, address and reference of a dialect
// with short type names full ("gantry_noop.a") by the rule of
// contract/type-names.ts. Terraform syntax is taken as written.

import { fullAddress, fullTypeName } from "../contract/type-names.js";
import { collectRefs, type Expr } from "../planner/expressions/ast.js";
import type { RawDialect } from "./raw-config.js";

/** Reference roots that are not resource types. */
const NOT_RESOURCE_ROOTS = new Set(["var", "local", "count", "each", "self", "path", "terraform", "module", "data"]);

/** The model's type name of a type as the dialect writes it. */
export function typeInDialect(type: string, dialect: RawDialect): string {
  return dialect.shortTypeNames ? fullTypeName(type) : type;
}

/** The model's form of a resource address or trigger ("noop.a", "noop.a[0].id") as the dialect writes it. */
export function addressInDialect(address: string, dialect: RawDialect): string {
  // data resources' types are written in full in every dialect
  return dialect.shortTypeNames && !address.startsWith("data.") ? fullAddress(address) : address;
}

/** Rewrites (in place) the roots of resource references in `e` to full type names if the dialect writes them short. */
export function referencesInDialect(e: Expr, dialect: RawDialect): Expr {
  if (!dialect.shortTypeNames) return e;
  for (const r of collectRefs(e)) {
    if (NOT_RESOURCE_ROOTS.has(r.root) || r.steps[0]?.k !== "attr") continue;
    r.root = fullTypeName(r.root);
  }
  return e;
}
