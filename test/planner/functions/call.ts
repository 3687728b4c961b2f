// Evaluating one expression for the function tests: a scope whose var.u is unknown and whose configuration
// directory is a fixture directory.

import * as assert from "uvu/assert";
import { UNKNOWN, type Value } from "../../../contract/values.js";
import { evaluate, type EvalScope } from "../../../planner/expressions/evaluate.js";
import { parseExpression } from "../../../planner/expressions/parse.js";
import { untyped } from "../untyped-unknowns.js";

export const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;

export function scope(over: Partial<EvalScope> = {}): EvalScope {
  const vars: Record<string, Value> = { u: UNKNOWN, list: ["a", "b"], n: 3 };
  return {
    variable: (n) => vars[n],
    local: () => null,
    resource: () => UNKNOWN,
    pathModule: FIXTURES,
    cwd: "/work",
    console: true, // type() is the tests' probe of a value's type
    ...over,
  };
}

export function call(src: string, over: Partial<EvalScope> = {}): Value {
  return evaluate(parseExpression(src), scope(over));
}

/** Asserts each `expression => expected` pair. */
export function results(pairs: [string, Value][]): void {
  for (const [src, want] of pairs) assert.equal(call(src), want, src);
}

/** Asserts that the expression fails with a message matching `message`. */
export function fails(src: string, message: RegExp | string): void {
  let error: Error | undefined;
  try {
    call(src);
  } catch (e) {
    error = e as Error;
  }
  assert.ok(error, `${src} should fail`);
  if (typeof message === "string") assert.is(error!.message, message, src);
  else assert.match(error!.message, message, src);
}

export function isUnknown(src: string, over: Partial<EvalScope> = {}): void {
  assert.is(untyped(call(src, over)), UNKNOWN, `${src} should be unknown`);
}
