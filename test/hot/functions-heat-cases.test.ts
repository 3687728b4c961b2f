// Every case of function-cases.yaml compiled and evaluated by gantry, held to what real Heat 19 answered
// (function-cases.heat19.json, recorded by record-heat-results.py): the same value, or the same message
// (Heat's path prefix, when it gives one, must match the error's location).

import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import type { Value } from "../../contract/values.js";
import { EvalError } from "../../planner/expressions/evaluate.js";
import { compile, condition, run, type Setup } from "./functions-harness.js";

interface Case extends Setup {
  version: string;
  snippet: unknown;
  cond?: boolean;
}
type HeatResult = { ok: Value } | { err: string; msg: string };

const here = new URL(".", import.meta.url).pathname;
const cases = (parse(readFileSync(`${here}function-cases.yaml`, "utf8")) as { cases: Case[] }).cases;
const heat = JSON.parse(readFileSync(`${here}function-cases.heat19.json`, "utf8")) as HeatResult[];

/** A location as Heat writes it in messages: `outputs.o.value.str_replace`, `conditions.c.equals[0].get_attr`. */
function heatPath(path: (string | number)[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** gantry's answer: the value, or the errors with their Heat-style locations. */
function gantry(c: Case): { ok: Value } | { errors: { message: string; at?: string }[] } {
  const yaml = JSON.stringify(c.snippet);
  const compiled = c.cond ? condition(c.version, yaml, c) : compile(c.version, yaml, c);
  if (compiled.diagnostics.length)
    return {
      errors: compiled.diagnostics.map((d) => ({
        message: d.summary,
        at: d.origin ? heatPath(d.origin.path) : undefined,
      })),
    };
  if (!("expr" in compiled)) return { ok: compiled.value ?? null };
  try {
    return { ok: run(compiled.expr) };
  } catch (e) {
    if (e instanceof EvalError) return { errors: [{ message: e.message }] };
    throw e;
  }
}

cases.forEach((c, i) => {
  const expected = heat[i];
  test(`${c.version} ${JSON.stringify(c.snippet)}${c.cond ? " (condition)" : ""}`, () => {
    const got = gantry(c);
    if ("ok" in expected) {
      assert.equal(got, { ok: expected.ok });
      return;
    }
    assert.ok("errors" in got, `expected Heat's error ${expected.msg}, got ${JSON.stringify(got)}`);
    const errors = (got as { errors: { message: string; at?: string }[] }).errors;
    assert.equal(errors.length, 1, JSON.stringify(errors));
    const prefix = /^([\w.:[\]]+): /.exec(expected.msg);
    const message = expected.msg.replace(/^([\w.:[\]]+: )+/, "");
    assert.equal(errors[0].message, message);
    if (prefix && /^(outputs\.o\.value|conditions\.c)\b/.test(prefix[1])) assert.equal(errors[0].at, prefix[1]);
  });
});

test("every case has Heat's answer", () => {
  assert.equal(heat.length, cases.length);
});

test.run();
