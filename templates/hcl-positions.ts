// Source positions inside `.tf` files, found only when a diagnostic is shown
// (templates/locate.ts). The HCL converter (hcl/hcl-parser.ts) keeps no
// positions, so a document path (["resource", "gantry_noop", "a", 0,
// "lifecycle", 0, "ignore_changes"]) is found in the text: the block's
// header by its keyword and labels at the start of a line, then each field
// by its name. A field name may also appear in a string, a comment or a
// nested value, so each candidate is confirmed by the parser itself: the
// block's text is parsed again with the candidate renamed, and the candidate
// is the field when the renamed name appears at the path. The synchronous
// parser (`hcl2-parser`, the same Go converter compiled to JavaScript) does
// this, as diagnostics are formatted synchronously.

import { createRequire } from "node:module";
import { CALL_PROBE, callPattern, callsFunction } from "./expression-calls.js";

type Path = readonly (string | number)[];

/** How many labels each top-level block kind has (also used to put blocks back in source order). */
export const HCL_BLOCK_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  provider: 1,
  module: 1,
  check: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
};

const TOP_LEVEL_LINE =
  /^(?:resource|data|variable|output|locals|module|terraform|provider|moved|import|check|removed)[\s"{]/;
const PROBE = "__gantry_probe";

type SyncParse = (text: string) => [unknown, unknown];
let syncParse: SyncParse | undefined;

function parseSync(text: string): unknown {
  if (!syncParse) {
    const mod = createRequire(import.meta.url)("hcl2-parser") as { parseToObject: SyncParse };
    syncParse = mod.parseToObject;
  }
  // the converter throws on some inputs ("value is null"): a text it cannot read has no position to give
  // the converter predates provider-defined functions (provider::NS::FN): "::" is read as "__", which keeps offsets
  try {
    const [result] = syncParse(text.replaceAll("::", "__"));
    return result ?? undefined;
  } catch {
    return undefined;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Offset of the header of the `index`-th block with these labels, at the start of a line. */
function headerOffset(text: string, section: string, labels: string[], index: number): number | undefined {
  const lbl = labels.map((l) => `\\s+(?:"${escapeRegExp(l)}"|${escapeRegExp(l)})`).join("");
  const re = new RegExp(`^[ \\t]*${section}${lbl}\\s*\\{`, "gm");
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (n++ === index) return m.index + (m[0].length - m[0].trimStart().length);
  }
  return undefined;
}

/**
 * Offset of the `index`-th (else the first) line that starts with the block keyword `section` (a pattern) and opens a
 * block.
 */
function keywordOffset(text: string, section: string, index: number): number | undefined {
  const re = new RegExp(`^[ \\t]*${section}(?![\\w-])[^\\n{]*\\{`, "gm");
  let first: number | undefined;
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const offset = m.index + (m[0].length - m[0].trimStart().length);
    first ??= offset;
    if (n++ === index) return offset;
  }
  return first;
}

/** End of the block starting at `start`: the next line that starts a top-level block, or the end. */
function blockEnd(text: string, start: number): number {
  let i = text.indexOf("\n", start);
  while (i !== -1) {
    const line = text.slice(i + 1, text.indexOf("\n", i + 1) === -1 ? undefined : text.indexOf("\n", i + 1));
    if (TOP_LEVEL_LINE.test(line)) return i + 1;
    i = text.indexOf("\n", i + 1);
  }
  return text.length;
}

/** The value at `path` in the converter's output, or undefined. */
function at(root: unknown, path: Path): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/**
 * Offset of a document path of the HCL front end in `text`: the deepest
 * field of the path found (its name), else the block's header, else undefined.
 */
export function hclOffset(text: string, path: Path): number | undefined {
  return hclField(text, path)?.offset;
}

/**
 * Offset of the start of the value of the field at `path` (`x == 1` in `condition = x == 1`); the field's name when
 * it is not an argument written `name = value`, undefined when the path is not found.
 */
export function hclValueOffset(text: string, path: Path): number | undefined {
  const field = hclField(text, path);
  if (!field) return undefined;
  if (!field.block) return field.offset;
  const m = /"?[^\s="]*"?[ \t]*=[ \t]*/y;
  m.lastIndex = field.offset;
  return m.exec(text) ? m.lastIndex : field.offset;
}

/** Where a path was found: the offset, and when every field of it was found, the block it is in. */
interface FieldPlace {
  offset: number;
  /** The block's text (from its header), its offset in the file, and the path inside it; set when all was found. */
  block?: { text: string; start: number; path: (string | number)[] };
}

function hclField(text: string, path: Path): FieldPlace | undefined {
  const section = path[0];
  if (typeof section !== "string") return undefined;
  // a block of a kind Terraform does not have: its header
  if (!(section in HCL_BLOCK_LABELS)) {
    // or an argument written at the top level (`required_version = …` outside its terraform block)
    const name = escapeRegExp(section);
    const offset = keywordOffset(text, name, 0) ?? new RegExp(`^[ \\t]*"?${name}"?\\s*=`, "m").exec(text)?.index;
    return offset === undefined ? undefined : { offset };
  }
  const nLabels = HCL_BLOCK_LABELS[section];
  const labels = path.slice(1, 1 + nLabels);
  if (labels.length < nLabels || labels.some((l) => typeof l !== "string")) {
    // written with fewer labels than its kind takes (`data "x" {`): the header of the labels that were written
    const cut = labels.findIndex((l) => typeof l !== "string");
    const written = (cut < 0 ? labels : labels.slice(0, cut)) as string[];
    const offset = headerOffset(text, section, written, 0) ?? keywordOffset(text, section, 0);
    return offset === undefined ? undefined : { offset };
  }
  let i = 1 + nLabels;
  const index = typeof path[i] === "number" ? (path[i++] as number) : 0;
  // a block written with other labels than its kind takes (`moved "x" {`) is found by its keyword alone
  const header = headerOffset(text, section, labels as string[], index) ?? keywordOffset(text, section, index);
  if (header === undefined) return undefined;
  const end = blockEnd(text, header);
  const block = text.slice(header, end);
  // The block parsed alone: its own path starts with the section, labels and index 0.
  const base: (string | number)[] = [section, ...(labels as string[])];
  const blockPath: (string | number)[] = [...base, 0];
  let best = header;
  let from = 0; // offset inside `block` where the current body starts
  let ok = parseSync(block) !== undefined;
  for (; i < path.length && ok; i++) {
    const seg = path[i];
    if (typeof seg === "number") {
      blockPath.push(seg);
      continue;
    }
    const indexed = typeof path[i + 1] === "number";
    const nth = indexed ? (path[i + 1] as number) : 0;
    const found = findField(block, from, blockPath, seg, nth);
    if (found === undefined) {
      ok = false;
      break;
    }
    best = header + found.offset;
    from = found.offset + seg.length;
    blockPath.push(seg);
    if (indexed && found.consumedIndex) {
      blockPath.push(nth);
      i++;
    }
  }
  return ok ? { offset: best, block: { text: block, start: header, path: blockPath } } : { offset: best };
}

/**
 * Offset of the name of a function call in the value of the field at `path`: the `nth` (0-based, in source order)
 * call of `fn` there, else its first, else undefined. Each candidate (the name followed by `(`) is confirmed by the
 * parser: renamed in the block's text, the field's value must then hold a call of the renamed function (a name in a
 * string or a comment changes no call).
 */
export function hclCallOffset(text: string, path: Path, fn: string, nth: number): number | undefined {
  const field = hclField(text, path);
  if (!field?.block) return undefined;
  const { text: block, start, path: fieldPath } = field.block;
  const probed = fn.replaceAll("::", "__") + CALL_PROBE;
  const re = callPattern(fn);
  re.lastIndex = field.offset - start;
  let first: number | undefined;
  let n = 0;
  for (let m = re.exec(block); m; m = re.exec(block)) {
    const value = at(parseSync(block.slice(0, m.index) + probed + block.slice(m.index + fn.length)), fieldPath);
    if (value === undefined || !callsFunction(value, probed)) continue;
    first ??= start + m.index;
    if (n++ === nth) return start + m.index;
  }
  return first;
}

/**
 * The `nth` occurrence (counted among confirmed ones) of field `name` at
 * `parent` in the block's text after `from`; the first confirmed one when
 * there are fewer (a list value's index, not a repeated block).
 */
function findField(
  block: string,
  from: number,
  parent: (string | number)[],
  name: string,
  nth: number,
): { offset: number; consumedIndex: boolean } | undefined {
  // an empty name ("" = 1) is found quoted only (an empty pattern would match everywhere without advancing)
  const quote = name === "" ? '(")' : '("?)';
  const re = new RegExp(`(?<![\\w-])${quote}${escapeRegExp(name)}\\1(?=\\s*[=:{"])`, "g");
  re.lastIndex = from;
  const confirmed: number[] = [];
  for (let m = re.exec(block); m; m = re.exec(block)) {
    const keyStart = m.index + m[1].length;
    const probe = block.slice(0, keyStart) + name + PROBE + block.slice(keyStart + name.length);
    const parsed = parseSync(probe);
    if (at(parsed, [...parent, name + PROBE]) !== undefined) {
      confirmed.push(m.index);
      if (confirmed.length > nth) return { offset: m.index, consumedIndex: true };
    }
  }
  if (confirmed.length === 0) return undefined;
  return { offset: confirmed[0], consumedIndex: false };
}
