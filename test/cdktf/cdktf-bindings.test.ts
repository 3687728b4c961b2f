// gantry/cdktf is generated, never edited: regenerating it from gantry's
// provider schema gives exactly the committed files; and the package exports
// it (constructs whose synthesized types are gantry's full type names).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const SCRIPT = join(ROOT, "scripts", "generate-cdktf-bindings.mjs");

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

function generate(out: string, source: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...source, "--out", out], { cwd: ROOT, encoding: "utf8" });
}

test("the committed bindings are what the generator makes of gantry's schema", () => {
  const out = join(mkdtempSync(join(tmpdir(), "gantry-cdktf-bindings-")), "cdktf");
  // no source option: the generator reads `gantry providers schema -json` (bin/run.js) itself
  const r = generate(out, []);
  assert.is(r.status, 0, r.stderr);
  const fresh = tree(out);
  const committed = tree(join(ROOT, "cdktf"));
  assert.equal(Object.keys(committed), Object.keys(fresh), "same files (regenerate: see scripts/)");
  for (const [file, text] of Object.entries(fresh)) assert.is(committed[file], text, `${file} differs: regenerate it`);
  assert.ok(Object.keys(fresh).includes("cluster/index.ts"));
});

test("gantry/cdktf is the package's export: constructs of gantry's full type names", () => {
  const r = spawnSync(
    process.execPath,
    [
      "-e",
      'const g = require("gantry/cdktf"); console.log(JSON.stringify([g.cluster.Cluster.tfResourceType, ' +
        "g.file.File.tfResourceType, g.host.Host.tfResourceType, typeof g.provider.GantryProvider]))",
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), ["gantry_cluster", "gantry_file", "gantry_host", "function"]);
});

test.run();
