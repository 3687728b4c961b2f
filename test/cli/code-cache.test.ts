// The bundled CLI starts from V8's code cache the build writes (dist/bundle/cli.cjs, scripts/write-code-cache.mjs):
// a fresh process of this Node takes both bundles' caches, and a process whose V8 refuses them (started with a V8
// flag) compiles the bundles itself and prints the same. Needs `npm run build`.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry, tempConfig } from "./cli-harness.js";

const CLI = join(import.meta.dirname, "../../dist/bundle/cli.cjs");
const BIN = join(import.meta.dirname, "../../bin/run.js");

/** Which code caches a fresh process (with `flags`) took, after loading the commands. */
function cachesTaken(flags: string[]): Record<string, boolean | undefined> {
  const check =
    `const cli = require(${JSON.stringify(CLI)}); cli.commands(); ` +
    "console.log(JSON.stringify(cli.codeCacheTaken()))";
  const r = spawnSync(process.execPath, [...flags, "-e", check], { encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test("a fresh process takes the code caches of both bundles", () => {
  assert.equal(cachesTaken([]), { front: true, engine: true });
});

test("a process whose V8 refuses the caches compiles the bundles itself and plans the same", () => {
  assert.equal(cachesTaken(["--expose-gc"]), { front: false, engine: false });
  const dir = tempConfig({ "main.tf.json": JSON.stringify({ resource: { gantry_noop: { a: { input: "x" } } } }) });
  const cached = gantry(["plan", "-no-color", dir]);
  const r = spawnSync(process.execPath, ["--expose-gc", BIN, "plan", "-no-color", dir], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.is(cached.code, 0, cached.stderr);
  assert.match(cached.stdout, "gantry_noop.a will be created");
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, cached.stdout);
  assert.is(r.stderr, cached.stderr);
});

test.run();
