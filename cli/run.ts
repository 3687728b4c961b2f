// The CLI's entry: Terraform users type long flags with one dash
// (-auto-approve, -var=x=1, -refresh=false); oclif wants two, so they are
// rewritten before oclif parses them. As Terraform does, a leading
// `-chdir=DIR` switches the working directory first, and TF_CLI_ARGS /
// TF_CLI_ARGS_<command> add arguments right after the command's name.
// Bundled with oclif itself
// (scripts/bundle-cli.mjs), so a start reads a few files, not hundreds.
import { execute } from "@oclif/core/execute";

export function normalizeArgs(argv: string[]): string[] {
  const out: string[] = [];
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
export function extractChdir(argv: string[]): { dir?: string; args: string[] } {
  let dir: string | undefined;
  const rest: string[] = [];
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
export function commandOf(argv: string[], ids: Set<string>): string | undefined {
  const words: string[] = [];
  let found: string | undefined;
  for (const a of argv) {
    if (a.startsWith("-")) break;
    words.push(a);
    if (ids.has(words.join(":"))) found = words.join(" ");
  }
  return found;
}

/** Terraform's mergeEnvArgs: the variable's words inserted after the command's (last) word. */
export function mergeEnvArgs(
  value: string | undefined,
  command: string,
  argv: string[],
  split: (line: string) => string[],
): string[] {
  if (!value) return argv;
  let extra: string[];
  try {
    extra = split(value);
  } catch (e) {
    throw new Error(`Error parsing extra CLI args: ${(e as Error).message}`);
  }
  const search = command.slice(command.lastIndexOf(" ") + 1);
  const at = argv.indexOf(search) + 1;
  return [...argv.slice(0, at), ...extra, ...argv.slice(at)];
}

async function withEnvArgs(argv: string[]): Promise<string[]> {
  if (!Object.keys(process.env).some((k) => k === "TF_CLI_ARGS" || k.startsWith("TF_CLI_ARGS_"))) return argv;
  const [{ commands }, { split }] = await Promise.all([import("./commands.js"), import("shellwords")]);
  const command = commandOf(argv, new Set(Object.keys(commands)));
  if (!command) return argv;
  const out = mergeEnvArgs(process.env.TF_CLI_ARGS, command, argv, split);
  return mergeEnvArgs(process.env[`TF_CLI_ARGS_${command.replace(/[- ]/g, "_")}`], command, out, split);
}

/** Runs gantry with `argv` (without node and the script); `root` is a file or URL inside the package. */
export async function run(argv: string[], root: string): Promise<void> {
  let args: string[];
  try {
    const chdir = extractChdir(argv);
    if (chdir.dir !== undefined) {
      try {
        process.chdir(chdir.dir);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(
          `Error handling -chdir option: chdir ${chdir.dir}: ` +
            (code === "ENOENT" ? "no such file or directory" : (e as Error).message),
        );
      }
    }
    args = await withEnvArgs(chdir.args);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  await execute({ dir: root, args: normalizeArgs(args) });
}
