#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/run.js, dist/cli/commands.js and all they load)
// into dist/bundle: a few files instead of some hundred modules
// to resolve, read and compile at every start. Commands still load what they
// need only when they run (dynamic imports become chunks of their own).
// oclif is bundled too (one instance, shared by the entry and the commands),
// and its manifest is written, so `--help` reads the commands' flags from
// oclif.manifest.json instead of loading every command.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Plugin } from "@oclif/core";
import { build } from "esbuild";
import { writePrecompiledValidators } from "./precompile-validators.mjs";

/**
 * Four packages oclif requires at start are not bundled: each import of them gets a small stand-in that requires the
 * real package, from where @oclif/core is installed, the first time it is used. gantry's runs seldom or never use
 * them, so a start no longer compiles them: ejs, through which oclif's help renders every text (one compiled template
 * per string, though a text without a tag renders as itself), tinyglobby (commands found by pattern; gantry's are
 * listed), minimatch (plugins chosen by pattern; gantry has none) and cli-spinners (the spinner's frames).
 */
const fromOclif = (name) => `require("node:module").createRequire(require.resolve("@oclif/core"))("${name}")`;
const LAZY_STAND_INS = {
  ejs: `const ejs = () => ${fromOclif("ejs")};
module.exports = {
  __esModule: true,
  render: (text, data, options) =>
    typeof text === "string" && !text.includes("<%") && !text.includes("%>") ? text : ejs().render(text, data, options),
};`,
  tinyglobby: `const real = () => ${fromOclif("tinyglobby")};
module.exports = {
  __esModule: true,
  convertPathToPattern: (...args) => real().convertPathToPattern(...args),
  escapePath: (...args) => real().escapePath(...args),
  glob: (...args) => real().glob(...args),
  globSync: (...args) => real().globSync(...args),
  isDynamicPattern: (...args) => real().isDynamicPattern(...args),
};`,
  minimatch: `module.exports = {
  __esModule: true,
  minimatch: (...args) => ${fromOclif("minimatch")}.minimatch(...args),
};`,
  "cli-spinners": `module.exports = {
  __esModule: true,
  get default() {
    return ${fromOclif("cli-spinners")};
  },
};`,
};
const lazyStandIns = {
  name: "lazy-stand-ins",
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY_STAND_INS).join("|")})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "lazy" }));
    b.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({ contents: LAZY_STAND_INS[args.path], loader: "js" }));
  },
};

/**
 * oclif sorts a plugin's commands by id with localeCompare at every start; the first localeCompare of a process
 * loads ICU's collation data (some 10-15 ms of CPU, more than the rest of the sort by far). gantry's ids are lower
 * case words joined by "-" and ":", which ICU's root collation orders as their UTF-16 code units do; the bundle
 * compares code units instead, and the build stops if an id ever sorts differently (checked on the manifest below).
 */
const ORACLE_SORT = ".sort((a, b) => a.id.localeCompare(b.id))";
const byCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const commandSortWithoutIcu = {
  name: "command-sort-without-icu",
  setup(b) {
    b.onLoad({ filter: /@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes(ORACLE_SORT)) throw new Error(`${args.path}: oclif's command sort changed; review this patch`);
      return { contents: text.replace(ORACLE_SORT, ".sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))") };
    });
  },
};

rmSync("dist/bundle", { recursive: true, force: true });
rmSync("oclif.manifest.json", { force: true });

await build({
  entryPoints: ["dist/cli/run.js", "dist/cli/commands.js"],
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // CommonJS dependencies bundled into ESM call require
  banner: {
    js:
      'import { createRequire as __gantryRequire } from "node:module"; const require = ' +
      "__gantryRequire(import.meta.url);",
  },
  // oclif reads tsconfig.json with TypeScript only when it runs commands from sources (never here); the HCL parsers
  // load their WebAssembly/GopherJS code from files beside their own modules; better-sqlite3 loads its native
  // addon from beside its own modules too, and so does ssh2 (its optional crypto addon, cpu-features)
  // @pulumi/pulumi and @grpc/grpc-js are loaded where they are installed (the SDK runs its own files as programs)
  external: [
    "typescript",
    "@cdktf/hcl2json",
    "hcl2-parser",
    "better-sqlite3",
    "ssh2",
    "@pulumi/pulumi",
    "@grpc/grpc-js",
    // the PostgreSQL client's optional native binding is not installed
    "pg-native",
  ],
  plugins: [lazyStandIns, commandSortWithoutIcu],
  logLevel: "warning",
});

// The HCL converter's WebAssembly, unpacked once here rather than at every run that reads a .tf file
// (templates/hcl-wasm.ts reads it from beside the bundle; the name carries the package's version)
const require = createRequire(import.meta.url);
const hcl2json = require.resolve("@cdktf/hcl2json/package.json");
writeFileSync(
  join("dist/bundle", `hcl2json-${require(hcl2json).version}.wasm`),
  gunzipSync(readFileSync(join(dirname(hcl2json), "main.wasm.gz"))),
);

// gantry's own JSON Schemas as ajv's standalone code (contract/precompiled-validators.ts)
writePrecompiledValidators("dist/bundle");

const plugin = new Plugin({
  root: process.cwd(),
  type: "core",
  isRoot: true,
  ignoreManifest: true,
  errorOnManifestCreate: true,
});
await plugin.load();
writeFileSync("oclif.manifest.json", JSON.stringify(plugin.manifest));
const ids = Object.keys(plugin.manifest.commands);
const icuOrder = [...ids].sort((a, b) => a.localeCompare(b)).join(" ");
if ([...ids].sort(byCodeUnits).join(" ") !== icuOrder)
  throw new Error(
    "command ids sort differently by code units than by localeCompare: scripts/bundle-cli.mjs patches oclif",
  );
