// A scan of a configuration file's text before any parser sees it, for what the parsers would mishandle:
// - nesting deeper than MAX_NESTING_DEPTH: parsers and the builder walk values recursively, so a file nested 10,000
//   levels deep would exhaust the stack. Brackets inside strings and comments do not count; in YAML, block nesting
//   counts by indentation and "- " entries.
// - integer literals beyond ±2^53: every parser reads numbers as doubles, so 9007199254740993 would silently become
//   9007199254740992.
// Each finding is the line and column of the first offending character.

/** The deepest nesting gantry reads (Heat's YAML reader uses the same limit). */
export const MAX_NESTING_DEPTH = 200;

export type Syntax = "json" | "yaml" | "hcl";

export interface Finding {
  problem: "too-deep" | "unsafe-integer";
  line: number;
  column: number;
  /** The literal, for an unsafe integer. */
  text?: string;
}

const WORD = /[A-Za-z0-9_.+-]/;
const LARGEST = BigInt(Number.MAX_SAFE_INTEGER);

/** The first place the text nests deeper than `limit` or writes an integer past ±2^53, or undefined. */
export function scanSource(text: string, syntax: Syntax, limit = MAX_NESTING_DEPTH): Finding | undefined {
  let flow = 0;
  let line = 1;
  let lineStart = 0;
  /** YAML: indentation of each open block level on the current path. */
  const indents: number[] = [];
  let blockDepth = 0;
  let atLineStart = true;
  const at = (i: number): Finding => ({ problem: "too-deep", line, column: i - lineStart + 1 });
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      line++;
      lineStart = i + 1;
      atLineStart = true;
      continue;
    }
    if (syntax === "yaml" && atLineStart && flow === 0) {
      atLineStart = false;
      let j = i;
      while (text[j] === " ") j++;
      if (text[j] === "\n" || text[j] === "#" || j >= text.length) {
        i = j - 1;
        continue;
      }
      const indent = j - i;
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // each "- " starting an entry on the same line opens one more level
      let dashes = 0;
      while (text[j] === "-" && (text[j + 1] === " " || text[j + 1] === "\n")) {
        dashes++;
        j += 2;
        while (text[j] === " ") j++;
      }
      blockDepth = indents.length + dashes;
      if (blockDepth > limit) return at(j);
      i = j - 1;
      continue;
    }
    atLineStart = false;
    if (ch === '"' || (ch === "'" && syntax === "yaml")) {
      // a quoted string: skip to its end (JSON and HCL escape with "\", YAML's single quotes double themselves)
      for (i++; i < text.length && text[i] !== ch; i++) {
        if (text[i] === "\\" && ch === '"') i++;
        else if (text[i] === "\n") {
          line++;
          lineStart = i + 1;
        }
      }
      continue;
    }
    if ((ch === "#" && syntax !== "json") || (syntax === "hcl" && ch === "/" && text[i + 1] === "/")) {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
      continue;
    }
    if (syntax === "hcl" && ch === "/" && text[i + 1] === "*") {
      for (i += 2; i < text.length && !(text[i] === "*" && text[i + 1] === "/"); i++)
        if (text[i] === "\n") {
          line++;
          lineStart = i + 1;
        }
      i++;
      continue;
    }
    if (((ch! >= "0" && ch! <= "9") || ch === "-") && !WORD.test(text[i - 1] ?? " ")) {
      let j = i + 1;
      while (j < text.length && WORD.test(text[j]!)) j++;
      const word = text.slice(i, j);
      if (/^-?\d{16,}$/.test(word) && (word.startsWith("-") ? -BigInt(word) : BigInt(word)) > LARGEST)
        return { problem: "unsafe-integer", line, column: i - lineStart + 1, text: word };
      i = j - 1;
      continue;
    }
    if (ch === "[" || ch === "{" || (ch === "(" && syntax === "hcl")) {
      flow++;
      if (flow + blockDepth > limit) return at(i);
    } else if ((ch === "]" || ch === "}" || (ch === ")" && syntax === "hcl")) && flow > 0) flow--;
  }
  return undefined;
}
