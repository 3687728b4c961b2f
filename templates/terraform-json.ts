// Terraform's JSON configuration syntax, `*.tf.json` (what CDKTF synthesizes),
// read into the raw configuration (templates/raw-config.ts); the shared
// builder (templates/config-builder.ts) makes the model of it.
//
//   { "resource": { "gantry_noop": { "a": { ... } } }, "variable": {...},
//     "locals": {...}, "output": {...}, "terraform": {...}, "provider": {...}, "//": ... }
//
// Any block level may also be an array of objects (Terraform's JSON syntax),
// nested blocks too (lifecycle: [{...}]); "//" keys (CDKTF metadata) are
// skipped at every level, including inside property values. References
// inside expressions stay as written (the planner canonicalizes them).
//
// Loading uses JSON.parse and records only document paths in origins (no
// line/column): templates/locate.ts resolves them when a diagnostic is shown.
// Origins: a resource is at ["resource", "<type as written>", "<name>"]
// (array forms add numeric indices where the arrays are), its properties and
// meta-arguments one level deeper; variables at ["variable", name], outputs at
// ["output", name], locals at ["locals", name].

import type { DiagnosticBag, Origin } from "../contract/diagnostics.js";
import { buildConfigFragment } from "./config-builder.js";
import { rawTypeName, type ConfigFragment } from "./fragment.js";
import { invalidJson } from "./json-positions.js";
import { childPath, PathNode, type RawConfig, type RawDeclaration, type RawDialect } from "./raw-config.js";

type Path = (string | number)[];

const IGNORED_TOP = new Set(["//"]);
const UNSUPPORTED_TOP = new Set(["removed"]);
/** How many labels each of these blocks has. */
const UNSUPPORTED_TOP_LABELS: Record<string, number> = { data: 2, check: 1 };
const TYPE_RE = /^[A-Za-z][A-Za-z0-9_]*$/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Types carry the provider prefix ("gantry_noop"); nested blocks may be lists of bodies. */
export const TERRAFORM_JSON_DIALECT: RawDialect = {
  typePrefix: "gantry_",
  shortTypeNames: false,
  blockLists: true,
  forEachMapOrSet: true,
};

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Remove "//" keys at any depth; returns the same value when there are none. */
export function stripComments(v: unknown): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const s = stripComments(v[i]);
      if (s !== v[i]) {
        out ??= v.slice();
        out[i] = s;
      }
    }
    return out ?? v;
  }
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k in o) {
      const s = k === "//" ? undefined : stripComments(o[k]);
      if (out === undefined && (k === "//" || s !== o[k])) {
        // A copy of the members before this one (not `delete`, which makes objects slow to read).
        out = {};
        for (const before in o) {
          if (before === k) break;
          setOwnMember(out, before, o[before]);
        }
      }
      if (out !== undefined && k !== "//") setOwnMember(out, k, s);
    }
    return out ?? v;
  }
  return v;
}

/** Sets an own member of a plain object, "__proto__" too (as JSON.parse does): assignment is the fast path. */
export function setOwnMember(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === "__proto__")
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** Parse one `*.tf.json` file. `file` is the path relative to the configuration directory. */
export function parseTerraformJson(file: string, content: string, bag: DiagnosticBag): ConfigFragment {
  return buildConfigFragment(readTerraformJson(file, content), bag);
}

/** Read one `*.tf.json` file into the raw configuration; syntax problems are among its declarations. */
export function readTerraformJson(file: string, content: string): RawConfig {
  const reader = new TerraformJsonReader(file, TERRAFORM_JSON_DIALECT);
  let root: unknown;
  try {
    root = JSON.parse(content);
  } catch (e) {
    const { summary, origin } = invalidJson(file, content, (e as Error).message);
    return reader.raw([reader.problem(summary, origin)]);
  }
  return reader.raw({ [Symbol.iterator]: () => reader.document(root) });
}

/** A block found by TerraformJsonReader.blocks: labels (valid until the next block), body and path, or a problem. */
interface Block {
  labels: string[];
  body: Record<string, unknown>;
  path: Path;
  problem?: RawDeclaration;
}

/**
 * Reads a document in Terraform's JSON form; the HCL front end
 * (templates/terraform-hcl.ts) reads its parser's output with it too.
 */
export class TerraformJsonReader {
  constructor(
    readonly file: string,
    readonly dialect: RawDialect,
  ) {}

  raw(declarations: Iterable<RawDeclaration>): RawConfig {
    return { file: this.file, dialect: this.dialect, declarations };
  }

  problem(summary: string, origin: Origin): RawDeclaration {
    return { kind: "diagnostic", diagnostic: { severity: "error", summary, origin } };
  }

  error(summary: string, path: Path): RawDeclaration {
    return this.problem(summary, { file: this.file, path });
  }

  /** A body or value, without "//" metadata. */
  node(path: Path, value: unknown): PathNode {
    return new PathNode(this.file, path, stripComments(value));
  }

  *document(root: unknown): Generator<RawDeclaration> {
    if (!isPlainMap(root)) {
      yield this.error(
        `${this.file} must contain a JSON object with resource, variable, locals and output blocks, ` +
          `got ${rawTypeName(root)}`,
        [],
      );
      return;
    }
    for (const key of Object.keys(root)) {
      const v = root[key];
      if (IGNORED_TOP.has(key)) continue;
      switch (key) {
        case "resource":
          for (const b of this.blocks(v, ["resource"], 2, []))
            yield b.problem ?? this.resource(b.labels[0], b.labels[1], b.body, b.path);
          break;
        case "variable":
          for (const b of this.blocks(v, ["variable"], 1, []))
            yield b.problem ?? { kind: "variable", name: b.labels[0], body: this.node(b.path, b.body) };
          break;
        case "output":
          for (const b of this.blocks(v, ["output"], 1, []))
            yield b.problem ?? { kind: "output", name: b.labels[0], body: this.node(b.path, b.body) };
          break;
        case "module":
          for (const b of this.blocks(v, ["module"], 1, []))
            yield b.problem ?? { kind: "module", name: b.labels[0], body: this.node(b.path, b.body) };
          break;
        case "data":
          for (const b of this.blocks(v, ["data"], 2, [])) {
            const d = b.problem ?? this.resource(b.labels[0], b.labels[1], b.body, b.path);
            yield d.kind === "resource" ? { ...d, kind: "data" } : d;
          }
          break;
        case "check":
          for (const b of this.blocks(v, ["check"], 1, []))
            yield b.problem ?? { kind: "check", name: b.labels[0], body: this.node(b.path, b.body) };
          break;
        case "moved":
          for (const b of this.blocks(v, ["moved"], 0, []))
            yield b.problem ?? { kind: "moved", body: this.node(b.path, b.body) };
          break;
        case "import":
          for (const b of this.blocks(v, ["import"], 0, []))
            yield b.problem ?? { kind: "import", body: this.node(b.path, b.body) };
          break;
        case "locals":
          for (const b of this.blocks(v, ["locals"], 0, [])) {
            if (b.problem) yield b.problem;
            else yield* this.locals(b.body, b.path);
          }
          break;
        case "terraform":
          for (const b of this.blocks(v, ["terraform"], 0, []))
            yield b.problem ?? { kind: "terraform", body: this.node(b.path, b.body) };
          break;
        case "provider":
          for (const b of this.blocks(v, ["provider"], 1, []))
            yield b.problem ?? { kind: "provider", name: b.labels[0], body: this.node(b.path, b.body) };
          break;
        default:
          if (UNSUPPORTED_TOP.has(key)) yield* this.unsupported(key, v);
          else
            yield this.error(
              `unknown top-level block "${key}"; expected one of terraform, provider, resource, data, variable, ` +
                `locals, output, module, check, moved, import ("//" is ignored)`,
              [key],
            );
      }
    }
  }

  /** Expand Terraform JSON's block forms: `remaining` levels of object keys (labels), arrays allowed at every level. */
  *blocks(node: unknown, path: Path, remaining: number, labels: string[]): Generator<Block> {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) yield* this.blocks(node[i], childPath(path, i), remaining, labels);
      return;
    }
    if (!isPlainMap(node)) {
      const what = remaining === 0 ? "a JSON object (block body)" : "a JSON object keyed by block label";
      const problem = this.error(
        `"${path.filter((s) => typeof s === "string").join(".")}" must be ${what}, got ${rawTypeName(node)}`,
        path,
      );
      yield { labels, body: {}, path, problem };
      return;
    }
    if (remaining === 0) {
      yield { labels, body: node, path };
      return;
    }
    for (const k of Object.keys(node)) {
      if (k === "//") continue;
      labels.push(k);
      const child = node[k];
      // The common case (a label's body is an object) without a nested generator per block.
      if (remaining === 1 && isPlainMap(child)) yield { labels, body: child, path: childPath(path, k) };
      else yield* this.blocks(child, childPath(path, k), remaining - 1, labels);
      labels.pop();
    }
  }

  resource(typeAsWritten: string, name: string, body: Record<string, unknown>, path: Path): RawDeclaration {
    if (!TYPE_RE.test(typeAsWritten) || !NAME_RE.test(name)) {
      return this.error(
        `invalid resource address "${typeAsWritten}.${name}"; ` +
          `expected a type such as "gantry_noop" and a name of letters, digits, "_" and "-"`,
        path,
      );
    }
    return { kind: "resource", type: typeAsWritten, name, body: this.node(path, body) };
  }

  /** One "not supported yet" per block, located at the block (its labels as written). */
  *unsupported(key: string, v: unknown): Generator<RawDeclaration> {
    const labels = UNSUPPORTED_TOP_LABELS[key] ?? 0;
    let any = false;
    for (const b of this.blocks(v, [key], labels, [])) {
      any = true;
      const named = b.labels.length ? ` ${b.labels.map((l) => JSON.stringify(l)).join(" ")}` : "";
      yield this.error(`${key}${named}: "${key}" blocks are not supported yet`, b.path);
    }
    if (!any) yield this.error(`"${key}" blocks are not supported yet`, [key]);
  }

  *locals(body: Record<string, unknown>, path: Path): Generator<RawDeclaration> {
    for (const k of Object.keys(body)) {
      if (k === "//") continue;
      yield { kind: "local", name: k, value: this.node(childPath(path, k), body[k]) };
    }
  }
}
