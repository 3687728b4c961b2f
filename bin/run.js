#!/usr/bin/env node
// gantry's entry point: the bundled CLI (dist/bundle, built by `npm run build`), loaded with V8's code cache
// (dist/bundle/cli.cjs).
import { createRequire } from "node:module";

const { run } = createRequire(import.meta.url)("../dist/bundle/cli.cjs");
await run(process.argv.slice(2), import.meta.url);
