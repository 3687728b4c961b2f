#!/usr/bin/env node
// gantry's entry point: the bundled CLI (dist/bundle, built by `npm run build`).
import { run } from "../dist/bundle/run.js";

await run(process.argv.slice(2), import.meta.url);
