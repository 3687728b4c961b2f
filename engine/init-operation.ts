// `init`: checks what a configuration asks for before anything runs — every
// provider must be one gantry has built in, every module source a local
// directory that exists — and creates nothing (no plugins to fetch, no lock
// file; the local state needs no backend set-up).

import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { DiagnosticBag } from "../contract/diagnostics.js";
import { readConfigRequirements } from "../templates/provider-requirements.js";
import {
  BUILTIN_PROVIDERS,
  builtinProviderFor,
  qualifiedSource,
  TERRAFORM_PROVIDER,
} from "../contract/built-in-providers.js";

export interface ProviderUse {
  /** Fully qualified source address ("registry.terraform.io/hashicorp/null"). */
  source: string;
  localName: string;
  /** Version constraints as written (not checked: the providers are built in). */
  version?: string;
}

export interface InitResult {
  /** False when the directory holds no configuration files (Terraform's "initialized in an empty directory"). */
  hasConfiguration: boolean;
  providers: ProviderUse[];
  /** Module calls and the directory each resolves to. */
  modules: { name: string; source: string; dir: string }[];
}

/** Checks a configuration's providers and module sources; throws GantryError naming every problem. */
export async function initConfiguration(dir: string): Promise<InitResult> {
  const abs = resolve(dir);
  const req = await readConfigRequirements(abs);
  const bag = new DiagnosticBag();
  const providers: ProviderUse[] = [];
  for (const p of req.providers) {
    const source = p.source
      ? qualifiedSource(p.source)
      : (BUILTIN_PROVIDERS.find((b) => b.localName === p.localName)?.source ?? qualifiedSource(p.localName));
    const builtin =
      p.localName === TERRAFORM_PROVIDER.localName && !p.source ? TERRAFORM_PROVIDER : builtinProviderFor(source);
    if (!builtin) {
      bag.add({
        severity: "error",
        summary: `Provider ${JSON.stringify(source)} is not available`,
        origin: { file: join(abs, p.file), path: [] },
        detail:
          `The configuration uses the provider ${JSON.stringify(p.localName)} (${source}), which gantry does not ` +
          "have. gantry has its providers built in and installs no others: " +
          `${BUILTIN_PROVIDERS.map((b) => `${b.localName} (${b.source})`).join(", ")}.`,
      });
      continue;
    }
    if (!providers.some((x) => x.source === builtin.source))
      providers.push({ source: builtin.source, localName: p.localName, version: p.version });
  }
  const modules: InitResult["modules"] = [];
  for (const m of req.modules) {
    if (!m.source.startsWith("./") && !m.source.startsWith("../")) {
      bag.add({
        severity: "error",
        summary: "Unsupported module source",
        origin: { file: join(abs, m.file), path: ["module", m.name, "source"] },
        detail:
          `Module ${JSON.stringify(m.name)} has source ${JSON.stringify(m.source)}. gantry reads modules from local ` +
          'paths only (starting with "./" or "../"); registry, Git and other remote sources are not supported.',
      });
      continue;
    }
    const moduleDir = join(abs, m.source);
    if (!existsSync(moduleDir) || !statSync(moduleDir).isDirectory()) {
      bag.add({
        severity: "error",
        summary: "Unreadable module directory",
        origin: { file: join(abs, m.file), path: ["module", m.name, "source"] },
        detail: `Module ${JSON.stringify(m.name)}: the directory ${moduleDir} does not exist.`,
      });
      continue;
    }
    modules.push({ name: m.name, source: m.source, dir: moduleDir });
  }
  bag.throwIfErrors();
  return { hasConfiguration: req.files.length > 0, providers, modules };
}
