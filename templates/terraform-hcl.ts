// Terraform's native syntax, `*.tf` files in HCL, read into the raw
// configuration (templates/raw-config.ts). HashiCorp's HCL library
// (templates/hcl-parser.ts) converts the file to the JSON form Terraform's
// JSON syntax writes: expressions as "${...}" template strings, blocks as
// lists of bodies. That is exactly what the `.tf.json` front end reads, so the
// same reader turns it into declarations and the shared builder
// (templates/config-builder.ts) cannot tell the two languages apart. Only
// origins differ: they are document paths into the converted form (e.g.
// ["resource", "gantry_noop", "a", 0, "count"]), which templates/locate.ts
// turns into lines of the `.tf` file (templates/hcl-positions.ts).
//
// Syntax errors are HCL's own, located to file, line and column, as
// Terraform prints them (e.g. "Invalid expression").

import type { DiagnosticBag } from "../contract/diagnostics.js";
import { buildConfigFragment } from "./config-builder.js";
import type { ConfigFragment } from "./fragment.js";
import { parseHcl } from "./hcl-parser.js";
import type { RawConfig, RawDeclaration, RawDialect } from "./raw-config.js";
import { TerraformJsonReader } from "./terraform-json.js";

/** As Terraform JSON: types carry the provider prefix, nested blocks are lists of bodies. */
export const TERRAFORM_HCL_DIALECT: RawDialect = { typePrefix: "gantry_", blockLists: true };

/** Parse one `*.tf` file. `file` is the path relative to the configuration directory. */
export async function parseTerraformHcl(file: string, content: string, bag: DiagnosticBag): Promise<ConfigFragment> {
  return buildConfigFragment(await readTerraformHcl(file, content), bag);
}

/** Read one `*.tf` file into the raw configuration; syntax errors are among its declarations. */
export async function readTerraformHcl(file: string, content: string): Promise<RawConfig> {
  const reader = new TerraformJsonReader(file, TERRAFORM_HCL_DIALECT);
  const parsed = await parseHcl(file, content);
  if (!parsed.ok) {
    return reader.raw(
      parsed.errors.map(
        (e): RawDeclaration => ({
          kind: "diagnostic",
          diagnostic: {
            severity: "error",
            summary: e.summary,
            detail: e.detail || undefined,
            origin: { file, path: [], line: e.line, column: e.column },
          },
        }),
      ),
    );
  }
  const root = mergeGroups(parsed.groups.map((g) => g.json));
  return reader.raw({ [Symbol.iterator]: () => reader.document(root) });
}

/**
 * One document of the groups a file was parsed in, as one parse of the whole
 * file would give: the bodies of a block name (and of `locals`) in file order,
 * so that a path's list index counts the blocks of the whole file.
 */
function mergeGroups(groups: Record<string, unknown>[]): Record<string, unknown> {
  if (groups.length === 1) return groups[0];
  const into = (target: Record<string, unknown>, from: Record<string, unknown>, depth: number): void => {
    for (const k of Object.keys(from)) {
      const a = target[k];
      const b = from[k];
      if (Array.isArray(a) && Array.isArray(b)) target[k] = a.concat(b);
      else if (depth > 0 && isPlainMap(a) && isPlainMap(b)) {
        const copy = { ...a };
        into(copy, b, depth - 1);
        target[k] = copy;
      } else if (a === undefined) target[k] = b;
    }
  };
  const root: Record<string, unknown> = {};
  // Blocks have at most two labels: resource → type → name → [bodies].
  for (const g of groups) into(root, g, 3);
  return root;
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
