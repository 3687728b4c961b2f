// A YAML file of a Pulumi project (Pulumi.yaml, Pulumi.<stack>.yaml) parsed once with positions kept, so that every
// error can name the file, the line and the key as the user wrote them.

import { readFileSync } from "node:fs";
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument } from "yaml";
import { type Diagnostic, GantryError, type Origin } from "../../contract/diagnostics.js";

export class LocatedYaml {
  private constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: Document,
    private readonly contents: Node | null,
    private readonly lines: LineCounter,
  ) {}

  /** Parse `file` (or `text` as its content); syntax errors are thrown with their line. */
  static read(file: string, text = readFileSync(file, "utf8")): LocatedYaml {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length) {
      const diags: Diagnostic[] = doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          severity: "error",
          summary: `${file}: invalid YAML: ${e.message.split("\n")[0]}`,
          origin: { file, path: [], line: pos.line, column: pos.col },
        };
      });
      throw new GantryError(diags);
    }
    return new LocatedYaml(file, text, doc, (doc.contents as Node | null) ?? null, lines);
  }

  /** The whole document as plain JS (maps as objects, YAML 1.2 core scalars). */
  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 1000 }) ?? null;
  }

  /** The node at a path of keys and indexes, if there is one. */
  node(path: readonly (string | number)[]): Node | undefined {
    let node: Node | null | undefined = this.contents;
    for (const seg of path) {
      if (!node) return undefined;
      if (isMap(node)) {
        const pair: Pair | undefined = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        node = (pair?.value as Node | null | undefined) ?? undefined;
      } else if (isSeq(node) && typeof seg === "number") {
        node = node.items[seg] as Node | undefined;
      } else return undefined;
    }
    return node ?? undefined;
  }

  /**
   * Where a path points: the line of its key when it ends at a map entry, else of its node; the deepest existing
   * part of the path when the rest is missing.
   */
  origin(path: readonly (string | number)[]): Origin {
    let node: Node | null | undefined = this.contents;
    let offset = node?.range?.[0] ?? 0;
    for (const seg of path) {
      if (!node) break;
      if (isMap(node)) {
        const pair: Pair | undefined = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value as Node | null;
      } else if (isSeq(node) && typeof seg === "number" && node.items[seg]) {
        node = node.items[seg] as Node;
        offset = node.range?.[0] ?? offset;
      } else break;
    }
    const pos = this.lines.linePos(offset);
    return { file: this.file, path: [...path], line: pos.line, column: pos.col };
  }

  /** An error at a path, its summary prefixed with the file and line. */
  error(path: readonly (string | number)[], summary: string, detail?: string): GantryError {
    const origin = this.origin(path);
    return new GantryError({
      severity: "error",
      summary: `${this.file}:${origin.line}: ${summary}`,
      origin,
      detail,
    });
  }
}
