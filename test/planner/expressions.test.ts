import { test } from "uvu";
import * as assert from "uvu/assert";
import { evaluate, type EvalScope } from "../../planner/expressions/evaluate.js";
import { compileValue, parseExpression, parseTemplate } from "../../planner/expressions/parse.js";
import { collectRefs } from "../../planner/expressions/ast.js";
import { UNKNOWN } from "../../contract/values.js";
import { untyped } from "./untyped-unknowns.js";

const scope = (over: Partial<EvalScope> = {}): EvalScope => ({
  variable: (n) => (({ n: 3, name: "web", list: ["a", "b"], m: { x: 1 } }) as Record<string, any>)[n],
  local: (n) => (n === "u" ? UNKNOWN : `L-${n}`),
  resource: (t0, n, t = t0.replace(/^gantry_/, "")) =>
    t === "noop" && n === "a"
      ? { id: "ID-A", output: { deep: [1, 2] } }
      : t === "noop" && n === "c"
        ? [{ id: "c0" }, { id: "c1" }]
        : UNKNOWN,
  pathModule: "/cfg",
  cwd: "/",
  ...over,
});

test("a string that is exactly one ${expr} yields the raw value", () => {
  assert.equal(evaluate(compileValue("${var.n}"), scope()), 3);
  assert.equal(evaluate(compileValue("${var.list}"), scope()), ["a", "b"]);
  assert.equal(evaluate(compileValue("n=${var.n}"), scope()), "n=3");
});

test("references, indexing, splat and functions", () => {
  assert.equal(evaluate(parseExpression("gantry_noop.a.output.deep[1]"), scope()), 2);
  assert.equal(evaluate(parseExpression("gantry_noop.a.id"), scope()), "ID-A");
  assert.equal(evaluate(parseExpression("gantry_noop.c[*].id"), scope()), ["c0", "c1"]);
  assert.equal(evaluate(parseExpression('join(",", gantry_noop.c.*.id)'), scope()), "c0,c1");
  assert.equal(evaluate(parseExpression('format("%s-%d", var.name, var.n + 1)'), scope()), "web-4");
  assert.equal(evaluate(parseExpression('var.n > 2 ? "big" : "small"'), scope()), "big");
  assert.equal(evaluate(parseExpression("{ a = var.n, b = [1, 2] }"), scope()), { a: 3, b: [1, 2] });
  assert.equal(evaluate(parseExpression("length(var.m) + 10 % 4"), scope()), 3);
});

test("unknown values propagate through templates, operators and functions", () => {
  assert.is(untyped(evaluate(compileValue("x-${local.u}"), scope())), UNKNOWN);
  assert.is(untyped(evaluate(parseExpression("upper(local.u)"), scope())), UNKNOWN);
  assert.is(evaluate(parseExpression("local.u == 1"), scope()), UNKNOWN);
  assert.is(evaluate(parseExpression("gantry_noop.zz.id"), scope()), UNKNOWN);
});

test("count.index and each.* come from the instance scope", () => {
  assert.equal(evaluate(compileValue("i-${count.index}"), scope({ countIndex: 4 })), "i-4");
  assert.equal(evaluate(compileValue("${each.key}=${each.value}"), scope({ each: { key: "k", value: "v" } })), "k=v");
  assert.throws(() => evaluate(compileValue("${count.index}"), scope()), /Reference to "count" in non-counted context/);
});

test("collectRefs finds every reference with its source text", () => {
  const refs = collectRefs(parseTemplate('${gantry_noop.a.id}-${var.n > 1 ? local.x : "y"}'));
  assert.equal(
    refs.map((r) => r.text),
    ["gantry_noop.a.id", "var.n", "local.x"],
  );
});

test("functions check how many arguments they get", () => {
  assert.throws(() => evaluate(parseExpression("upper(2, 3)"), scope()), /upper\(\) takes 1 argument, got 2/);
  assert.throws(() => evaluate(parseExpression("lookup(var.m)"), scope()), /lookup\(\) takes 2 to 3 arguments, got 1/);
  assert.equal(evaluate(parseExpression('lookup(var.m, "y", 5)'), scope()), 5);
});

test("syntax errors say where", () => {
  assert.throws(() => parseTemplate("${gantry_noop.a.}"), /expected attribute name/);
  assert.throws(() => parseTemplate("${1 +}"), /unexpected end of expression|unexpected/);
  assert.equal(evaluate(parseTemplate("$${literal}"), scope()), "${literal}");
});

test.run();
