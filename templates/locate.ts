// Turning an Origin's document path into a line and column, and printing
// diagnostics the way Terraform does (with the source line).
//
// Front ends keep only paths for speed; positions are resolved here, lazily,
// by re-reading the file: `.json` files with a light position scanner, YAML
// files with `yaml`'s parser (loaded then), `.tf` files by templates/hcl-positions.ts.
// A SourceLocator keeps the files it parsed, by path, for as long as its owner
// keeps it (a configuration's load, one batch of messages): nothing is kept
// for the whole process.

import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type { Document, LineCounter } from "yaml";
import type { Diagnostic, Origin } from "../contract/diagnostics.js";
import type { SourceFile } from "../planner/model.js";
import { hclCallOffset, hclOffset, hclValueOffset } from "./hcl-positions.js";
import {
  jsonCallOffset,
  jsonOffset,
  jsonValueOffset,
  lineColumn,
  scanJson,
  type JsonPosNode,
} from "./json-positions.js";
import { yamlCallOffset, yamlNodePathOffset, yamlValueOffset } from "./yaml-positions.js";

/**
 * The `yaml` library, loaded on the first YAML position asked for (positions are asked for by messages): a run that
 * reads no YAML then never loads it. Synchronous, as locate is.
 */
const yamlLibrary = (): typeof import("yaml") => createRequire(import.meta.url)("yaml");

export interface Position {
  line: number;
  column: number;
}

interface CachedFile {
  content: string;
  stamp: string;
  lines?: string[];
  json?: JsonPosNode | null;
  yaml?: { doc: Document; lc: LineCounter };
}

/** Resolves origins to positions and source lines, keeping the files it parsed (by path) while it is kept. */
export class SourceLocator {
  private readonly files = new Map<string, CachedFile>();

  /** Resolve an origin to a 1-based line and column (of the field's key when the path ends at a map entry). */
  locate(origin: Origin, dir: string, sources?: readonly SourceFile[]): Position | undefined {
    return locateIn(this.files, origin, dir, sources);
  }

  /** The source line (1-based) an origin's file has, trailing blanks removed. */
  sourceLine(origin: Origin, dir: string, line: number, sources?: readonly SourceFile[]): string | undefined {
    const f = loadFile(this.files, origin, dir, sources);
    if (!f) return undefined;
    if (!f.lines) f.lines = f.content.split(/\r?\n/);
    const text = f.lines[line - 1];
    return text === undefined ? undefined : text.replace(/\s+$/, "");
  }
}

function loadFile(
  cache: Map<string, CachedFile>,
  origin: Origin,
  dir: string,
  sources?: readonly SourceFile[],
): CachedFile | undefined {
  const abs = path.resolve(dir, origin.file);
  const src = sources?.find((f) => f.path === origin.file || path.resolve(dir, f.path) === abs);
  let stamp: string;
  let content: string | undefined;
  if (src) {
    content = src.content;
    stamp = "mem";
  } else {
    try {
      const st = statSync(abs);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return undefined;
    }
  }
  const hit = cache.get(abs);
  if (hit && hit.stamp === stamp && (content === undefined || hit.content === content)) return hit;
  if (content === undefined) {
    try {
      content = readFileSync(abs, "utf8");
    } catch {
      return undefined;
    }
  }
  const entry: CachedFile = { content, stamp };
  cache.set(abs, entry);
  return entry;
}

function isHclFile(file: string): boolean {
  return file.toLowerCase().endsWith(".tf");
}

function isJsonFile(file: string): boolean {
  return file.toLowerCase().endsWith(".json");
}

/**
 * Resolve an origin to a 1-based line and column (of the field's key when the path ends at a map entry), reading its
 * file for this call alone (a SourceLocator keeps what it read for the next).
 */
export function locate(origin: Origin, dir: string, sources?: readonly SourceFile[]): Position | undefined {
  return new SourceLocator().locate(origin, dir, sources);
}

function locateIn(
  cache: Map<string, CachedFile>,
  origin: Origin,
  dir: string,
  sources?: readonly SourceFile[],
): Position | undefined {
  // front ends that know a field's position give it (YAML); a call inside the field is still looked for
  const given = origin.line === undefined ? undefined : { line: origin.line, column: origin.column ?? 1 };
  const atValue = origin.at === "value" && !origin.call;
  if (given && !origin.call && !atValue) return given;
  const f = loadFile(cache, origin, dir, sources);
  if (!f) return given;
  if (isHclFile(origin.file)) {
    const call = origin.call && hclCallOffset(f.content, origin.path, origin.call.fn, origin.call.index);
    if (call === undefined && given && !atValue) return given;
    const off = call ?? (atValue ? hclValueOffset(f.content, origin.path) : hclOffset(f.content, origin.path));
    return off === undefined ? undefined : lineColumn(f.content, off);
  }
  if (isJsonFile(origin.file)) {
    if (f.json === undefined) {
      try {
        f.json = scanJson(f.content);
      } catch {
        f.json = null;
      }
    }
    if (!f.json) return given;
    const call = origin.call && jsonCallOffset(f.content, f.json, origin.path, origin.call.fn, origin.call.index);
    if (call === undefined && given && !atValue) return given;
    const field = atValue ? jsonValueOffset(f.content, f.json, origin.path) : jsonOffset(f.json, origin.path);
    return lineColumn(f.content, call ?? field);
  }
  const yaml = yamlLibrary();
  if (!f.yaml) {
    const lc = new yaml.LineCounter();
    const doc = yaml.parseDocument(f.content, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
    f.yaml = { doc, lc };
  }
  const contents = f.yaml.doc.contents;
  // a scalar's text read alone: what it holds, or undefined when it is not YAML by itself
  const decode = (text: string) => {
    const d = yaml.parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    return d.errors.length ? undefined : d.toJS();
  };
  const call =
    origin.call && yamlCallOffset(yaml, f.content, contents, origin.path, origin.call.fn, origin.call.index, decode);
  const value = atValue ? yamlValueOffset(yaml, contents, origin.path) : undefined;
  if (call === undefined && value === undefined && given) return given;
  const off = call ?? value ?? yamlNodePathOffset(yaml, contents, origin.path);
  if (off === undefined) return undefined;
  const p = f.yaml.lc.linePos(off);
  return { line: p.line, column: p.col };
}

/** Terraform's names for blocks in `.tf` files: `resource "gantry_noop" "a"`, `variable "n"`, `terraform`. */
export function describeHclOriginPath(docPath: readonly (string | number)[]): string | undefined {
  const p = docPath.filter((s): s is string => typeof s === "string");
  const [section, a, b] = p;
  switch (section) {
    case "resource":
    case "data":
      return a && b ? `${section} "${a}" "${b}"` : undefined;
    case "variable":
    case "output":
    case "provider":
    case "module":
    case "check":
      return a ? `${section} "${a}"` : undefined;
    case "locals":
    case "terraform":
      return section;
    default:
      return undefined;
  }
}

/** "resource "gantry_noop.a"" etc. (types as written), from a document path of either front end. */
export function describeOriginPath(docPath: readonly (string | number)[]): string | undefined {
  const p = docPath.filter((s): s is string => typeof s === "string");
  const [section, a, b] = p;
  switch (section) {
    case "resources":
      return a ? `resource "${a}"` : undefined;
    case "resource":
      return a && b ? `resource "${a}.${b}"` : undefined;
    case "variables":
    case "variable":
      return a ? `variable "${a}"` : undefined;
    case "outputs":
    case "output":
      return a ? `output "${a}"` : undefined;
    case "locals":
      return a ? `local "${a}"` : undefined;
    default:
      return undefined;
  }
}

const MAX_LINE = 160;

function clip(text: string, column: number): string {
  if (text.length <= MAX_LINE) return text;
  const from = Math.max(0, Math.min(column - 1 - 40, text.length - MAX_LINE));
  return (from > 0 ? "..." : "") + text.slice(from, from + MAX_LINE) + (from + MAX_LINE < text.length ? "..." : "");
}

function whereLines(
  origin: Origin,
  dir: string,
  sources: readonly SourceFile[] | undefined,
  indent: string,
  bold: (s: string) => string,
  locator: SourceLocator,
): string[] {
  const pos = locator.locate(origin, dir, sources);
  const ctx = isHclFile(origin.file) ? describeHclOriginPath(origin.path) : describeOriginPath(origin.path);
  const out: string[] = [];
  const at = pos ? ` line ${pos.line}, column ${pos.column}` : "";
  out.push(`${indent}on ${origin.file}${at}${ctx ? `, in ${ctx}` : ""}:`);
  if (pos) {
    const text = locator.sourceLine(origin, dir, pos.line, sources);
    if (text !== undefined) out.push(`${indent}${pos.line}: ${bold(clip(text, pos.column))}`);
  }
  return out;
}

/**
 * Print a diagnostic like Terraform, with the source line and any related locations (`locator`: one shared by a batch
 * of messages reads each file once).
 */
export function formatDiagnostic(
  d: Diagnostic,
  dir: string,
  color: boolean,
  sources?: readonly SourceFile[],
  locator = new SourceLocator(),
): string {
  const paint = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const head = d.severity === "error" ? paint("1;31")("Error:") : paint("1;33")("Warning:");
  const bold = paint("1");
  const lines: string[] = [`${head} ${bold(d.summary)}`];
  if (d.origin) {
    lines.push("");
    lines.push(...whereLines(d.origin, dir, sources, "  ", bold, locator));
  }
  if (d.detail) {
    lines.push("");
    lines.push(d.detail);
  }
  if (d.related?.length) {
    lines.push("");
    for (const r of d.related) {
      if (r.origin) {
        lines.push(`  ${r.label}`);
        lines.push(...whereLines(r.origin, dir, sources, "    ", (s) => s, locator));
      } else lines.push(`  ${r.label}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
