// Where a configuration's `terraform { backend "local" { path = "..." } }`
// keeps state, read synchronously when a workspace is opened
// (engine/workspace.ts), before the configuration is loaded: state commands
// need it without loading anything else. Only the `terraform` blocks are
// read; the shared builder checks them (templates/terraform-settings-builder.ts)
// when the configuration is loaded, and reports every mistake there.

import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

const TERRAFORM_LINE = /^terraform\s*\{/;
const TOP_LEVEL_LINE =
  /^(?:resource|data|variable|output|locals|module|terraform|provider|moved|import|check|removed)[\s"{]/;

/** The local backend's `path` in `dir`'s `.tf` and `.tf.json` files, if one is given. */
export function localBackendPath(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".tf") || n.endsWith(".tf.json"));
  } catch {
    return undefined;
  }
  for (const name of names.sort()) {
    let text: string;
    try {
      text = readFileSync(path.join(dir, name), "utf8");
    } catch {
      continue;
    }
    if (!text.includes("backend")) continue;
    const found = name.endsWith(".json") ? fromJson(text) : fromHcl(text);
    if (found !== undefined) return found;
  }
  return undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function member(v: unknown, k: string): unknown {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
}

/** backend.local.path in Terraform's JSON form (any level may be a list of bodies). */
function pathIn(terraform: unknown): string | undefined {
  for (const t of list(terraform))
    for (const b of list(member(t, "backend")))
      for (const local of list(member(b, "local"))) {
        const p = member(local, "path");
        if (typeof p === "string") return p;
      }
  return undefined;
}

function fromJson(text: string): string | undefined {
  try {
    return pathIn(member(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), "terraform"));
  } catch {
    return undefined;
  }
}

/** Each top-level `terraform` block's text, parsed alone by the synchronous HCL converter. */
function fromHcl(text: string): string | undefined {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!TERRAFORM_LINE.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !TOP_LEVEL_LINE.test(lines[end])) end++;
    const parse = (createRequire(import.meta.url)("hcl2-parser") as { parseToObject: (s: string) => [unknown] })
      .parseToObject;
    const [json] = parse(lines.slice(i, end).join("\n"));
    const found = pathIn(member(json, "terraform"));
    if (found !== undefined) return found;
  }
  return undefined;
}
