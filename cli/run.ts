// The CLI's entry: Terraform users type long flags with one dash
// (-auto-approve, -var=x=1, -refresh=false); oclif wants two, so they are
// rewritten before oclif parses them. Bundled with oclif itself
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

/** Runs gantry with `argv` (without node and the script); `root` is a file or URL inside the package. */
export async function run(argv: string[], root: string): Promise<void> {
  await execute({ dir: root, args: normalizeArgs(argv) });
}
