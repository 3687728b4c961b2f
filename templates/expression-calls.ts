// Whether a value as a front end read it (its `${...}` strings parsed as templates) calls a function: how the
// positions of a call are confirmed in `.tf` and `.tf.json` text (a name renamed in the text must rename a call).

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
