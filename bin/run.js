#!/usr/bin/env node
// gantry's entry point. Terraform users type long flags with one dash
// (-auto-approve, -var=x=1, -refresh=false); oclif wants two, so they are
// rewritten before oclif parses them. As Terraform does, a leading
// `-chdir=DIR` switches the working directory first, and TF_CLI_ARGS /
// TF_CLI_ARGS_<command> add arguments right after the command's name.
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

/** Terraform's -chdir: only among the options before the command; returns the directory and the other args. */
export function extractChdir(argv) {
  let dir;
  const rest = [];
  let leading = true;
  for (const a of argv) {
    if (leading && !a.startsWith("-")) leading = false;
    if (leading && /^--?chdir$/.test(a))
      throw new Error(
        "Invalid -chdir option: must include an equals sign followed by a directory path, like -chdir=example",
      );
    const m = leading ? /^--?chdir=(.*)$/s.exec(a) : null;
    if (m) dir = m[1] || undefined;
    else rest.push(a);
  }
  return { dir, args: rest };
}

/**
 * The command the arguments name, as Terraform finds it: the longest run of
 * leading words that is a command ("workspace select"); undefined for none.
 */
export function commandOf(argv, ids) {
  const words = [];
  let found;
  for (const a of argv) {
    if (a.startsWith("-")) break;
    words.push(a);
    if (ids.has(words.join(":"))) found = words.join(" ");
  }
  return found;
}

/** Terraform's mergeEnvArgs: the variable's words inserted after the command's (last) word. */
export function mergeEnvArgs(value, command, argv, split) {
  if (!value) return argv;
  let extra;
  try {
    extra = split(value);
  } catch (e) {
    throw new Error(`Error parsing extra CLI args: ${e.message}`);
  }
  const search = command.slice(command.lastIndexOf(" ") + 1);
  const at = argv.indexOf(search) + 1;
  return [...argv.slice(0, at), ...extra, ...argv.slice(at)];
}

async function withEnvArgs(argv) {
  const names = Object.keys(process.env).filter((k) => k === "TF_CLI_ARGS" || k.startsWith("TF_CLI_ARGS_"));
  if (!names.length) return argv;
  const [{ commands }, { split }] = await Promise.all([import("../dist/bundle/commands.js"), import("shellwords")]);
  const command = commandOf(argv, new Set(Object.keys(commands)));
  if (!command) return argv;
  let out = mergeEnvArgs(process.env.TF_CLI_ARGS, command, argv, split);
  out = mergeEnvArgs(process.env[`TF_CLI_ARGS_${command.replace(/[- ]/g, "_")}`], command, out, split);
  return out;
}

let argv = process.argv.slice(2);
try {
  const { dir, args } = extractChdir(argv);
  if (dir !== undefined) {
    try {
      process.chdir(dir);
    } catch (e) {
      throw new Error(
        `Error handling -chdir option: chdir ${dir}: ${e.code === "ENOENT" ? "no such file or directory" : e.message}`,
      );
    }
  }
  argv = await withEnvArgs(args);
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
await execute({ dir: import.meta.url, args: normalizeArgs(argv) });
