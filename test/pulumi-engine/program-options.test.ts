// Resource options of a Pulumi program run by gantry (ignoreChanges, replaceOnChanges, deleteBeforeReplace,
// retainOnDelete, aliases), gantry's own resource types under `gantry:` tokens, and a TypeScript program.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Engine } from "../../engine/engine.js";
import { pulumiStackOutputs } from "../../pulumi-engine/pulumi-operation.js";
import { FILE_PROVIDER, programDir, runProgram, steps } from "./program-dir.js";

test("ignoreChanges, replaceOnChanges, deleteBeforeReplace, retainOnDelete and aliases", async () => {
  const dir = programDir("options", {});
  const p = (f: string) => JSON.stringify(join(dir, f));
  const program = (v: string, keep: boolean, name: string) => `${FILE_PROVIDER}
new FileRes("ignored", { path: ${p("ignored")}, content: "${v}" }, { ignoreChanges: ["content"] });
new FileRes("replaced", { path: ${p("replaced")}, content: "${v}" },
  { replaceOnChanges: ["content"], deleteBeforeReplace: true });
${keep ? `new FileRes("kept", { path: ${p("kept")}, content: "k" }, { retainOnDelete: true });` : ""}
new FileRes("${name}", { path: ${p("renamed")}, content: "r" }, { aliases: [{ name: "old-name" }] });
`;
  writeFileSync(join(dir, "index.js"), program("one", true, "old-name"));
  const first = await runProgram(dir, "up");
  assert.ok(first.outcome.ok, first.outcome.error + first.logs);

  writeFileSync(join(dir, "index.js"), program("two", false, "new-name"));
  const second = await runProgram(dir, "up");
  assert.ok(second.outcome.ok, second.outcome.error + second.logs);
  const s = steps(second.events);
  assert.ok(s.includes("same ignored"), s.join(", "));
  assert.ok(s.includes("replace replaced"), s.join(", "));
  assert.ok(s.includes("delete kept"), s.join(", "));
  assert.ok(s.includes("same new-name"), `an alias carries the resource over: ${s.join(", ")}`);
  assert.not.ok(s.some((x) => x.includes("old-name")));
  assert.is(readFileSync(join(dir, "ignored"), "utf8"), "one");
  assert.is(readFileSync(join(dir, "replaced"), "utf8"), "two");
  assert.ok(existsSync(join(dir, "kept")), "retainOnDelete leaves the object");
  assert.equal(second.outcome.counts, { create: 0, update: 0, replace: 1, delete: 1, same: 3, read: 0 });
});

test("gantry's resource types under gantry: tokens, and a TypeScript program", async () => {
  const dir = programDir("typed", {
    "index.ts": `import * as pulumi from "@pulumi/pulumi";
class Noop extends pulumi.CustomResource {
  public readonly output!: pulumi.Output<string>;
  constructor(name: string, args: { input: string }) {
    super("gantry:index:Noop", name, { ...args, output: undefined });
  }
}
const holder = new Noop("holder", { input: "kept value" });
export const held = holder.output;
`,
  });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "typed" }));
  const preview = await runProgram(dir, "preview");
  assert.ok(preview.outcome.ok, preview.outcome.error + preview.logs);
  assert.ok(steps(preview.events).includes("create holder"));
  const up = await runProgram(dir, "up");
  assert.ok(up.outcome.ok, up.outcome.error + up.logs);
  assert.equal(await pulumiStackOutputs(new Engine(), dir), { held: "kept value" });
  const again = await runProgram(dir, "up");
  assert.equal(again.outcome.counts, { create: 0, update: 0, replace: 0, delete: 0, same: 2, read: 0 });
});

test.run();
