// What a configuration directory asks of providers and modules, read from its
// files without building the model (so `init` can name a provider gantry does
// not have instead of failing on its first resource): `required_providers`
// entries, `provider` blocks, the types of `resource` and `data` blocks, and
// `module` sources. Terraform syntax in HCL (`*.tf`, through @cdktf/hcl2json,
// loaded only when such files exist) and JSON (`*.tf.json`); gantry's own
// files (`*.gantry.yaml`, `*.bde.json`) only ever use gantry's provider.

import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import { GantryError } from "../contract/diagnostics.js";

export interface ProviderRequirement {
  /** The local name in the configuration ("null"). */
  localName: string;
  /** `source` as written, when given in required_providers. */
  source?: string;
  /** Version constraints as written. */
  version?: string;
  /** The file that asks for it. */
  file: string;
}

export interface ModuleCall {
  name: string;
  source: string;
  file: string;
}

export interface ConfigRequirements {
  /** Configuration files found (names relative to the directory). */
  files: string[];
  /** Providers by local name, in the order first met. */
  providers: ProviderRequirement[];
  modules: ModuleCall[];
}

const TERRAFORM_JSON = ".tf.json";
const TERRAFORM_HCL = ".tf";
const GANTRY_FILES = [".gantry.yaml", ".gantry.yml", ".bde.json"];

export async function readConfigRequirements(dir: string): Promise<ConfigRequirements> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => e.name)
      .sort();
  } catch (e) {
    throw new GantryError(`cannot read configuration directory ${dir}: ${(e as Error).message}`);
  }
  const tfJson = names.filter((n) => n.endsWith(TERRAFORM_JSON));
  const tfHcl = names.filter((n) => n.endsWith(TERRAFORM_HCL));
  const gantryFiles = names.filter((n) => GANTRY_FILES.some((s) => n.endsWith(s)));
  const out: ConfigRequirements = { files: [...tfJson, ...tfHcl, ...gantryFiles].sort(), providers: [], modules: [] };
  const byName = new Map<string, ProviderRequirement>();
  const need = (localName: string, file: string, extra: { source?: string; version?: string } = {}): void => {
    const known = byName.get(localName);
    if (known) {
      known.source ??= extra.source;
      known.version ??= extra.version;
      return;
    }
    const r: ProviderRequirement = { localName, file, ...extra };
    byName.set(localName, r);
    out.providers.push(r);
  };
  const documents: { file: string; doc: unknown }[] = [];
  for (const file of tfJson) {
    const text = await readFile(path.join(dir, file), "utf8");
    try {
      documents.push({ file, doc: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) });
    } catch (e) {
      throw new GantryError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (tfHcl.length) {
    const { hclToJson: parse } = await import("../hcl/hcl-wasm.js");
    for (const file of tfHcl) {
      try {
        documents.push({ file, doc: await parse(file, await readFile(path.join(dir, file), "utf8")) });
      } catch (e) {
        throw new GantryError(`${file}: ${(e as Error).message}`);
      }
    }
  }
  // required_providers first: their sources name what the other blocks' local names mean
  for (const { file, doc } of documents)
    for (const tf of bodies(member(doc, "terraform")))
      for (const rp of bodies(member(tf, "required_providers")))
        for (const [name, spec] of entries(rp)) {
          if (typeof spec === "string") need(name, file, { version: spec });
          else
            need(name, file, {
              source: stringMember(spec, "source"),
              version: stringMember(spec, "version"),
            });
        }
  for (const { file, doc } of documents) {
    for (const [name] of entries(member(doc, "provider"))) need(name, file);
    for (const kind of ["resource", "data"])
      for (const [type] of entries(member(doc, kind))) need(type.split("_")[0], file);
    for (const [name, calls] of entries(member(doc, "module")))
      for (const call of bodies(calls)) out.modules.push({ name, source: stringMember(call, "source") ?? "", file });
  }
  for (const file of gantryFiles) need("gantry", file);
  return out;
}

function member(v: unknown, key: string): unknown {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
}

function stringMember(v: unknown, key: string): string | undefined {
  const x = member(v, key);
  return typeof x === "string" ? x : undefined;
}

/** A block body or a list of them (Terraform's JSON syntax allows both). */
function bodies(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flatMap(bodies);
  return v !== null && typeof v === "object" ? [v] : [];
}

/** Labelled entries of a block, merged over the list form; "//" comments skipped. */
function entries(v: unknown): [string, unknown][] {
  return bodies(v).flatMap((b) => Object.entries(b as Record<string, unknown>).filter(([k]) => k !== "//"));
}
