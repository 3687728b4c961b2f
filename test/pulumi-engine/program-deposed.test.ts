// A create-before-delete replacement whose run fails before it deletes the old object: the old object stays in the
// state as deposed (Pulumi's pending deletion), its file still there; the next up whose program succeeds deletes it
// at its end ("completing deletion from previous update"), as does a destroy.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FILE_PROVIDER, programDir, runProgram, steps } from "./program-dir.js";

/** `solo` at `path`; with `fail`, another resource that waits for solo and then fails its create. */
const program = (dir: string, path: string, fail: boolean) => `${FILE_PROVIDER}
const solo = new FileRes("solo", { path: ${JSON.stringify(join(dir, path))}, content: "one" });
${fail ? 'new FileRes("broken", { path: solo.path.apply((p) => p + ".b"), content: "FAIL" });' : ""}
`;

const dir = programDir("deposed", {});
const file = (name: string) => join(dir, name);
const state = () => JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8"));
const solo = () => state().resources.find((r: { address: string }) => r.address.endsWith("::solo"));

test("a failed run after a create-before-delete replacement leaves the old object deposed", async () => {
  writeFileSync(file("index.js"), program(dir, "one.txt", false));
  assert.ok((await runProgram(dir, "up")).outcome.ok);
  writeFileSync(file("index.js"), program(dir, "two.txt", true));
  const failed = await runProgram(dir, "up");
  assert.not.ok(failed.outcome.ok);
  assert.match(failed.outcome.error ?? "", "refusing to write");
  assert.ok(existsSync(file("two.txt")), "the replacement was created");
  assert.ok(existsSync(file("one.txt")), "the old object was not deleted");
  assert.is(solo().attributes.outputs.path, file("two.txt"));
  assert.equal(
    solo().deposed.map((d: { outputs: { path: string } }) => d.outputs.path),
    [file("one.txt")],
  );
});

test("preview plans the pending deletion; the next up carries it out once the program has run", async () => {
  writeFileSync(file("index.js"), program(dir, "two.txt", false));
  const preview = await runProgram(dir, "preview");
  assert.ok(preview.outcome.ok, preview.logs);
  assert.ok(steps(preview.events).includes("delete solo"), steps(preview.events).join("\n"));
  assert.ok(existsSync(file("one.txt")));

  const up = await runProgram(dir, "up");
  assert.ok(up.outcome.ok, up.logs);
  assert.match(up.logs, "completing deletion from previous update");
  const done = steps(up.events);
  assert.ok(done.includes("same solo"), done.join("\n"));
  assert.ok(done.indexOf("delete solo") > done.indexOf("same solo"), done.join("\n"));
  assert.is(up.outcome.counts.delete, 1);
  assert.not.ok(existsSync(file("one.txt")), "the deposed object is deleted");
  assert.ok(existsSync(file("two.txt")));
  assert.is(solo().deposed, undefined);
});

test("destroy deletes a deposed object too", async () => {
  writeFileSync(file("index.js"), program(dir, "three.txt", true));
  assert.not.ok((await runProgram(dir, "up")).outcome.ok);
  assert.ok(existsSync(file("two.txt")));
  const destroy = await runProgram(dir, "destroy");
  assert.ok(destroy.outcome.ok, destroy.logs);
  assert.not.ok(existsSync(file("two.txt")));
  assert.not.ok(existsSync(file("three.txt")));
  assert.equal(state().resources, []);
});

test.run();
