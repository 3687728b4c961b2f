// What a Pulumi program run by gantry may not do: a program that throws fails with its own stack trace and deletes
// nothing; `protect` refuses a delete; a resource of a provider plugin gantry does not run is named in the error; a
// dynamic provider that throws fails the run with its message, and its plugin process is stopped.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Engine } from "../../engine/engine.js";
import { pulumiStackOutputs } from "../../pulumi-engine/pulumi-operation.js";
import { FILE_PROVIDER, programDir, runProgram, steps } from "./program-dir.js";

test("a program that throws fails with its stack trace; nothing is deleted and the last outputs stay", async () => {
  const dir = programDir("thrower", {});
  const file = (name: string, content: string) =>
    `new FileRes(${JSON.stringify(name)}, ` +
    `{ path: ${JSON.stringify(join(dir, name))}, content: ${JSON.stringify(content)} });`;
  writeFileSync(
    join(dir, "index.js"),
    `${FILE_PROVIDER}\n${file("a", "1")}\n${file("b", "1")}\nexports.x = "first";\n`,
  );
  const first = await runProgram(dir, "up");
  assert.ok(first.outcome.ok, first.outcome.error);

  writeFileSync(
    join(dir, "index.js"),
    `${FILE_PROVIDER}\n${file("a", "1")}\n` +
      `function explode() {\n  throw new Error("boom in the program");\n}\nexplode();\n`,
  );
  const failed = await runProgram(dir, "up");
  assert.not.ok(failed.outcome.ok);
  assert.match(failed.logs, "boom in the program");
  assert.match(failed.logs, /at explode \(.*index\.js:\d+/, "the program's own stack trace");
  assert.not.ok(
    steps(failed.events).some((s) => s.startsWith("delete")),
    "nothing deleted",
  );
  assert.ok(existsSync(join(dir, "b")), "b, no longer registered, is kept");
  assert.equal(await pulumiStackOutputs(new Engine(), dir), { x: "first" }, "the last good update's outputs");
});

test("protect refuses a delete and fails the update; the object and its record stay", async () => {
  const dir = programDir("guarded", {});
  const path = join(dir, "precious");
  const guarded = (protect: boolean) =>
    `${FILE_PROVIDER}\n` +
    `new FileRes("precious", { path: ${JSON.stringify(path)}, content: "x" }, { protect: ${protect} });\n`;
  writeFileSync(join(dir, "index.js"), guarded(true));
  assert.ok((await runProgram(dir, "up")).outcome.ok);

  writeFileSync(join(dir, "index.js"), `require("@pulumi/pulumi");\n`);
  const removed = await runProgram(dir, "up");
  assert.not.ok(removed.outcome.ok);
  assert.match(removed.outcome.error ?? "", "marked for protection");
  assert.ok(existsSync(path));
  const destroy = await runProgram(dir, "destroy");
  assert.not.ok(destroy.outcome.ok);
  assert.ok(existsSync(path));

  writeFileSync(join(dir, "index.js"), guarded(false));
  assert.ok((await runProgram(dir, "up")).outcome.ok);
  const unprotected = await runProgram(dir, "destroy");
  assert.ok(unprotected.outcome.ok, unprotected.outcome.error);
  assert.not.ok(existsSync(path));
});

test("a resource of a provider plugin gantry does not run fails naming the plugin", async () => {
  const dir = programDir("cloudy", {
    "index.js":
      `const pulumi = require("@pulumi/pulumi");\n` + `new pulumi.CustomResource("aws:s3/bucket:Bucket", "b", {});\n`,
  });
  const run = await runProgram(dir, "preview");
  assert.not.ok(run.outcome.ok);
  assert.match(`${run.outcome.error}\n${run.logs}`, 'needs the provider plugin "aws"');
});

test("a dynamic provider that throws fails the run with its message; its plugin process is stopped", async () => {
  const dir = programDir("failing", {});
  const pidFile = join(dir, "plugin.pid");
  writeFileSync(
    join(dir, "index.js"),
    `const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) {
    require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
    throw new Error("the provider refuses " + inputs.what);
  },
};
class Refused extends pulumi.dynamic.Resource {
  constructor(name, args) { super(provider, name, args); }
}
new Refused("r", { what: "this" });
`,
  );
  const run = await runProgram(dir, "up");
  assert.not.ok(run.outcome.ok);
  assert.match(`${run.outcome.error}\n${run.logs}`, "the provider refuses this");
  const pid = Number(readFileSync(pidFile, "utf8"));
  assert.ok(pid > 0 && pid !== process.pid, "create ran in the plugin's own process");
  assert.throws(() => process.kill(pid, 0), /ESRCH/, "the plugin process is gone once the run has ended");
});

test.run();
