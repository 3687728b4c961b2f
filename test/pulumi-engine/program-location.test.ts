// Pulumi.yaml `main` resolved as Pulumi's engine resolves it (getPwdMain): a directory runs there with ".", a file
// runs in its directory by its base name, relative to the project or absolute; a missing one is an error naming it.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readPulumiProject } from "../../pulumi-engine/config/project-file.js";
import { programLocation } from "../../pulumi-engine/program-location.js";

function project(main?: string) {
  const dir = mkdtempSync(join(tmpdir(), "gantry-main-"));
  mkdirSync(join(dir, "src", "app"), { recursive: true });
  writeFileSync(join(dir, "src", "app", "entry.js"), "");
  writeFileSync(join(dir, "Pulumi.yaml"), `name: p\nruntime: nodejs\n${main === undefined ? "" : `main: ${main}\n`}`);
  return { dir, project: readPulumiProject(dir) };
}

test("no main: the project's directory and '.'", () => {
  const { dir, project: p } = project();
  assert.equal(programLocation(p), { pwd: dir, main: "." });
});

test("main naming a directory: that directory and '.' (a trailing slash or not)", () => {
  for (const m of ["src/app", "src/app/", "./src/../src/app"]) {
    const { dir, project: p } = project(m);
    assert.equal(programLocation(p), { pwd: join(dir, "src", "app"), main: "." }, m);
  }
});

test("main naming a file: its directory and its base name; an absolute main as it is", () => {
  const { dir, project: p } = project("src/app/entry.js");
  assert.equal(programLocation(p), { pwd: join(dir, "src", "app"), main: "entry.js" });
  const abs = project(join(dir, "src"));
  assert.equal(programLocation(abs.project), { pwd: join(dir, "src"), main: "." });
});

test("a main that does not exist is an error naming Pulumi.yaml's main", () => {
  const { project: p } = project("nowhere/index.js");
  assert.throws(
    () => programLocation(p),
    (e: Error) => /Pulumi\.yaml/.test(e.message) && /main/.test(e.message) && /nowhere/.test(e.message),
  );
});

test.run();
