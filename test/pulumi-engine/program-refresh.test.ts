// `gantry pulumi refresh` and `up --refresh` through the CLI: every resource is read through its provider (here a
// dynamic provider's read, in the SDK's plugin); a file changed behind gantry's back is recorded with its live
// outputs (shown as an update), a file removed is dropped from the state (a delete); the next preview shows the
// repair, and up makes it. A refresh that runs the program does it in one go.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry } from "../cli/cli-harness.js";
import { FILE_PROVIDER, programDir } from "./program-dir.js";

const dir = programDir("drift", {});
writeFileSync(
  join(dir, "index.js"),
  `${FILE_PROVIDER}
class Pair extends pulumi.ComponentResource {
  constructor(name, opts) {
    super("demo:index:Pair", name, {}, opts);
    this.kept = new FileRes("kept", { path: ${JSON.stringify(dir)} + "/kept.txt", content: "hello" }, { parent: this });
    this.lost = new FileRes("lost", { path: ${JSON.stringify(dir)} + "/lost.txt", content: "world" }, { parent: this });
    this.registerOutputs({});
  }
}
const pair = new Pair("pair");
exports.keptSize = pair.kept.size;
`,
);
const file = (name: string) => join(dir, name);
const state = () => JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8"));
const outputsOf = (name: string) =>
  state().resources.find((r: { address: string }) => r.address.endsWith(`::${name}`))?.attributes.outputs;

test("refresh records drift: a changed file's live outputs, a removed file dropped from the state", () => {
  const up = gantry(["pulumi", "up", "--yes", dir]);
  assert.is(up.code, 0, up.stderr + up.stdout);
  writeFileSync(file("kept.txt"), "changed behind gantry's back");
  rmSync(file("lost.txt"));

  const refresh = gantry(["pulumi", "refresh", "--yes", dir]);
  assert.is(refresh.code, 0, refresh.stderr + refresh.stdout);
  assert.match(refresh.stdout, "Refreshing (dev):");
  assert.match(refresh.stdout, /~ +pulumi-nodejs:dynamic:Resource kept updated \(.*\) \[diff: ~content,~size\]/);
  assert.match(refresh.stdout, / - +pulumi-nodejs:dynamic:Resource lost deleted/);
  assert.match(refresh.stdout, "Resources:\n    ~ 1 updated\n    - 1 deleted\n    2 unchanged");
  const { __provider, ...kept } = outputsOf("kept");
  assert.ok(__provider, "the dynamic provider's serialized form stays in the outputs, as Pulumi keeps it");
  assert.equal(kept, {
    path: file("kept.txt"),
    content: "changed behind gantry's back",
    size: 28,
  });
  assert.is(outputsOf("lost"), undefined);
  // the stack's outputs are those of the last update: a refresh does not run the program
  assert.is(gantry(["pulumi", "stack", "output", "keptSize", "-C", dir]).stdout, "5\n");
});

test("after a refresh, preview shows the repair and up makes it", () => {
  const preview = gantry(["pulumi", "preview", dir]);
  assert.is(preview.code, 0, preview.stderr + preview.stdout);
  assert.match(preview.stdout, /~ +pulumi-nodejs:dynamic:Resource kept update \[diff: ~content\]/);
  assert.match(preview.stdout, /\+ +pulumi-nodejs:dynamic:Resource lost create/);
  const up = gantry(["pulumi", "up", "--yes", dir]);
  assert.is(up.code, 0, up.stderr + up.stdout);
  assert.match(up.stdout, "Resources:\n    + 1 created\n    ~ 1 updated\n    2 unchanged");
  assert.is(readFileSync(file("kept.txt"), "utf8"), "hello");
  assert.is(readFileSync(file("lost.txt"), "utf8"), "world");
});

test("without a refresh, up trusts the state; up --refresh reads first and repairs in the same run", () => {
  writeFileSync(file("kept.txt"), "drifted again");
  const plain = gantry(["pulumi", "up", "--yes", dir]);
  assert.is(plain.code, 0, plain.stderr + plain.stdout);
  assert.match(plain.stdout, "Resources:\n    4 unchanged");
  assert.is(readFileSync(file("kept.txt"), "utf8"), "drifted again");

  const refreshed = gantry(["pulumi", "up", "--yes", "--refresh", dir]);
  assert.is(refreshed.code, 0, refreshed.stderr + refreshed.stdout);
  assert.match(refreshed.stdout, /pulumi-nodejs:dynamic:Resource kept updating \[diff: ~content\]/);
  assert.is(readFileSync(file("kept.txt"), "utf8"), "hello");
  assert.is(outputsOf("kept").content, "hello");
});

test("preview --refresh shows what a refresh would find and records nothing", () => {
  rmSync(file("lost.txt"));
  const before = readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8");
  const preview = gantry(["pulumi", "preview", "--refresh", dir]);
  assert.is(preview.code, 0, preview.stderr + preview.stdout);
  assert.match(preview.stdout, /\+ +pulumi-nodejs:dynamic:Resource lost create/);
  assert.is(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8"), before);
  assert.not.ok(existsSync(file("lost.txt")));
});

test.run();
