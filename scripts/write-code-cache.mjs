// Writes V8's code caches of the bundled CLI (dist/bundle/front.cjs and engine.cjs, loaded by dist/bundle/cli.cjs):
// a child process runs `gantry --help` and a no-change plan of one `gantry_noop` in `.tf.json`, then saves each
// bundle's cache with every function those runs compiled. A start of this Node then deserializes them instead of
// compiling. Run by scripts/bundle-cli.mjs; the build stops if the caches are not taken by a fresh process.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/bundle/cli.cjs");
const BIN = join(ROOT, "bin/run.js");
/** The children run with Node's default flags, as a start does (V8 refuses a cache made under other flags). */
const { NODE_OPTIONS: _options, ...childEnv } = process.env;
const env = { ...childEnv, FORCE_COLOR: "0", NO_COLOR: "1" };

/** In the child: the runs, then the caches. */
async function child(dir) {
  const cli = createRequire(import.meta.url)(CLI);
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    await cli.run(["--help"], BIN);
    await cli.run(["plan", "-no-color", dir], BIN);
  } finally {
    process.stdout.write = write;
  }
  if (process.exitCode) throw new Error(`the plan run for the code cache failed (exit ${process.exitCode})`);
  // the CLI sets this flag once the engine is loaded (cli/heap-growth.ts); back at its default, the caches carry the
  // flags a fresh process starts with
  setFlagsFromString("--heap-growing-percent=0");
  for (const { file, data } of cli.codeCaches()) writeFileSync(file, data);
}

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")}: exit ${r.status}\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export async function writeCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), "gantry-code-cache-"));
  try {
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ resource: { gantry_noop: { a: { input: "a" } } } }));
    run([BIN, "apply", "-auto-approve", "-no-color", dir]);
    run([fileURLToPath(import.meta.url), "--child", dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const check =
    `const cli = require(${JSON.stringify(CLI)}); cli.commands(); ` +
    "console.log(JSON.stringify(cli.codeCacheTaken()))";
  const taken = JSON.parse(run(["-e", check]));
  if (taken.front !== true || taken.engine !== true)
    throw new Error(
      `V8 did not take the code caches just written (${JSON.stringify(taken)}): scripts/write-code-cache.mjs`,
    );
}

if (process.argv[2] === "--child") await child(process.argv[3]);
