// The program's time limit: a program that never ends is stopped once its limit has passed, and the run fails
// with an error naming the limit and where it is set; what it had made is recorded. A bad limit in the
// environment is refused before anything runs.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry } from "../cli/cli-harness.js";
import { FILE_PROVIDER, programDir, runProgram } from "./program-dir.js";

test("a hung program is stopped at its time limit and the run fails naming the limit", async () => {
  const dir = programDir("hung", {});
  writeFileSync(
    join(dir, "index.js"),
    `${FILE_PROVIDER}
new FileRes("first", { path: ${JSON.stringify(join(dir, "first.txt"))}, content: "x" });
// never ends: a timer that keeps the process alive and an output that never settles
setInterval(() => {}, 1000);
module.exports = new Promise(() => {});
`,
  );
  const t0 = Date.now();
  const run = await runProgram(dir, "up", { programTimeoutMs: 20_000 });
  assert.not.ok(run.outcome.ok);
  assert.match(
    run.outcome.error ?? "",
    "the program did not finish within 20s (the program time limit: --program-timeout or " +
      "GANTRY_PULUMI_PROGRAM_TIMEOUT) and was stopped",
  );
  assert.ok(Date.now() - t0 >= 20_000, "not before its limit");
  const state = JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8"));
  const names = state.resources.map((r: { address: string }) => r.address.split("::").pop());
  // the program registers its file at once; the machine may be slow enough that it had not yet
  if (existsSync(join(dir, "first.txt"))) assert.ok(names.includes("first"), "what was made is recorded");
  assert.ok(names.includes("hung-dev"), "the stack is recorded");
});

test("a bad limit in the environment is refused, naming the variable", () => {
  const dir = programDir("badlimit", { "index.js": "" });
  const r = gantry(["pulumi", "up", "--yes", dir], { env: { GANTRY_PULUMI_PROGRAM_TIMEOUT: "soon" } });
  assert.is(r.code, 1);
  assert.match(r.stderr, 'GANTRY_PULUMI_PROGRAM_TIMEOUT: invalid duration "soon"');
});

test.run();
