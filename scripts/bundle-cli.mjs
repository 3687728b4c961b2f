#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/run.js, dist/cli/commands.js and all they load)
// into dist/bundle: two CommonJS files instead of some hundred modules to resolve,
// read and compile at every start, run with V8's code cache (scripts/bundle-loader.cjs).
// Commands still run what they need only when they run (a dynamically imported module
// is evaluated when first imported). oclif is bundled too (one instance, shared by the
// entry and the commands), and its manifest is written, so `--help` reads the commands'
// flags from oclif.manifest.json instead of loading every command.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Plugin } from "@oclif/core";
import { build } from "esbuild";
import { writePrecompiledValidators } from "./precompile-validators.mjs";
import { writeCodeCache } from "./write-code-cache.mjs";

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

/**
 * esbuild escapes non-ASCII characters in strings and identifiers but leaves them in regular expression literals and
 * comments; one such character makes Node decode a whole file on UTF-8's slow path into a two-byte string. Each UTF-16
 * code unit above 0x7f becomes \\uXXXX, which a regular expression, with or without the u flag, reads as the same
 * character (a surrogate pair as one code point).
 */
const toAscii = (text) =>
  text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The modules of oclif the commands import, given to engine.cjs by front.cjs (one oclif in the process). */
const OCLIF_MODULES = ["@oclif/core/args", "@oclif/core/command", "@oclif/core/flags"];
const oclifFromFront = {
  name: "oclif-from-front",
  setup(b) {
    b.onResolve({ filter: /^@oclif\/core(\/|$)/ }, (args) => {
      if (!OCLIF_MODULES.includes(args.path))
        throw new Error(`${args.importer} imports ${args.path}: add it to OCLIF_MODULES in scripts/bundle-cli.mjs`);
      return { path: args.path, external: true };
    });
  },
};
/** front.cjs loads the commands (run.ts, for TF_CLI_ARGS) from engine.cjs, through the loader. */
const commandsFromEngine = {
  name: "commands-from-engine",
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\.js$/ }, (args) =>
      args.importer.endsWith("run.js") ? { path: "gantry:engine", external: true } : undefined,
    );
    // the lazy stand-ins find oclif's own dependencies from where it is installed
    b.onResolve({ filter: /^@oclif\/core$/ }, (args) =>
      args.kind === "require-resolve" ? { path: args.path, external: true } : undefined,
    );
  },
};

rmSync("dist/bundle", { recursive: true, force: true });
rmSync("oclif.manifest.json", { force: true });

/**
 * Two CommonJS bundles, run by dist/bundle/cli.cjs (scripts/bundle-loader.cjs) with V8's code cache: front.cjs, the
 * entry and oclif, and engine.cjs, every command and all it runs. The code stays as lazy as in its modules: a module
 * imported dynamically runs when first imported (esbuild wraps it), so a command's start runs what it imports.
 */
const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // import() becomes a require() (the bundles run as vm scripts, where Node 20 offers import() only as experimental)
  supported: { "dynamic-import": false },
  // code that finds files beside its module (the HCL converter's WebAssembly, the precompiled validators)
  define: { "import.meta.url": "__gantryImportMetaUrl" },
  // strict, as the ES modules it is made of (and the ES module bundle before it) were
  banner: { js: '"use strict";var __gantryImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
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
    // the Heat API server's framework and the PostgreSQL client, with their dependencies a third of the bundle that
    // every start reads, are loaded from node_modules by the commands that use them (serve, the pg state backend)
    "fastify",
    "pg",
  ],
  minifyWhitespace: true,
  logLevel: "warning",
  write: false,
};
const writeBundle = (result) => {
  mkdirSync("dist/bundle", { recursive: true });
  for (const f of result.outputFiles) writeFileSync(f.path, toAscii(f.text));
};
const oclifModules = OCLIF_MODULES.map((m) => `${JSON.stringify(m)}: () => require(${JSON.stringify(m)})`).join(", ");
await build({
  ...common,
  stdin: {
    contents: `export { run } from "./run.js";\nexport const oclifModules = { ${oclifModules} };\n`,
    resolveDir: "dist/cli",
    sourcefile: "front-entry.js",
  },
  outfile: "dist/bundle/front.cjs",
  plugins: [lazyStandIns, commandSortWithoutIcu, commandsFromEngine],
}).then(writeBundle);
await build({
  ...common,
  stdin: {
    contents: 'export { commands } from "./commands.js";\n',
    resolveDir: "dist/cli",
    sourcefile: "engine-entry.js",
  },
  outfile: "dist/bundle/engine.cjs",
  plugins: [oclifFromFront],
}).then(writeBundle);
copyFileSync("scripts/bundle-loader.cjs", "dist/bundle/cli.cjs");
// oclif's explicit command discovery loads this file (package.json oclif.commands.target)
writeFileSync("dist/bundle/commands.cjs", 'module.exports = { commands: require("./cli.cjs").commands() };\n');

// The HCL converter's WebAssembly, unpacked once here rather than at every run that reads a .tf file
// (hcl/hcl-wasm.ts reads it from beside the bundle; the name carries the package's version)
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

// V8's code caches of the two bundles, from a run of `--help` and of a no-change plan
await writeCodeCache();
