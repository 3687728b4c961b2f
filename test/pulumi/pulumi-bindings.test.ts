// gantry/pulumi's classes are generated from gantry's schemas, never edited:
// regenerating them gives exactly the committed files; and the package exports
// them (a class per gantry type, its token and its type), loadable by a
// CommonJS program as Pulumi programs are.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const SCRIPT = join(ROOT, "scripts", "generate-pulumi-bindings.mjs");

function generated(dir: string): Record<string, string> {
  const out: Record<string, string> = { "index.ts": readFileSync(join(dir, "index.ts"), "utf8") };
  for (const name of readdirSync(join(dir, "resources")).sort()) {
    out[`resources/${name}`] = readFileSync(join(dir, "resources", name), "utf8");
  }
  return out;
}

test("the committed classes are what the generator makes of gantry's schemas", () => {
  const out = mkdtempSync(join(tmpdir(), "gantry-pulumi-bindings-"));
  const r = spawnSync(process.execPath, [SCRIPT, "--out", out], { cwd: ROOT, encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  const fresh = generated(out);
  const committed = generated(join(ROOT, "pulumi"));
  assert.equal(Object.keys(committed), Object.keys(fresh), "same files (regenerate: see scripts/)");
  for (const [file, text] of Object.entries(fresh)) assert.is(committed[file], text, `${file} differs: regenerate it`);
  assert.match(fresh["resources/file.ts"], "export interface FileArgs");
  assert.match(fresh["resources/file.ts"], "/** Absolute host path, e.g. /etc/zookeeper/zoo.cfg. Changing it replaces");
});

test("gantry/pulumi is the package's export: a class per gantry type, with its token", () => {
  const r = spawnSync(
    process.execPath,
    [
      "-e",
      'const g = require("gantry/pulumi"); console.log(JSON.stringify([g.Cluster.gantryType, g.Cluster.typeToken, ' +
        "g.HaproxyConfig.gantryType, g.MarathonApp.gantryType, Object.keys(g.GANTRY_TYPES).length]))",
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), [
    "gantry_cluster",
    "pulumi-nodejs:dynamic/gantry:Cluster",
    "gantry_haproxy_config",
    "gantry_marathon_app",
    10,
  ]);
});

test.run();
