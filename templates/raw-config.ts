// The raw configuration: what a front end makes of its syntax before the
// shared builder (templates/config-builder.ts) turns it into the config model.
//
// A front end only reads its language: it finds the declarations (variables,
// locals, resources, outputs) with their names and bodies, and says where each
// value came from. It does not decide what a body may contain; the builder
// checks every body against one schema and reports with one set of messages,
// so a meta-argument added once works in every language.
//
// Declarations come in document order, together with the syntax problems a
// front end found between them, so that all diagnostics of a file come out in
// the order of the source. A front end may produce them on demand, so that a
// large file's declarations are built one by one and never held twice.

import type { Diagnostic, Origin } from "../contract/diagnostics.js";
import type { Expr } from "../planner/expressions/ast.js";

/** A value of the document with its origin; children are found on demand (loading stays fast). */
export interface RawNode {
  /** The plain value (maps, lists, strings, numbers, bools, null), as the language's data model reads it. */
  readonly value: unknown;
  /** Where the value is: for a map member, its key. */
  readonly origin: Origin;
  /**
   * The member or item `key` of this value; when absent, a node without value
   * located at the nearest existing ancestor.
   */
  child(key: string | number): RawNode;
  /** For a one-line string written as it reads, the origin of an offset inside it (expression errors point there). */
  originInString?(offset: number): Origin | undefined;
}

export type RawDeclaration =
  | { kind: "variable"; name: string; body: RawNode }
  | { kind: "local"; name: string; value: RawNode }
  /** `type` as written ("gantry_noop"; in YAML also "noop"). */
  | { kind: "resource"; type: string; name: string; body: RawNode }
  | { kind: "output"; name: string; body: RawNode }
  /** `module "name" { source = ..., inputs... }` */
  | { kind: "module"; name: string; body: RawNode }
  | { kind: "check"; name: string; body: RawNode }
  | { kind: "data"; type: string; name: string; body: RawNode }
  | { kind: "moved"; body: RawNode }
  | { kind: "import"; body: RawNode }
  /** A `terraform` block (required_version, required_providers, backend). */
  | { kind: "terraform"; body: RawNode }
  /** A `provider "name"` block. */
  | { kind: "provider"; name: string; body: RawNode }
  | { kind: "diagnostic"; diagnostic: Diagnostic };

/** What differs between languages in how they write the same thing. */
export interface RawDialect {
  /** Prefix of resource types in this language's examples ("" for "noop.a", "gantry_" for "gantry_noop.a"). */
  typePrefix: string;
  /**
   * Types may be written short ("noop" is "gantry_noop", by contract/type-names.ts), in resource keys, addresses and
   * references (YAML). Otherwise types are exactly as written (Terraform syntax).
   */
  shortTypeNames: boolean;
  /** Nested blocks (lifecycle) may also be written as a list of bodies (Terraform's JSON block syntax). */
  blockLists: boolean;
  /**
   * When set, the front end compiles values itself (HOT: strings are literal, values hold intrinsic functions such
   * as `{get_attr: [...]}`); otherwise values are compiled as Terraform JSON writes them (`${...}` templates).
   * `what` names the value for messages.
   */
  compile?(node: RawNode, what: string): Expr;
  /** for_each takes only a map or a set of strings (Terraform's rule); otherwise a list of strings too. */
  forEachMapOrSet?: boolean;
  /** Import blocks may carry `data`, what was kept of the object beside its id (HOT: Heat's adopt data). */
  importData?: boolean;
}

export interface RawConfig {
  /** Path of the file relative to the configuration directory. */
  file: string;
  dialect: RawDialect;
  /** Iterable more than once; each pass reads the file's declarations anew. */
  declarations: Iterable<RawDeclaration>;
}

/**
 * A node located by its document path only (no line or column):
 * templates/locate.ts resolves the path when a diagnostic is shown.
 */
export class PathNode implements RawNode {
  private located?: Origin;

  constructor(
    readonly file: string,
    readonly path: (string | number)[],
    readonly value: unknown,
  ) {}

  get origin(): Origin {
    return (this.located ??= { file: this.file, path: this.path });
  }

  child(key: string | number): RawNode {
    return new PathNode(this.file, childPath(this.path, key), childValue(this.value, key));
  }
}

/**
 * `path` and one more key, in an array of exactly that length: origins keep their paths for as long as the
 * configuration lives, and a spread or a push leaves room for ~20 entries (~170 bytes instead of ~50 each).
 */
export function childPath(path: readonly (string | number)[], key: string | number): (string | number)[] {
  const n = path.length;
  const out = new Array<string | number>(n + 1);
  for (let i = 0; i < n; i++) out[i] = path[i]!;
  out[n] = key;
  return out;
}

/** A member of a map or an item of a list, undefined when there is none (own keys only). */
export function childValue(v: unknown, key: string | number): unknown {
  return v !== null && typeof v === "object" && Object.hasOwn(v, key)
    ? (v as Record<string | number, unknown>)[key]
    : undefined;
}
