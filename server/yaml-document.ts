// Templates and environments given as text in a request body (YAML, of which
// JSON is a subset), parsed with limits: no more than `maxDepth` levels of
// nesting and `maxAliases` alias expansions, and no larger than Heat's
// max_template_size. Dates stay strings (YAML 1.2 core schema), as Heat's
// loader keeps them.

import { isMap, isSeq, parseDocument, visit } from "yaml";
import { scanSource } from "../templates/source-scan.js";

export interface YamlLimits {
  /** Nesting levels of mappings and sequences. */
  maxDepth: number;
  /** Alias nodes (`*a`) in one document. */
  maxAliases: number;
  /** Characters of text (Heat's max_template_size: 524288). */
  maxChars: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxDepth: 64, maxAliases: 100, maxChars: 524_288 };

/** Parses one YAML document; throws Error with a message naming the problem and where. */
export function parseYamlText(text: string, limits: YamlLimits): unknown {
  if (text.length > limits.maxChars) {
    throw new LimitError(
      `Template size (${text.length} bytes) exceeds maximum allowed size (${limits.maxChars} bytes).`,
    );
  }
  // The YAML parser recurses per level: a text nested thousands of levels deep would overflow its stack before the
  // depth check below could run, so the text is scanned for depth first (and a stack overflow still reads as depth).
  const deep = scanSource(text, "yaml", limits.maxDepth);
  if (deep?.problem === "too-deep")
    throw new LimitError(`nesting deeper than ${limits.maxDepth} levels at line ${deep.line}`);
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  } catch (e) {
    if (e instanceof RangeError) throw new LimitError(`nesting deeper than ${limits.maxDepth} levels`);
    throw e;
  }
  if (doc.errors.length > 0) throw new Error(doc.errors[0].message);
  let aliases = 0;
  let tooDeep: string | undefined;
  visit(doc, {
    Alias() {
      aliases += 1;
    },
    Collection(_key, node, path) {
      const depth = path.filter((n) => isMap(n) || isSeq(n)).length + 1;
      if (depth > limits.maxDepth && tooDeep === undefined) {
        const line = node.range ? lineOf(text, node.range[0]) : undefined;
        tooDeep = `nesting deeper than ${limits.maxDepth} levels${line ? ` at line ${line}` : ""}`;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (tooDeep) throw new LimitError(tooDeep);
  if (aliases > limits.maxAliases) throw new LimitError(`more than ${limits.maxAliases} aliases`);
  try {
    return doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (e) {
    throw new LimitError((e as Error).message);
  }
}

/** Depth of nesting of a value given as JSON (templates sent as objects). */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Object.values(v as object)) stack.push([child, depth]);
  }
  return max;
}

/** A limit was exceeded (Heat's RequestLimitExceeded). */
export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LimitError";
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
