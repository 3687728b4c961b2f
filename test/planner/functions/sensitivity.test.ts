// sensitive() and nonsensitive() in configurations: gantry's values carry no marks, so the planner reads these
// calls in the expressions (as it reads references to sensitive variables) to decide what is sensitive.

import { test } from "uvu";
import * as assert from "uvu/assert";
import type { GantryError } from "../../../contract/diagnostics.js";
import { configDir, makePlan } from "../harness.js";

const VARS = "variables:\n  pw: { type: string, default: hunter2, sensitive: true }\n";
const change = (p: Awaited<ReturnType<typeof makePlan>>, name: string) =>
  p.changes.find((c) => new RegExp(`^(gantry_)?noop\\.${name}$`).test(c.address))!;

test("sensitive() marks an attribute; nonsensitive() clears a sensitive variable", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      VARS +
      "resources:\n" +
      `  noop.a:\n    input: '\${sensitive("plain")}'\n` +
      `  noop.b:\n    input: '\${nonsensitive(var.pw)}'\n` +
      `  noop.c:\n    input: '\${upper(var.pw)}'\n` +
      "outputs:\n" +
      `  shown: { value: '\${nonsensitive(var.pw)}' }\n`,
  });
  const p = await makePlan(dir);
  assert.ok(change(p, "a").sensitive?.includes("input"));
  assert.is(change(p, "b").sensitive, undefined);
  assert.ok(change(p, "c").sensitive?.includes("input"));
});

test("an output of sensitive() must be declared sensitive", async () => {
  const dir = configDir({ "main.gantry.yaml": `outputs:\n  leak: { value: '\${sensitive("x")}' }\n` });
  await makePlan(dir).then(
    () => assert.unreachable(),
    (e: GantryError) => assert.match(e.diagnostics[0].summary, /Output "leak" refers to sensitive values/),
  );
});

test.run();
