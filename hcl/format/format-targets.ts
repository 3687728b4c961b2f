// Which files `fmt` formats, as `terraform fmt` picks them: the `.tf` and
// `.tfvars` files of each directory named (of its subdirectories too when
// recursive), skipping the files Terraform ignores (hidden, editor backups);
// files named directly, which must be `.tf` or `.tfvars`. Each is formatted
// in turn (format-hcl.ts); nothing is written here.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { HclSyntaxError } from "../hcl-parser.js";
import { formatHcl } from "./format-hcl.js";

export const FORMATTED_EXTENSIONS = [".tf", ".tfvars"];

/** One file formatted: its text before and after, or its syntax errors. */
export type FormattedFile =
  | { path: string; ok: true; before: string; after: string }
  | { path: string; ok: false; errors: HclSyntaxError[]; content: string };

/** Terraform's ignored files: hidden ones, and editors' backups (`x~`, `#x#`). */
function isIgnored(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"));
}

const formattable = (name: string) => FORMATTED_EXTENSIONS.some((e) => name.endsWith(e));

/** The files a target names, in the order Terraform visits them; throws a plain message for a bad target. */
export function filesOfTarget(target: string, recursive: boolean): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    throw new Error(`No file or directory at ${target}`);
  }
  if (!isDir) {
    if (!formattable(target))
      throw new Error(`Only ${FORMATTED_EXTENSIONS.join(" and ")} files can be processed with gantry fmt`);
    return [target];
  }
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (isIgnored(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (recursive) walk(p);
      } else if (formattable(e.name)) out.push(p);
    }
  };
  walk(target);
  return out;
}

/** Formats one file's text (read from `path` unless given). */
export async function formatFile(path: string, text = readFileSync(path, "utf8")): Promise<FormattedFile> {
  const r = await formatHcl(path, text);
  return r.ok ? { path, ok: true, before: text, after: r.text } : { path, ok: false, errors: r.errors, content: text };
}
