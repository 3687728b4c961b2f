// Where a configuration's `terraform { backend "local" { path = "..." } }`
// (or `backend "pg" { conn_str = "..." }`) keeps state, read synchronously when a workspace is opened
// (engine/workspace.ts), before the configuration is loaded: state commands
// need it without loading anything else. Only the `terraform` blocks (a YAML file's `terraform` section) are
// read; the shared builder checks them (templates/terraform-settings-builder.ts)
// when the configuration is loaded, and reports every mistake there.

import { closeSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

/** The backend block a configuration names: its type and its settings as written (unchecked). */
export interface ConfiguredBackend {
  type: string;
  settings: Record<string, unknown>;
  /** The file it is in, relative to the directory. */
  file: string;
}

const YAML_SUFFIXES = [".gantry.yaml", ".gantry.yml"];

const TERRAFORM_LINE = /^terraform\s*\{/;
const TOP_LEVEL_LINE =
  /^(?:resource|data|variable|output|locals|module|terraform|provider|moved|import|check|removed)[\s"{]/;

/** The local backend's `path` in `dir`'s configuration files, if one is given. */
export function localBackendPath(dir: string): string | undefined {
  const b = configuredBackend(dir);
  return b?.type === "local" && typeof b.settings.path === "string" ? b.settings.path : undefined;
}

/** The backend block in `dir`'s `.tf`, `.tf.json` and `.gantry.yaml` files, if there is one. */
export function configuredBackend(dir: string): ConfiguredBackend | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter(
      (n) => n.endsWith(".tf") || n.endsWith(".tf.json") || YAML_SUFFIXES.some((s) => n.endsWith(s)),
    );
  } catch {
    return undefined;
  }
  for (const name of names.sort()) {
    let text: string;
    try {
      // looked for in the bytes: most files name no backend, and reading and decoding a large one whole (6.6 MB for
      // 100,000 resources in .tf.json) cost more than the rest of this
      if (!mentionsBackend(path.join(dir, name))) continue;
      text = readFileSync(path.join(dir, name), "utf8");
    } catch {
      continue;
    }
    const found = name.endsWith(".json") ? fromJson(text) : name.endsWith(".tf") ? fromHcl(text) : fromYaml(text);
    if (found !== undefined) return { ...found, file: name };
  }
  return undefined;
}

const BACKEND = Buffer.from("backend");
/** Bytes searched at a time. */
const PIECE = 1 << 16;

/** The file holds the word "backend": searched piece by piece, through one small buffer. */
function mentionsBackend(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(PIECE);
    // each piece starts with the end of the one before, where the word may begin
    const keep = BACKEND.length - 1;
    let filled = 0;
    for (;;) {
      const got = readSync(fd, buf, filled, PIECE - filled, null);
      if (got === 0) return false;
      filled += got;
      if (buf.subarray(0, filled).includes(BACKEND)) return true;
      if (filled > keep) {
        buf.copy(buf, 0, filled - keep, filled);
        filled = keep;
      }
    }
  } finally {
    closeSync(fd);
  }
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function member(v: unknown, k: string): unknown {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
}

type Found = Omit<ConfiguredBackend, "file">;

/** The backend block in Terraform's JSON form (any level may be a list of bodies). */
function backendIn(terraform: unknown): Found | undefined {
  for (const t of list(terraform))
    for (const b of list(member(t, "backend"))) {
      if (b === null || typeof b !== "object" || Array.isArray(b)) continue;
      for (const [type, bodies] of Object.entries(b as Record<string, unknown>))
        for (const body of list(bodies))
          if (body !== null && typeof body === "object" && !Array.isArray(body))
            return { type, settings: body as Record<string, unknown> };
    }
  return undefined;
}

/** Read with the `yaml` library loaded here, when a YAML file mentions a backend: other runs do not load it. */
function fromYaml(text: string): Found | undefined {
  try {
    const yaml = createRequire(import.meta.url)("yaml") as typeof import("yaml");
    return backendIn(member(yaml.parse(text), "terraform"));
  } catch {
    return undefined;
  }
}

function fromJson(text: string): Found | undefined {
  try {
    return backendIn(member(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), "terraform"));
  } catch {
    return undefined;
  }
}

/** Each top-level `terraform` block's text, parsed alone by the synchronous HCL converter. */
function fromHcl(text: string): Found | undefined {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!TERRAFORM_LINE.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !TOP_LEVEL_LINE.test(lines[end])) end++;
    const parse = (createRequire(import.meta.url)("hcl2-parser") as { parseToObject: (s: string) => [unknown] })
      .parseToObject;
    const [json] = parse(lines.slice(i, end).join("\n"));
    const found = backendIn(member(json, "terraform"));
    if (found !== undefined) return found;
  }
  return undefined;
}
