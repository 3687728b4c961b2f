// Whether a value as a front end read it (its `${...}` strings parsed as templates) calls a function: how the
// positions of a call are confirmed in `.tf`, `.tf.json` and YAML text (a name renamed in the text must rename a call).

import { visitExprs } from "../planner/expressions/ast.js";
import { compileValue } from "../planner/expressions/parse.js";

/** The suffix a candidate's name is given in the text to see whether it is a call. */
export const CALL_PROBE = "__gantry_probe";

/** True when `value` calls the function `fn` somewhere. */
export function callsFunction(value: unknown, fn: string): boolean {
  let found = false;
  try {
    visitExprs(compileValue(value), (e) => {
      if (e.k === "call" && e.fn === fn) found = true;
    });
  } catch {
    return false; // not an expression gantry reads: no call to confirm
  }
  return found;
}

/** A pattern of `fn` written as a call (its name followed by `(`), not as part of a longer name. */
export function callPattern(fn: string): RegExp {
  return new RegExp(`(?<![\\w:.-])${fn.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=\\s*\\()`, "g");
}

/** A string's source text (quotes, escapes and all) and the offset where it starts. */
export interface StringSource {
  start: number;
  text: string;
}

/**
 * Offset of the name of the `nth` (0-based, in source order) call of `fn` in the source texts of strings, else of
 * the first, else undefined. Each candidate (the name followed by `(`) is confirmed: renamed in the text, the text
 * read back by `decode` must then call the renamed function (a name in literal text is no call). `decode` throws, or
 * returns undefined, for text it cannot read.
 */
export function confirmedCallOffset(
  strings: Iterable<StringSource>,
  fn: string,
  nth: number,
  decode: (text: string) => unknown,
): number | undefined {
  let first: number | undefined;
  let n = 0;
  for (const { start, text } of strings) {
    const re = callPattern(fn);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let renamed: unknown;
      try {
        renamed = decode(text.slice(0, m.index) + fn + CALL_PROBE + text.slice(m.index + fn.length));
      } catch {
        continue;
      }
      if (renamed === undefined || !callsFunction(renamed, fn + CALL_PROBE)) continue;
      first ??= start + m.index;
      if (n++ === nth) return start + m.index;
    }
  }
  return first;
}
