#!/usr/bin/env node
// gantry's entry point. Terraform users type long flags with one dash
// (-auto-approve, -var=x=1, -refresh=false); oclif wants two, so they are
// rewritten before oclif parses them.
// oclif is imported by its sub-paths (here and in cli/): its index loads every
// part of oclif and checks the Node version with semver, which no command needs.
import { execute } from "@oclif/core/execute";

export function normalizeArgs(argv) {
  const out = [];
  let rest = false;
  for (const a of argv) {
    if (rest || a === "--") {
      rest = true;
      out.push(a);
      continue;
    }
    let x = a;
    if (/^-[a-z][a-z0-9-]+(=.*)?$/s.test(x)) x = `-${x}`;
    const b = /^--([a-z][a-z0-9-]*)=(true|false)$/.exec(x);
    if (b) x = b[2] === "true" ? `--${b[1]}` : `--no-${b[1]}`;
    out.push(x);
  }
  return out;
}

await execute({ dir: import.meta.url, args: normalizeArgs(process.argv.slice(2)) });
