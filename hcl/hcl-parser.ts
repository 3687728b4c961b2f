// HCL native syntax (`*.tf`) to the JSON form Terraform's JSON syntax writes,
// by HashiCorp's own HCL library (Go, compiled to WebAssembly in
// `@cdktf/hcl2json`). No HCL is parsed by hand here: this module only splits
// a file into groups of top-level blocks (for speed), reads the parser's
// error messages, and puts back the order of provisioner blocks the
// conversion loses. Each of these steps is checked by the parser itself.
//
// Measured (Node 20, 2 cores; in-process, before the machine got loaded):
//   hcl2-parser (GopherJS)    syntax error: [null, {}] — no message, no line; provisioner blocks of
//                             different kinds merged by kind; several lifecycle/validation blocks kept
//                             in order; 10,000 resources in 10.6 s (+0.5 s to load).
//   @cdktf/hcl2json (wasm)    syntax error: "m.tf:2,5-3,1: Invalid expression; Expected the start of
//                             an expression, ..." — file, line, column, every diagnostic; the same
//                             merging of provisioners (same converter) and object keys sorted;
//                             10,000 resources in 6.7 s in one call (the Go heap grows badly), 1.5 s
//                             in calls of ~200 blocks; loading it cost ~1.4 s of CPU (a 6.5 MB
//                             WebAssembly module to unpack and compile, and V8's optimizing tier
//                             recompiling the Go runtime's start): hcl/hcl-wasm.ts now reads
//                             it unpacked and compiles it with Liftoff alone, about a fifth of that.
// Through the CLI (bench/cli-front-ends.mjs, CPU seconds; wall times were meaningless on a machine
// with load 18): 10,000 resources no-change plan .tf 5.3 s, .tf.json 1.6 s, YAML 3.0 s; 100,000 .tf
// plan 62.7 s CPU / 594 MB and validate 57.3 s before groups were merged in place (then quadratic);
// after: validate 13.2 s CPU / 422 MB (9.3 s of it parsing and building).
// Both are the same converter (tmccombs/hcl2json): heredocs come out as
// strings (`<<-EOT` with the indentation removed), template directives
// re-printed (`%{ if x ~}` → `%{if x}` with the strip markers applied),
// comments dropped, numbers as JSON numbers (so above 2^53 they lose
// precision, as JSON.parse does in the `.tf.json` front end), expressions as
// "${...}" strings, blocks as lists of bodies, object keys sorted. We parse
// with @cdktf/hcl2json (loaded by hcl/hcl-wasm.ts; it locates syntax errors; a parse per group of ~200
// blocks makes it fast) and use hcl2-parser, which is synchronous, only to
// locate diagnostics when they are shown (templates/hcl-positions.ts) and to
// read a local backend's path when a workspace opens (templates/local-backend.ts).

import { hclToJson } from "./hcl-wasm.js";

/** A syntax error as HCL reports it. */
export interface HclSyntaxError {
  line: number;
  column: number;
  summary: string;
  detail: string;
}

/** One parsed group of top-level blocks: the converter's JSON and the line its text starts at. */
export interface HclGroup {
  json: Record<string, unknown>;
  firstLine: number;
}

export type HclParseResult = { ok: true; groups: HclGroup[] } | { ok: false; errors: HclSyntaxError[] };

/** Top-level block keywords that may start a group (at the start of a line). */
const TOP_LEVEL_START =
  /^(?:resource|data|variable|output|locals|module|terraform|provider|moved|import|check|removed)[\s"{]/;
const BLOCKS_PER_GROUP = 200;

/** Parse one `.tf` file. */
export async function parseHcl(file: string, text: string): Promise<HclParseResult> {
  const groups = splitGroups(text);
  if (groups.length > 1) {
    const parsed: HclGroup[] = [];
    let ok = true;
    for (const g of groups) {
      try {
        parsed.push({ json: await hclToJson(file, g.text, text.length), firstLine: g.firstLine });
      } catch {
        ok = false;
        break;
      }
    }
    // A group that does not parse on its own means an error or a split inside a
    // construct; the whole file tells which, with the right lines.
    if (ok) return { ok: true, groups: await restoreProvisionerOrder(file, parsed, groups) };
  }
  try {
    const json = await hclToJson(file, text);
    return {
      ok: true,
      groups: await restoreProvisionerOrder(file, [{ json, firstLine: 1 }], [{ text, firstLine: 1 }]),
    };
  } catch (e) {
    return { ok: false, errors: readErrors(file, (e as Error).message) };
  }
}

/** Split at lines that start a top-level block, ~BLOCKS_PER_GROUP blocks per group. */
function splitGroups(text: string): { text: string; firstLine: number }[] {
  const lines = text.split("\n");
  const out: { text: string; firstLine: number }[] = [];
  let start = 0;
  let blocks = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!TOP_LEVEL_START.test(lines[i])) continue;
    if (blocks === BLOCKS_PER_GROUP) {
      out.push({ text: lines.slice(start, i).join("\n"), firstLine: start + 1 });
      start = i;
      blocks = 0;
    }
    blocks++;
  }
  out.push({ text: lines.slice(start).join("\n"), firstLine: start + 1 });
  return out;
}

/**
 * The converter's message: "parse config: [f.tf:2,5-3,1: Summary; Detail. f.tf:…]".
 * Each diagnostic starts with the file name and its range.
 */
export function readErrors(file: string, message: string): HclSyntaxError[] {
  const body = message.replace(/^parse config: \[/, "").replace(/\]$/, "");
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const start = new RegExp(`(?:^| )${esc}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, "g");
  const marks: { at: number; end: number; line: number; column: number }[] = [];
  for (let m = start.exec(body); m; m = start.exec(body))
    marks.push({ at: m.index, end: m.index + m[0].length, line: Number(m[1]), column: Number(m[2]) });
  if (marks.length === 0) return [{ line: 1, column: 1, summary: body, detail: "" }];
  return marks.map((m, i) => {
    const text = body.slice(m.end, i + 1 < marks.length ? marks[i + 1].at : undefined).trim();
    const semi = text.indexOf("; ");
    return {
      line: m.line,
      column: m.column,
      summary: semi < 0 ? text : text.slice(0, semi),
      detail: semi < 0 ? "" : text.slice(semi + 2),
    };
  });
}

// ---- provisioner order ----
//
// The converter writes a resource's provisioners as { kind: [bodies] }, which
// keeps the order within a kind but not across kinds. Where a resource has
// provisioners of several kinds, the group is parsed again with each
// `provisioner "kind"` header's label made unique ("kind#<n>", n counting
// the headers in the text); the parser tells which of them are real blocks
// (a header inside a string or comment changes no block) and so their order.
// The result is Terraform JSON's ordered form: [{ kind: body }, …].

const PROVISIONER_HEADER = /(\bprovisioner\s+)("?)([A-Za-z0-9_-]+)\2(\s*\{)/g;
const ORDINAL_MARK = "#";

async function restoreProvisionerOrder(
  file: string,
  parsed: HclGroup[],
  groups: { text: string; firstLine: number }[],
): Promise<HclGroup[]> {
  for (let g = 0; g < parsed.length; g++) {
    if (!someResource(parsed[g].json, (body) => mixedProvisioners(body) !== undefined)) continue;
    let n = 0;
    const marked = groups[g].text.replace(
      PROVISIONER_HEADER,
      (_, kw: string, _q: string, kind: string, brace: string) => `${kw}"${kind}${ORDINAL_MARK}${n++}"${brace}`,
    );
    let markedJson: Record<string, unknown>;
    try {
      markedJson = await hclToJson(file, marked);
    } catch {
      continue; // cannot happen for text that parsed; keep the merged form
    }
    forEachResource(parsed[g].json, (type, name, index, body) => {
      const kinds = mixedProvisioners(body);
      if (!kinds) return;
      const markedBody = resourceBodies(markedJson, type, name)?.[index];
      const markedProv = markedBody?.provisioner as Record<string, unknown[]> | undefined;
      if (!markedProv) return;
      const order = Object.keys(markedProv)
        .map((k) => ({
          kind: k.slice(0, k.lastIndexOf(ORDINAL_MARK)),
          n: Number(k.slice(k.lastIndexOf(ORDINAL_MARK) + 1)),
        }))
        .sort((a, b) => a.n - b.n);
      const taken = new Map<string, number>();
      const ordered: Record<string, unknown>[] = [];
      for (const { kind } of order) {
        const i = taken.get(kind) ?? 0;
        taken.set(kind, i + 1);
        const item = kinds[kind]?.[i];
        if (item !== undefined) ordered.push({ [kind]: item });
      }
      if (ordered.length === Object.values(kinds).reduce((s, l) => s + l.length, 0)) body.provisioner = ordered;
    });
  }
  return parsed;
}

function mixedProvisioners(body: Record<string, unknown>): Record<string, unknown[]> | undefined {
  const p = body.provisioner;
  if (p === null || typeof p !== "object" || Array.isArray(p)) return undefined;
  return Object.keys(p).length > 1 ? (p as Record<string, unknown[]>) : undefined;
}

function resourceBodies(
  json: Record<string, unknown>,
  type: string,
  name: string,
): Record<string, unknown>[] | undefined {
  const types = json.resource as Record<string, Record<string, Record<string, unknown>[]>> | undefined;
  return types?.[type]?.[name];
}

function forEachResource(
  json: Record<string, unknown>,
  fn: (type: string, name: string, index: number, body: Record<string, unknown>) => void,
): void {
  const types = json.resource;
  if (types === null || typeof types !== "object") return;
  for (const [type, names] of Object.entries(types as Record<string, unknown>)) {
    if (names === null || typeof names !== "object") continue;
    for (const [name, bodies] of Object.entries(names as Record<string, unknown>)) {
      if (!Array.isArray(bodies)) continue;
      bodies.forEach((b, i) => {
        if (b !== null && typeof b === "object" && !Array.isArray(b)) fn(type, name, i, b as Record<string, unknown>);
      });
    }
  }
}

function someResource(json: Record<string, unknown>, test: (body: Record<string, unknown>) => boolean): boolean {
  let found = false;
  forEachResource(json, (_t, _n, _i, b) => {
    if (!found && test(b)) found = true;
  });
  return found;
}
