// Reads a Pulumi project well enough to run it: Pulumi.yaml's name, runtime and main, and the plain values of
// Pulumi.<stack>.yaml. A stand-in until pulumi-engine/config/ lands (structured values, passphrase secrets): a
// `secure:` value is refused here with a clear error rather than passed on encrypted.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { GantryError } from "../contract/diagnostics.js";

export interface PulumiProject {
  dir: string;
  name: string;
  /** The program's entry (Pulumi.yaml `main`), else "." (the package's main, else index). */
  main: string;
  /** Run TypeScript through the SDK's ts-node (Pulumi.yaml `runtime.options.typescript`, default true). */
  typescript: boolean;
  /** Stack config for PULUMI_CONFIG: "project:key" → value as a string (objects as JSON). */
  config: Record<string, string>;
  /** Keys of `config` whose values are secrets. */
  secretKeys: string[];
}

export function loadPulumiProject(dir: string, stack: string): PulumiProject {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new GantryError(`${dir} holds no Pulumi.yaml: not a Pulumi project`);
  const doc = parse(readFileSync(file, "utf8")) as Record<string, unknown> | null;
  const name = doc?.name;
  if (typeof name !== "string" || !name) throw new GantryError(`${file}: field "name" must be the project's name`);
  const runtime = doc?.runtime;
  const runtimeName = typeof runtime === "string" ? runtime : (runtime as { name?: unknown } | undefined)?.name;
  if (runtimeName !== "nodejs")
    throw new GantryError(
      `${file}: field "runtime" is ${JSON.stringify(runtimeName ?? null)}; gantry runs only runtime: nodejs programs`,
    );
  const options = (typeof runtime === "object" && runtime !== null ? (runtime as { options?: unknown }).options : {}) as
    | Record<string, unknown>
    | undefined;
  const main = typeof doc?.main === "string" ? doc.main : ".";
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const stackFile = join(dir, `Pulumi.${stack}.yaml`);
  if (existsSync(stackFile)) {
    const stackDoc = parse(readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> } | null;
    for (const [key, value] of Object.entries(stackDoc?.config ?? {})) {
      const full = key.includes(":") ? key : `${name}:${key}`;
      if (value !== null && typeof value === "object" && "secure" in value)
        throw new GantryError(
          `${stackFile}: config ${key} is a secret (secure:); this gantry does not decrypt stack secrets yet`,
        );
      config[full] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  // the SDK's ts-node (TypeScript 3.8) costs seconds to load: only for a program that has TypeScript to run
  const hasTypeScript = ["tsconfig.json", "index.ts", main].some((f) =>
    f.endsWith(".ts") || f === "tsconfig.json" ? existsSync(join(dir, f)) : false,
  );
  return { dir, name, main, typescript: options?.typescript !== false && hasTypeScript, config, secretKeys };
}
