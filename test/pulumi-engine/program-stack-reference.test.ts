// pulumi.StackReference between two gantry stacks: a program reads the outputs of another project's stack (the
// program beside it) and of another stack of its own project; secrets stay secret; an unknown stack fails the run
// naming it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pulumiStackOutputs } from "../../pulumi-engine/pulumi-operation.js";
import { Engine } from "../../engine/engine.js";
import { revealSecrets } from "../../pulumi-engine/wire-values.js";
import { programDir, runProgram } from "./program-dir.js";

const parent = mkdtempSync(join(tmpdir(), "gantry-pulumi-refs-"));
const producer = programDir(
  "producer",
  {
    "index.js": `const pulumi = require("@pulumi/pulumi");
exports.url = "http://10.0.0.1:8080/";
exports.token = pulumi.secret("t0ken");
`,
  },
  parent,
);
const consumer = programDir("consumer", {}, parent);
const consumerProgram = (ref: string) => `const pulumi = require("@pulumi/pulumi");
const other = new pulumi.StackReference(${JSON.stringify(ref)});
exports.url = other.getOutput("url");
exports.token = other.requireOutput("token");
exports.names = other.outputs.apply((o) => Object.keys(o).sort());
`;
const outputs = (dir: string) => pulumiStackOutputs(new Engine(), dir);

test("a stack reference reads another project's stack outputs; secrets stay secret", async () => {
  assert.ok((await runProgram(producer, "up")).outcome.ok);
  writeFileSync(join(consumer, "index.js"), consumerProgram("organization/producer/dev"));
  const run = await runProgram(consumer, "up");
  assert.ok(run.outcome.ok, run.logs);
  const out = await outputs(consumer);
  assert.is(out.url, "http://10.0.0.1:8080/");
  // the SDK marks the whole outputs object secret when one output is
  assert.equal(revealSecrets(out.names), ["token", "url"]);
  assert.match(JSON.stringify(out.token), "t0ken");
  assert.match(JSON.stringify(out.token), "1b47061264138c4ac30d75fd1eb44270", "kept secret");
  // read on every run, never recorded as a resource of the consumer
  const again = await runProgram(consumer, "up");
  assert.ok(again.outcome.ok, again.logs);
  assert.is(again.outcome.counts.create + again.outcome.counts.delete, 0);
});

test("a stack of the program's own project is named by its stack name alone", async () => {
  writeFileSync(join(producer, "index.js"), consumerProgram("dev"));
  // stack "other" of the producer reads the producer's dev stack
  const run = await runProgram(producer, "preview", { stack: "other" });
  assert.ok(run.outcome.ok, run.logs);
  assert.is(run.outcome.outputs.url, "http://10.0.0.1:8080/");
});

test("an unknown stack fails the run, naming it", async () => {
  writeFileSync(join(consumer, "index.js"), consumerProgram("organization/nowhere/dev"));
  const run = await runProgram(consumer, "preview");
  assert.not.ok(run.outcome.ok);
  assert.match(`${run.outcome.error}\n${run.logs}`, 'unknown stack "organization/nowhere/dev"');
});

test.run();
