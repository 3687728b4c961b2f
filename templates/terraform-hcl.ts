// Terraform's native syntax, `*.tf` files in HCL, read into the raw
// configuration (templates/raw-config.ts). HashiCorp's HCL library
// (hcl/hcl-parser.ts) converts the file to the JSON form Terraform's
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
import { parseHcl } from "../hcl/hcl-parser.js";
import { HCL_BLOCK_LABELS } from "./hcl-positions.js";
import type { RawConfig, RawDeclaration, RawDialect } from "./raw-config.js";
import { setOwnMember, TerraformJsonReader } from "./terraform-json.js";

/** As Terraform JSON: types carry the provider prefix, nested blocks are lists of bodies. */
export const TERRAFORM_HCL_DIALECT: RawDialect = {
  typePrefix: "gantry_",
  shortTypeNames: false,
  blockLists: true,
  forEachMapOrSet: true,
};

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
  const root = inSourceOrder(mergeGroups(parsed.groups.map((g) => g.json)), content);
  return reader.raw({ [Symbol.iterator]: () => reader.document(root) });
}

const HEADER = /^([a-z]+)(?:[ \t]+("[^"\n]*"|[A-Za-z_][\w-]*))?(?:[ \t]+("[^"\n]*"|[A-Za-z_][\w-]*))?[ \t]*\{/gm;

/**
 * The converter writes block types and labels sorted; put them back in the
 * order their headers appear in the file (headers at the start of a line, as
 * written almost always), so that declarations, and their diagnostics, come
 * in source order. Blocks of one kind stay together.
 */
function inSourceOrder(root: Record<string, unknown>, text: string): Record<string, unknown> {
  // the rank of each block type, and below it of each first label, and below that of each second label
  const ranks: SourceRanks = new Map();
  let n = 0;
  for (let m = HEADER.exec(text); m; m = HEADER.exec(text)) {
    let level = ranks;
    for (const name of [m[1], m[2], m[3]]) {
      if (name === undefined) break;
      const key = name.startsWith('"') ? name.slice(1, -1) : name;
      let rank = level.get(key);
      if (!rank) level.set(key, (rank = { rank: n++, below: new Map() }));
      level = rank.below;
    }
  }
  HEADER.lastIndex = 0;
  const reorder = (v: unknown, level: SourceRanks | undefined, depth: number): unknown => {
    if (depth === 0 || !isPlainMap(v)) return v;
    const sorted = Object.keys(v).map((k, i) => {
      const rank = level?.get(k);
      return { k, i, r: rank?.rank ?? Number.MAX_SAFE_INTEGER, below: rank?.below };
    });
    sorted.sort((a, b) => a.r - b.r || a.i - b.i);
    const out: Record<string, unknown> = {};
    for (const { k, below } of sorted) setOwnMember(out, k, reorder(v[k], below, depth - 1));
    return out;
  };
  const top = reorder(root, ranks, 1) as Record<string, unknown>;
  for (const section of Object.keys(top))
    if (HCL_BLOCK_LABELS[section])
      top[section] = reorder(top[section], ranks.get(section)?.below, HCL_BLOCK_LABELS[section]);
  return top;
}

/** Where block headers first appear in a file: by block type, then by label. */
type SourceRanks = Map<string, { rank: number; below: SourceRanks }>;

/**
 * One document of the groups a file was parsed in, as one parse of the whole
 * file would give: the bodies of a block name (and of `locals`) in file order,
 * so that a path's list index counts the blocks of the whole file.
 */
function mergeGroups(groups: Record<string, unknown>[]): Record<string, unknown> {
  if (groups.length === 1) return groups[0];
  const into = (target: Record<string, unknown>, from: Record<string, unknown>, depth: number): void => {
    for (const k of Object.keys(from)) {
      const a = Object.hasOwn(target, k) ? target[k] : undefined;
      const b = from[k];
      if (Array.isArray(a) && Array.isArray(b)) setOwnMember(target, k, a.concat(b));
      else if (depth > 0 && isPlainMap(a) && isPlainMap(b)) into(a, b, depth - 1);
      else if (a === undefined) setOwnMember(target, k, b);
    }
  };
  // Into the first group's document, which this front end owns (no copies: linear in the blocks).
  // Blocks have at most two labels: resource → type → name → [bodies].
  const [root, ...rest] = groups;
  for (const g of rest) into(root, g, 3);
  return root;
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
