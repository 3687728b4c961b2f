#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/run.js, dist/cli/commands.js and all they load)
// into dist/bundle: a few files instead of some hundred modules
// to resolve, read and compile at every start. Commands still load what they
// need only when they run (dynamic imports become chunks of their own).
// oclif is bundled too (one instance, shared by the entry and the commands),
// and its manifest is written, so `--help` reads the commands' flags from
// oclif.manifest.json instead of loading every command.
import { rmSync, writeFileSync } from "node:fs";
import { Plugin } from "@oclif/core";
import { build } from "esbuild";

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
  logLevel: "warning",
});

const plugin = new Plugin({
  root: process.cwd(),
  type: "core",
  isRoot: true,
  ignoreManifest: true,
  errorOnManifestCreate: true,
});
await plugin.load();
writeFileSync("oclif.manifest.json", JSON.stringify(plugin.manifest));
