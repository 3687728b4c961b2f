#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/commands.js and everything it loads,
// oclif aside) into dist/bundle: a few files instead of some hundred modules
// to resolve, read and compile at every start. Commands still load what they
// need only when they run (dynamic imports become chunks of their own).
import { build } from "esbuild";

await build({
  entryPoints: ["dist/cli/commands.js"],
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // oclif stays one instance, shared with bin/run.js; hcl2json reads its WebAssembly beside its own files
  external: ["@oclif/core", "@cdktf/hcl2json"],
  // CommonJS dependencies bundled into ESM call require
  banner: {
    js:
      'import { createRequire as __gantryRequire } from "node:module"; const require = ' +
      "__gantryRequire(import.meta.url);",
  },
  logLevel: "warning",
});
